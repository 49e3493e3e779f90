// The audit log on a real database: recording inside the write's transaction, what is kept,
// the filters, the administrators' page and API (gated and localised), and the imports it records.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { diffFields } from '../../src/audit/audit-logic.ts';
import { listAuditLog, recordAudit } from '../../src/audit/audit-service.ts';
import type { AuditFilters } from '../../src/audit/audit.ts';
import type { Actor } from '../../src/http/access.ts';
import { importSources, storeImportResult } from '../../src/importer/importer-service.ts';
import { sampleDocument } from '../helpers/documents.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const admin: Actor = { userId: 'u-admin-1', email: 'ada.admin@un.example', name: 'Ada', role: 'admin', stateCode: null, locale: 'en', sessionId: 's1' };
const officer: Actor = { userId: 'u-officer-1', email: 'otto.officer@un.example', name: 'Otto', role: 'officer', stateCode: null, locale: 'fr', sessionId: 's2' };
const focalPoint: Actor = { userId: 'u-fp-ken', email: 'fatuma@ken.example', name: 'Fatuma', role: 'focal_point', stateCode: 'KEN', locale: 'en', sessionId: 's3' };

const NO_FILTERS: AuditFilters = { actor: null, action: null, entityType: null, entityId: null, stateCode: null, from: null, to: null };

let db: TestDb;
before(async () => {
  db = await createTestDb();
});
after(async () => {
  await db.close();
});

describe('recordAudit', () => {
  test('inside a transaction that rolls back, no entry remains; one that commits keeps it', async () => {
    await assert.rejects(
      db.transaction(async (tx) => {
        await recordAudit(tx, { actor: admin, action: 'user.invite', entityType: 'user', entityId: 'rolled-back', after: { name: 'X' } });
        throw new Error('the write failed');
      }),
      /the write failed/,
    );
    await db.transaction(async (tx) => {
      await recordAudit(tx, { actor: admin, action: 'user.invite', entityType: 'user', entityId: 'committed', after: { name: 'Y' } });
    });
    const { entries } = await listAuditLog({ db }, { filters: { ...NO_FILTERS, entityType: 'user' } });
    assert.deepEqual(entries.map((entry) => entry.entityId).filter((id) => id === 'rolled-back' || id === 'committed'), ['committed']);
  });

  test('keeps who (account, role or label), what, the State, before and after, the address; secrets are replaced', async () => {
    await recordAudit(db, {
      actor: focalPoint,
      action: 'reply.submit',
      entityType: 'reply',
      entityId: 'r-1',
      stateCode: 'ken',
      before: { status: 'draft', answers: 3 },
      after: { status: 'submitted', answers: 3, password_hash: '$argon2id$…', nested: { resetToken: 'abc', note: 'ok' } },
      ip: '203.0.113.9',
    });
    await recordAudit(db, { actor: null, actorLabel: 'cli', action: 'cli.check', entityType: 'thing', entityId: '7' });
    await recordAudit(db, { actor: null, action: 'system.check', entityType: 'thing', entityId: '8' });

    const [reply] = (await listAuditLog({ db }, { filters: { ...NO_FILTERS, entityId: 'r-1' } })).entries;
    assert.ok(reply);
    assert.deepEqual(reply.actor, { userId: 'u-fp-ken', label: 'fatuma@ken.example', role: 'focal_point' });
    assert.equal(reply.action, 'reply.submit');
    assert.equal(reply.stateCode, 'KEN');
    assert.equal(reply.ip, '203.0.113.9');
    assert.deepEqual(reply.before, { status: 'draft', answers: 3 });
    assert.deepEqual(reply.after, { status: 'submitted', answers: 3, password_hash: '[redacted]', nested: { resetToken: '[redacted]', note: 'ok' } });
    assert.match(reply.at, /^\d{4}-\d{2}-\d{2}T/);

    const labels = (await listAuditLog({ db }, { filters: { ...NO_FILTERS, entityType: 'thing' } })).entries.map((entry) => [entry.actor.label, entry.actor.userId]);
    assert.deepEqual(labels, [
      ['system', null],
      ['cli', null],
    ]);
    const { rows } = await db.query<{ text: string }>(`select before::text || after::text as text from audit_log where entity_id = 'r-1'`);
    assert.doesNotMatch(rows[0]!.text, /argon2|abc/);
  });
});

describe('filters', () => {
  before(async () => {
    // Fixture rows with chosen times (recordAudit always writes now()).
    await db.exec(`insert into audit_log (at, actor_user_id, actor_label, actor_role, action, entity_type, entity_id, state_code, before, after) values
      ('2024-01-10T12:00:00Z', 'u-officer-1', 'otto.officer@un.example', 'officer', 'cycle.open', 'cycle', 'c-2024', null, null, '{"year":2024}'),
      ('2024-02-01T00:00:00Z', 'u-fp-fra', 'marie@fra.example', 'focal_point', 'reply.save', 'reply', 'r-fra', 'FRA', '{"a":1}', '{"a":2}'),
      ('2024-02-29T23:59:59Z', 'u-fp-fra', 'marie@fra.example', 'focal_point', 'reply.submit', 'reply', 'r-fra', 'FRA', '{"status":"draft"}', '{"status":"submitted"}'),
      ('2024-03-01T00:00:00Z', null, 'seed', null, 'document.import', 'document', 'A/RES/65/229', null, null, '{"version":1}')`);
  });

  const ids = async (filters: Partial<AuditFilters>) =>
    (await listAuditLog({ db }, { filters: { ...NO_FILTERS, to: '2024-12-31', ...filters } })).entries.map((entry) => `${entry.action} ${entry.entityId}`);

  test('by actor: account id, or part of the label', async () => {
    assert.deepEqual(await ids({ actor: 'u-fp-fra' }), ['reply.submit r-fra', 'reply.save r-fra']);
    assert.deepEqual(await ids({ actor: 'MARIE@' }), ['reply.submit r-fra', 'reply.save r-fra']);
    assert.deepEqual(await ids({ actor: 'seed' }), ['document.import A/RES/65/229']);
    assert.deepEqual(await ids({ actor: '%' }), [], "LIKE's wildcards are taken literally");
  });

  test('by action, exactly or by kind (a trailing dot or star)', async () => {
    assert.deepEqual(await ids({ action: 'reply.save' }), ['reply.save r-fra']);
    assert.deepEqual(await ids({ action: 'reply.' }), ['reply.submit r-fra', 'reply.save r-fra']);
    assert.deepEqual(await ids({ action: 'reply.*' }), ['reply.submit r-fra', 'reply.save r-fra']);
    assert.deepEqual(await ids({ action: 'reply' }), []);
  });

  test('by entity, State, and days in UTC with both ends included', async () => {
    assert.deepEqual(await ids({ entityType: 'cycle' }), ['cycle.open c-2024']);
    assert.deepEqual(await ids({ entityId: 'A/RES/65/229' }), ['document.import A/RES/65/229']);
    assert.deepEqual(await ids({ stateCode: 'FRA' }), ['reply.submit r-fra', 'reply.save r-fra']);
    assert.deepEqual(await ids({ from: '2024-02-01', to: '2024-02-29' }), ['reply.submit r-fra', 'reply.save r-fra']);
    assert.deepEqual(await ids({ from: '2024-03-01', to: '2024-03-01' }), ['document.import A/RES/65/229']);
    assert.deepEqual(await ids({ from: '2024-01-11', to: '2024-01-31' }), []);
  });

  test('newest first, paginated', async () => {
    const first = await listAuditLog({ db }, { filters: { ...NO_FILTERS, to: '2024-12-31' }, page: 1, pageSize: 3 });
    const second = await listAuditLog({ db }, { filters: { ...NO_FILTERS, to: '2024-12-31' }, page: 2, pageSize: 3 });
    assert.equal(first.total, 4);
    assert.equal(first.pages, 2);
    assert.deepEqual([...first.entries, ...second.entries].map((entry) => entry.at), [
      '2024-03-01T00:00:00.000Z',
      '2024-02-29T23:59:59.000Z',
      '2024-02-01T00:00:00.000Z',
      '2024-01-10T12:00:00.000Z',
    ]);
  });
});

describe('diffFields', () => {
  test('lists added, removed, changed and unchanged fields, nested objects by dotted path', () => {
    assert.deepEqual(diffFields({ name: 'A', role: 'officer', address: { city: 'Vienna' }, gone: 1 }, { name: 'A', role: 'admin', address: { city: 'Nairobi' }, tags: ['x'] }), [
      { field: 'name', change: 'same', before: '"A"', after: '"A"' },
      { field: 'role', change: 'changed', before: '"officer"', after: '"admin"' },
      { field: 'address.city', change: 'changed', before: '"Vienna"', after: '"Nairobi"' },
      { field: 'gone', change: 'removed', before: '1', after: null },
      { field: 'tags', change: 'added', before: null, after: '["x"]' },
    ]);
    assert.deepEqual(diffFields(null, null), []);
    assert.deepEqual(diffFields(null, 'active'), [{ field: '', change: 'added', before: null, after: '"active"' }]);
  });
});

describe('the audit page and API', () => {
  let app: FastifyInstance;
  const actors: Record<string, Actor> = { admin, officer, focal: focalPoint };
  before(async () => {
    app = await buildApp({ db, resolveActor: async (request) => actors[String(request.headers['x-test-actor'])] ?? null });
  });
  after(async () => {
    await app.close();
  });
  const as = (who: string | null, url: string) => app.inject({ url, headers: who ? { 'x-test-actor': who } : {} });

  test('only administrators: the public is asked to sign in, an officer and a focal point are refused', async () => {
    for (const url of ['/en/admin/audit', '/api/admin/audit']) {
      const anonymous = await as(null, url);
      // A page may send the public to the sign-in form instead; either way it shows nothing of the log.
      if (url.startsWith('/api/') || anonymous.statusCode !== 303) assert.equal(anonymous.statusCode, 401, url);
      else assert.match(String(anonymous.headers.location), /^\/en\/login\?next=/);
      assert.doesNotMatch(anonymous.body, /reply\.submit|marie@fra/);
      for (const who of ['officer', 'focal']) {
        const refused = await as(who, url);
        assert.equal(refused.statusCode, 403, `${who} ${url}`);
        assert.doesNotMatch(refused.body, /reply\.submit|marie@fra/);
      }
      assert.equal((await as('admin', url)).statusCode, 200, url);
    }
  });

  test('the page lists entries with their changes as a table of fields, not kept by caches', async () => {
    const response = await as('admin', '/en/admin/audit?state=fra&to=2024-12-31');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    const body = response.body;
    assert.match(body, /<html lang="en" dir="ltr">/);
    assert.match(body, /<h1>Audit log<\/h1>/);
    assert.match(body, /<h2>Entries: 2<\/h2>/);
    assert.match(body, /<code>reply\.submit<\/code>/);
    assert.match(body, /<th scope="row"><code>status<\/code> <small>\(changed\)<\/small><\/th><td class="ltr">&quot;draft&quot;<\/td><td class="ltr">&quot;submitted&quot;<\/td>/);
    assert.match(body, /<time datetime="2024-02-29T23:59:59.000Z">/);
    assert.match(body, /<span class="ltr">marie@fra\.example<\/span><br><small>National focal point<\/small>/);
    assert.doesNotMatch(body, /cycle\.open/);
    // the filters are kept in the form (the State as it was understood after normalisation is not needed: as typed)
    assert.match(body, /<input id="audit-state" name="state" type="text" value="fra"/);
  });

  test('in Arabic, right to left, every label in Arabic', async () => {
    const response = await as('admin', '/ar/admin/audit?to=2024-12-31');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<html lang="ar" dir="rtl">/);
    assert.match(response.body, /<h1>سجل التدقيق<\/h1>/);
    assert.match(response.body, /<label for="audit-actor">المنفِّذ<\/label>/);
    assert.match(response.body, /<small>منسق وطني<\/small>/);
    assert.doesNotMatch(response.body, />(Audit log|Filter|Who|Entries: \d+)</);
    assert.equal(response.headers['content-language'], 'ar');
  });

  test('a refused filter: 400, the form again with what was typed, an error summary linked to the field', async () => {
    const response = await as('admin', '/en/admin/audit?actor=marie&from=2024-13-01&state=KENYA');
    assert.equal(response.statusCode, 400);
    const body = response.body;
    assert.match(body, /<div class="error-summary" role="alert"/);
    assert.match(body, /<a href="#audit-from">Enter a date as YYYY-MM-DD/);
    assert.match(body, /<a href="#audit-state">Enter the State&#39;s three-letter code/);
    assert.match(body, /<input id="audit-from" name="from" type="date" value="2024-13-01" maxlength="10" aria-invalid="true" aria-describedby="audit-from-error">/);
    assert.match(body, /<input id="audit-actor" name="actor" type="text" value="marie"/);
    assert.match(body, /<span class="field-error" id="audit-from-error">/);
    assert.doesNotMatch(body, /<h2>Entries/);

    const french = await as('admin', '/fr/admin/audit?from=2024-03-02&to=2024-03-01');
    assert.equal(french.statusCode, 400);
    assert.match(french.body, /<a href="#audit-to">La date de fin précède la date de début\.<\/a>/);
  });

  test('the API: entries with their changes, the filters as understood, pages', async () => {
    const response = await as('admin', '/api/admin/audit?actor=marie&to=2024-12-31');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const json = response.json();
    assert.equal(json.total, 2);
    assert.equal(json.page, 1);
    assert.equal(json.pages, 1);
    assert.deepEqual(json.filters, { actor: 'marie', action: null, entityType: null, entityId: null, stateCode: null, from: null, to: '2024-12-31' });
    assert.deepEqual(Object.keys(json.entries[0]).sort(), ['action', 'actor', 'after', 'at', 'before', 'changes', 'entityId', 'entityType', 'id', 'ip', 'stateCode']);
    assert.deepEqual(json.entries[0].actor, { userId: 'u-fp-fra', label: 'marie@fra.example', role: 'focal_point' });
    assert.deepEqual(json.entries[0].changes, [{ field: 'status', change: 'changed', before: '"draft"', after: '"submitted"' }]);
  });

  test('the API refuses bad filters with a problem in the reader language', async () => {
    const response = await app.inject({ url: '/api/admin/audit?from=yesterday&page=0', headers: { 'x-test-actor': 'admin', 'accept-language': 'es' } });
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    const problem = response.json();
    assert.equal(problem.code, 'audit.invalid');
    assert.match(problem.detail, /^No se pudieron leer los filtros: /);
    assert.deepEqual(problem.problems.map((p: { field: string }) => p.field).sort(), ['from', 'page']);
  });
});

describe('imports are recorded', () => {
  test('document.import with the label of who imported, the version before and after; an unchanged import adds nothing', async () => {
    const document = sampleDocument({ symbol: 'E/RES/2099/1', language: 'en' });
    const result = { documents: [document], diagnostics: [] };
    await storeImportResult({ db, importedBy: { label: 'cli' } }, { source: { name: 'first.txt' }, result });
    await storeImportResult({ db, importedBy: { label: 'cli' } }, { source: { name: 'first.txt' }, result });
    const changed = sampleDocument({ symbol: 'E/RES/2099/1', language: 'en', title: 'A changed title' });
    await storeImportResult({ db, importedBy: { actor: officer } }, { source: { name: 'second.txt' }, result: { documents: [changed], diagnostics: [] } });

    const { entries } = await listAuditLog({ db }, { filters: { ...NO_FILTERS, action: 'document.import', entityId: 'E/RES/2099/1' } });
    assert.equal(entries.length, 2, 'the unchanged second import wrote nothing, so it is not recorded');
    const [update, creation] = entries;
    assert.deepEqual(creation!.actor, { userId: null, label: 'cli', role: null });
    assert.equal(creation!.before, null);
    assert.deepEqual({ ...(creation!.after as object), sha256: undefined }, { language: 'en', version: 1, status: 'created', title: document.title ?? null, source: 'first.txt', sha256: undefined });
    assert.deepEqual(update!.actor, { userId: 'u-officer-1', label: 'otto.officer@un.example', role: 'officer' });
    assert.deepEqual(update!.before, { language: 'en', version: 1 });
    assert.equal((update!.after as { version: number }).version, 2);
    assert.equal((update!.after as { status: string }).status, 'updated');
  });

  test('the seed is recorded as "seed"', async () => {
    const { seedDatabase } = await import('../../src/importer/seed-service.ts');
    const fresh = await createTestDb();
    try {
      const result = await seedDatabase({ db: fresh }, { corpusDir: null });
      assert.ok(result.seeded);
      const { entries, total } = await listAuditLog({ db: fresh }, { filters: { ...NO_FILTERS, action: 'document.import' } });
      assert.equal(total, result.documents, 'one entry per stored document');
      assert.ok(entries.every((entry) => entry.actor.label === 'seed' && entry.actor.userId === null));
    } finally {
      await fresh.close();
    }
  });

  test('a store that fails inside its transaction leaves no entry', async () => {
    // A constraint of this test's database refuses the version row, written after the document
    // row: the whole transaction must roll back, the audit entry with it.
    await db.exec(`alter table document_versions add constraint test_refused_source check (source_name <> 'refused.txt')`);
    const broken = sampleDocument({ symbol: 'E/RES/2099/2', language: 'en' });
    const report = await importSources(
      { db, importedBy: { label: 'cli' } },
      { sources: [{ name: 'refused.txt', bytes: new Uint8Array() }], parse: async () => ({ documents: [broken], diagnostics: [] }) },
    );
    assert.equal(report.sources[0]!.error?.code, 'import.store_failed');
    const { rows } = await db.query(`select 1 from documents where symbol = 'E/RES/2099/2'`);
    assert.equal(rows.length, 0);
    const { total } = await listAuditLog({ db }, { filters: { ...NO_FILTERS, entityId: 'E/RES/2099/2' } });
    assert.equal(total, 0);
  });
});
