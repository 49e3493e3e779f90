// The outbox for administrators: the web pages (gated, localised, the HTML of a message never
// injected into the page) and `normhub outbox`, which lists what the web shows.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { listOutboxCommand, showOutboxCommand } from '../../src/cli/outbox-command.ts';
import type { Actor } from '../../src/http/access.ts';
import { renderMail } from '../../src/mail/mail-logic.ts';
import { createMailer } from '../../src/mail/mail-service.ts';
import { startTestSmtpServer } from '../helpers/smtp.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const admin: Actor = { userId: 'u-admin', email: 'ada@un.example', name: 'Ada', role: 'admin', stateCode: null, locale: 'en', sessionId: 's1' };
const officer: Actor = { userId: 'u-officer', email: 'otto@un.example', name: 'Otto', role: 'officer', stateCode: null, locale: 'en', sessionId: 's2' };

let db: TestDb;
let app: FastifyInstance;
const ids: Record<string, string> = {};

before(async () => {
  db = await createTestDb();
  const actors: Record<string, Actor> = { admin, officer };
  app = await buildApp({ db, resolveActor: async (request) => actors[String(request.headers['x-test-actor'])] ?? null });
  const mailer = createMailer({ db });
  const hostile = renderMail({
    locale: 'en',
    heading: 'Password reset',
    paragraphs: ['Someone asked to reset the password of <script>alert("x")</script>.'],
    action: { label: 'Choose a new password', url: 'https://normhub.example/en/password-reset/tok-42' },
  });
  ids.reset = (await mailer.send({ to: 'ines@example.org', locale: 'en', kind: 'password-reset', subject: 'Reset <b>your</b> password', ...hostile })).id;
  const arabic = renderMail({ locale: 'ar', heading: 'دعوة', paragraphs: ['تدعوك الأمانة العامة.'], action: { label: 'قبول', url: 'https://normhub.example/ar/invitations/tok-7' } });
  ids.invitation = (await mailer.send({ to: 'karim@example.org', locale: 'ar', kind: 'invitation', subject: 'دعوتك إلى NormHub', ...arabic })).id;
  // and one sent through a real SMTP server, whose body is not kept
  const smtp = await startTestSmtpServer();
  try {
    ids.smtp = (await createMailer({ db, smtpUrl: smtp.url }).send({ to: 'lena@example.org', locale: 'fr', kind: 'invitation', subject: 'Votre invitation', ...renderMail({ locale: 'fr', heading: 'Invitation', paragraphs: ['Bonjour'], action: { label: 'Accepter', url: 'https://normhub.example/fr/invitations/tok-9' } }) })).id;
    await smtp.waitForMessage();
  } finally {
    await smtp.close();
  }
});
after(async () => {
  await app.close();
  await db.close();
});

const as = (who: string | null, url: string) => app.inject({ url, headers: who ? { 'x-test-actor': who } : {} });

describe('the outbox pages', () => {
  test('only administrators: the public is asked to sign in, an officer is refused', async () => {
    for (const url of ['/en/admin/outbox', `/en/admin/outbox/${ids.reset}`]) {
      const anonymous = await as(null, url);
      if (anonymous.statusCode === 303) assert.match(String(anonymous.headers.location), /^\/en\/login\?next=/);
      else assert.equal(anonymous.statusCode, 401, url);
      assert.doesNotMatch(anonymous.body, /tok-42|ines@example/);
      const refused = await as('officer', url);
      assert.equal(refused.statusCode, 403, url);
      assert.doesNotMatch(refused.body, /tok-42|ines@example/);
    }
  });

  test('the list: newest first, status and language named, filters, no caching', async () => {
    const response = await as('admin', '/en/admin/outbox');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    const body = response.body;
    assert.match(body, /<h1>Outbox<\/h1>/);
    assert.match(body, /<h2>Messages: 3<\/h2>/);
    const order = ['lena@example.org', 'karim@example.org', 'ines@example.org'].map((address) => body.indexOf(address));
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'newest first');
    assert.match(body, new RegExp(`<a href="/en/admin/outbox/${ids.invitation}" lang="ar" dir="rtl">دعوتك إلى NormHub</a>`));
    assert.match(body, /<td>Arabic<\/td>/);
    assert.match(body, /<td>Kept in the outbox<\/td>/);
    assert.match(body, /<td>Sent<\/td>/);
    assert.match(body, /Reset &lt;b&gt;your&lt;\/b&gt; password/);
    assert.match(body, /<option value="password-reset">password-reset<\/option>/);

    const filtered = await as('admin', '/en/admin/outbox?kind=invitation&to=KARIM');
    assert.match(filtered.body, /<h2>Messages: 1<\/h2>/);
    assert.match(filtered.body, /<option value="invitation" selected>/);
    assert.match(filtered.body, /<input id="outbox-to" name="to" type="search" value="KARIM"/);
    assert.doesNotMatch(filtered.body, /ines@example\.org|lena@example\.org/);
  });

  test('a message: headers and text; its HTML only as escaped source, never as markup', async () => {
    const response = await as('admin', `/en/admin/outbox/${ids.reset}`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    const body = response.body;
    assert.match(body, /<h1 lang="en" dir="ltr">Reset &lt;b&gt;your&lt;\/b&gt; password<\/h1>/);
    assert.match(body, /Subject: Reset &lt;b&gt;your&lt;\/b&gt; password\n/);
    assert.match(body, /Content-Language: en\n/);
    assert.match(body, /From: NormHub &lt;no-reply@normhub\.localhost&gt;\n/);
    assert.match(body, /https:\/\/normhub\.example\/en\/password-reset\/tok-42/);
    // the mail's own markup appears only escaped: no second <html>, no live link or script
    assert.equal(body.match(/<html/g)?.length, 1);
    assert.doesNotMatch(body, /<a href="https:\/\/normhub\.example/);
    assert.doesNotMatch(body, /<script>/);
    assert.match(body, /&lt;!doctype html&gt;/);
    assert.match(body, /<details><summary>HTML version \(its source, not displayed\)<\/summary>/);
  });

  test('a message sent by SMTP shows that its body is not kept', async () => {
    const body = (await as('admin', `/fr/admin/outbox/${ids.smtp}`)).body;
    assert.match(body, /Le corps de ce message n&#39;est pas conservé/);
    assert.match(body, /<dd>Serveur de messagerie \(SMTP\)<\/dd>/);
    assert.match(body, /<dd>Envoyé<\/dd>/);
    assert.doesNotMatch(body, /tok-9/);
  });

  test('in Arabic, right to left, the message text in its own direction', async () => {
    const list = await as('admin', '/ar/admin/outbox');
    assert.match(list.body, /<html lang="ar" dir="rtl">/);
    assert.match(list.body, /<h1>صندوق الصادر<\/h1>/);
    assert.doesNotMatch(list.body, />(Outbox|Filter|Subject|Status)</);
    const message = await as('admin', `/ar/admin/outbox/${ids.invitation}`);
    assert.match(message.body, /<pre class="body" lang="ar" dir="rtl">دعوة\n/);
  });

  test('unknown or malformed ids are 404 pages; bad filters are refused with the form kept', async () => {
    for (const id of ['999999', 'abc', '1%20or%201=1']) {
      const response = await as('admin', `/en/admin/outbox/${id}`);
      assert.equal(response.statusCode, 404, id);
    }
    const long = 'x'.repeat(201);
    const refused = await as('admin', `/en/admin/outbox?to=${long}`);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /<a href="#outbox-to">Enter at most 200 characters\.<\/a>/);
    assert.match(refused.body, new RegExp(`value="${long}"`));
    assert.equal((await as('admin', '/en/admin/outbox?page=-1')).statusCode, 400);
  });
});

describe('normhub outbox', () => {
  test('lists what the web shows, in the same order', async () => {
    const text = await listOutboxCommand(db, { limit: 20, json: false });
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0]!, /^ID +DATE \(UTC\) +STATUS +KIND +LANG +TO +SUBJECT$/);
    assert.deepEqual(
      lines.slice(1).map((line) => line.split(/ {2,}/)[0]),
      [ids.smtp, ids.invitation, ids.reset],
    );
    assert.match(lines[3]!, /stored +password-reset +en +ines@example\.org +Reset <b>your<\/b> password$/);

    const page = (await as('admin', '/en/admin/outbox')).body;
    const webIds = [...page.matchAll(/<a href="\/en\/admin\/outbox\/(\d+)"/g)].map((match) => match[1]);
    assert.deepEqual(webIds, [ids.smtp, ids.invitation, ids.reset]);
  });

  test('--kind, --to, --limit and --json', async () => {
    const json = JSON.parse(await listOutboxCommand(db, { limit: 1, kind: 'invitation', json: true }));
    assert.equal(json.total, 2);
    assert.deepEqual(json.messages.map((m: { id: string }) => m.id), [ids.smtp]);
    assert.deepEqual(Object.keys(json.messages[0]).sort(), ['createdAt', 'error', 'id', 'kind', 'locale', 'status', 'subject', 'to', 'transport']);
    const limited = await listOutboxCommand(db, { limit: 1, to: 'example.org', json: false });
    assert.match(limited, /2 older messages not shown \(--limit\)\.\n$/);
    assert.equal(await listOutboxCommand(db, { limit: 5, to: 'nobody', json: false }), 'The outbox is empty.\n');
  });

  test('show ID prints the headers and the text; an SMTP message says its body is not kept', async () => {
    const shown = await showOutboxCommand(db, ids.invitation!);
    assert.match(shown, /^Message \d+: invitation, ar, stored \(outbox\), /);
    assert.match(shown, /\nSubject: دعوتك إلى NormHub\n/);
    assert.match(shown, /\nTo: karim@example\.org\n/);
    assert.match(shown, /\nContent-Language: ar\n/);
    assert.doesNotMatch(shown, /Content-Transfer-Encoding/);
    assert.match(shown, /https:\/\/normhub\.example\/ar\/invitations\/tok-7/);
    assert.match(await showOutboxCommand(db, ids.smtp!), /The body is not kept/);
    await assert.rejects(showOutboxCommand(db, '424242'), /no message 424242/);
  });
});
