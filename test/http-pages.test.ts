// The page frame (navigation, search form without JavaScript, language switcher that keeps the
// place, skip link, focus and print styles, size), response compression, and the catalogues.

import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { html } from '../src/http/html.ts';
import { chooseEncoding, renderPage } from '../src/http/layout.ts';
import { AUTONYMS, CATALOGUES, LOCALES, type Locale } from '../src/i18n/i18n.ts';
import { storeImportResult } from '../src/importer/importer-service.ts';
import { sampleDocument } from './helpers/documents.ts';
import { createTestDb, type TestDb } from './helpers/test-db.ts';

describe('the page frame', () => {
  const page = (locale: Locale, localePath?: (other: Locale) => string) =>
    renderPage({ locale, title: 'T', body: html`<h1>T</h1>`, localePath });

  test('navigation to the documents, the catalogue, the clusters, and a GET search form in the locale', () => {
    for (const locale of LOCALES) {
      const body = page(locale);
      const t = CATALOGUES[locale];
      assert.ok(body.includes(`<a href="/${locale}/" aria-current="page">${t['nav.home']}</a>`), `${locale} home is current`);
      assert.ok(body.includes(`<a href="/${locale}/instruments">${t['nav.instruments']}</a>`));
      assert.ok(body.includes(`<a href="/${locale}/clusters">${t['nav.clusters']}</a>`));
      assert.match(body, new RegExp(`<form role="search" method="get" action="/${locale}/search"><label class="vh" for="site-search">[^<]+</label><input id="site-search" type="search" name="q"`));
      assert.ok(body.includes(`<button type="submit">${t['search.submit']}</button>`));
      assert.match(body, new RegExp(`<nav aria-label="${t['nav.main']}">`));
      assert.match(body, new RegExp(`<nav aria-label="${t['nav.languages']}">`));
    }
  });

  test('the language switcher keeps the reader on the same page, each language named in itself', () => {
    const body = page('en', (other) => `/${other}/instruments/bangkok-rules/rule-3`);
    for (const other of LOCALES.filter((locale) => locale !== 'en')) {
      assert.ok(
        body.includes(`<a href="/${other}/instruments/bangkok-rules/rule-3" lang="${other}" dir="${other === 'ar' ? 'rtl' : 'ltr'}" hreflang="${other}">${AUTONYMS[other]}</a>`),
        other,
      );
    }
    assert.ok(body.includes(`<span aria-current="true" lang="en" dir="ltr">English</span>`));
    // the section of the current page is marked, but the rule is not the catalogue's index
    assert.ok(body.includes(`<a href="/en/instruments" aria-current="true">`));
  });

  test('lang and dir, the skip link first, one main that the skip link reaches', () => {
    const arabic = page('ar');
    assert.match(arabic, /^<!doctype html>\n<html lang="ar" dir="rtl">/);
    assert.ok(arabic.indexOf('<a class="skip" href="#main">') < arabic.indexOf('<header>'));
    assert.match(arabic, /<main id="main" tabindex="-1">/);
  });

  test('focus is visible and print keeps only the text', () => {
    const body = page('en');
    assert.match(body, /:focus-visible\{outline:3px solid/);
    assert.match(body, /@media print\{header,\.skip,footer,form\{display:none\}/);
  });

  test('the search box shows the query it is given, escaped', () => {
    const body = renderPage({ locale: 'en', title: 'T', body: html``, searchQuery: '"><script>' });
    assert.ok(body.includes('value="&quot;&gt;&lt;script&gt;"'));
  });

  test('budget: the frame is at most 14 KB compressed, and far less in fact', () => {
    for (const locale of LOCALES) {
      const bytes = gzipSync(page(locale)).length;
      assert.ok(bytes <= 14 * 1024, `${locale}: ${bytes}`);
      assert.ok(bytes <= 2 * 1024, `${locale} frame grew to ${bytes} B gzip; update docs/pages.md if that is meant`);
    }
  });
});

describe('response compression', () => {
  let db: TestDb;
  let app: FastifyInstance;
  before(async () => {
    db = await createTestDb();
    await storeImportResult({ db }, { source: { name: 'sample.txt' }, result: { documents: [sampleDocument()], diagnostics: [] } });
    app = await buildApp({ db });
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  test('chooseEncoding: br, then gzip, honouring q=0 and *', () => {
    assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
    assert.equal(chooseEncoding('gzip'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(chooseEncoding('identity'), null);
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('*;q=0'), null);
    assert.equal(chooseEncoding(undefined), null);
  });

  test('pages are sent gzip or brotli to browsers that accept it, and decompress to the same page', async () => {
    const plain = await app.inject('/en/');
    assert.equal(plain.headers['content-encoding'], undefined);
    const gzip = await app.inject({ url: '/en/', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.match(String(gzip.headers.vary), /accept-encoding/i);
    assert.equal(gunzipSync(gzip.rawPayload).toString('utf8'), plain.body);
    assert.ok(gzip.rawPayload.length * 2 < plain.rawPayload.length, 'at least halved');
    // the security headers are still there
    assert.match(String(gzip.headers['content-security-policy']), /default-src 'none'/);

    const brotli = await app.inject({ url: '/en/', headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(brotli.rawPayload).toString('utf8'), plain.body);
  });

  test('JSON and error pages are compressed too; tiny answers are not', async () => {
    const json = await app.inject({ url: `/api/documents/${encodeURIComponent('E/RES/1997/32')}`, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(json.headers['content-encoding'], 'gzip');
    assert.equal(JSON.parse(gunzipSync(json.rawPayload).toString('utf8')).symbol, 'E/RES/1997/32');

    const missing = await app.inject({ url: '/fr/documents/NOPE', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(missing.rawPayload).toString('utf8'), /<html lang="fr"/);

    // addresses the router refuses, where no onSend hook runs, are compressed as well
    const broken = await app.inject({ url: '/ar/documents/%E0%A4%A', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.headers['content-encoding'], 'gzip');
    assert.equal(broken.headers['x-content-type-options'], 'nosniff');
    assert.match(gunzipSync(broken.rawPayload).toString('utf8'), /<html lang="ar" dir="rtl">/);

    const health = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(health.headers['content-encoding'], undefined);
    assert.equal(health.json().status, 'ok');
  });
});

describe('the shared catalogues', () => {
  // Words that are the same in English and in that language, and rightly so.
  const SAME_AS_ENGLISH: Partial<Record<Locale, string[]>> = { fr: ['home.documents', 'documents.date', 'document.notes', 'document.version'] };
  const SCRIPT: Partial<Record<Locale, RegExp>> = { ar: /[\u0600-\u06ff]/, ru: /[\u0400-\u04ff]/, zh: /[\u4e00-\u9fff]/ };

  for (const locale of LOCALES.filter((locale) => locale !== 'en')) {
    test(`${locale} translates every shared string (no English copies beyond ${SAME_AS_ENGLISH[locale]?.length ?? 0} proper words)`, () => {
      const english = CATALOGUES.en as Record<string, string>;
      const catalogue = CATALOGUES[locale] as Record<string, string>;
      const same = Object.keys(english).filter((key) => catalogue[key] === english[key]);
      assert.deepEqual(same, SAME_AS_ENGLISH[locale] ?? []);
      const script = SCRIPT[locale];
      if (script) {
        const notInScript = Object.keys(english).filter((key) => !script.test(catalogue[key]!));
        assert.deepEqual(notInScript, [], `${locale} strings without a letter of its script`);
      }
    });
  }
});
