// SQL of the compendium reader: where instruments stand in the documents, the trees of those
// documents, incoming cross-references, and plain-language explanations.

import type { Db } from '../db/db.ts';
import type { DocumentNode, Footnote } from '../importer/document.ts';

/** Changes whenever a document is added, re-imported or removed. */
export async function documentsSignature(db: Db): Promise<string> {
  const { rows } = await db.query<{ signature: string }>(
    `select count(*)::text || ':' || coalesce(sum(current_version), 0)::text || ':' ||
            coalesce((select max(id) from document_versions), 0)::text as signature
       from documents`,
  );
  return rows[0]?.signature ?? '0';
}

export async function readState(db: Db, key: string): Promise<string | null> {
  const { rows } = await db.query<{ value: string }>('select value from compendium_state where key = $1', [key]);
  return rows[0]?.value ?? null;
}

export async function writeState(db: Db, key: string, value: string): Promise<void> {
  await db.query(
    `insert into compendium_state (key, value) values ($1, $2)
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [key, value],
  );
}

export interface AttachmentRow {
  documentId: number;
  symbol: string;
  language: string;
  adopted: string | null;
  nodeId: string;
  heading: string | null;
  annexCount: number;
}

/** Every top-level annex of every current document version. */
export async function listTopAttachments(db: Db): Promise<AttachmentRow[]> {
  const { rows } = await db.query<AttachmentRow>(
    `select d.id as "documentId", d.symbol, d.language, to_char(d.adopted, 'YYYY-MM-DD') as adopted, p.node_id as "nodeId", p.heading,
            (count(*) over (partition by d.id))::int as "annexCount"
       from documents d
       join document_versions v on v.document_id = d.id and v.version = d.current_version
       join provisions p on p.document_version_id = v.id
      where p.kind = 'attachment' and coalesce(p.parent_node_id, '') = ''
      order by d.id, p.position`,
  );
  return rows;
}

export interface InstrumentTextRow {
  instrumentId: string;
  documentId: number;
  language: string;
  nodeId: string;
  isPrimary: boolean;
}

export async function replaceInstrumentTexts(db: Db, rows: InstrumentTextRow[]): Promise<void> {
  await db.query('delete from instrument_texts');
  if (rows.length === 0) return;
  await db.query(
    `insert into instrument_texts (instrument_id, document_id, language, node_id, is_primary)
     select r."instrumentId", r."documentId", r.language, r."nodeId", r."isPrimary"
       from jsonb_to_recordset($1::jsonb) as r("instrumentId" text, "documentId" integer, language text, "nodeId" text, "isPrimary" boolean)
     on conflict do nothing`,
    [JSON.stringify(rows)],
  );
}

export interface InstrumentTextSummary {
  instrumentId: string;
  documentId: number;
  symbol: string;
  language: string;
  nodeId: string;
  isPrimary: boolean;
  adopted: string | null;
  title: string | null;
  /** the document's current version (document_versions.id) and its content hash */
  versionId: number;
  sha256: string;
}

export async function listInstrumentTexts(db: Db, instrumentId: string | null): Promise<InstrumentTextSummary[]> {
  const { rows } = await db.query<InstrumentTextSummary>(
    `select t.instrument_id as "instrumentId", t.document_id as "documentId", d.symbol, t.language, t.node_id as "nodeId",
            t.is_primary as "isPrimary", to_char(d.adopted, 'YYYY-MM-DD') as adopted, d.title,
            v.id as "versionId", v.source_sha256 as sha256
       from instrument_texts t
       join documents d on d.id = t.document_id
       join document_versions v on v.document_id = d.id and v.version = d.current_version
      where ($1::text is null or t.instrument_id = $1)
      order by t.instrument_id, t.is_primary desc, d.adopted desc nulls last, d.symbol, t.language`,
    [instrumentId],
  );
  return rows;
}

export interface CurrentVersion {
  documentId: number;
  /** document_versions.id: a version never changes once stored, so its tree can be kept */
  versionId: number;
  sha256: string;
  symbol: string;
  language: string;
  title: string | null;
}

/** Which version of a document is current, without its tree. */
export async function findCurrentVersion(db: Db, documentId: number): Promise<CurrentVersion | null> {
  const { rows } = await db.query<CurrentVersion>(
    `select d.id as "documentId", v.id as "versionId", v.source_sha256 as sha256, d.symbol, d.language, d.title
       from documents d join document_versions v on v.document_id = d.id and v.version = d.current_version
      where d.id = $1`,
    [documentId],
  );
  return rows[0] ?? null;
}

/** The tree and footnotes of one stored version. */
export async function readVersionTree(db: Db, versionId: number): Promise<{ root: DocumentNode; footnotes: Footnote[] } | null> {
  const { rows } = await db.query<{ root: DocumentNode; footnotes: Footnote[] }>('select tree as root, footnotes from document_versions where id = $1', [
    versionId,
  ]);
  return rows[0] ?? null;
}

/** The instrument text, if any, that holds this node of a document. */
export async function findInstrumentTextOfNode(
  db: Db,
  { symbol, language, nodeId }: { symbol: string; language: string | null; nodeId: string },
): Promise<{ instrumentId: string; nodeId: string; language: string; isPrimary: boolean; documentId: number } | null> {
  const { rows } = await db.query<{ instrumentId: string; nodeId: string; language: string; isPrimary: boolean; documentId: number }>(
    `select t.instrument_id as "instrumentId", t.node_id as "nodeId", t.language, t.is_primary as "isPrimary", t.document_id as "documentId"
       from instrument_texts t join documents d on d.id = t.document_id
      where d.symbol = $1 and ($2::text is null or d.language = $2) and ($3 = t.node_id or $3 like t.node_id || '/%')
      order by (d.language = 'en') desc
      limit 1`,
    [symbol, language, nodeId],
  );
  return rows[0] ?? null;
}

export interface IncomingCrossReference {
  /** the instrument whose text holds the note, when it is one */
  sourceInstrumentId: string | null;
  sourceAttachmentId: string | null;
  symbol: string;
  language: string;
  documentId: number;
  /** the node whose words hold the reference: a note ("annex-1/sec-I/heading-3") or a provision */
  nodeId: string;
  relation: string | null;
  text: string;
  provisions: string[];
}

/**
 * Cross-references from the current text of any document to provisions of `instrumentId`. Which
 * provision a note speaks for is read from the tree (nodeDescribedByNote), not here.
 */
export async function listIncomingCrossReferences(db: Db, instrumentId: string): Promise<IncomingCrossReference[]> {
  const { rows } = await db.query<IncomingCrossReference>(
    `select t.instrument_id as "sourceInstrumentId", t.node_id as "sourceAttachmentId", d.symbol, d.language, d.id as "documentId",
            c.node_id as "nodeId", c.relation, c.text, c.provisions
       from citations c
       join document_versions v on v.id = c.document_version_id
       join documents d on d.id = v.document_id and d.current_version = v.version
       left join provisions note on note.document_version_id = v.id and note.node_id = c.node_id
       left join instrument_texts t on t.document_id = d.id and c.node_id like t.node_id || '/%'
      where c.kind = 'crossReference' and c.instrument_id = $1
      order by d.symbol, d.language, note.position`,
    [instrumentId],
  );
  return rows;
}

/** Which of these symbols have been imported. */
export async function findImportedSymbols(db: Db, symbols: string[]): Promise<Set<string>> {
  if (symbols.length === 0) return new Set();
  const { rows } = await db.query<{ symbol: string }>('select distinct symbol from documents where symbol = any($1::text[])', [symbols]);
  return new Set(rows.map((row) => row.symbol));
}

export interface ExplanationRow {
  instrumentId: string;
  provisionPath: string;
  language: string;
  text: string;
  updatedAt: string;
}

export async function upsertExplanation(db: Db, row: Omit<ExplanationRow, 'updatedAt'>, { overwrite = true } = {}): Promise<void> {
  await db.query(
    `insert into provision_explanations (instrument_id, provision_path, language, text) values ($1, $2, $3, $4)
     on conflict (instrument_id, provision_path, language) do ${overwrite ? 'update set text = excluded.text, updated_at = now()' : 'nothing'}`,
    [row.instrumentId, row.provisionPath, row.language, row.text],
  );
}

export async function listExplanations(db: Db, instrumentId: string): Promise<ExplanationRow[]> {
  const { rows } = await db.query<ExplanationRow>(
    `select instrument_id as "instrumentId", provision_path as "provisionPath", language, text,
            to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"
       from provision_explanations where instrument_id = $1 order by provision_path, language`,
    [instrumentId],
  );
  return rows;
}
