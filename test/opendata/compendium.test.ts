// GET /api/compendium/{lang}.zip on a real database: the archive unzipped with fflate, every
// file checked, the XML parsed and validated, caching by ETag and Last-Modified, unknown languages.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { buildApp } from '../../src/app.ts';
import { readAkn } from '../../src/importer/akn-reader-logic.ts';
import type { ImportedDocument } from '../../src/importer/document.ts';
import { importSources, storeImportResult, type ImportSource } from '../../src/importer/importer-service.ts';
import { corpusHints, listSeedSources } from '../../src/importer/seed-service.ts';
import { buildCompendiumArchive } from '../../src/opendata/opendata-service.ts';
import type { CompendiumIndex } from '../../src/opendata/opendata-logic.ts';
import { validateAknDocuments } from '../helpers/akn-schema.ts';
import { sampleDocument } from '../helpers/documents.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const corpus = new URL('../../../shared/corpus/unxml/', import.meta.url);
const LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];
const CORPUS_FOLDERS = ['A-RES-75-10', 'A-RES-77-113'];

function corpusSources(): ImportSource[] {
  return CORPUS_FOLDERS.flatMap((folder) =>
    LANGUAGES.map((language) => {
      const name = `${folder}/${language}.xml`;
      return { name, bytes: new Uint8Array(readFileSync(new URL(name, corpus))), hints: corpusHints(name) };
    }),
  );
}

function parseXml(xml: string, name: string) {
  const problems: string[] = [];
  const parsed = new DOMParser({ onError: (level, message) => void (level !== 'warning' && problems.push(message)) }).parseFromString(xml, 'text/xml');
  assert.deepEqual(problems, [], `${name} is well-formed XML`);
  return parsed;
}

async function download(app: FastifyInstance, language: string, headers: Record<string, string> = {}) {
  return app.inject({ url: `/api/compendium/${language}.zip`, headers });
}

describe('the compendium archive', () => {
  let db: TestDb;
  let app: FastifyInstance;

  before(async () => {
    db = await createTestDb();
    app = await buildApp({ db });
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  test('a language with no documents gives an archive with only the README and an empty index', async () => {
    const response = await download(app, 'es');
    assert.equal(response.statusCode, 200);
    const files = unzipSync(response.rawPayload);
    assert.deepEqual(Object.keys(files).sort(), ['README.txt', 'index.json']);
    const index = JSON.parse(strFromU8(files['index.json']!)) as CompendiumIndex;
    assert.equal(index.language, 'es');
    assert.deepEqual(index.documents, []);
    assert.match(strFromU8(files['README.txt']!), /Fuente: Naciones Unidas/);
  });

  test('the English archive: JSON, Akoma Ntoso and text of every English document, an index and a README', async () => {
    const report = await importSources({ db }, { sources: [...(await listSeedSources()), ...corpusSources()] });
    assert.deepEqual(report.sources.filter((source) => source.error), []);
    const { rows } = await db.query<{ symbol: string; title: string | null }>("select symbol, title from documents where language = 'en' order by symbol");
    assert.ok(rows.length >= 7, `English documents stored: ${rows.length}`);

    const response = await download(app, 'en');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/zip');
    assert.equal(response.headers['content-disposition'], 'attachment; filename="normhub-compendium-en.zip"');
    assert.match(String(response.headers.etag), /^W\/"[A-Za-z0-9_-]+"$/);
    assert.ok(!Number.isNaN(Date.parse(String(response.headers['last-modified']))));
    assert.equal(Number(response.headers['content-length']), response.rawPayload.length);

    const files = unzipSync(response.rawPayload);
    const index = JSON.parse(strFromU8(files['index.json']!)) as CompendiumIndex;
    assert.equal(index.language, 'en');
    assert.equal(index.source, 'United Nations');
    assert.deepEqual(
      index.documents.map((entry) => entry.symbol),
      rows.map((row) => row.symbol),
    );
    assert.equal(Object.keys(files).length, rows.length * 3 + 2, 'three files per document, the index and the README');

    const xmls: Array<{ name: string; xml: string }> = [];
    for (const entry of index.documents) {
      const stored = rows.find((row) => row.symbol === entry.symbol)!;
      assert.equal(entry.title, stored.title);
      assert.ok(entry.files.akn, `${entry.symbol} has its Akoma Ntoso file`);
      for (const name of [entry.files.json, entry.files.akn!, entry.files.text]) {
        assert.match(name, /^[A-Za-z0-9.-]+\.(json|xml|txt)$/, 'a portable file name');
        assert.ok(files[name], `${name} is in the archive`);
      }
      const json = JSON.parse(strFromU8(files[entry.files.json]!)) as ImportedDocument;
      assert.equal(json.symbol, entry.symbol);
      assert.equal(json.language, 'en');
      assert.equal(json.root.kind, 'document');

      const xml = strFromU8(files[entry.files.akn!]!);
      const parsed = parseXml(xml, entry.files.akn!);
      assert.equal(parsed.documentElement!.localName, 'akomaNtoso');
      const readBack = readAkn(xml).documents[0]!;
      assert.equal(readBack.symbol, entry.symbol, 'the XML reads back to the same symbol');
      // (Akoma Ntoso puts annexes after the conclusions, so only the set of parts is compared)
      assert.deepEqual(
        readBack.root.children.map((node) => node.id).sort(),
        json.root.children.map((node) => node.id).sort(),
        `${entry.symbol}: the XML reads back to the same parts`,
      );
      xmls.push({ name: entry.files.akn!, xml });

      const text = strFromU8(files[entry.files.text]!);
      assert.ok(text.startsWith(`${(json.title ?? json.symbol)!.split('\n')[0]}\n`), `${entry.files.text} starts with the title`);
      assert.ok(text.includes(`Symbol: ${entry.symbol}\n`));
    }
    assert.deepEqual(await validateAknDocuments(xmls), [], 'every XML file is valid Akoma Ntoso');

    const readme = strFromU8(files['README.txt']!);
    assert.match(readme, /^Source: United Nations\./m);
    assert.match(readme, new RegExp(`^Documents: ${rows.length}\\r?$`, 'm'));
    assert.match(readme, /^Generated: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\r?$/m);
  });

  test('the Arabic archive holds only the Arabic documents, and its README is in Arabic', async () => {
    const response = await download(app, 'ar');
    assert.equal(response.statusCode, 200);
    const files = unzipSync(response.rawPayload);
    const index = JSON.parse(strFromU8(files['index.json']!)) as CompendiumIndex;
    assert.deepEqual(index.documents.map((entry) => entry.symbol).sort(), ['A/RES/75/10', 'A/RES/77/113']);
    for (const entry of index.documents) {
      assert.equal((JSON.parse(strFromU8(files[entry.files.json]!)) as ImportedDocument).language, 'ar');
      assert.match(strFromU8(files[entry.files.text]!), /^الرمز: A\/RES\/7\d\/\d+$/m);
    }
    assert.match(strFromU8(files['README.txt']!), /المصدر: الأمم المتحدة/);
  });

  test('a repeated download is answered 304 while nothing changed, and a new version changes the entity tag', async () => {
    const first = await download(app, 'en');
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    assert.match(String(first.headers['cache-control']), /no-cache/);

    const again = await download(app, 'en', { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
    assert.equal(again.headers.etag, etag);
    assert.equal((await download(app, 'en', { 'if-none-match': `"other", ${etag}` })).statusCode, 304);
    assert.equal((await download(app, 'en', { 'if-modified-since': lastModified })).statusCode, 304);
    assert.equal((await download(app, 'en', { 'if-none-match': '"something else"' })).statusCode, 200);
    // Another language has another tag.
    assert.equal((await download(app, 'fr', { 'if-none-match': etag })).statusCode, 200);

    // a document in French only does not change the English archive
    await storeImportResult({ db }, { source: { name: 'sample-fr.txt' }, result: { documents: [sampleDocument({ language: 'fr' })], diagnostics: [] } });
    assert.equal((await download(app, 'en', { 'if-none-match': etag })).statusCode, 304);

    await storeImportResult({ db }, { source: { name: 'sample.txt' }, result: { documents: [sampleDocument()], diagnostics: [] } });
    const changed = await download(app, 'en', { 'if-none-match': etag });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    const index = JSON.parse(strFromU8(unzipSync(changed.rawPayload)['index.json']!)) as CompendiumIndex;
    assert.ok(index.documents.some((entry) => entry.symbol === 'E/RES/1997/32' && entry.title === sampleDocument().title));
  });

  test('symbols that make the same file name get distinct files', async () => {
    await storeImportResult(
      { db },
      { source: { name: 'twin.txt' }, result: { documents: [sampleDocument({ symbol: 'E-RES-1997-32', language: 'fr' })], diagnostics: [] } },
    );
    const archive = await buildCompendiumArchive({ db }, { language: 'fr' });
    const files = unzipSync(archive.bytes);
    const index = JSON.parse(strFromU8(files['index.json']!)) as CompendiumIndex;
    const names = index.documents.filter((entry) => entry.symbol.includes('1997')).map((entry) => entry.files.json);
    assert.equal(names.length, 2);
    assert.equal(new Set(names).size, 2);
    for (const name of names) assert.ok(files[name]);
  });

  test('a language that is not one of the six is a 404 problem in the reader\'s language', async () => {
    for (const language of ['de', 'EN', 'english', 'e%20n']) {
      const response = await download(app, language);
      assert.equal(response.statusCode, 404, language);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.equal(response.json().code, 'compendium.not_found');
    }
    const french = await app.inject({ url: '/api/compendium/de.zip', headers: { 'accept-language': 'fr' } });
    assert.equal(french.json().title, 'Introuvable');
    assert.equal((await app.inject('/api/compendium/en.tar')).statusCode, 404);
  });
});
