// Plain SQL migrations, applied in file-name order, each once and each in its own transaction.
// On a server several app processes may start together: a transaction-scoped advisory lock
// makes them take turns, and the one that comes second finds the work already recorded.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';
import { syncStateReferenceData } from '../states/states-service.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

// Any constant will do as long as every NormHub process uses the same one ("normhub" in ASCII).
const MIGRATION_LOCK = 0x6e6f726d6875;

export interface Migration {
  name: string;
  sql: string;
}

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(path.join(dir, name), 'utf8') })));
}

/** Applies the migrations not yet applied; returns the names of those it applied. */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const pending = migrations ?? (await listMigrations());
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`);
  });

  const applied: string[] = [];
  for (const migration of pending) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const { rows } = await tx.query('select 1 from schema_migrations where name = $1', [migration.name]);
      if (rows.length > 0) return false;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      await tx.query('insert into schema_migrations (name) values ($1)', [migration.name]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  await syncReferenceData(db);
  return applied;
}

/**
 * Reference data kept as checked-in files with their sources, not as INSERTs in a migration
 * (which runs once and would leave existing databases with yesterday's rows): written after the
 * schema on every run, idempotently, so a corrected file reaches every database at its next
 * start. Each is skipped while its table does not exist (a partial list of migrations).
 */
const REFERENCE_DATA: Array<{ table: string; sync: (db: Db) => Promise<unknown> }> = [
  { table: 'states', sync: syncStateReferenceData },
];

async function syncReferenceData(db: Db): Promise<void> {
  for (const { table, sync } of REFERENCE_DATA) {
    await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const { rows } = await tx.query<{ present: boolean }>('select to_regclass($1) is not null as present', [table]);
      if (rows[0]?.present) await sync(tx);
    });
  }
}
