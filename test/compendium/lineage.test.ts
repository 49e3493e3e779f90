// Lineage (instrument_texts) is computed by the import, once, not by readers on every request;
// a database filled by an older version is brought up to date by the first reader, once.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { ensureInstrumentTexts } from '../../src/compendium/lineage-service.ts';
import { documentsSignature, listTopAttachments, readState } from '../../src/compendium/reader-store.ts';
import type { Db } from '../../src/db/db.ts';
import { importSources, storeImportResult } from '../../src/importer/importer-service.ts';
import { findNode, type ImportedDocument } from '../../src/importer/document.ts';
import { listSeedSources } from '../../src/importer/seed-service.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

let db: TestDb;
before(async () => {
  db = await createTestDb();
});
after(() => db.close());

async function textsOf(instrumentId: string): Promise<Array<{ symbol: string; is_primary: boolean }>> {
  const { rows } = await db.query<{ symbol: string; is_primary: boolean }>(
    'select d.symbol, t.is_primary from instrument_texts t join documents d on d.id = t.document_id where t.instrument_id = $1 order by d.symbol',
    [instrumentId],
  );
  return rows;
}

/** The same database seen by another process: its own guard, and a count of the statements it sends. */
function anotherProcess(): { db: Db; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    db: {
      ...db,
      query: (sql, params) => {
        statements.push(sql);
        return db.query(sql, params);
      },
    } as Db,
  };
}

test('an import records where the instruments stand, without any reader asking', async () => {
  const seeds = await listSeedSources();
  await importSources({ db }, { sources: seeds.filter((source) => source.name.startsWith('001_')) });
  assert.deepEqual(await textsOf('bangkok-rules'), [{ symbol: 'E/2010/30, chap. I, sect. A, draft resolution II', is_primary: true }]);
  assert.equal(await readState(db, 'instrument_texts.signature'), await documentsSignature(db));

  // a second import that adds the endorsing resolution makes it the Salvador Declaration's main text
  await importSources({ db }, { sources: seeds.filter((source) => source.name.startsWith('002_')) });
  assert.deepEqual(await textsOf('salvador-declaration'), [
    { symbol: 'A/RES/65/230', is_primary: true },
    { symbol: 'E/2010/30, chap. I, sect. A, draft resolution IV', is_primary: false },
  ]);
  assert.equal(await readState(db, 'instrument_texts.signature'), await documentsSignature(db));
});

test('a database filled by an older version is brought up to date by the first reader, and later readers send no check', async () => {
  await db.exec("delete from instrument_texts; delete from compendium_state where key = 'instrument_texts.signature'");
  const other = anotherProcess();
  const app = await buildApp({ db: other.db });
  try {
    const first = await app.inject('/en/instruments/bangkok-rules/rule-3');
    assert.equal(first.statusCode, 200);
    assert.equal((await textsOf('bangkok-rules')).length, 1);
    assert.ok(other.statements.some((sql) => sql.includes('compendium_state')), 'the first reader checks');

    other.statements.length = 0;
    for (const path of ['/en/instruments/bangkok-rules/rule-3', '/en/instruments', '/en/instruments/salvador-declaration']) {
      assert.equal((await app.inject(path)).statusCode, 200, path);
    }
    assert.deepEqual(
      other.statements.filter((sql) => sql.includes('compendium_state') || sql.includes('sum(current_version)')),
      [],
      'no signature check once this process has checked',
    );
    other.statements.length = 0;
    await ensureInstrumentTexts(other.db);
    assert.deepEqual(other.statements, []);
  } finally {
    await app.close();
  }
});

test('the annexes are found through their own index, not by reading every provision (migration 0007)', async () => {
  const plan: string[] = [];
  await db.transaction(async (tx) => {
    // the test database is small enough for a sequential scan to be cheaper: ask whether the index can serve
    await tx.query('set local enable_seqscan = off');
    const explaining = {
      ...tx,
      query: async (sql: string, params?: unknown[]) => {
        const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, params);
        plan.push(...rows.map((row) => row['QUERY PLAN']));
        return { rows: [] };
      },
    } as Db;
    await listTopAttachments(explaining);
  });
  assert.ok(plan.some((line) => line.includes('provisions_attachments')), plan.join('\n'));
});

test('a new version of a text is read at once: the trees the reader keeps are those of versions, which never change', async () => {
  const app = await buildApp({ db });
  try {
    const before = await app.inject('/en/instruments/bangkok-rules/rule-4');
    assert.match(before.body, /Women prisoners shall be allocated, to the extent possible/);
    const symbol = 'E/2010/30, chap. I, sect. A, draft resolution II';
    const stored = (await app.inject(`/api/documents/${encodeURIComponent(symbol)}?lang=en&format=json`)).json() as ImportedDocument;
    findNode(stored.root, 'annex-1/sec-I/rule-4')!.text = 'A second version of rule 4, stored after the first was read.';
    const report = await storeImportResult({ db }, { source: { name: 'v2.json' }, result: { documents: [stored], diagnostics: [] } });
    assert.equal(report.documents[0]!.status, 'updated');
    const after = await app.inject('/en/instruments/bangkok-rules/rule-4');
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /A second version of rule 4, stored after the first was read\./);
    assert.doesNotMatch(after.body, /Women prisoners shall be allocated/);
  } finally {
    await app.close();
  }
});
