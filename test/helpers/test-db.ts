// A fresh, migrated, real database for one test file: PGlite in memory by default; with
// TEST_DATABASE_URL, a schema of its own on that PostgreSQL server, dropped at the end, so
// test runs never see each other's rows and never touch anything else on the server.

import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';

export interface TestDb extends Db {
  /** where the data lives, for messages: 'pglite' or 'postgres schema test_…' */
  readonly description: string;
}

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || null;

export async function createTestDb({ migrated = true }: { migrated?: boolean } = {}): Promise<TestDb> {
  if (!testDatabaseUrl) {
    const db = await openPglite('memory://');
    if (migrated) await migrate(db);
    return { ...db, description: 'pglite (memory)' };
  }

  const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(testDatabaseUrl, { max: 1 });
  try {
    await admin.exec(`create schema ${schema}`);
  } finally {
    await admin.close();
  }
  const db = await openPostgres(testDatabaseUrl, { searchPath: schema });
  if (migrated) await migrate(db);
  return {
    ...db,
    description: `postgres schema ${schema}`,
    close: async () => {
      try {
        await db.exec(`drop schema ${schema} cascade`);
      } finally {
        await db.close();
      }
    },
  };
}
