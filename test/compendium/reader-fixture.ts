// A database with the documents the reader tests need: the Commission report E/2010/30 (the
// Bangkok Rules and the Salvador Declaration as draft resolutions), A/RES/65/230 (the Salvador
// Declaration as endorsed), and A/RES/76/181 in six languages (the Kyoto Declaration).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { syncCatalogue } from '../../src/compendium/instruments-service.ts';
import { importSources, type ImportSource } from '../../src/importer/importer-service.ts';
import { listSeedSources } from '../../src/importer/seed-service.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../shared/corpus/unxml');

export async function readerFixture(): Promise<{ db: TestDb; app: FastifyInstance }> {
  const db = await createTestDb();
  const seeds = (await listSeedSources()).filter((source) => /^00[12]_/.test(source.name));
  const kyoto: ImportSource[] = await Promise.all(
    ['ar', 'en', 'es', 'fr', 'ru', 'zh'].map(async (language) => ({
      name: `A-RES-76-181/${language}.xml`,
      bytes: new Uint8Array(await readFile(path.join(CORPUS_DIR, 'A-RES-76-181', `${language}.xml`))),
      hints: { symbol: 'A/RES/76/181', language },
    })),
  );
  await importSources({ db }, { sources: [...seeds, ...kyoto] });
  await syncCatalogue({ db });
  const app = await buildApp({ db });
  return { db, app };
}
