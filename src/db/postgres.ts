// A PostgreSQL server through a `pg` pool: how NormHub scales (many stateless app processes, one database).

import pg from 'pg';
import { AppError } from '../errors.ts';
import { nestedTransaction, type Db, type QueryResult } from './db.ts';

export interface PostgresOptions {
  /** schema(s) every connection of the pool uses first; tests give each database its own schema */
  searchPath?: string;
  max?: number;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // The server applies this to every new connection, so it holds for the pool's whole life.
    options: options.searchPath ? `-c search_path=${options.searchPath}` : undefined,
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new AppError('db.unavailable', `Cannot reach the PostgreSQL server of DATABASE_URL: ${(error as Error).message}`);
  }

  let closed = false;
  return {
    engine: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params as unknown[])) as unknown as QueryResult<never>,
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const result = await fn(wrapClient(client, 1));
        await client.query('commit');
        return result;
      } catch (error) {
        try {
          await client.query('rollback');
        } catch (rollbackError) {
          broken = rollbackError as Error; // the connection is unusable: let the pool discard it
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

function wrapClient(client: pg.PoolClient, depth: number): Db {
  const db: Db = {
    engine: 'postgres',
    query: async (sql, params) => (await client.query(sql, params as unknown[])) as unknown as QueryResult<never>,
    exec: async (sql) => {
      await client.query(sql);
    },
    transaction: (fn) => nestedTransaction(db, depth, () => fn(wrapClient(client, depth + 1))),
    close: async () => {
      throw new Error('close() called on a transaction; close the database instead');
    },
  };
  return db;
}
