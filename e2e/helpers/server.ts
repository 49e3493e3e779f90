// A real NormHub server for browser tests: in this process, on a free port of 127.0.0.1, with an
// in-memory PGlite database filled the way a first start fills it (the bundled seeds) plus a few
// resolutions of the corpus in six languages, so that pages show real documents.

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig, PROJECT_ROOT } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.ts';

/** Resolutions of ../shared/corpus/unxml served in the browser tests (six languages each). */
export const E2E_CORPUS = ['A-RES-75-194', 'A-RES-75-10'] as const;

export interface E2eServer {
  baseUrl: string;
  server: RunningServer;
  close(): Promise<void>;
}

export async function startE2eServer(): Promise<E2eServer> {
  const corpusSource = path.resolve(PROJECT_ROOT, '..', 'shared', 'corpus', 'unxml');
  if (!existsSync(corpusSource)) {
    throw new Error(`The browser tests need the corpus at ${corpusSource} (../shared beside the project).`);
  }
  // A corpus folder with only the chosen resolutions: the whole corpus takes too long to import.
  const corpusDir = await mkdtemp(path.join(tmpdir(), 'normhub-e2e-corpus-'));
  for (const folder of E2E_CORPUS) await cp(path.join(corpusSource, folder), path.join(corpusDir, folder), { recursive: true });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    NORMHUB_DATA_DIR: 'memory://',
    NORMHUB_CORPUS_DIR: corpusDir,
    NORMHUB_SEED_ON_START: 'true',
    LOG_LEVEL: 'silent',
  });
  const server = await startServer(config);
  try {
    await server.seeding;
    const { port } = server.app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const health = await fetch(`${baseUrl}/healthz`);
    const body = (await health.json()) as { status: string; documents?: number };
    if (health.status !== 200 || body.status !== 'ok' || !body.documents) {
      throw new Error(`The test server is not ready: /healthz answered ${health.status} ${JSON.stringify(body)}`);
    }
    return {
      baseUrl,
      server,
      close: async () => {
        await server.close();
        await rm(corpusDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.close();
    await rm(corpusDir, { recursive: true, force: true });
    throw error;
  }
}
