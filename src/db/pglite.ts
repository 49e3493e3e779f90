// Embedded PostgreSQL (PGlite). One process owns a data folder at a time: PGlite has no lock of
// its own, and two processes writing the same folder would corrupt it, so we keep a lock file
// holding the owner's process id and refuse to open a folder another live process holds.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { AppError } from '../errors.ts';
import { nestedTransaction, type Db, type QueryResult } from './db.ts';

const LOCK_FILE = 'normhub.lock';

// Folders this process has open: the lock file alone cannot tell our own live lock from a
// stale one left by an earlier process that happened to have our process id.
const openHere = new Set<string>();

export async function openPglite(dataDir: string): Promise<Db> {
  const inMemory = dataDir === 'memory://';
  let lockPath: string | null = null;
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    lockPath = path.join(dataDir, LOCK_FILE);
    if (openHere.has(lockPath)) {
      throw new AppError('db.in_use', `The embedded database in ${dataDir} is already open in this process.`, { pid: process.pid });
    }
    takeLock(lockPath, dataDir);
    openHere.add(lockPath);
  }
  let pglite: PGlite;
  try {
    // Search (migration 0003) needs pg_trgm and unaccent; PGlite loads extensions only when asked to.
    const extensions = { pg_trgm, unaccent };
    pglite = inMemory ? new PGlite({ extensions }) : new PGlite(dataDir, { extensions });
    await pglite.waitReady;
  } catch (error) {
    if (lockPath) releaseLock(lockPath);
    throw new AppError('db.unavailable', `Cannot open the embedded database in ${dataDir}: ${(error as Error).message}`);
  }

  let closed = false;
  return {
    engine: 'pglite',
    query: (sql, params) => pglite.query(sql, params) as Promise<QueryResult<never>>,
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    transaction: (fn) => pglite.transaction((tx) => fn(wrapTransaction(tx, 1))),
    close: async () => {
      if (closed) return;
      closed = true;
      await pglite.close();
      if (lockPath) releaseLock(lockPath);
    },
  };
}

function wrapTransaction(tx: Transaction, depth: number): Db {
  const db: Db = {
    engine: 'pglite',
    query: (sql, params) => tx.query(sql, params) as Promise<QueryResult<never>>,
    exec: async (sql) => {
      await tx.exec(sql);
    },
    transaction: (fn) => nestedTransaction(db, depth, () => fn(wrapTransaction(tx, depth + 1))),
    close: async () => {
      throw new Error('close() called on a transaction; close the database instead');
    },
  };
  return db;
}

function releaseLock(lockPath: string): void {
  openHere.delete(lockPath);
  rmSync(lockPath, { force: true });
}

function takeLock(lockPath: string, dataDir: string): void {
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number(readFileSync(lockPath, 'utf8').trim());
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
    throw new AppError(
      'db.in_use',
      `The embedded database in ${dataDir} is in use by process ${owner} (a running NormHub server or command). ` +
        'Stop it first, or point both at a PostgreSQL server with DATABASE_URL.',
      { pid: owner },
    );
  }
  // The owner is gone (it crashed or was killed): the lock is stale.
  writeFileSync(lockPath, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
