// A real NormHub server for browser tests: in this process, on a free port of 127.0.0.1, with a
// database filled the way a first start fills it (the bundled seeds) plus a few resolutions of the
// corpus in six languages, so that pages show real documents. The database is PGlite in memory,
// or with TEST_DATABASE_URL a fresh schema on that PostgreSQL server, dropped at the end.

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { loadConfig, PROJECT_ROOT } from '../../src/config.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { startServer, type RunningServer } from '../../src/server.ts';

/** Resolutions of ../shared/corpus/unxml served in the browser tests (six languages each). */
export const E2E_CORPUS = ['A-RES-75-194', 'A-RES-75-10'] as const;

export interface E2eServer {
  baseUrl: string;
  server: RunningServer;
  close(): Promise<void>;
}

export interface E2eServerOptions {
  /** import the seeds and corpus resolutions (default); false: an empty compendium, for pages that need no documents */
  seed?: boolean;
  /** more configuration (SMTP_URL, PUBLIC_URL, PORT…), over the defaults below */
  env?: Record<string, string>;
}

/** A port free on 127.0.0.1 now, for a server whose own address must be known before it starts (PUBLIC_URL). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startE2eServer({ seed = true, env = {} }: E2eServerOptions = {}): Promise<E2eServer> {
  const corpusSource = path.resolve(PROJECT_ROOT, '..', 'shared', 'corpus', 'unxml');
  if (seed && !existsSync(corpusSource)) {
    throw new Error(`The browser tests need the corpus at ${corpusSource} (../shared beside the project).`);
  }
  // A corpus folder with only the chosen resolutions: the whole corpus takes too long to import.
  const corpusDir = await mkdtemp(path.join(tmpdir(), 'normhub-e2e-corpus-'));
  if (seed) for (const folder of E2E_CORPUS) await cp(path.join(corpusSource, folder), path.join(corpusDir, folder), { recursive: true });
  const database = await createDatabase();
  const config = loadConfig({
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    PORT: '0',
    HOST: '127.0.0.1',
    NORMHUB_DATA_DIR: 'memory://',
    NORMHUB_CORPUS_DIR: corpusDir,
    NORMHUB_SEED_ON_START: seed ? 'true' : 'false',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await startServer(config);
  try {
    await server.seeding;
    const { port } = server.app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const health = await fetch(`${baseUrl}/healthz`);
    const body = (await health.json()) as { status: string; documents?: number };
    if (health.status !== 200 || body.status !== 'ok' || (seed && !body.documents)) {
      throw new Error(`The test server is not ready: /healthz answered ${health.status} ${JSON.stringify(body)}`);
    }
    return {
      baseUrl,
      server,
      close: async () => {
        await server.close();
        await rm(corpusDir, { recursive: true, force: true });
        await database.drop();
      },
    };
  } catch (error) {
    await server.close();
    await rm(corpusDir, { recursive: true, force: true });
    await database.drop();
    throw error;
  }
}

/** PGlite in memory (url null), or a schema of its own on the TEST_DATABASE_URL server. */
async function createDatabase(): Promise<{ url: string | null; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return { url: null, drop: async () => {} };
  const schema = `e2e_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(serverUrl, { max: 1 });
  try {
    await admin.exec(`create schema ${schema}`);
  } finally {
    await admin.close();
  }
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = await openPostgres(serverUrl, { max: 1 });
      try {
        await dropper.exec(`drop schema ${schema} cascade`);
      } finally {
        await dropper.close();
      }
    },
  };
}
