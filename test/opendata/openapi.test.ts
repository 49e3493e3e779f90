// The OpenAPI document against the routes Fastify really registered, its internal consistency,
// and the two API references (the plain page at /api/docs and Swagger UI under /api/docs/ui/).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { canonicalRoutePath, parsePrintedRoutes } from '../../src/opendata/opendata-logic.ts';
import { PUBLIC } from '../../src/http/access.ts';
import { INTERACTIVE_REFERENCE_POLICY } from '../../src/opendata/opendata-routes.ts';
import { buildOpenApiDocument, fastifyPathsFor, isReferenceAsset, type OpenApiDocument } from '../../src/opendata/openapi.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const DESCRIBED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Registered routes of the API (and the feed and health check) that `document` does not describe, as "GET /api/…". */
function undocumentedRoutes(app: FastifyInstance, document: OpenApiDocument): string[] {
  const described = new Map<string, Set<string>>();
  for (const [path, item] of Object.entries(document.paths)) {
    described.set(canonicalRoutePath(path), new Set(Object.keys(item).map((method) => method.toUpperCase())));
  }
  const missing: string[] = [];
  for (const route of parsePrintedRoutes(app.printRoutes())) {
    const public_ = route.path === '/api' || route.path.startsWith('/api/') || route.path.startsWith('/feeds/') || route.path === '/healthz';
    if (!public_ || isReferenceAsset(route.path)) continue;
    for (const method of route.methods.filter((each) => DESCRIBED_METHODS.includes(each))) {
      if (!described.get(canonicalRoutePath(route.path))?.has(method)) missing.push(`${method} ${route.path}`);
    }
  }
  return missing;
}

function resolveRef(document: OpenApiDocument, ref: string): unknown {
  assert.ok(ref.startsWith('#/'), `${ref} is a local reference`);
  let target: unknown = document;
  for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[part];
  return target;
}

function* refsIn(value: unknown): Generator<string> {
  if (Array.isArray(value)) for (const item of value) yield* refsIn(item);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') yield item;
      else yield* refsIn(item);
    }
  }
}

describe('parsePrintedRoutes', () => {
  test('reads back every route Fastify prints, with its methods', async () => {
    const app = Fastify();
    const handler = async () => 'x';
    app.get('/api/documents', handler);
    app.get('/api/documents/:symbol', handler);
    app.get('/api/documents/*', handler);
    app.post('/api/instruments/:id', handler);
    app.get('/api/instruments/:id', handler);
    app.get('/api/instruments/:id/*', handler);
    app.get('/api/compendium/:lang.zip', handler);
    app.get('/:locale/documents/:symbol/compare', handler);
    app.get('/feeds/documents.atom', handler);
    await app.ready();
    const routes = parsePrintedRoutes(app.printRoutes());
    assert.deepEqual(
      routes.map((route) => `${route.methods.sort().join(',')} ${route.path}`).sort(),
      [
        'GET,HEAD /:locale/documents/:symbol/compare',
        'GET,HEAD /api/compendium/:lang.zip',
        'GET,HEAD /api/documents',
        'GET,HEAD /api/documents/*',
        'GET,HEAD /api/documents/:symbol',
        'GET,HEAD /api/instruments/:id/*',
        'GET,HEAD,POST /api/instruments/:id',
        'GET,HEAD /feeds/documents.atom',
      ].sort(),
    );
    await app.close();
  });

  test('canonical paths make Fastify and OpenAPI spellings meet', () => {
    assert.equal(canonicalRoutePath('/api/documents/:symbol'), canonicalRoutePath('/api/documents/{symbol}'));
    assert.equal(canonicalRoutePath('/api/documents/*'), canonicalRoutePath('/api/documents/{symbol}'));
    assert.equal(canonicalRoutePath('/api/instruments/:id/*'), canonicalRoutePath('/api/instruments/{instrumentId}/{provisionPath}'));
    assert.equal(canonicalRoutePath('/api/compendium/:lang.zip'), canonicalRoutePath('/api/compendium/{lang}.zip'));
    assert.notEqual(canonicalRoutePath('/api/compendium/:lang'), canonicalRoutePath('/api/compendium/{lang}.zip'));
    assert.deepEqual(fastifyPathsFor('/api/instruments/{instrumentId}/{provisionPath}'), [
      '/api/instruments/:instrumentId/:provisionPath',
      '/api/instruments/:instrumentId/*',
    ]);
  });
});

describe('the OpenAPI document', () => {
  let db: TestDb;
  let app: FastifyInstance;

  before(async () => {
    db = await createTestDb();
    app = await buildApp({ db });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  test('describes every /api route the application registers (and the feed and /healthz)', () => {
    assert.deepEqual(undocumentedRoutes(app, buildOpenApiDocument()), []);
  });

  test('the check fails for a route nobody described', async () => {
    const other = await buildApp({ db });
    other.get('/api/undocumented/:id', PUBLIC, async () => ({}));
    other.post('/api/documents', PUBLIC, async () => ({}));
    await other.ready();
    try {
      assert.deepEqual(undocumentedRoutes(other, buildOpenApiDocument()).sort(), ['GET /api/undocumented/:id', 'POST /api/documents']);
    } finally {
      await other.close();
    }
  });

  test('GET /api/openapi.json serves OpenAPI 3.1 with only the paths this application answers', async () => {
    const response = await app.inject('/api/openapi.json');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const served = response.json() as OpenApiDocument;
    assert.equal(served.openapi, '3.1.0');
    assert.deepEqual(undocumentedRoutes(app, served), [], 'nothing registered is left out of the served document');
    for (const [path, item] of Object.entries(served.paths)) {
      for (const method of Object.keys(item)) {
        assert.ok(
          fastifyPathsFor(path).some((url) => app.hasRoute({ method: method.toUpperCase() as 'GET', url })),
          `${method.toUpperCase()} ${path} is registered`,
        );
      }
    }
    for (const path of ['/api/documents', '/api/documents/{symbol}', '/api/compendium/{lang}.zip', '/api/openapi.json', '/api/docs', '/feeds/documents.atom', '/healthz']) {
      assert.ok(served.paths[path]?.get, `${path} is described`);
    }
  });

  test('is consistent: references resolve, path parameters are declared, operation ids are unique', () => {
    const document = buildOpenApiDocument();
    for (const ref of refsIn(document)) assert.ok(resolveRef(document, ref) !== undefined, `${ref} resolves`);
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item) as Array<[string, { operationId: string; parameters?: unknown[]; responses: object }]>) {
        assert.ok(!operationIds.has(operation.operationId), `${operation.operationId} is unique`);
        operationIds.add(operation.operationId);
        assert.ok(Object.keys(operation.responses).length > 0, `${method} ${path} has responses`);
        const parameters = (operation.parameters ?? []).map((parameter) =>
          (parameter as { $ref?: string }).$ref ? resolveRef(document, (parameter as { $ref: string }).$ref) : parameter,
        ) as Array<{ name: string; in: string; required?: boolean }>;
        for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
          assert.ok(parameters.some((parameter) => parameter.in === 'path' && parameter.name === name && parameter.required), `${path} declares {${name}}`);
        }
      }
    }
    // the tree's shapes of docs/import-format.md
    const schemas = (document.components as { schemas: Record<string, { properties?: Record<string, unknown> }> }).schemas;
    assert.deepEqual(Object.keys(schemas.Node!.properties!).sort(), ['children', 'heading', 'id', 'kind', 'notes', 'num', 'refs', 'text']);
    assert.deepEqual(Object.keys(schemas.Footnote!.properties!).sort(), ['marker', 'refs', 'text']);
  });

  test('the document shape described is the one /api/documents/{symbol} returns', async () => {
    const { storeImportResult } = await import('../../src/importer/importer-service.ts');
    const { sampleDocument } = await import('../helpers/documents.ts');
    await storeImportResult({ db }, { source: { name: 'sample.txt' }, result: { documents: [sampleDocument()], diagnostics: [] } });
    const body = (await app.inject('/api/documents/E%2FRES%2F1997%2F32')).json() as Record<string, unknown>;
    const schemas = (buildOpenApiDocument().components as { schemas: Record<string, { required?: string[]; allOf?: Array<{ required?: string[] }> }> }).schemas;
    const required = [...schemas.ImportedDocument!.required!, ...schemas.StoredDocument!.allOf![1]!.required!];
    for (const field of required) assert.ok(field in body, `the API answer has ${field}`);
    const list = (await app.inject('/api/documents')).json() as { documents: Array<Record<string, unknown>> };
    for (const field of schemas.DocumentSummary!.required!) assert.ok(field in list.documents[0]!, `a list entry has ${field}`);
  });

  test('the download formats described are exactly those /api/documents/{symbol} accepts, plain text included once it is offered', async () => {
    const { storeImportResult } = await import('../../src/importer/importer-service.ts');
    const { sampleDocument } = await import('../helpers/documents.ts');
    const { renderDocumentText } = await import('../../src/opendata/opendata-logic.ts');
    await storeImportResult({ db }, { source: { name: 'sample.txt' }, result: { documents: [sampleDocument()], diagnostics: [] } });
    const served = (await app.inject('/api/openapi.json')).json() as OpenApiDocument;
    const operation = served.paths['/api/documents/{symbol}']!.get as {
      parameters: Array<{ name?: string; schema?: { enum?: string[] } }>;
      responses: { '200': { content: Record<string, unknown> } };
    };
    const described = operation.parameters.find((parameter) => parameter.name === 'format')!.schema!.enum!;
    for (const format of ['json', 'akn', 'text', 'pdf', 'docx']) {
      const response = await app.inject(`/api/documents/E%2FRES%2F1997%2F32?format=${format}`);
      assert.equal(response.statusCode, described.includes(format) ? 200 : 400, `format=${format}`);
    }
    assert.equal('text/plain' in operation.responses['200'].content, described.includes('text'));
    if (described.includes('text')) {
      const text = await app.inject('/api/documents/E%2FRES%2F1997%2F32?format=text');
      assert.match(String(text.headers['content-type']), /^text\/plain/);
      assert.equal(text.body, renderDocumentText(sampleDocument()));
    }
  });
});

describe('the API reference pages', () => {
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

  test('/api/docs lists every operation without any script, under a strict content security policy', async () => {
    const response = await app.inject('/api/docs');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'/);
    assert.match(response.body, /<html lang="en" dir="ltr">/);
    assert.doesNotMatch(response.body, /<script/i);
    const served = (await app.inject('/api/openapi.json')).json() as OpenApiDocument;
    for (const [path, item] of Object.entries(served.paths)) {
      for (const method of Object.keys(item)) assert.ok(response.body.includes(`${method.toUpperCase()} ${path}`), `${method} ${path} is listed`);
    }
    assert.ok(response.body.includes('href="/api/openapi.json"'));
    assert.ok(response.body.includes('href="/api/docs/ui/"'));
  });

  test('/api/docs in Arabic is right-to-left, its labels translated', async () => {
    const response = await app.inject('/api/docs?lang=ar');
    assert.match(response.body, /<html lang="ar" dir="rtl">/);
    assert.ok(response.body.includes('مرجع واجهة البرمجة'));
    const chinese = await app.inject({ url: '/api/docs', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    assert.match(chinese.body, /<html lang="zh" dir="ltr">/);
    assert.ok(chinese.body.includes('API 参考'));
  });

  test('Swagger UI under /api/docs/ui/ has its files, the same document, and a policy that lets it run', async () => {
    const page = await app.inject('/api/docs/ui/');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.equal(page.headers['content-security-policy'], INTERACTIVE_REFERENCE_POLICY);
    for (const script of page.body.matchAll(/<script src="([^"]+)"/g)) {
      const url = new URL(script[1]!, 'http://localhost/api/docs/ui/').pathname;
      const asset = await app.inject(url);
      assert.equal(asset.statusCode, 200, `${url} is served`);
    }
    assert.doesNotMatch(page.body, /<script>(?!\s*<\/script>)/, 'no inline script, which the policy would block');
    const spec = await app.inject('/api/docs/ui/json');
    assert.deepEqual(spec.json(), (await app.inject('/api/openapi.json')).json());
  });
});
