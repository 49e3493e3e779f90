// First start: an empty database is filled with the bundled seeds (corpus/seeds) and the
// Akoma Ntoso corpus of NORMHUB_CORPUS_DIR, so a new installation shows real documents at once.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT, type Config } from '../config.ts';
import type { DocumentHints } from './document.ts';
import { OFFICIAL_LANGUAGES, type ImportReport } from './importer.ts';
import { importSources, type ImportContext, type ImportProgress, type ImportSource } from './importer-service.ts';
import { countDocuments } from './importer-store.ts';

export const SEEDS_DIR = path.join(PROJECT_ROOT, 'corpus', 'seeds');

const manifestSchema = z.object({
  files: z.array(
    z.object({
      file: z.string().min(1),
      symbol: z.string().min(1).optional(),
      title: z.string().min(1).optional(),
      body: z.string().min(1).optional(),
      adopted: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      language: z.string().min(2).optional(),
    }),
  ),
});

/** The seed files with the hints of their manifest. */
export async function listSeedSources(seedsDir = SEEDS_DIR): Promise<ImportSource[]> {
  const manifestPath = path.join(seedsDir, 'manifest.json');
  const parsed = manifestSchema.safeParse(JSON.parse(await readFile(manifestPath, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${manifestPath} is not a valid seed manifest: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return Promise.all(
    parsed.data.files.map(async ({ file, ...hints }) => ({
      name: file,
      bytes: new Uint8Array(await readFile(path.join(seedsDir, file))),
      hints,
    })),
  );
}

/** Every `*.xml` under the corpus folder, in a stable order, with what its path says. */
export async function listCorpusSources(corpusDir: string): Promise<ImportSource[]> {
  const entries = await readdir(corpusDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.xml'))
    .map((entry) => path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name)) // parentPath: Node 20.12+
    .sort();
  return Promise.all(
    files.map(async (file) => ({
      name: path.relative(corpusDir, file),
      bytes: new Uint8Array(await readFile(file)),
      hints: corpusHints(path.relative(corpusDir, file)),
    })),
  );
}

/**
 * The corpus is laid out as `<symbol with / as ->/<language>.xml` (A-RES-75-10/fr.xml): a
 * fallback for the parser when the markup does not say.
 */
export function corpusHints(relativePath: string): DocumentHints {
  const hints: DocumentHints = {};
  const language = path.basename(relativePath, path.extname(relativePath)).toLowerCase();
  if ((OFFICIAL_LANGUAGES as readonly string[]).includes(language)) hints.language = language;
  const folder = path.basename(path.dirname(relativePath));
  if (/^[A-Z]+(-[A-Z0-9.]+)+$/.test(folder)) hints.symbol = folder.replaceAll('-', '/');
  return hints;
}

export interface SeedResult {
  /** false when the database already held documents and nothing was imported */
  seeded: boolean;
  report: ImportReport | null;
  documents: number;
}

export async function seedDatabase(
  ctx: ImportContext,
  config: Pick<Config, 'corpusDir'>,
  options: { force?: boolean; seedsDir?: string; signal?: AbortSignal; onProgress?: (progress: ImportProgress) => void } = {},
): Promise<SeedResult> {
  const db = ctx.db;
  if (!db) throw new Error('seedDatabase needs a database');
  if (!options.force && (await countDocuments(db)) > 0) return { seeded: false, report: null, documents: await countDocuments(db) };

  const sources = [
    ...(await listSeedSources(options.seedsDir)),
    ...(config.corpusDir ? await listCorpusSources(config.corpusDir) : []),
  ];
  ctx.log?.info(`Importing ${sources.length} files (the seeds${config.corpusDir ? ` and the corpus in ${config.corpusDir}` : ''})`);
  const report = await importSources({ ...ctx, importedBy: ctx.importedBy ?? { label: 'seed' } }, { sources, signal: options.signal, onProgress: options.onProgress });
  const refused = report.sources.filter((source) => source.error);
  for (const source of refused) ctx.log?.warn(`${source.source} was not imported: ${source.error!.message}`);
  const documents = await countDocuments(db);
  ctx.log?.info(`Seeding done: ${report.sources.length - refused.length} of ${sources.length} files read, ${documents} documents stored`);
  return { seeded: true, report, documents };
}
