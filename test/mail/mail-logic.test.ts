// The layout of every mail (renderMail) and the reading of a stored message's headers.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeEncodedWords, readHeaders, renderMail } from '../../src/mail/mail-logic.ts';

describe('renderMail', () => {
  test('escapes markup in the heading, the paragraphs, the action and the closing', () => {
    const { html, text } = renderMail({
      locale: 'en',
      heading: 'Welcome <script>alert(1)</script>',
      paragraphs: ['Ana <img src=x onerror=alert(2)> & "friends"', 'second\nline'],
      action: { label: 'Accept <b>now</b>', url: 'https://normhub.example/en/invitations/abc?x=1&y="2"><script>' },
      closing: "Regards, <i>the Secretariat</i>'",
    });
    assert.doesNotMatch(html, /<script|<img|<b>|<i>/);
    assert.match(html, /Welcome &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /Ana &lt;img src=x onerror=alert\(2\)&gt; &amp; &quot;friends&quot;/);
    // the URL stays inside its quoted attribute: its quote and angle brackets are escaped
    assert.match(html, /href="https:\/\/normhub\.example\/en\/invitations\/abc\?x=1&amp;y=&quot;2&quot;&gt;&lt;script&gt;"/);
    assert.match(html, /second<br>line/);
    assert.match(html, /Regards, &lt;i&gt;the Secretariat&lt;\/i&gt;&#39;/);
    // the text version carries the same words, unescaped, and the address whole
    assert.match(text, /^Welcome <script>alert\(1\)<\/script>\n/);
    assert.match(text, /Accept <b>now<\/b>:\nhttps:\/\/normhub\.example\/en\/invitations\/abc\?x=1&y="2"><script>\n/);
    assert.match(text, /\n-- \nNormHub — United Nations standards and norms/);
  });

  test('refuses an action that is not a web address', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', '/en/relative', 'not a url']) {
      assert.throws(() => renderMail({ locale: 'en', heading: 'h', paragraphs: [], action: { label: 'go', url } }), /http or https/);
    }
  });

  test('Arabic mail is right to left, in Arabic, with the link itself left to right', () => {
    const { html, text } = renderMail({
      locale: 'ar',
      heading: 'دعوة إلى NormHub',
      paragraphs: ['مرحباً'],
      action: { label: 'قبول الدعوة', url: 'https://normhub.example/ar/invitations/abc' },
    });
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /<div lang="ar" dir="rtl" [^>]*text-align:right/);
    assert.match(html, /إذا لم يعمل الزر/);
    assert.match(html, /<a href="https:\/\/normhub\.example\/ar\/invitations\/abc" dir="ltr"/);
    assert.match(text, /معايير الأمم المتحدة/);
    assert.doesNotMatch(html, /If the button does not work/);
  });

  test('every locale writes the layout in its own language', () => {
    const copyLink = new Set<string>();
    for (const locale of ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const) {
      const { html } = renderMail({ locale, heading: 'h', paragraphs: ['p'], action: { label: 'l', url: 'https://x.example/' } });
      assert.match(html, new RegExp(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`));
      copyLink.add(/<br><a href/.test(html) ? html.split('color:#595959">')[1]!.split('<br>')[0]! : '');
    }
    assert.equal(copyLink.size, 6, 'six different sentences under the button');
  });
});

describe('readHeaders', () => {
  test('unfolds continued lines and decodes encoded words', () => {
    const raw = 'Subject: =?UTF-8?B?2K/YudmI2Kk=?= =?UTF-8?Q?_caf=C3=A9?=\r\nTo: a@example.org\r\nContent-Type: multipart/alternative;\r\n boundary="x"\r\n\r\nSubject: not a header';
    assert.deepEqual(readHeaders(raw), [
      { name: 'Subject', value: 'دعوة café' },
      { name: 'To', value: 'a@example.org' },
      { name: 'Content-Type', value: 'multipart/alternative; boundary="x"' },
    ]);
  });

  test('leaves unknown charsets and plain text alone', () => {
    assert.equal(decodeEncodedWords('=?KOI8-R?B?8NLJ18XU?= plain'), '=?KOI8-R?B?8NLJ18XU?= plain');
    assert.equal(decodeEncodedWords('=?ISO-8859-1?Q?Andr=E9?='), 'André');
  });
});
