// Open data use cases: the compendium of one language as a zip archive, and the feed of newly
// imported documents. Read-only; shared by the web and, later, the CLI.

import { strToU8, Zip, ZipDeflate } from 'fflate';
import type { Db } from '../db/db.ts';
import type { DocumentType, ImportedDocument } from '../importer/document.ts';
import { writeAkn } from '../importer/akn-writer-logic.ts';
import {
  renderAtomFeed,
  renderCompendiumReadme,
  renderDocumentText,
  symbolFileName,
  weakEtag,
  type CompendiumIndex,
  type CompendiumIndexEntry,
  type CompendiumLanguage,
} from './opendata-logic.ts';
import { listDocumentIdsInLanguage, listRecentDocuments, readDocumentsWithTrees, readLanguageStamp, type ArchivedDocument } from './opendata-store.ts';

export interface OpenDataContext {
  db: Db;
  log?: { info(message: string): void; warn(message: string): void };
}

/** Bump when the archive's files change shape, so that cached copies are not taken for current ones. */
const ARCHIVE_LAYOUT = '1';
/** Documents read from the database at a time: bounds memory to a few trees besides the archive itself. */
const BATCH_SIZE = 20;
/** Deflate level: 6 gives nearly all of 9's gain on this text at half the time. */
const DEFLATE_LEVEL = 6;
export const FEED_SIZE = 50;

export interface ArchiveValidators {
  etag: string;
  /** null when the language has no document */
  lastModified: Date | null;
  count: number;
}

/** What identifies the current archive of a language, from one small query (no tree is read). */
export async function readArchiveValidators(ctx: OpenDataContext, { language }: { language: CompendiumLanguage }): Promise<ArchiveValidators> {
  const stamp = await readLanguageStamp(ctx.db, language);
  return {
    etag: weakEtag('compendium', ARCHIVE_LAYOUT, language, String(stamp.count), stamp.fingerprint),
    lastModified: stamp.lastModified ? new Date(stamp.lastModified) : null,
    count: stamp.count,
  };
}

export function toImportedDocument(document: ArchivedDocument): ImportedDocument {
  return {
    symbol: document.symbol,
    title: document.title,
    body: document.body,
    adopted: document.adopted,
    language: document.language,
    meeting: document.meeting,
    type: document.type as DocumentType | null,
    partOf: document.partOf,
    root: document.root,
    footnotes: document.footnotes,
  };
}

export interface BuiltArchive {
  bytes: Uint8Array;
  documents: number;
  files: string[];
}

/**
 * Every document of the language (current version) as NAME.json, NAME.xml (Akoma Ntoso) and
 * NAME.txt, with index.json and README.txt. Documents are read and compressed a batch at a
 * time, so the trees of the whole language are never all in memory at once.
 */
export async function buildCompendiumArchive(
  ctx: OpenDataContext,
  { language, now = new Date() }: { language: CompendiumLanguage; now?: Date },
): Promise<BuiltArchive> {
  const chunks: Uint8Array[] = [];
  let zipError: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) zipError = error;
    else chunks.push(data);
  });
  const files: string[] = [];
  const add = (name: string, content: string, mtime: Date) => {
    const file = new ZipDeflate(name, { level: DEFLATE_LEVEL });
    file.mtime = mtime;
    zip.add(file);
    file.push(strToU8(content), true);
    files.push(name);
  };

  const ids = await listDocumentIdsInLanguage(ctx.db, language);
  const taken = new Set<string>(['index', 'readme']);
  const entries: CompendiumIndexEntry[] = [];
  let lastModified: string | null = null;
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    for (const stored of await readDocumentsWithTrees(ctx.db, ids.slice(start, start + BATCH_SIZE))) {
      const document = toImportedDocument(stored);
      const name = symbolFileName(stored.symbol, taken);
      const mtime = new Date(stored.updatedAt);
      if (!lastModified || stored.updatedAt > lastModified) lastModified = stored.updatedAt;
      add(`${name}.json`, `${JSON.stringify(document, null, 2)}\n`, mtime);
      let akn: string | null = `${name}.xml`;
      try {
        add(akn, writeAkn(document), mtime);
      } catch (error) {
        // One document the writer cannot express must not cost the reader the whole archive.
        ctx.log?.warn(`compendium ${language}: ${stored.symbol} could not be written as Akoma Ntoso: ${(error as Error).message}`);
        akn = null;
      }
      add(`${name}.txt`, renderDocumentText(document), mtime);
      entries.push({
        symbol: stored.symbol,
        title: stored.title,
        body: stored.body,
        adopted: stored.adopted,
        version: stored.version,
        updatedAt: stored.updatedAt,
        files: { json: `${name}.json`, akn, text: `${name}.txt` },
      });
      // Deflating is synchronous: let other requests through between two documents.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  const generated = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const index: CompendiumIndex = { language, source: 'United Nations', generated, lastModified, documents: entries };
  add('index.json', `${JSON.stringify(index, null, 2)}\n`, now);
  add('README.txt', renderCompendiumReadme({ language, generated, lastModified, count: entries.length }), now);
  zip.end();
  if (zipError) throw zipError;
  return { bytes: Buffer.concat(chunks), documents: entries.length, files };
}

export interface CachedArchive extends ArchiveValidators {
  bytes: Uint8Array;
}

/**
 * The last archive built for each language, kept while its entity tag is current: repeated
 * downloads cost one small query, and simultaneous first downloads build it once. At most six
 * archives (a few megabytes each); they are a cache, so any process can rebuild them.
 */
export function createArchiveCache() {
  const built = new Map<CompendiumLanguage, CachedArchive>();
  const building = new Map<string, Promise<CachedArchive>>();
  return async function compendiumArchive(
    ctx: OpenDataContext,
    { language, validators }: { language: CompendiumLanguage; validators: ArchiveValidators },
  ): Promise<CachedArchive> {
    const cached = built.get(language);
    if (cached?.etag === validators.etag) return cached;
    const key = `${language}\u0000${validators.etag}`;
    let pending = building.get(key);
    if (!pending) {
      pending = (async () => {
        const started = performance.now();
        const archive = await buildCompendiumArchive(ctx, { language });
        ctx.log?.info(
          `compendium ${language}: ${archive.documents} documents, ${archive.bytes.length} bytes, built in ${Math.round(performance.now() - started)} ms`,
        );
        const result = { ...validators, bytes: archive.bytes };
        built.set(language, result);
        return result;
      })().finally(() => building.delete(key));
      building.set(key, pending);
    }
    return pending;
  };
}

export async function renderDocumentsFeed(
  ctx: OpenDataContext,
  { language, origin, authority, now = new Date() }: { language: CompendiumLanguage | null; origin: string; authority: string; now?: Date },
): Promise<{ xml: string; lastModified: Date | null }> {
  const entries = await listRecentDocuments(ctx.db, { language, limit: FEED_SIZE });
  const latest = entries.reduce<string | null>((max, entry) => (!max || entry.importedAt > max ? entry.importedAt : max), null);
  const xml = renderAtomFeed({ origin, authority, language, entries, now: now.toISOString().replace(/\.\d{3}Z$/, 'Z') });
  return { xml, lastModified: latest ? new Date(latest) : null };
}
