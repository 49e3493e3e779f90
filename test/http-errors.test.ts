// Bad input everywhere gets a 4xx in the reader's language (a page, or problem JSON under /api/),
// never a 500 or a stack trace: broken percent-encoding, huge addresses, unknown ids, malformed
// queries, absurd page numbers.

import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { MAX_URL_LENGTH } from '../src/http/error-handler.ts';
import { PUBLIC } from '../src/http/access.ts';
import { CATALOGUES } from '../src/i18n/i18n.ts';
import { storeImportResult } from '../src/importer/importer-service.ts';
import { sampleDocument } from './helpers/documents.ts';
import { createTestDb, type TestDb } from './helpers/test-db.ts';

let db: TestDb;
let app: FastifyInstance;

before(async () => {
  db = await createTestDb();
  await storeImportResult({ db }, { source: { name: 'sample.txt' }, result: { documents: [sampleDocument()], diagnostics: [] } });
  app = await buildApp({ db });
  // Two routes that fail the way a bug would, to see what leaves the server.
  app.get('/en/test-failure', PUBLIC, async () => {
    throw new Error('secret at /srv/normhub/src/thing.ts:12 select * from users');
  });
  app.get('/api/test-failure', PUBLIC, async () => {
    throw new Error('secret at /srv/normhub/src/thing.ts:12 select * from users');
  });
});
after(async () => {
  await app.close();
  await db.close();
});

function assertNoInternals(body: string): void {
  assert.doesNotMatch(body, /secret|\/srv\/|\.ts:\d|\bat \w+ \(|select \*|FST_ERR|stack/i);
}

function assertHtmlError(response: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, locale: string): void {
  assert.equal(response.statusCode, status);
  assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
  // pages that render their own error page may leave the header out; when present it is right
  if (response.headers['content-language'] !== undefined) assert.equal(response.headers['content-language'], locale);
  assert.match(response.body, new RegExp(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`));
  assert.match(response.body, /<h1>[^<]+<\/h1>/);
  assertNoInternals(response.body);
}

describe('broken percent-encoding', () => {
  test('a page address gets a 400 page in the locale of the address', async () => {
    const english = await app.inject('/en/documents/%E0%A4%A');
    assertHtmlError(english, 400, 'en');
    assert.ok(english.body.includes(CATALOGUES.en['error.badUrl.text']));

    const french = await app.inject('/fr/documents/%E0%A4%A');
    assertHtmlError(french, 400, 'fr');
    assert.ok(french.body.includes('<h1>Cette demande ne peut pas être traitée</h1>'));
  });

  test('without a locale in the address, the browser languages decide', async () => {
    const arabic = await app.inject({ url: '/%E0%A4%A', headers: { 'accept-language': 'ar-EG,ar;q=0.9,en;q=0.5' } });
    assertHtmlError(arabic, 400, 'ar');
    assert.ok(arabic.body.includes(CATALOGUES.ar['error.badUrl.text']));
  });

  test('an API address gets problem JSON in the language asked for', async () => {
    const response = await app.inject({ url: '/api/documents/%E0%A4%A', headers: { 'accept-language': 'zh-CN' } });
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    const problem = response.json();
    assert.equal(problem.status, 400);
    assert.equal(problem.code, 'request.bad_url');
    assert.equal(problem.title, CATALOGUES.zh['error.badRequest.title']);
    assert.equal(problem.detail, CATALOGUES.zh['error.badUrl.text']);
  });
});

describe('huge addresses', () => {
  const huge = 'a'.repeat(20 * 1024);

  test('a 20 KB query string gets a 414 page in the reader language', async () => {
    const response = await app.inject(`/ru/search?q=${huge}`);
    assertHtmlError(response, 414, 'ru');
    assert.ok(response.body.includes(CATALOGUES.ru['error.uriTooLong.text'].replace('{max}', String(MAX_URL_LENGTH))));
    assert.ok(!response.body.includes(huge.slice(0, 100)), 'the address is not echoed');
  });

  test('a 20 KB API query gets a short 414 problem', async () => {
    const response = await app.inject({ url: `/api/documents?q=${huge}`, headers: { 'accept-language': 'es' } });
    assert.equal(response.statusCode, 414);
    const problem = response.json();
    assert.equal(problem.title, CATALOGUES.es['error.uriTooLong.title']);
    assert.ok(response.body.length < 2000, 'the problem does not echo the whole address');
  });

  test('over real HTTP too: the server reads the long request line and answers with the page, not a bare 431', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: `/en/search?q=${huge}` }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      })
        .on('error', reject)
        .end();
    });
    assert.equal(status, 414);
    assert.match(body, /<h1>This address is too long<\/h1>/);
  });

  test('a symbol longer than the router allows gets a 4xx page', async () => {
    const response = await app.inject(`/en/documents/${'x'.repeat(600)}/para-1`);
    assert.ok(response.statusCode >= 400 && response.statusCode < 500, String(response.statusCode));
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assertNoInternals(response.body);
  });
});

describe('unknown ids', () => {
  test('an unknown document: 404 page naming the symbol, escaped, in the reader language', async () => {
    const response = await app.inject(`/es/documents/${encodeURIComponent('A/RES/<script>')}`);
    assertHtmlError(response, 404, 'es');
    assert.ok(response.body.includes('A/RES/&lt;script&gt;'));
    assert.ok(!response.body.includes('<script>'));
  });

  test('an unknown locale: 404 page in the browser language', async () => {
    const response = await app.inject({ url: '/xx/documents/A', headers: { 'accept-language': 'fr-CA' } });
    assertHtmlError(response, 404, 'fr');
    assert.ok(response.body.includes(CATALOGUES.fr['error.notFound.title']));
  });

  for (const path of ['/en/instruments/no-such-instrument', '/en/instruments/bangkok-rules/rule-999', '/en/clusters/no-such-cluster', '/en/nothing/here']) {
    test(`${path}: 404 page`, async () => {
      assertHtmlError(await app.inject(path), 404, 'en');
    });
  }

  for (const path of ['/api/documents/NO%2FSUCH', '/api/instruments/no-such-instrument', '/api/instruments/bangkok-rules/rule-999', '/api/nothing/here']) {
    test(`${path}: 404 problem localised by Accept-Language and by ?lang`, async () => {
      const arabic = await app.inject({ url: path, headers: { 'accept-language': 'ar' } });
      assert.equal(arabic.statusCode, 404);
      assert.match(String(arabic.headers['content-type']), /^application\/problem\+json/);
      assert.equal(arabic.headers['content-language'], 'ar');
      const problem = arabic.json();
      assert.equal(problem.status, 404);
      assert.equal(typeof problem.code, 'string');
      assert.match(problem.title + problem.detail, /[\u0600-\u06ff]/, 'Arabic title and detail');

      const russian = await app.inject(`${path}${path.includes('?') ? '&' : '?'}lang=ru`);
      assert.equal(russian.statusCode, 404);
      assert.match(russian.json().title, /[\u0400-\u04ff]/, 'Russian title');
    });
  }

  test('English API clients get the precise reason', async () => {
    const response = await app.inject(`/api/documents/${encodeURIComponent('E/RES/1997/32')}?format=docx`);
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().title, CATALOGUES.en['error.badRequest.title']);
    assert.match(response.json().detail, /akn/);
  });
});

describe('malformed queries and absurd page numbers: never a 500', () => {
  const queries = [
    '/api/search?q=',
    '/api/search',
    '/api/search?q[]=x&q[]=y',
    '/api/search?q=%25%25%25',
    '/api/search?q=prison&page=-1',
    '/api/search?q=prison&page=99999999999999999999',
    '/api/search?q=prison&page=abc',
    '/api/search?q=prison&lang=xx',
    '/api/search?q=' + encodeURIComponent('"unclosed phrase & | ! :* ( <->'),
    '/en/search?q=prison&page=-5',
    '/en/search?q=prison&page=1e309',
    '/en/search?q=' + encodeURIComponent('))(( !!& |'),
    '/en/documents/E%2FRES%2F1997%2F32?lang=%3Cx%3E',
    '/en/documents/E%2FRES%2F1997%2F32/compare?with=%3Cx%3E',
    '/en/documents/E%2FRES%2F1997%2F32/no-such-node',
    '/api/documents/E%2FRES%2F1997%2F32?lang=a%00b',
    '/api/documents?page=-1',
    '/api/instruments?page=99999999999',
  ];
  for (const url of queries) {
    test(url, async () => {
      const response = await app.inject({ url, headers: { 'accept-language': 'fr' } });
      assert.ok(response.statusCode < 500, `${url} answered ${response.statusCode}`);
      if (response.statusCode >= 400) {
        assertNoInternals(response.body);
        if (url.startsWith('/api/')) {
          assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
          assert.equal(response.headers['content-language'], 'fr');
        } else {
          assertHtmlError(response, response.statusCode, 'en');
        }
      }
    });
  }
});

describe('errors nobody expected', () => {
  test('a page: 500 in the reader language, nothing internal', async () => {
    const response = await app.inject('/en/test-failure');
    assertHtmlError(response, 500, 'en');
    assert.ok(response.body.includes(CATALOGUES.en['error.server.text']));
  });

  test('the API: 500 problem in the language asked, nothing internal', async () => {
    const response = await app.inject({ url: '/api/test-failure', headers: { 'accept-language': 'zh' } });
    assert.equal(response.statusCode, 500);
    assertNoInternals(response.body);
    assert.equal(response.json().title, CATALOGUES.zh['error.server.title']);
    assert.equal(response.json().detail, CATALOGUES.zh['error.server.text']);
  });
});
