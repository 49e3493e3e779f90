// SQL for reading imported documents (the current version of each).

import type { Db } from '../db/db.ts';
import type { DocumentNode, Footnote } from '../importer/document.ts';

export interface DocumentRow {
  symbol: string;
  language: string;
  title: string | null;
  body: string | null;
  /** YYYY-MM-DD */
  adopted: string | null;
  meeting: string | null;
  type: string | null;
  partOf: string | null;
  version: number;
  updatedAt: string;
}

export interface DocumentWithTree extends DocumentRow {
  root: DocumentNode;
  footnotes: Footnote[];
}

// Dates leave the database as text: both drivers agree on text, and a date of adoption has no time zone.
const DOCUMENT_COLUMNS = `d.symbol, d.language, d.title, d.body, to_char(d.adopted, 'YYYY-MM-DD') as adopted, d.meeting,
  d.type, d.part_of as "partOf", d.current_version as version,
  to_char(d.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"`;

export async function listDocuments(db: Db): Promise<DocumentRow[]> {
  const { rows } = await db.query<DocumentRow>(
    `select ${DOCUMENT_COLUMNS} from documents d
      order by d.adopted desc nulls last, d.symbol, d.language`,
  );
  return rows;
}

export async function listDocumentLanguages(db: Db, symbol: string): Promise<string[]> {
  const { rows } = await db.query<{ language: string }>('select language from documents where symbol = $1 order by language', [symbol]);
  return rows.map((row) => row.language);
}

export async function findDocument(db: Db, { symbol, language }: { symbol: string; language: string }): Promise<DocumentWithTree | null> {
  const { rows } = await db.query<DocumentWithTree>(
    `select ${DOCUMENT_COLUMNS}, v.tree as root, v.footnotes
       from documents d
       join document_versions v on v.document_id = d.id and v.version = d.current_version
      where d.symbol = $1 and d.language = $2`,
    [symbol, language],
  );
  return rows[0] ?? null;
}

/** Which of these symbols have been imported. */
export async function findImportedSymbols(db: Db, symbols: string[]): Promise<Set<string>> {
  if (symbols.length === 0) return new Set();
  const { rows } = await db.query<{ symbol: string }>('select distinct symbol from documents where symbol = any($1::text[])', [symbols]);
  return new Set(rows.map((row) => row.symbol));
}
