// The database layer on a real database: PGlite in memory, or the PostgreSQL server of
// TEST_DATABASE_URL (CI runs this file both ways).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { listMigrations, migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { AppError } from '../src/errors.ts';
import { createTestDb, testDatabaseUrl, type TestDb } from './helpers/test-db.ts';

describe(`migrations (${testDatabaseUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb({ migrated: false });
  });
  after(() => db.close());

  test('apply every migration once, in name order, and record each', async () => {
    const names = (await listMigrations()).map((migration) => migration.name);
    assert.ok(names.length > 0);
    assert.deepEqual(names, [...names].sort());
    assert.deepEqual(await migrate(db), names);
    const { rows } = await db.query<{ name: string }>('select name from schema_migrations order by name');
    assert.deepEqual(rows.map((row) => row.name), names);
  });

  test('are idempotent: running them again applies nothing and changes nothing', async () => {
    assert.deepEqual(await migrate(db), []);
    const { rows } = await db.query<{ count: number }>('select count(*)::integer as count from schema_migrations');
    assert.equal(rows[0]!.count, (await listMigrations()).length);
  });

  test('two migrations at once take turns (advisory lock) and apply each migration once', async () => {
    const fresh = await createTestDb({ migrated: false });
    try {
      const [first, second] = await Promise.all([migrate(fresh), migrate(fresh)]);
      assert.equal(first.length + second.length, (await listMigrations()).length);
      const { rows } = await fresh.query<{ count: number }>('select count(*)::integer as count from schema_migrations');
      assert.equal(rows[0]!.count, (await listMigrations()).length);
    } finally {
      await fresh.close();
    }
  });

  test('a failing migration rolls back whole and is not recorded', async () => {
    const migrations = [{ name: '9999_broken.sql', sql: 'create table half_done (id integer); select * from no_such_table;' }];
    await assert.rejects(migrate(db, migrations), /9999_broken\.sql failed/);
    const { rows } = await db.query("select 1 from schema_migrations where name = '9999_broken.sql'");
    assert.equal(rows.length, 0);
    const tables = await db.query("select 1 from information_schema.tables where table_name = 'half_done' and table_schema = current_schema()");
    assert.equal(tables.rows.length, 0);
  });
});

describe(`Db (${testDatabaseUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(() => db.close());

  test('$1 parameters, arrays, jsonb and dates come back the same on both engines', async () => {
    const { rows } = await db.query<{ n: number; words: string[]; data: { a: number[] }; day: string }>(
      "select $1::integer as n, $2::text[] as words, $3::jsonb as data, to_char($4::date, 'YYYY-MM-DD') as day",
      [42, ['a', 'b'], JSON.stringify({ a: [1, 2] }), '2012-07-26'],
    );
    assert.deepEqual(rows[0], { n: 42, words: ['a', 'b'], data: { a: [1, 2] }, day: '2012-07-26' });
  });

  test('a transaction commits when its function resolves and rolls back when it throws', async () => {
    await db.exec('create table if not exists tx_probe (value text)');
    await db.transaction((tx) => tx.query("insert into tx_probe values ('kept')"));
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query("insert into tx_probe values ('lost')");
        throw new Error('boom');
      }),
      /boom/,
    );
    const { rows } = await db.query<{ value: string }>('select value from tx_probe order by value');
    assert.deepEqual(rows.map((row) => row.value), ['kept']);
  });

  test('a nested transaction rolls back alone (savepoint) and the outer one goes on', async () => {
    await db.exec('create table if not exists nested_probe (value text)');
    await db.transaction(async (tx) => {
      await tx.query("insert into nested_probe values ('outer')");
      await assert.rejects(
        tx.transaction(async (inner) => {
          await inner.query("insert into nested_probe values ('inner')");
          throw new Error('inner failure');
        }),
      );
    });
    const { rows } = await db.query<{ value: string }>('select value from nested_probe');
    assert.deepEqual(rows.map((row) => row.value), ['outer']);
  });

  test('the documents schema enforces one row per symbol and language', async () => {
    await db.query("insert into documents (symbol, language, current_version) values ('A/RES/1/1', 'en', 1)");
    await assert.rejects(db.query("insert into documents (symbol, language, current_version) values ('A/RES/1/1', 'en', 1)"));
  });
});

describe('embedded database folder', () => {
  test('data persists across openings, and a folder already open is refused with a clear error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'normhub-db-'));
    try {
      const first = await openPglite(dir);
      await migrate(first);
      await first.query("insert into documents (symbol, language, current_version) values ('E/RES/2003/30', 'en', 1)");
      await assert.rejects(openPglite(dir), (error: unknown) => error instanceof AppError && error.code === 'db.in_use');
      await first.close();

      const again = await openPglite(dir);
      assert.deepEqual(await migrate(again), []);
      const { rows } = await again.query<{ symbol: string }>('select symbol from documents');
      assert.deepEqual(rows, [{ symbol: 'E/RES/2003/30' }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
