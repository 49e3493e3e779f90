// SQL of importing: documents, their versions, and the rows each version's tree becomes.

import type { Db } from '../db/db.ts';
import type { Diagnostic, ImportedDocument } from './document.ts';
import type { CitationRow, ProvisionRow, StoreStatus } from './importer.ts';

export interface StorePlan {
  documentId: number | null;
  status: StoreStatus;
  /** the version current after storing */
  version: number;
  /** true when a version must be written; false for 'unchanged' and for a return to an earlier version */
  writeVersion: boolean;
  /** the version current before storing; null for a new document */
  previousVersion: number | null;
}

/**
 * Decides what storing a document with this content hash does: create the document, add a
 * version, return to an earlier version with the same content (the unique (document, hash)
 * rule forbids storing the same content twice), or nothing. With `lock`, the document row is
 * locked until the transaction ends, so two imports of the same document number versions in turn.
 */
export async function planDocumentStore(
  db: Db,
  { symbol, language, sha256, lock }: { symbol: string; language: string; sha256: string; lock: boolean },
): Promise<StorePlan> {
  const { rows } = await db.query<{ id: number; current_version: number }>(
    `select id, current_version from documents where symbol = $1 and language = $2${lock ? ' for update' : ''}`,
    [symbol, language],
  );
  const existing = rows[0];
  if (!existing) return { documentId: null, status: 'created', version: 1, writeVersion: true, previousVersion: null };
  const versions = await db.query<{ version: number; source_sha256: string }>(
    'select version, source_sha256 from document_versions where document_id = $1',
    [existing.id],
  );
  const same = versions.rows.find((row) => row.source_sha256 === sha256);
  const previousVersion = existing.current_version;
  if (same?.version === existing.current_version) {
    return { documentId: existing.id, status: 'unchanged', version: existing.current_version, writeVersion: false, previousVersion };
  }
  if (same) return { documentId: existing.id, status: 'updated', version: same.version, writeVersion: false, previousVersion };
  const latest = Math.max(0, ...versions.rows.map((row) => row.version));
  return { documentId: existing.id, status: 'updated', version: latest + 1, writeVersion: true, previousVersion };
}

/** Inserts the document row, or finds it when another import created it a moment ago; locks it. */
export async function insertDocument(db: Db, { symbol, language }: { symbol: string; language: string }): Promise<number> {
  const inserted = await db.query<{ id: number }>(
    `insert into documents (symbol, language, current_version) values ($1, $2, 1)
     on conflict (symbol, language) do nothing returning id`,
    [symbol, language],
  );
  if (inserted.rows[0]) return inserted.rows[0].id;
  const { rows } = await db.query<{ id: number }>('select id from documents where symbol = $1 and language = $2 for update', [
    symbol,
    language,
  ]);
  return rows[0]!.id;
}

export async function insertDocumentVersion(
  db: Db,
  input: {
    documentId: number;
    version: number;
    sourceName: string;
    sourceFormat: string;
    sha256: string;
    document: ImportedDocument;
    diagnostics: Diagnostic[];
  },
): Promise<number> {
  const { root, footnotes, ...metadata } = input.document;
  const { rows } = await db.query<{ id: number }>(
    `insert into document_versions
       (document_id, version, source_name, source_format, source_sha256, metadata, tree, footnotes, diagnostics)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb)
     returning id`,
    [
      input.documentId,
      input.version,
      input.sourceName,
      input.sourceFormat,
      input.sha256,
      JSON.stringify(metadata),
      JSON.stringify(root),
      JSON.stringify(footnotes),
      JSON.stringify(input.diagnostics),
    ],
  );
  return rows[0]!.id;
}

// Rows go in as one JSON parameter each: one round trip per table whatever the document's
// size, and the same statement on PGlite and on a server.

export async function insertProvisions(db: Db, documentVersionId: number, rows: ProvisionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into provisions (document_version_id, node_id, parent_node_id, kind, num, heading, text, position, depth)
     select $1, r.node_id, r.parent_node_id, r.kind, r.num, r.heading, r.text, r.position, r.depth
     from jsonb_to_recordset($2::jsonb) as r(node_id text, parent_node_id text, kind text, num text, heading text,
                                            text text, position integer, depth integer)`,
    [documentVersionId, JSON.stringify(rows)],
  );
}

export async function insertCitations(db: Db, documentVersionId: number, rows: CitationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into citations (document_version_id, node_id, footnote_marker, field, kind, text, target_symbol, pinpoint,
                            instrument_id, relation, provisions)
     select $1, r.node_id, r.footnote_marker, r.field, r.kind, r.text, r.target_symbol, r.pinpoint,
            r.instrument_id, r.relation, coalesce(r.provisions, '{}')
     from jsonb_to_recordset($2::jsonb) as r(node_id text, footnote_marker text, field text, kind text, text text,
                                            target_symbol text, pinpoint text, instrument_id text, relation text,
                                            provisions text[])`,
    [documentVersionId, JSON.stringify(rows)],
  );
}

/** Makes `version` the current one and copies its fields onto the document row. */
export async function setCurrentVersion(
  db: Db,
  { documentId, version, document, adopted }: { documentId: number; version: number; document: ImportedDocument; adopted: string | null },
): Promise<void> {
  await db.query(
    `update documents
        set current_version = $2, title = $3, body = $4, adopted = $5::date, meeting = $6, type = $7, part_of = $8,
            updated_at = now()
      where id = $1`,
    [
      documentId,
      version,
      document.title ?? null,
      document.body ?? null,
      adopted,
      document.meeting ?? null,
      document.type ?? null,
      document.partOf ?? null,
    ],
  );
}

export async function countDocuments(db: Db): Promise<number> {
  const { rows } = await db.query<{ count: number }>('select count(*)::integer as count from documents');
  return rows[0]!.count;
}
