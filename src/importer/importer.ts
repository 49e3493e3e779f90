// Types and pure rules of importing: what a report says, how a document is checked and
// completed before it is stored, its content hash, and the rows it becomes. No I/O here.

import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Diagnostic, DocumentHints, DocumentNode, ImportedDocument, ImportResult } from './document.ts';
import { walkNodes } from './document.ts';
import { assignNodeIds } from './node-ids-logic.ts';

export type StoreStatus = 'created' | 'updated' | 'unchanged';

export interface DocumentReport {
  symbol: string | null;
  language: string | null;
  /** the version that is (or, in a dry run, would be) current; null when not stored */
  version: number | null;
  /**
   * 'skipped': not stored, and `reason` says why (no symbol, no language...).
   * null: a dry run without a database, so nothing was compared.
   */
  status: StoreStatus | 'skipped' | null;
  reason?: string;
}

export interface SourceReport {
  source: string;
  format: string;
  /** the documents as stored (hints applied) and every diagnostic, the importer's own included; null when refused */
  result: ImportResult | null;
  documents: DocumentReport[];
  /** why the file was refused (AppError from the parser) or could not be stored */
  error: { code: string; message: string } | null;
}

export interface ImportReport {
  dryRun: boolean;
  sources: SourceReport[];
  /** true when a shutdown stopped the import before every source was read */
  aborted: boolean;
}

export const OFFICIAL_LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

export function sourceFormatOf(name: string): string {
  const extension = path.extname(name).toLowerCase();
  const formats: Record<string, string> = {
    '.txt': 'text',
    '.text': 'text',
    '.md': 'markdown',
    '.markdown': 'markdown',
    '.docx': 'docx',
    '.pdf': 'pdf',
    '.xml': 'akn',
    '.akn': 'akn',
  };
  return formats[extension] ?? 'unknown';
}

/** JSON with object keys sorted at every level, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) sorted[key] = sortKeys(item);
    }
    return sorted;
  }
  return value;
}

export function documentHash(document: ImportedDocument): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}

export interface PreparedDocument {
  document: ImportedDocument;
  /** set when the document cannot be stored */
  skipReason: string | null;
  /** the date to store, null when the document's date is not a real YYYY-MM-DD date */
  adopted: string | null;
  diagnostics: Diagnostic[];
}

/**
 * Completes a parsed document with what the caller knows (hints fill only what the parser left
 * empty, and only on documents not carried inside another, so that a draft resolution inside
 * a report does not take the report's symbol) and checks that it can be stored.
 */
export function prepareDocument(parsed: ImportedDocument, hints: DocumentHints): PreparedDocument {
  const diagnostics: Diagnostic[] = [];
  const document = replaceNulCharacters(structuredClone(parsed));
  const fill = <K extends keyof DocumentHints & keyof ImportedDocument>(key: K, evenInside = false) => {
    const hint = hints[key]?.trim();
    const empty = document[key] === null || document[key] === undefined || document[key] === '';
    if (empty && hint && (evenInside || !document.partOf)) {
      (document as unknown as Record<string, unknown>)[key] = hint;
    }
  };
  fill('symbol');
  fill('title');
  fill('body');
  fill('adopted');
  fill('language', true); // a report's drafts are in the report's language
  if (document.symbol) document.symbol = document.symbol.trim();
  if (document.language) document.language = document.language.trim().toLowerCase();

  const name = document.symbol || document.title || 'a document';
  let skipReason: string | null = null;
  if (!document.symbol) {
    skipReason = `${document.title ? `"${document.title}"` : 'A document'} has no symbol, so it was not stored; give its symbol (normhub import --symbol <symbol> FILE)`;
  } else if (!document.language) {
    skipReason = `${name} has no language, so it was not stored; give it (normhub import --language <code> FILE)`;
  } else if (!/^[a-z]{2,3}$/.test(document.language)) {
    skipReason = `${name} has the language "${document.language}", which is not an ISO 639-1 code such as en or fr, so it was not stored`;
  }
  if (skipReason) diagnostics.push({ line: 0, message: skipReason });

  let adopted: string | null = null;
  if (document.adopted) {
    if (isCalendarDate(document.adopted)) adopted = document.adopted;
    else diagnostics.push({ line: 0, message: `${name}: the date of adoption "${document.adopted}" is not a date of the form YYYY-MM-DD; it is kept with the version but not as the document's date` });
  }

  if (!hasUniqueNodeIds(document.root)) {
    // Ids are addresses (URLs, citations, questionnaire links); two nodes cannot share one.
    assignNodeIds(document.root);
    diagnostics.push({ line: 0, message: `${name}: some parts of the document had no id or shared one; ids were assigned again` });
  }
  return { document, skipReason, adopted, diagnostics };
}

export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function hasUniqueNodeIds(root: DocumentNode): boolean {
  const seen = new Set<string>();
  for (const [node, parents] of walkNodes(root)) {
    if (parents.length > 0 && !node.id) return false;
    if (seen.has(node.id)) return false;
    seen.add(node.id);
  }
  return true;
}

// PostgreSQL text cannot hold U+0000; a stray one from a damaged file would refuse the whole document.
function replaceNulCharacters<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value) as T;
  if (Array.isArray(value)) return value.map(replaceNulCharacters) as T;
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      (value as Record<string, unknown>)[key] = replaceNulCharacters((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}

export interface ProvisionRow {
  node_id: string;
  parent_node_id: string | null;
  kind: string;
  num: string | null;
  heading: string | null;
  text: string | null;
  position: number;
  depth: number;
}

/** The tree as rows in document order. */
export function provisionRows(root: DocumentNode): ProvisionRow[] {
  const rows: ProvisionRow[] = [];
  for (const [node, parents] of walkNodes(root)) {
    rows.push({
      node_id: node.id,
      parent_node_id: parents.length > 0 ? parents[parents.length - 1]!.id : null,
      kind: node.kind,
      num: node.num ?? null,
      heading: node.heading ?? null,
      text: node.text ?? null,
      position: rows.length,
      depth: parents.length,
    });
  }
  return rows;
}

export interface CitationRow {
  node_id: string | null;
  footnote_marker: string | null;
  field: 'text' | 'heading';
  kind: 'citation' | 'crossReference';
  text: string;
  target_symbol: string | null;
  pinpoint: string | null;
  instrument_id: string | null;
  relation: string | null;
  provisions: string[];
}

/** Every reference of the document, in the nodes' text and headings and in the footnotes. */
export function citationRows(document: ImportedDocument): CitationRow[] {
  const rows: CitationRow[] = [];
  const add = (reference: NonNullable<DocumentNode['refs']>[number], nodeId: string | null, marker: string | null) =>
    rows.push({
      node_id: nodeId,
      footnote_marker: marker,
      field: reference.field ?? 'text',
      kind: reference.kind,
      text: reference.text,
      target_symbol: reference.symbol ?? null,
      pinpoint: reference.pinpoint ?? null,
      instrument_id: reference.instrument ?? null,
      relation: reference.relation ?? null,
      provisions: reference.provisions ?? [],
    });
  for (const [node] of walkNodes(document.root)) for (const reference of node.refs ?? []) add(reference, node.id, null);
  for (const footnote of document.footnotes) for (const reference of footnote.refs ?? []) add(reference, null, footnote.marker);
  return rows;
}
