// Use case: read source files and store the documents they hold. Each document is stored in a
// transaction of its own, so a failure loses nothing already stored and a refused file does
// not stop the others.

import { recomputeInstrumentTexts } from '../compendium/lineage-service.ts';
import { recordAudit } from '../audit/audit-service.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../http/access.ts';
import type { DocumentHints, ImportResult } from './document.ts';
import { parseSource, type SourceFile } from './import-logic.ts';
import {
  citationRows,
  documentHash,
  prepareDocument,
  provisionRows,
  sourceFormatOf,
  type DocumentReport,
  type ImportReport,
  type PreparedDocument,
  type SourceReport,
} from './importer.ts';
import {
  insertCitations,
  insertDocument,
  insertDocumentVersion,
  insertProvisions,
  planDocumentStore,
  setCurrentVersion,
} from './importer-store.ts';

/** Pino's logger fits; so does anything with these three methods taking a message. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ImportContext {
  /** null only for a dry run that does not compare with stored documents */
  db: Db | null;
  log?: Log;
  /** who imports, for the audit log: an account, or a label such as 'cli' or 'seed' ('system' when unsaid) */
  importedBy?: { actor?: Actor | null; label?: string };
}

export interface ImportSource extends SourceFile {
  /** what is known of this file's documents, over the options' hints */
  hints?: DocumentHints;
}

export interface ImportProgress {
  done: number;
  total: number;
  source: SourceReport;
}

export interface ImportSourcesOptions {
  sources: ImportSource[];
  hints?: DocumentHints;
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** stops between two files (a server shutting down during the first-start import) */
  signal?: AbortSignal;
  /** the parser; parseSource unless a caller has a reason to read sources another way */
  parse?: (source: SourceFile, hints: DocumentHints) => Promise<ImportResult>;
}

export async function importSources(ctx: ImportContext, options: ImportSourcesOptions): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  if (!ctx.db && !dryRun) throw new Error('importSources needs a database unless it is a dry run');
  const parse = options.parse ?? parseSource;
  const report: ImportReport = { dryRun, sources: [], aborted: false };

  for (const source of options.sources) {
    // Parsing and PGlite's queries run on this thread and settle as microtasks only: without a
    // turn of the event loop between two files, a server importing at first start would answer
    // nothing (not even /healthz "starting") until the whole import is done.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) {
      report.aborted = true;
      break;
    }
    const hints = { ...options.hints, ...definedOnly(source.hints ?? {}) };
    const sourceReport: SourceReport = { source: source.name, format: sourceFormatOf(source.name), result: null, documents: [], error: null };
    let result: ImportResult | null = null;
    try {
      result = await parse({ name: source.name, bytes: source.bytes }, hints);
    } catch (error) {
      if (error instanceof AppError) {
        sourceReport.error = { code: error.code, message: error.message };
      } else {
        // A parser bug, not a bad file: keep going with the others, but loudly.
        ctx.log?.error(`Unexpected error while reading ${source.name}: ${(error as Error).stack ?? error}`);
        sourceReport.error = { code: 'import.failed', message: `${source.name} could not be read because of an unexpected error: ${(error as Error).message}` };
      }
    }
    if (result) {
      try {
        Object.assign(sourceReport, await storeImportResult(ctx, { source, result, hints, dryRun }));
      } catch (error) {
        ctx.log?.error(`Could not store the documents of ${source.name}: ${(error as Error).stack ?? error}`);
        sourceReport.error = { code: 'import.store_failed', message: `The documents of ${source.name} could not be stored: ${(error as Error).message}` };
      }
    }
    report.sources.push(sourceReport);
    options.onProgress?.({ done: report.sources.length, total: options.sources.length, source: sourceReport });
  }
  // Where the instruments stand in the documents, once for the whole import rather than lazily
  // by readers (the seed, `normhub import` and any other caller alike).
  const changed = report.sources.some((source) => source.documents.some((document) => document.status === 'created' || document.status === 'updated'));
  if (!dryRun && ctx.db && changed) await recomputeInstrumentTexts(ctx.db);
  return report;
}

/**
 * Stores the documents of one parsed source. Separate from importSources so that documents
 * built by other means (tests, a future editor) are stored by exactly the same rules.
 */
export async function storeImportResult(
  ctx: ImportContext,
  { source, result, hints = {}, dryRun = false }: { source: Pick<SourceFile, 'name'>; result: ImportResult; hints?: DocumentHints; dryRun?: boolean },
): Promise<{ result: ImportResult; documents: DocumentReport[] }> {
  const diagnostics = [...result.diagnostics];
  const prepared = result.documents.map((document) => prepareDocument(document, hints));
  const seen = new Set<string>();
  const reports: DocumentReport[] = [];

  for (const item of prepared) {
    diagnostics.push(...item.diagnostics);
    const { symbol, language } = item.document;
    const key = `${symbol}\u0000${language}`;
    if (!item.skipReason && seen.has(key)) {
      // Storing it would silently turn the first one into an old version of the second.
      item.skipReason = `${symbol} (${language}) appears twice in ${source.name}; only the first was stored`;
      diagnostics.push({ line: 0, message: item.skipReason });
    }
    seen.add(key);
    if (item.skipReason) {
      reports.push({ symbol, language, version: null, status: 'skipped', reason: item.skipReason });
      continue;
    }
    reports.push(await storeDocument(ctx, { item, sourceName: source.name, diagnostics: result.diagnostics, dryRun }));
  }
  return { result: { documents: prepared.map((item) => item.document), diagnostics }, documents: reports };
}

async function storeDocument(
  ctx: ImportContext,
  { item, sourceName, diagnostics, dryRun }: { item: PreparedDocument; sourceName: string; diagnostics: ImportResult['diagnostics']; dryRun: boolean },
): Promise<DocumentReport> {
  const document = item.document;
  const symbol = document.symbol!;
  const language = document.language!;
  const sha256 = documentHash(document);
  if (dryRun) {
    if (!ctx.db) return { symbol, language, version: null, status: null };
    const plan = await planDocumentStore(ctx.db, { symbol, language, sha256, lock: false });
    return { symbol, language, version: plan.version, status: plan.status };
  }

  const plan = await ctx.db!.transaction(async (tx) => {
    const plan = await planDocumentStore(tx, { symbol, language, sha256, lock: true });
    if (plan.status === 'unchanged') return plan;
    const documentId = plan.documentId ?? (await insertDocument(tx, { symbol, language }));
    if (plan.writeVersion) {
      const versionId = await insertDocumentVersion(tx, {
        documentId,
        version: plan.version,
        sourceName,
        sourceFormat: sourceFormatOf(sourceName),
        sha256,
        document,
        diagnostics: [...diagnostics, ...item.diagnostics],
      });
      await insertProvisions(tx, versionId, provisionRows(document.root));
      await insertCitations(tx, versionId, citationRows(document));
    }
    await setCurrentVersion(tx, { documentId, version: plan.version, document, adopted: item.adopted });
    await recordAudit(tx, {
      actor: ctx.importedBy?.actor ?? null,
      actorLabel: ctx.importedBy?.label,
      action: 'document.import',
      entityType: 'document',
      entityId: symbol,
      before: plan.previousVersion === null ? null : { language, version: plan.previousVersion },
      after: { language, version: plan.version, status: plan.status, title: document.title ?? null, source: sourceName, sha256 },
    });
    return plan;
  });
  ctx.log?.info(`${symbol} (${language}) from ${sourceName}: ${plan.status}, version ${plan.version}`);
  return { symbol, language, version: plan.version, status: plan.status };
}

function definedOnly(hints: DocumentHints): DocumentHints {
  return Object.fromEntries(Object.entries(hints).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}
