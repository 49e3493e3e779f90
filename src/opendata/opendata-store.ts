// SQL of the open-data downloads: documents of one language for the archive, the newest for the feed.

import type { Db } from '../db/db.ts';
import type { DocumentNode, Footnote } from '../importer/document.ts';
import type { FeedEntry } from './opendata-logic.ts';

const ISO_SECONDS = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

export interface LanguageStamp {
  count: number;
  /** latest update of a document in the language, RFC 3339 to the second; null when there is none */
  lastModified: string | null;
  /** changes whenever any document of the language changes version or is added */
  fingerprint: string;
}

export async function readLanguageStamp(db: Db, language: string): Promise<LanguageStamp> {
  const { rows } = await db.query<LanguageStamp>(
    `select count(*)::integer as count,
            to_char(max(updated_at) at time zone 'UTC', ${ISO_SECONDS}) as "lastModified",
            coalesce(md5(string_agg(id::text || ':' || current_version::text || ':' ||
                                    to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), ',' order by id)), '') as fingerprint
       from documents where language = $1`,
    [language],
  );
  return rows[0]!;
}

export async function listDocumentIdsInLanguage(db: Db, language: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>('select id from documents where language = $1 order by symbol', [language]);
  return rows.map((row) => row.id);
}

export interface ArchivedDocument {
  id: number;
  symbol: string;
  language: string;
  title: string | null;
  body: string | null;
  adopted: string | null;
  meeting: string | null;
  type: string | null;
  partOf: string | null;
  version: number;
  updatedAt: string;
  root: DocumentNode;
  footnotes: Footnote[];
}

/** Documents with their current tree, in the order of `ids`. */
export async function readDocumentsWithTrees(db: Db, ids: number[]): Promise<ArchivedDocument[]> {
  const { rows } = await db.query<ArchivedDocument>(
    `select d.id, d.symbol, d.language, d.title, d.body, to_char(d.adopted, 'YYYY-MM-DD') as adopted, d.meeting, d.type,
            d.part_of as "partOf", d.current_version as version,
            to_char(d.updated_at at time zone 'UTC', ${ISO_SECONDS}) as "updatedAt", v.tree as root, v.footnotes
       from documents d
       join document_versions v on v.document_id = d.id and v.version = d.current_version
      where d.id = any($1::integer[])`,
    [ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is ArchivedDocument => row !== undefined);
}

/**
 * The documents changed last (a new document, a new version, a return to an earlier one),
 * newest first, with the first words of their first operative paragraph.
 */
export async function listRecentDocuments(db: Db, { language, limit }: { language: string | null; limit: number }): Promise<FeedEntry[]> {
  const { rows } = await db.query<FeedEntry>(
    `select d.symbol, d.language, d.title, d.body, to_char(d.adopted, 'YYYY-MM-DD') as adopted, d.current_version as version,
            to_char(d.created_at at time zone 'UTC', ${ISO_SECONDS}) as "createdAt",
            to_char(d.updated_at at time zone 'UTC', ${ISO_SECONDS}) as "importedAt",
            (select left(p.text, 600) from provisions p
              where p.document_version_id = v.id and p.kind = 'paragraph' and p.text is not null and p.text <> ''
              order by p.position limit 1) as excerpt
       from documents d
       join document_versions v on v.document_id = d.id and v.version = d.current_version
      where $1::text is null or d.language = $1::text
      order by d.updated_at desc, d.id desc
      limit $2`,
    [language, limit],
  );
  return rows;
}
