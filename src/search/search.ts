// Types and limits of full-text search over provisions. No I/O here.

/** Languages with a search configuration of their own (migration 0003); any other is searched word by word. */
export const SEARCH_LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

/** Longest query accepted, in characters: longer ones are refused (400), never truncated silently. */
export const MAX_QUERY_LENGTH = 256;
/** Most words and phrases in one query: each becomes part of an index scan. */
export const MAX_QUERY_TERMS = 24;
export const PAGE_SIZE = 20;
/** Deepest page: nobody reads result 1,001, and deep offsets cost the database the same work again. */
export const MAX_PAGE = 50;
/**
 * Matches counted and ranked, at most: as many as the pages can show (MAX_PAGE × PAGE_SIZE).
 * A very common word ("States", "crime") matches ten thousand provisions of the 100,000-provision
 * benchmark; counting and ranking them all cost ten times the work of the first 1,000 for a
 * difference nobody can page to. Beyond it the total says "more than 1,000".
 */
export const MAX_COUNTED = 1000;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** Kinds of node a search can be narrowed to (the document tree's kinds that carry text). */
export const SEARCH_KINDS = [
  'paragraph',
  'recital',
  'point',
  'rule',
  'article',
  'principle',
  'guideline',
  'section',
  'hcontainer',
  'heading',
  'attachment',
  'formula',
  'conclusions',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchFilters {
  /** document language; null: every language */
  language: string | null;
  /** a document's symbol, or the symbol of the report that carries it */
  symbol: string | null;
  /** catalogue instrument id (bangkok-rules) */
  instrument: string | null;
  /** catalogue cluster id (juvenile-justice-prison-reform) */
  cluster: string | null;
  /** catalogue category id (custody) */
  category: string | null;
  /** adopting body as documents store it ("General Assembly") */
  body: string | null;
  yearFrom: number | null;
  yearTo: number | null;
  kinds: SearchKind[];
}

export interface SearchInput extends SearchFilters {
  query: string;
  page: number;
}

export interface SearchResult {
  symbol: string;
  language: string;
  nodeId: string;
  kind: string;
  num: string | null;
  heading: string | null;
  /** escaped HTML: the matching words in <mark>, nothing else is markup */
  snippetHtml: string;
  documentTitle: string | null;
  /** YYYY-MM-DD */
  adopted: string | null;
  body: string | null;
  /** the provision's page: /{locale}/documents/{encodedSymbol}/{nodeId}, ?lang= when not the interface language */
  url: string;
  rank: number;
}

export interface SearchResponse {
  query: string;
  filters: SearchFilters;
  /** provisions found; when totalExact is false, MAX_COUNTED and there are more */
  total: number;
  /**
   * false when the count stopped at MAX_COUNTED: the results are then the best ranked of the
   * first MAX_COUNTED found (in the order the documents were stored), and the facets count those
   */
  totalExact: boolean;
  page: number;
  pageSize: number;
  /** number of pages there are (at most MAX_PAGE) */
  pages: number;
  results: SearchResult[];
  facets: { languages: Record<string, number>; kinds: Record<string, number> };
  /** a spelling that finds more ("Bangkok" for "Bankok"), null when none */
  suggestion: string | null;
  /** set when the results are those of `suggestion`, because the query as typed found nothing */
  correctedFrom: string | null;
  /**
   * true when a Chinese term typed as one run was not found as such and the results hold its
   * characters (as bigrams) anywhere in the provision instead
   */
  loose: boolean;
}
