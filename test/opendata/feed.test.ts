// GET /feeds/documents.atom on a real database: well-formed Atom, the stored documents newest
// first, absolute links from the request's host, escaping, the language filter, caching.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DOMParser, type Element } from '@xmldom/xmldom';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { registerErrorHandling } from '../../src/http/error-handler.ts';
import { storeImportResult } from '../../src/importer/importer-service.ts';
import type { ImportedDocument } from '../../src/importer/document.ts';
import { registerOpenDataRoutes } from '../../src/opendata/opendata-routes.ts';
import { sampleDocument } from '../helpers/documents.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const ATOM = 'http://www.w3.org/2005/Atom';

function parseFeed(xml: string) {
  const problems: string[] = [];
  const parsed = new DOMParser({ onError: (level, message) => void (level !== 'warning' && problems.push(message)) }).parseFromString(xml, 'text/xml');
  assert.deepEqual(problems, [], 'the feed is well-formed XML');
  const feed = parsed.documentElement!;
  assert.equal(feed.localName, 'feed');
  assert.equal(feed.namespaceURI, ATOM);
  const children = (element: Element, name: string) =>
    Array.from(element.childNodes).filter((node): node is Element => node.nodeType === 1 && (node as Element).localName === name);
  const text = (element: Element, name: string) => children(element, name)[0]?.textContent ?? null;
  const entries = children(feed, 'entry').map((entry) => ({
    id: text(entry, 'id'),
    title: text(entry, 'title'),
    updated: text(entry, 'updated'),
    summary: text(entry, 'summary'),
    lang: entry.getAttribute('xml:lang'),
    links: children(entry, 'link').map((link) => ({ rel: link.getAttribute('rel'), type: link.getAttribute('type'), href: link.getAttribute('href') })),
  }));
  return { feed, entries, text: (name: string) => text(feed, name), links: children(feed, 'link').map((link) => link.getAttribute('href')) };
}

async function store(db: TestDb, document: ImportedDocument) {
  await storeImportResult({ db }, { source: { name: `${document.symbol}.txt` }, result: { documents: [document], diagnostics: [] } });
}

describe('the Atom feed of newly imported documents', () => {
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

  test('an empty database gives a valid feed with no entry', async () => {
    const response = await app.inject('/feeds/documents.atom');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/atom+xml; charset=utf-8');
    const { entries, text } = parseFeed(response.body);
    assert.equal(entries.length, 0);
    assert.match(text('updated')!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(text('title'), 'NormHub: newly imported documents');
  });

  test('stored documents are listed newest first, with tag: ids, absolute links, dates and a summary', async () => {
    await store(db, sampleDocument());
    await store(db, sampleDocument({ symbol: 'A/RES/65/230', title: 'Twelfth United Nations Congress', body: 'General Assembly', adopted: '2010-12-21' }));
    await db.query("update documents set updated_at = updated_at + interval '1 minute' where symbol = 'A/RES/65/230'");

    const response = await app.inject({ url: '/feeds/documents.atom', headers: { host: 'normhub.example.org' } });
    assert.equal(response.statusCode, 200);
    const { entries, text, links } = parseFeed(response.body);
    assert.deepEqual(
      entries.map((entry) => entry.title),
      ['A/RES/65/230: Twelfth United Nations Congress', 'E/RES/1997/32: United Nations standards and norms in crime prevention and criminal justice'],
    );
    const [newest] = entries;
    assert.equal(newest!.id, 'tag:normhub.example.org,2026:document/A%2FRES%2F65%2F230/en');
    assert.equal(newest!.lang, 'en');
    assert.match(newest!.updated!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(text('updated'), newest!.updated);
    assert.deepEqual(newest!.links[0], { rel: 'alternate', type: 'text/html', href: 'http://normhub.example.org/en/documents/A%2FRES%2F65%2F230' });
    assert.ok(newest!.links.some((link) => link.href === 'http://normhub.example.org/api/documents/A%2FRES%2F65%2F230?lang=en&format=akn'));
    assert.match(newest!.summary!, /General Assembly · Adopted on 21 December 2010/);
    assert.match(entries[1]!.summary!, /Requests the Secretary-General to continue to collect information on:/);
    assert.ok(links.includes('http://normhub.example.org/feeds/documents.atom'));
  });

  test('imported text is escaped: a title with markup stays text', async () => {
    await store(db, sampleDocument({ symbol: 'X/1', title: '<script>alert("x")</script> & </title>', body: 'A & B' }));
    const response = await app.inject('/feeds/documents.atom');
    assert.ok(!response.body.includes('<script>'));
    const entry = parseFeed(response.body).entries.find((candidate) => candidate.id!.endsWith(':document/X%2F1/en'));
    assert.ok(entry);
    assert.equal(entry.title, 'X/1: <script>alert("x")</script> & </title>');
    assert.match(entry.summary!, /^A & B/);
  });

  test('?lang= keeps one language and names the feed in it; other values are refused', async () => {
    await store(db, sampleDocument({ language: 'fr', title: 'Règles et normes' }));
    const response = await app.inject('/feeds/documents.atom?lang=fr');
    assert.equal(response.statusCode, 200);
    const { entries, text, feed } = parseFeed(response.body);
    assert.deepEqual(entries.map((entry) => entry.title), ['E/RES/1997/32: Règles et normes']);
    assert.equal(entries[0]!.lang, 'fr');
    assert.equal(feed.getAttribute('xml:lang'), 'fr');
    assert.equal(text('title'), 'NormHub : documents nouvellement importés en français');
    assert.match(entries[0]!.summary!, /Adopté le 21 juillet 1997/);
    assert.ok(entries[0]!.links.some((link) => link.href === 'http://localhost:80/fr/documents/E%2FRES%2F1997%2F32'));

    for (const bad of ['de', 'FR', 'x'.repeat(40), '<b>']) {
      const refused = await app.inject(`/feeds/documents.atom?lang=${encodeURIComponent(bad)}`);
      assert.equal(refused.statusCode, 400, bad);
    }
    assert.equal((await app.inject('/feeds/documents.atom?lang=de')).headers['content-type'], 'text/html; charset=utf-8');
  });

  test('at most 50 entries', async () => {
    for (let n = 0; n < 52; n++) await store(db, sampleDocument({ symbol: `TEST/${n}`, title: `Document ${n}`, footnotes: [] }));
    const { entries } = parseFeed((await app.inject('/feeds/documents.atom')).body);
    assert.equal(entries.length, 50);
  });

  test('a repeated request is answered 304 while the feed is unchanged', async () => {
    const first = await app.inject('/feeds/documents.atom');
    const etag = String(first.headers.etag);
    assert.ok(first.headers['last-modified']);
    assert.equal((await app.inject({ url: '/feeds/documents.atom', headers: { 'if-none-match': etag } })).statusCode, 304);
    assert.equal((await app.inject({ url: '/feeds/documents.atom?lang=fr', headers: { 'if-none-match': etag } })).statusCode, 200);
    await store(db, sampleDocument({ symbol: 'TEST/new', title: 'A new one' }));
    assert.equal((await app.inject({ url: '/feeds/documents.atom', headers: { 'if-none-match': etag } })).statusCode, 200);
  });

  test('X-Forwarded-Host and -Proto are ignored without trustProxy, followed with it; a malformed Host is refused', async () => {
    const forwarded = { host: 'internal:8080', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    const plain = await app.inject({ url: '/feeds/documents.atom', headers: forwarded });
    assert.ok(plain.body.includes('href="http://internal:8080/feeds/documents.atom"'));
    assert.ok(!plain.body.includes('evil.example'));

    const proxied = Fastify({ trustProxy: true });
    registerErrorHandling(proxied);
    registerOpenDataRoutes(proxied, { db });
    try {
      const response = await proxied.inject({ url: '/feeds/documents.atom', headers: { ...forwarded, 'x-forwarded-host': 'normhub.example.org' } });
      assert.equal(response.statusCode, 200);
      assert.ok(response.body.includes('href="https://normhub.example.org/feeds/documents.atom"'));
      assert.ok(response.body.includes('<id>tag:normhub.example.org,2026:document/'));
    } finally {
      await proxied.close();
    }

    const bad = await app.inject({ url: '/feeds/documents.atom', headers: { host: 'a"b<c>' } });
    assert.equal(bad.statusCode, 400);
  });
});
