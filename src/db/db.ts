// The one database interface the rest of NormHub sees. Two engines sit behind it: PGlite
// (PostgreSQL compiled to WebAssembly, in this process) when no server is configured, and a
// `pg` pool on a PostgreSQL server. Both speak the same SQL with `$1` parameters, so stores
// are written once and tests run the same statements on both.

import type { Config } from '../config.ts';

export interface QueryResult<T> {
  rows: T[];
}

export interface Db {
  /** 'pglite' or 'postgres': for the rare place (logs, locks) where the engine matters */
  readonly engine: 'pglite' | 'postgres';
  /** One statement, `$1`-style parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Several statements separated by semicolons, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: commit when it resolves, roll back when it throws. Called on a
   * transaction's own `tx`, it nests with a savepoint, so a service can call another service
   * that opens a transaction of its own. Inside `fn`, use `tx`, never the outer `db`: on PGlite
   * the outer handle waits for the transaction to end, so using it there would never return.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Opens the configured database: the PostgreSQL server of DATABASE_URL, else PGlite in the data folder. */
export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (config.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(config.databaseUrl);
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite(config.dataDir);
}

/** A savepoint-based nested transaction on a connection that is already inside one. */
export async function nestedTransaction<T>(tx: Db, depth: number, fn: () => Promise<T>): Promise<T> {
  const name = `normhub_savepoint_${depth}`;
  await tx.query(`savepoint ${name}`);
  try {
    const result = await fn();
    await tx.query(`release savepoint ${name}`);
    return result;
  } catch (error) {
    await tx.query(`rollback to savepoint ${name}`);
    throw error;
  }
}
