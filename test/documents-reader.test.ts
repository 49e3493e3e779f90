// The document reader: table of contents, anchors and permalinks, one provision of a document,
// and the same rules of escaping and languages as every page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { storeImportResult } from '../src/importer/importer-service.ts';
import { createTestDb, type TestDb } from './helpers/test-db.ts';
import { sampleDocument } from './helpers/documents.ts';

let db: TestDb;
let app: FastifyInstance;
const ENCODED = encodeURIComponent('E/RES/1997/32');

before(async () => {
  db = await createTestDb();
  const document = sampleDocument();
  document.root.children[2]!.children[0]!.text = 'The use of <script>alert(1)</script> and the standards;';
  await storeImportResult({ db }, { source: { name: 'sample.json' }, result: { documents: [document], diagnostics: [] }, hints: {}, dryRun: false });
  app = await buildApp({ db });
});
after(() => db.close());

test('the document page has a table of contents, anchors and a permalink for each provision', async () => {
  const response = await app.inject(`/en/documents/${ENCODED}`);
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /<nav aria-labelledby="toc-heading"[^>]*><h2 id="toc-heading">Contents<\/h2>.*<a href="#annex-1">Annex<\/a>/s);
  assert.ok(response.body.includes(`<a class="pl" href="/en/documents/${ENCODED}/para-1/point-a?lang=en">`));
  assert.ok(response.body.includes('The use of &lt;script&gt;alert(1)&lt;/script&gt; and the standards;'));
  assert.ok(!response.body.includes('<script>alert(1)'));
});

test('one provision of a document: breadcrumb, its text escaped, its note under it', async () => {
  const point = await app.inject(`/fr/documents/${ENCODED}/para-1/point-a`);
  assert.equal(point.statusCode, 200);
  assert.match(point.body, /<html lang="fr"/);
  assert.match(point.body, /<li><a href="\/fr\/documents\/E%2FRES%2F1997%2F32\?lang=en">E\/RES\/1997\/32<\/a><\/li>/);
  assert.match(point.body, /<li><a href="\/fr\/documents\/E%2FRES%2F1997%2F32\/para-1\?lang=en" lang="en" dir="ltr">1\.<\/a><\/li>/);
  assert.match(point.body, /<article lang="en" dir="ltr">/);
  assert.ok(point.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  const recital = await app.inject(`/en/documents/${ENCODED}/recital-1`);
  assert.match(recital.body, /<sup><a id="fnref-recital-1-1" href="#fn-recital-1-1">1<\/a><\/sup>/);
  assert.match(recital.body, /<li id="fn-recital-1-1" value="1"><span class="num">1<\/span> Official Records/);
});

test('an unknown part of a document is a 404 in the reader language', async () => {
  const response = await app.inject(`/es/documents/${ENCODED}/para-99`);
  assert.equal(response.statusCode, 404);
  assert.match(response.body, /<html lang="es"/);
  const other = await app.inject(`/es/documents/${encodeURIComponent('A/RES/0/0')}/para-1`);
  assert.equal(other.statusCode, 301, 'a symbol typed with slashes is sent to its encoded address');
});

test('a document downloads as plain text, offered on its page beside Akoma Ntoso XML and JSON', async () => {
  const { EXPORT_FORMATS } = await import('../src/documents/documents-service.ts');
  const { renderDocumentText } = await import('../src/opendata/opendata-logic.ts');
  assert.ok((EXPORT_FORMATS as readonly string[]).includes('text'));
  const text = await app.inject(`/api/documents/${ENCODED}?lang=en&format=text`);
  assert.equal(text.statusCode, 200);
  assert.equal(text.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(text.headers['content-disposition'], 'attachment; filename="E-RES-1997-32.en.txt"');
  const stored = (await app.inject(`/api/documents/${ENCODED}?lang=en&format=json`)).json();
  assert.equal(text.body, renderDocumentText(stored));
  assert.match(text.body, /The use of <script>alert\(1\)<\/script> and the standards;/, 'plain text is not HTML: nothing escaped');

  const page = await app.inject(`/fr/documents/${ENCODED}`);
  const downloads = /<section aria-labelledby="downloads-heading"[^>]*>([\s\S]*?)<\/section>/.exec(page.body)?.[1] ?? '';
  assert.match(downloads, /<h2 id="downloads-heading">Télécharger cette version<\/h2>/);
  const links = [...downloads.matchAll(/<a href="([^"]+)" type="([^"]+)" download>([^<]+)<\/a>/g)].map((match) => [match[1], match[2], match[3]]);
  assert.deepEqual(links, [
    [`/api/documents/${ENCODED}?lang=en&amp;format=text`, 'text/plain', 'Texte brut'],
    [`/api/documents/${ENCODED}?lang=en&amp;format=akn`, 'application/akn+xml', 'XML Akoma Ntoso'],
    [`/api/documents/${ENCODED}?lang=en&amp;format=json`, 'application/json', 'JSON'],
  ]);
  for (const [href] of links) assert.equal((await app.inject(href!.replaceAll('&amp;', '&'))).statusCode, 200, href);
});

test('the document page strings exist in all six languages, translated', async () => {
  const { DOCUMENT_MESSAGES } = await import('../src/documents/documents-messages.ts');
  const { LOCALES } = await import('../src/i18n/i18n.ts');
  const keys = Object.keys(DOCUMENT_MESSAGES.en).sort();
  for (const locale of LOCALES) {
    assert.deepEqual(Object.keys(DOCUMENT_MESSAGES[locale]).sort(), keys, locale);
    const heading = DOCUMENT_MESSAGES[locale]['document.downloads'];
    assert.ok(heading.trim(), locale);
    if (locale !== 'en') assert.notEqual(heading, DOCUMENT_MESSAGES.en['document.downloads'], locale);
  }
});
