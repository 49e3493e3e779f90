// The web app through app.inject, on a real migrated database.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp, type Readiness } from '../src/app.ts';
import { CATALOGUES, LOCALES } from '../src/i18n/i18n.ts';
import { storeImportResult } from '../src/importer/importer-service.ts';
import { validateAknDocuments } from './helpers/akn-schema.ts';
import { sampleDocument } from './helpers/documents.ts';
import { createTestDb, type TestDb } from './helpers/test-db.ts';

const SYMBOL = 'E/RES/1997/32';
const ENCODED = encodeURIComponent(SYMBOL);

function count(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

/** What every page must have: HTML5 doctype, lang and dir, a working skip link, one <main>, one <h1>. */
function assertPageShape(body: string, { lang, dir }: { lang: string; dir: 'ltr' | 'rtl' }): void {
  assert.match(body, /^<!doctype html>/i);
  assert.match(body, new RegExp(`<html lang="${lang}" dir="${dir}">`));
  assert.match(body, /<meta charset="utf-8">/);
  assert.match(body, /<title>[^<]+<\/title>/);
  assert.match(body, /<a class="skip" href="#main">/);
  assert.equal(count(body, /<main id="main"/), 1);
  assert.equal(count(body, /<h1[ >]/), 1);
}

describe('web app', () => {
  let db: TestDb;
  let app: FastifyInstance;
  const readiness: Readiness = { ready: false };

  before(async () => {
    db = await createTestDb();
    app = await buildApp({ db, readiness });
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  test('/healthz says "starting" (503) until seeding is done, then "ok" with the number of documents', async () => {
    const starting = await app.inject('/healthz');
    assert.equal(starting.statusCode, 503);
    assert.deepEqual(starting.json(), { status: 'starting' });

    readiness.ready = true;
    const ready = await app.inject('/healthz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ok', documents: 0 });
  });

  test('an empty database gives a home page that says so', async () => {
    const response = await app.inject('/en/');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /No documents have been imported yet\./);
  });

  test('the home page lists a stored document: symbol, title, body, date, languages', async () => {
    await storeImportResult({ db }, { source: { name: 'sample.txt' }, result: { documents: [sampleDocument()], diagnostics: [] } });
    await storeImportResult(
      { db },
      { source: { name: 'sample-fr.txt' }, result: { documents: [sampleDocument({ language: 'fr', title: 'Règles et normes' })], diagnostics: [] } },
    );
    const response = await app.inject('/en/');
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/html; charset=utf-8/);
    assertPageShape(response.body, { lang: 'en', dir: 'ltr' });
    assert.ok(response.body.includes(`href="/en/documents/${ENCODED}"`));
    assert.match(response.body, /United Nations standards and norms in crime prevention and criminal justice/);
    assert.match(response.body, /Economic and Social Council/);
    assert.match(response.body, /<time datetime="1997-07-21">21 July 1997<\/time>/);
    assert.ok(response.body.includes(`href="/en/documents/${ENCODED}?lang=fr"`));

    // In French, the French title is shown and the date is written the French way.
    const french = await app.inject('/fr/');
    assert.match(french.body, /Règles et normes/);
    assert.match(french.body, /21 juillet 1997/);

    assert.deepEqual((await app.inject('/healthz')).json(), { status: 'ok', documents: 2 });
  });

  test('text from documents is escaped: a title holding <script> stays text', async () => {
    const title = 'Rules <script>alert("x")</script> & "quotes"';
    await storeImportResult(
      { db },
      { source: { name: 'evil.txt' }, result: { documents: [sampleDocument({ symbol: 'A/RES/99/1', title, body: '<b>Body</b>' })], diagnostics: [] } },
    );
    for (const url of ['/en/', `/en/documents/${encodeURIComponent('A/RES/99/1')}`]) {
      const response = await app.inject(url);
      assert.equal(response.statusCode, 200);
      assert.ok(!response.body.includes('<script>'), `${url} must not contain a live <script>`);
      assert.ok(!response.body.includes('<b>Body</b>'));
      assert.ok(response.body.includes('Rules &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;'));
    }
  });

  test('a document page shows the tree as headings and paragraphs, with its footnotes linked', async () => {
    const response = await app.inject(`/en/documents/${ENCODED}`);
    assert.equal(response.statusCode, 200);
    assertPageShape(response.body, { lang: 'en', dir: 'ltr' });
    const body = response.body;
    assert.match(body, /<h1>United Nations standards and norms/);
    assert.match(body, /<section class="attachment" id="annex-1"><h2>Annex<\/h2>/);
    assert.match(body, /<div class="node paragraph" id="para-1"><p><span class="num">1\.<\/span> Requests/);
    assert.match(body, /id="para-1\/point-a"/);
    assert.match(body, /30 July 1992<sup><a href="#note-1">1<\/a><\/sup>,/);
    assert.match(body, /<dt id="note-1">1<\/dt><dd>Official Records/);
    assert.match(body, /36th plenary meeting<br>21 July 1997/);
  });

  test('a symbol typed with plain slashes is redirected to its encoded address', async () => {
    const response = await app.inject('/en/documents/E/RES/1997/32');
    assert.equal(response.statusCode, 301);
    assert.equal(response.headers.location, `/en/documents/${ENCODED}`);
  });

  test('Arabic pages are right to left; a document missing in Arabic says in which language it is shown', async () => {
    const home = await app.inject('/ar/');
    assertPageShape(home.body, { lang: 'ar', dir: 'rtl' });
    assert.match(home.body, /انتقل إلى المحتوى الرئيسي/);

    const document = await app.inject(`/ar/documents/${ENCODED}`);
    assertPageShape(document.body, { lang: 'ar', dir: 'rtl' });
    assert.match(document.body, /<article lang="en" dir="ltr">/);
    assert.match(document.body, /معروضة باللغة الإنجليزية/);
  });

  test('/ redirects to the English home page', async () => {
    const response = await app.inject('/');
    assert.equal(response.statusCode, 302);
    assert.equal(response.headers.location, '/en/');
  });

  test('an unknown locale or document gives a 404 page, never a 500', async () => {
    for (const url of ['/xx/', '/xx/documents/anything', `/en/documents/${encodeURIComponent('A/RES/0/0')}`, '/en/no/such/page']) {
      const response = await app.inject(url);
      assert.equal(response.statusCode, 404, url);
      assert.match(response.headers['content-type'] as string, /^text\/html/);
      assertPageShape(response.body, { lang: 'en', dir: 'ltr' });
      assert.doesNotMatch(response.body, /at .*\.ts:\d+/, 'no stack trace');
    }
    const french = await app.inject(`/fr/documents/${encodeURIComponent('A/RES/0/0')}`);
    assert.equal(french.statusCode, 404);
    assert.match(french.body, /Aucun document portant la cote A\/RES\/0\/0/);
  });

  test('/api answers JSON, and problems as application/problem+json', async () => {
    const list = await app.inject('/api/documents');
    assert.equal(list.statusCode, 200);
    const symbols = list.json().documents.map((document: { symbol: string }) => document.symbol);
    assert.ok(symbols.includes(SYMBOL));

    const one = await app.inject(`/api/documents/${ENCODED}?lang=fr`);
    assert.equal(one.statusCode, 200);
    const document = one.json();
    assert.equal(document.language, 'fr');
    assert.equal(document.version, 1);
    assert.deepEqual(document.languages, ['en', 'fr']);
    assert.equal(document.root.children[2].id, 'para-1');
    assert.equal(document.footnotes.length, 1);

    for (const [url, status] of [
      [`/api/documents/${encodeURIComponent('A/RES/0/0')}`, 404],
      [`/api/documents/${ENCODED}?lang=zh`, 404],
      [`/api/documents/${ENCODED}?lang=${encodeURIComponent('<x>')}`, 400],
      ['/api/nothing-here', 404],
    ] as const) {
      const response = await app.inject(url);
      assert.equal(response.statusCode, status, url);
      assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
      const problem = response.json();
      assert.equal(problem.status, status);
      assert.equal(typeof problem.title, 'string');
      assert.equal(typeof problem.code, 'string');
      assert.equal(typeof problem.detail, 'string');
    }
  });

  test('?format=akn downloads Akoma Ntoso XML that validates; ?format=json the tree', async () => {
    const akn = await app.inject(`/api/documents/${ENCODED}?format=akn&lang=fr`);
    assert.equal(akn.statusCode, 200);
    assert.match(akn.headers['content-type'] as string, /^application\/akn\+xml/);
    assert.match(akn.headers['content-disposition'] as string, /attachment; filename="E-RES-1997-32\.fr\.xml"/);
    assert.deepEqual(await validateAknDocuments([{ name: 'download.xml', xml: akn.body }]), []);
    assert.match(akn.body, /Requests the Secretary-General to continue to collect information on/);

    const json = await app.inject(`/api/documents/${ENCODED}?format=json`);
    assert.equal(json.statusCode, 200);
    assert.equal(json.json().root.children[2].id, 'para-1');

    const bogus = await app.inject(`/api/documents/${ENCODED}?format=docx`);
    assert.equal(bogus.statusCode, 400);
    assert.match(bogus.json().detail, /akn/);
  });

  test('/healthz says the database is unavailable (503) rather than failing', async () => {
    const broken = await createTestDb();
    const brokenApp = await buildApp({ db: broken });
    await broken.close();
    const response = await brokenApp.inject('/healthz');
    assert.equal(response.statusCode, 503);
    assert.deepEqual(response.json(), { status: 'unavailable' });
    await brokenApp.close();
  });
});

describe('interface strings', () => {
  const english = CATALOGUES.en;
  const keys = Object.keys(english).sort();
  const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

  for (const locale of LOCALES) {
    test(`${locale} has every key, with the same placeholders, and nothing else`, () => {
      const catalogue = CATALOGUES[locale] as Record<string, string>;
      assert.deepEqual(Object.keys(catalogue).sort(), keys);
      for (const key of keys) {
        assert.equal(typeof catalogue[key], 'string');
        assert.ok(catalogue[key]!.trim().length > 0, `${locale} ${key} is empty`);
        assert.deepEqual(placeholders(catalogue[key]!), placeholders((english as Record<string, string>)[key]!), `${locale} ${key}`);
      }
    });
  }

  test('the catalogues are translations, not copies of the English', () => {
    for (const locale of LOCALES.filter((locale) => locale !== 'en')) {
      const same = keys.filter((key) => (CATALOGUES[locale] as Record<string, string>)[key] === (english as Record<string, string>)[key]);
      // A few words are the same in French ("Documents", "Notes", "Date", "Version").
      assert.ok(same.length <= 4, `${locale} repeats the English for ${same.join(', ')}`);
    }
  });
});
