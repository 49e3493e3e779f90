// normhub import FILE...: read files, store their documents, say what happened.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import { openDb, type Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { countNodes, type Diagnostic, type DocumentHints, type ImportedDocument } from '../importer/document.ts';
import type { DocumentReport, ImportReport, SourceReport } from '../importer/importer.ts';
import { importSources, type ImportSource, type Log } from '../importer/importer-service.ts';
import { startProgress } from './progress.ts';

export interface ImportCommandOptions {
  hints: DocumentHints;
  dryRun: boolean;
  json: boolean;
}

/** Returns the exit code: 0 when every file was read, 1 when any was refused. */
export async function runImportCommand(config: Config | null, files: string[], options: ImportCommandOptions, log: Log): Promise<number> {
  const { sources, unreadable } = await readSources(files);
  // A dry run only parses: it neither creates an embedded database nor competes for one in use.
  let db: Db | null = null;
  if (!options.dryRun && config && sources.length > 0) {
    db = await openDb(config);
    await migrate(db);
  }

  let report: ImportReport;
  const progress = startProgress(sources.length);
  try {
    report = await importSources(
      { db, log, importedBy: { label: 'cli' } },
      {
        sources,
        hints: options.hints,
        dryRun: options.dryRun,
        onProgress: ({ done, source }) => progress.tick(done, path.basename(source.source)),
      },
    );
  } finally {
    progress.stop();
    await db?.close();
  }

  // Files that could not even be read are reported in the order given, like the others.
  const order = new Map(files.map((file, index) => [file, index]));
  const all = [...report.sources, ...unreadable].sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0));

  if (options.json) {
    process.stdout.write(`${JSON.stringify(jsonOutput(all))}\n`);
    for (const source of all) if (source.error) process.stderr.write(`${source.error.message}\n`);
    process.stderr.write(`${summaryLine(all, options.dryRun)}\n`);
  } else {
    for (const source of all) process.stdout.write(describeSource(source, options.dryRun));
    process.stdout.write(`${summaryLine(all, options.dryRun)}\n`);
  }
  return all.some((source) => source.error) ? 1 : 0;
}

async function readSources(files: string[]): Promise<{ sources: ImportSource[]; unreadable: SourceReport[] }> {
  const sources: ImportSource[] = [];
  const unreadable: SourceReport[] = [];
  for (const file of files) {
    try {
      sources.push({ name: file, bytes: new Uint8Array(await readFile(file)) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
      unreadable.push({ source: file, format: 'unknown', result: null, documents: [], error: { code: 'import.unreadable', message: `Cannot read ${file}: ${why}.` } });
    }
  }
  return { sources, unreadable };
}

/** The --json contract: exactly {documents, diagnostics}; a refused file appears as a diagnostic. */
function jsonOutput(sources: SourceReport[]): { documents: ImportedDocument[]; diagnostics: Diagnostic[] } {
  const prefix = (source: SourceReport, message: string) => (sources.length > 1 ? `${source.source}: ${message}` : message);
  const documents: ImportedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    if (source.result) {
      documents.push(...source.result.documents);
      diagnostics.push(...source.result.diagnostics.map((d) => ({ line: d.line, message: prefix(source, d.message) })));
    }
    if (source.error) diagnostics.push({ line: 0, message: source.error.message });
  }
  return { documents, diagnostics };
}

const MAX_DIAGNOSTICS_SHOWN = 10;

function describeSource(source: SourceReport, dryRun: boolean): string {
  const lines = [`${source.source}${source.format !== 'unknown' ? ` (${source.format})` : ''}`];
  if (source.error) {
    lines.push(`  refused: ${source.error.message}`);
    return `${lines.join('\n')}\n\n`;
  }
  const documents = source.result?.documents ?? [];
  lines.push(`  ${documents.length} document${documents.length === 1 ? '' : 's'} found`);
  documents.forEach((document, index) => {
    const counts = [
      `${countNodes(document.root, 'paragraph')} paragraphs`,
      `${countNodes(document.root, 'rule')} rules`,
      `${document.footnotes.length} footnotes`,
    ].join(', ');
    const name = `${document.symbol ?? '(no symbol)'}${document.language ? ` [${document.language}]` : ''}`;
    const title = document.title ? ` "${truncate(document.title, 60)}"` : '';
    lines.push(`  - ${name}${title}: ${counts}; ${describeStatus(source.documents[index], dryRun)}`);
  });
  const diagnostics = source.result?.diagnostics ?? [];
  lines.push(`  ${diagnostics.length} diagnostic${diagnostics.length === 1 ? '' : 's'}`);
  for (const diagnostic of diagnostics.slice(0, MAX_DIAGNOSTICS_SHOWN)) {
    lines.push(`    ${diagnostic.line > 0 ? `line ${diagnostic.line}: ` : ''}${diagnostic.message}`);
  }
  if (diagnostics.length > MAX_DIAGNOSTICS_SHOWN) lines.push(`    ... and ${diagnostics.length - MAX_DIAGNOSTICS_SHOWN} more (--json shows them all)`);
  return `${lines.join('\n')}\n\n`;
}

function describeStatus(report: DocumentReport | undefined, dryRun: boolean): string {
  if (!report) return 'not stored';
  if (report.status === 'skipped') return 'not stored (see the diagnostics)';
  if (report.status === null) return 'not stored (dry run)';
  const what = { created: 'created', updated: 'updated', unchanged: 'unchanged' }[report.status];
  return dryRun ? `would be ${what} (version ${report.version}; dry run, nothing stored)` : `${what}, version ${report.version}`;
}

function summaryLine(sources: SourceReport[], dryRun: boolean): string {
  const refused = sources.filter((source) => source.error).length;
  const stored = sources.flatMap((source) => source.documents).filter((d) => d.status === 'created' || d.status === 'updated').length;
  const parts = [`${sources.length - refused} of ${sources.length} file${sources.length === 1 ? '' : 's'} read`];
  if (refused) parts.push(`${refused} refused`);
  parts.push(dryRun ? 'dry run: nothing stored' : `${stored} document${stored === 1 ? '' : 's'} created or updated`);
  return parts.join('; ');
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
