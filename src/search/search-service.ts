// Use case: search every current provision, with filters, snippets and typo tolerance.

import type { Db } from '../db/db.ts';
import { chineseSnippetHtml, chineseTsquery, hasLooseChineseReading, pageCount, provisionUrl, replaceWords, snippetToHtml, spellableWords } from './search-logic.ts';
import { findSpellingSuggestions, listSearchableLanguages, searchProvisions, type SearchPage, type SearchRow } from './search-store.ts';
import { MAX_COUNTED, PAGE_SIZE, type SearchInput, type SearchResponse, type SearchResult } from './search.ts';

export interface SearchContext {
  db: Db;
  /** interface language: result addresses are under /{locale}/ */
  locale: string;
}

/** Fewer results than this on the first page and a closer spelling is looked for. */
const FEW_RESULTS = 3;

export async function searchCorpus(ctx: SearchContext, input: SearchInput): Promise<SearchResponse> {
  const languages = input.language ? [input.language] : await listSearchableLanguages(ctx.db);
  const run = (query: string, loose = false) =>
    searchProvisions(ctx.db, {
      query,
      chineseQuery: chineseTsquery(query, { loose }),
      languages,
      filters: input,
      limit: PAGE_SIZE,
      offset: (input.page - 1) * PAGE_SIZE,
      countLimit: MAX_COUNTED,
    });

  let found: SearchPage = await run(input.query);
  let shownQuery = input.query;
  let suggestion: string | null = null;
  let correctedFrom: string | null = null;
  let loose = false;
  if (found.total === 0 && languages.includes('zh') && hasLooseChineseReading(input.query)) {
    // A Chinese compound typed whole: its parts anywhere in the provision, as the page then says.
    const looser = await run(input.query, true);
    if (looser.total > 0) {
      found = looser;
      loose = true;
    }
  }
  if (found.total < FEW_RESULTS && input.page === 1 && !loose) {
    const replacements = await findSpellingSuggestions(ctx.db, { words: spellableWords(input.query), languages });
    if (replacements.size > 0) {
      const corrected = replaceWords(input.query, replacements);
      const better = await run(corrected);
      if (better.total > found.total) {
        suggestion = corrected;
        if (found.total === 0) {
          // Nothing for the query as typed: show what the corrected one finds, and say so.
          found = better;
          shownQuery = corrected;
          correctedFrom = input.query;
        }
      }
    }
  }

  const { query: _query, page: _page, ...filters } = input;
  return {
    query: input.query,
    filters,
    total: found.total,
    totalExact: found.totalExact,
    page: input.page,
    pageSize: PAGE_SIZE,
    pages: pageCount(found.total, PAGE_SIZE),
    results: found.rows.map((row) => toResult(row, ctx.locale, shownQuery, loose)),
    facets: { languages: found.byLanguage, kinds: found.byKind },
    suggestion,
    correctedFrom,
    loose,
  };
}

function toResult(row: SearchRow, locale: string, query: string, loose: boolean): SearchResult {
  const text = row.text || row.heading || '';
  return {
    symbol: row.symbol,
    language: row.language,
    nodeId: row.nodeId,
    kind: row.kind,
    num: row.num,
    heading: row.heading,
    snippetHtml: row.headline === null ? chineseSnippetHtml(text, query, { loose }) : snippetToHtml(row.headline),
    documentTitle: row.documentTitle,
    adopted: row.adopted,
    body: row.body,
    url: provisionUrl({ locale, symbol: row.symbol, nodeId: row.nodeId, language: row.language }),
    rank: Math.round(row.rank * 1e6) / 1e6,
  };
}
