// SQL of search (tables and functions of migration 0003). Only current versions are searched:
// provision_search keeps the rows of every version, documents says which one is current.

import type { Db } from '../db/db.ts';
import { GREATER_THAN, KIND_BOOST, LESS_THAN, MARK_START, MARK_STOP } from './search-logic.ts';
import type { SearchFilters } from './search.ts';

export interface SearchRow {
  symbol: string;
  language: string;
  nodeId: string;
  kind: string;
  num: string | null;
  heading: string | null;
  text: string | null;
  /** ts_headline output with the private-use marks of search-logic.ts; null for Chinese */
  headline: string | null;
  documentTitle: string | null;
  adopted: string | null;
  body: string | null;
  rank: number;
}

export interface SearchPage {
  /** matches counted: all of them when totalExact, else countLimit */
  total: number;
  totalExact: boolean;
  byLanguage: Record<string, number>;
  byKind: Record<string, number>;
  rows: SearchRow[];
}

const BOOST_SQL = `case s.kind ${Object.entries(KIND_BOOST)
  .map(([kind, boost]) => `when '${kind}' then ${boost}`)
  .join(' ')} else 1 end`;

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
/** A short text is shown whole (fragments would drop its last punctuation). */
const SHORT_TEXT = 300;
const WHOLE_TEXT_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, HighlightAll=true`;

/**
 * One query: the page of results (with snippets, computed for that page only), the total and
 * the counts by language and by kind. `chineseQuery` is the tsquery for Chinese documents
 * (search-logic.ts), null when the query has nothing Chinese documents could match. At most
 * `countLimit` matches are counted and ranked: the scan stops at the one after (totalExact false).
 */
export async function searchProvisions(
  db: Db,
  {
    query,
    chineseQuery,
    languages,
    filters,
    limit,
    offset,
    countLimit,
  }: { query: string; chineseQuery: string | null; languages: string[]; filters: SearchFilters; limit: number; offset: number; countLimit: number },
): Promise<SearchPage> {
  // The query of each language first (each language has its own stemming), then one scan of
  // the GIN index with all of them OR-ed together, each row rechecked against its own language's
  // query: a join on a per-language query would make the planner skip the index.
  const { rows: perLanguage } = await db.query<{ language: string; query: string }>(
    `select l as language,
            (case when l = 'zh' then coalesce($2::tsquery, ''::tsquery)
                  else websearch_to_tsquery(normhub_search_config(l)::regconfig, $1) end)::text as query
       from unnest($3::text[]) as l`,
    [query, chineseQuery, languages],
  );
  const usable = perLanguage.filter((row) => row.query.trim() !== '');
  if (usable.length === 0) return { total: 0, totalExact: true, byLanguage: {}, byKind: {}, rows: [] };
  const combined = [...new Set(usable.map((row) => row.query))].map((text) => `(${text})`).join(' | ');
  const catalogueFilter = filters.instrument || filters.cluster || filters.category;
  // Where the compendium has found an instrument's text (instrument_texts, migration 0002: the
  // Bangkok Rules in a draft resolution of E/2010/30), that annex counts too; without that
  // table, the catalogue's adopting acts alone say where an instrument stands.
  const lineage = catalogueFilter
    ? (await db.query<{ present: boolean }>("select to_regclass('instrument_texts') is not null as present")).rows[0]!.present
    : false;
  const { rows } = await db.query<{
    total: number;
    by_language: Record<string, number> | null;
    by_kind: Record<string, number> | null;
    results: SearchRow[] | null;
  }>(
    // candidates is materialised so that the GIN index is read first: the planner cannot
    // estimate the per-language recheck and would otherwise walk every document's rows. A CTE is
    // read only as far as its reader asks: matched stops at countLimit + 1 rows, and so does the
    // index scan behind it, with the ranking it computes per row (rows of old versions and rows
    // the filters refuse do not count towards the limit).
    `with candidates as materialized (
       select s.document_version_id, s.node_id, s.document_id, s.version, s.language, s.kind, s.position, l.query,
              ts_rank_cd(s.search_vector, l.query, 1) * ${BOOST_SQL} as rank
         from provision_search s
         cross join lateral (select ($2::tsquery[])[array_position($3::text[], s.language)] as query) l
        where s.search_vector @@ $1::tsquery
          and s.language = any($3::text[])
          and s.search_vector @@ l.query
     ),
     matched as materialized (
       select s.document_version_id, s.node_id, s.language, s.kind, s.position, d.symbol, d.title, d.adopted, d.body,
              s.query, s.rank
         from candidates s
         join documents d on d.id = s.document_id and d.current_version = s.version
        where true
          and ($4::text is null or d.symbol = $4 or d.part_of = $4)
          and ($5::text is null or d.body = $5)
          and ($6::integer is null or d.adopted >= make_date($6::integer, 1, 1))
          and ($7::integer is null or d.adopted < make_date($7::integer + 1, 1, 1))
          and (cardinality($8::text[]) = 0 or s.kind = any($8::text[]))
          ${catalogueFilter ? `and (exists (
            select 1 from instruments i cross join lateral jsonb_array_elements(i.adoptions) a
             where a->>'symbol' = d.symbol
               and ($9::text is null or i.id = $9)
               and ($10::text is null or $10 = any(i.clusters))
               and ($11::text is null or i.category = $11)
               -- an instrument adopted "in the annex" is the annex, not the resolution around it
               and (coalesce(a->>'part', '') not ilike 'annex%' or s.node_id like 'annex-%'))
            ${lineage ? `or exists (
            select 1 from instrument_texts t join instruments i on i.id = t.instrument_id
             where t.document_id = d.id and (s.node_id = t.node_id or left(s.node_id, length(t.node_id) + 1) = t.node_id || '/')
               and ($9::text is null or i.id = $9)
               and ($10::text is null or $10 = any(i.clusters))
               and ($11::text is null or i.category = $11))` : ''})` : 'and $9::text is null and $10::text is null and $11::text is null'}
        limit $19::integer + 1
     ),
     -- the row past the limit only says that there are more: it is neither counted nor shown
     counted as materialized (
       select * from (select m.*, row_number() over () as found from matched m) numbered where found <= $19
     ),
     page as (
       select * from counted order by rank desc, symbol, language, position limit $12 offset $13
     )
     select (select count(*)::integer from matched) as total,
            (select json_object_agg(language, n) from (select language, count(*)::integer as n from counted group by language) f) as by_language,
            (select json_object_agg(kind, n) from (select kind, count(*)::integer as n from counted group by kind) f) as by_kind,
            (select json_agg(r order by r.rank desc, r.symbol, r.language, r.position) from (
               select m.symbol, m.language, m.node_id as "nodeId", m.kind, p.num, p.heading, p.text, m.position,
                      m.title as "documentTitle", to_char(m.adopted, 'YYYY-MM-DD') as adopted, m.body, m.rank::float8 as rank,
                      case when m.language = 'zh' then null
                           else ts_headline(normhub_search_config(m.language)::regconfig,
                                  replace(replace(translate(coalesce(nullif(p.text, ''), p.heading, ''), $14, ''), '<', $15), '>', $16),
                                  m.query, case when length(coalesce(nullif(p.text, ''), p.heading, '')) <= ${SHORT_TEXT} then $18 else $17 end)
                      end as headline
                 from page m
                 join provisions p on p.document_version_id = m.document_version_id and p.node_id = m.node_id
             ) r) as results`,
    [
      combined,
      usable.map((row) => row.query),
      usable.map((row) => row.language),
      filters.symbol,
      filters.body,
      filters.yearFrom,
      filters.yearTo,
      filters.kinds,
      filters.instrument,
      filters.cluster,
      filters.category,
      limit,
      offset,
      MARK_START + MARK_STOP + LESS_THAN + GREATER_THAN,
      LESS_THAN,
      GREATER_THAN,
      HEADLINE_OPTIONS,
      WHOLE_TEXT_OPTIONS,
      countLimit,
    ],
  );
  const row = rows[0]!;
  return {
    total: Math.min(row.total, countLimit),
    totalExact: row.total <= countLimit,
    byLanguage: row.by_language ?? {},
    byKind: row.by_kind ?? {},
    rows: row.results ?? [],
  };
}

/** The languages documents are stored in: what a search without a language filter covers. */
export async function listSearchableLanguages(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ language: string }>('select distinct language from documents order by language');
  return rows.map((row) => row.language);
}

// pg_trgm lives where migration 0003 found or put it (public on a server); queries name its
// schema because a test's search path holds only its own schema.
const trigramSchemas = new WeakMap<Db, Promise<string>>();

async function trigramSchema(db: Db): Promise<string> {
  let schema = trigramSchemas.get(db);
  if (!schema) {
    schema = db
      .query<{ schema: string }>("select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'")
      .then(({ rows }) => {
        if (!rows[0]) throw new Error('pg_trgm is not installed: run the migrations');
        return rows[0].schema;
      });
    trigramSchemas.set(db, schema);
    schema.catch(() => trigramSchemas.delete(db));
  }
  return schema;
}

/**
 * For each word not in the corpus's vocabulary (in these languages), the most similar one that
 * is; words the corpus knows, or with nothing close, are left out of the answer.
 */
export async function findSpellingSuggestions(db: Db, { words, languages }: { words: string[]; languages: string[] }): Promise<Map<string, string>> {
  if (words.length === 0) return new Map();
  const trgm = await trigramSchema(db);
  const known = await db.query<{ word: string }>('select distinct word from search_words where word = any($1::text[]) and language = any($2::text[])', [
    words,
    languages,
  ]);
  const unknown = words.filter((word) => !known.rows.some((row) => row.word === word));
  if (unknown.length === 0) return new Map();
  // The planner prices the trigram index above reading the whole vocabulary and computing every
  // word's similarity (100 ms at 40,000 words, against 13 ms through the index); it is told not
  // to, and the language test stays outside (offset 0) so that the primary key is not used instead.
  const rows = await db.transaction(async (tx) => {
    await tx.query('set local enable_seqscan = off');
    const found: Array<{ word: string; suggestion: string }> = [];
    for (const word of unknown) {
      const { rows: best } = await tx.query<{ word: string }>(
        `select w.word from (select word, language from search_words where word operator(${trgm}.%) $1 offset 0) w
          where w.language = any($2::text[])
          order by ${trgm}.similarity(w.word, $1) desc, abs(length(w.word) - length($1)), w.word
          limit 1`,
        [word, languages],
      );
      if (best[0]) found.push({ word, suggestion: best[0].word });
    }
    return found;
  });
  return new Map(rows.map((row) => [row.word, row.suggestion]));
}
