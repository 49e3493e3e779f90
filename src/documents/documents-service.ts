// Reading documents: the list for the home page and one document in the reader's language.

import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { walkNodes, type DocumentNode, type DocumentType, type ImportedDocument, type Reference } from '../importer/document.ts';
import { findImportedSymbols } from './documents-store.ts';
import { writeAkn } from '../importer/akn-writer-logic.ts';
import { renderDocumentText } from '../opendata/opendata-logic.ts';
import { findDocument, listDocumentLanguages as listLanguagesOfSymbol, listDocuments, type DocumentRow, type DocumentWithTree } from './documents-store.ts';

export interface ReadContext {
  db: Db;
}

export interface DocumentSummary {
  symbol: string;
  /** the language version whose title, body and date are shown */
  shown: DocumentRow;
  languages: string[];
}

/** One entry per symbol, described in the preferred language when that version exists. */
export async function listDocumentSummaries(ctx: ReadContext, { preferred }: { preferred: string }): Promise<DocumentSummary[]> {
  const rows = await listDocuments(ctx.db);
  const bySymbol = new Map<string, DocumentRow[]>();
  for (const row of rows) bySymbol.set(row.symbol, [...(bySymbol.get(row.symbol) ?? []), row]);
  return [...bySymbol.entries()].map(([symbol, versions]) => ({
    symbol,
    shown: pickLanguage(versions, (row) => row.language, preferred)!,
    languages: versions.map((row) => row.language).sort(),
  }));
}

/**
 * A document in `language` when asked for one; else in the preferred language, else English,
 * else the first there is. Throws document.not_found when the symbol (or the asked language) is not there.
 */
export async function readDocument(
  ctx: ReadContext,
  { symbol, language, preferred }: { symbol: string; language?: string | null; preferred: string },
): Promise<{ document: DocumentWithTree; languages: string[] }> {
  const languages = await listLanguagesOfSymbol(ctx.db, symbol);
  if (languages.length === 0) throw new AppError('document.not_found', `No document with the symbol ${symbol} has been imported.`, { symbol });
  if (language && !languages.includes(language)) {
    throw new AppError('document.not_found', `${symbol} is not available in "${language}"; it is available in ${languages.join(', ')}.`, {
      symbol,
      language,
    });
  }
  const chosen = language ?? pickLanguage(languages, (code) => code, preferred)!;
  const document = await findDocument(ctx.db, { symbol, language: chosen });
  if (!document) throw new AppError('document.not_found', `No document with the symbol ${symbol} has been imported.`, { symbol });
  return { document, languages };
}

function pickLanguage<T>(items: T[], languageOf: (item: T) => string, preferred: string): T | undefined {
  return items.find((item) => languageOf(item) === preferred) ?? items.find((item) => languageOf(item) === 'en') ?? items[0];
}

export const EXPORT_FORMATS = ['json', 'akn', 'text'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedDocument {
  contentType: string;
  /** a file name for the download: "A-RES-65-230.en.xml" */
  fileName: string;
  body: string;
}

/** A document as a file: its JSON tree, Akoma Ntoso XML valid against the OASIS schema, or plain text. */
export async function exportDocument(
  ctx: ReadContext,
  { symbol, language, format }: { symbol: string; language?: string | null; format: ExportFormat },
): Promise<ExportedDocument> {
  const { document } = await readDocument(ctx, { symbol, language, preferred: 'en' });
  const baseName = `${document.symbol.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-|-$/g, '')}.${document.language}`;
  if (format === 'akn') {
    return { contentType: 'application/akn+xml; charset=utf-8', fileName: `${baseName}.xml`, body: writeAkn(toImportedDocument(document)) };
  }
  if (format === 'text') {
    return { contentType: 'text/plain; charset=utf-8', fileName: `${baseName}.txt`, body: renderDocumentText(toImportedDocument(document)) };
  }
  return { contentType: 'application/json; charset=utf-8', fileName: `${baseName}.json`, body: JSON.stringify(toImportedDocument(document), null, 2) };
}

function toImportedDocument(document: DocumentWithTree): ImportedDocument {
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

/** The symbols this document cites that NormHub holds, so that citations link inside NormHub. */
export async function importedCitedSymbols(ctx: ReadContext, document: DocumentWithTree): Promise<Set<string>> {
  const symbols = new Set<string>();
  const add = (refs: Reference[] | undefined) => refs?.forEach((ref) => ref.symbol && symbols.add(ref.symbol));
  for (const [node] of walkNodes(document.root)) add(node.refs);
  for (const footnote of document.footnotes) add(footnote.refs);
  if (document.partOf) symbols.add(document.partOf);
  return findImportedSymbols(ctx.db, [...symbols]);
}

/** A node of a document, with its ancestors (outermost first); document.not_found when absent. */
export function findDocumentNode(document: DocumentWithTree, nodeId: string): { node: DocumentNode; ancestors: DocumentNode[] } {
  for (const [node, parents] of walkNodes(document.root)) {
    if (node.id === nodeId && nodeId !== '') return { node, ancestors: parents.filter((parent) => parent.id !== '') };
  }
  throw new AppError('document.not_found', `${document.symbol} has no part ${nodeId}.`, { symbol: document.symbol });
}

/**
 * An address typed with a symbol's slashes unencoded ("A/RES/65/230/compare", "A/RES/65/230/annex-1/para-2"):
 * the longest run of leading segments that is an imported symbol, and the segments after it.
 * Null when no run of them is.
 */
export async function splitUnencodedAddress(ctx: ReadContext, path: string): Promise<{ symbol: string; rest: string[] } | null> {
  const segments = path.split('/');
  const candidates = segments.map((_, index) => segments.slice(0, index + 1).join('/').trim()).filter(Boolean);
  const imported = await findImportedSymbols(ctx.db, candidates);
  for (let length = segments.length; length > 0; length--) {
    const symbol = segments.slice(0, length).join('/').trim();
    if (imported.has(symbol)) return { symbol, rest: segments.slice(length).filter(Boolean) };
  }
  return null;
}

/** The languages a symbol is available in (none when it has not been imported). */
export async function listDocumentLanguages(ctx: ReadContext, symbol: string): Promise<string[]> {
  return listLanguagesOfSymbol(ctx.db, symbol);
}
