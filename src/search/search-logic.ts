// Pure rules of search: reading the request, the query language (websearch syntax: "phrases",
// OR, -exclusion), Chinese tokens (character bigrams, as in migration 0003), snippets as escaped
// HTML, and the address of a result.

import { escapeHtml } from '../http/html.ts';
import {
  MAX_PAGE,
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  MAX_YEAR,
  MIN_YEAR,
  SEARCH_KINDS,
  SEARCH_LANGUAGES,
  type SearchInput,
  type SearchKind,
} from './search.ts';

export type SearchProblem =
  | { reason: 'emptyQuery' }
  | { reason: 'queryTooLong'; max: number }
  | { reason: 'tooManyTerms'; max: number }
  | { reason: 'badLanguage'; value: string }
  | { reason: 'badKind'; value: string }
  | { reason: 'badYear'; value: string }
  | { reason: 'badPage'; value: string }
  | { reason: 'pageTooFar'; max: number }
  | { reason: 'badParameter'; name: string };

export type ParsedInput = { ok: true; input: SearchInput } | { ok: false; problem: SearchProblem; query: string };

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** One value of a query-string parameter: arrays (?q=a&q=b) and non-strings are refused. */
function single(raw: Record<string, unknown>, name: string): string | null | undefined {
  const value = raw[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Reads a search request's parameters (q, lang, kind, symbol, instrument, cluster, category,
 * body, from, to, page). `requireQuery`: the API refuses an empty q, the page shows its form.
 */
export function parseSearchInput(raw: Record<string, unknown>, { requireQuery }: { requireQuery: boolean }): ParsedInput {
  const queryValue = raw.q;
  const query = typeof queryValue === 'string' ? queryValue.replace(/\s+/g, ' ').trim() : '';
  const fail = (problem: SearchProblem): ParsedInput => ({ ok: false, problem, query: query.slice(0, MAX_QUERY_LENGTH) });
  if (queryValue !== undefined && typeof queryValue !== 'string') return fail({ reason: 'badParameter', name: 'q' });
  if (query.length > MAX_QUERY_LENGTH) return fail({ reason: 'queryTooLong', max: MAX_QUERY_LENGTH });
  if (requireQuery && parseQueryTerms(query).every((term) => term.negated || !/[\p{L}\p{N}]/u.test(term.text))) {
    return fail({ reason: 'emptyQuery' });
  }
  if (parseQueryTerms(query).length > MAX_QUERY_TERMS) return fail({ reason: 'tooManyTerms', max: MAX_QUERY_TERMS });

  const text = (name: string, pattern: RegExp): string | null | SearchProblem => {
    const value = single(raw, name);
    if (value === undefined || (value !== null && !pattern.test(value))) return { reason: 'badParameter', name };
    return value;
  };
  const isProblem = (value: unknown): value is SearchProblem => typeof value === 'object' && value !== null && 'reason' in value;

  const language = single(raw, 'lang');
  if (language === undefined) return fail({ reason: 'badParameter', name: 'lang' });
  if (language !== null && !(SEARCH_LANGUAGES as readonly string[]).includes(language)) return fail({ reason: 'badLanguage', value: language.slice(0, 20) });

  const kinds: SearchKind[] = [];
  const kindValues = raw.kind === undefined || raw.kind === null ? [] : Array.isArray(raw.kind) ? raw.kind : [raw.kind];
  for (const value of kindValues) {
    if (typeof value !== 'string') return fail({ reason: 'badParameter', name: 'kind' });
    for (const part of value.split(',').map((item) => item.trim()).filter(Boolean)) {
      if (!(SEARCH_KINDS as readonly string[]).includes(part)) return fail({ reason: 'badKind', value: part.slice(0, 20) });
      if (!kinds.includes(part as SearchKind)) kinds.push(part as SearchKind);
    }
  }
  if (kinds.length > SEARCH_KINDS.length) return fail({ reason: 'badParameter', name: 'kind' });

  const symbol = text('symbol', /^[^\u0000-\u001f]{1,200}$/);
  if (isProblem(symbol)) return fail(symbol);
  const instrument = text('instrument', ID_PATTERN);
  if (isProblem(instrument)) return fail(instrument);
  const cluster = text('cluster', ID_PATTERN);
  if (isProblem(cluster)) return fail(cluster);
  const category = text('category', ID_PATTERN);
  if (isProblem(category)) return fail(category);
  const body = text('body', /^[^\u0000-\u001f]{1,200}$/);
  if (isProblem(body)) return fail(body);

  const year = (name: string): number | null | SearchProblem => {
    const value = single(raw, name);
    if (value === undefined) return { reason: 'badParameter', name };
    if (value === null) return null;
    const number = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(number >= MIN_YEAR && number <= MAX_YEAR)) return { reason: 'badYear', value: value.slice(0, 20) };
    return number;
  };
  const yearFrom = year('from');
  if (isProblem(yearFrom)) return fail(yearFrom);
  const yearTo = year('to');
  if (isProblem(yearTo)) return fail(yearTo);

  const pageValue = single(raw, 'page');
  if (pageValue === undefined) return fail({ reason: 'badParameter', name: 'page' });
  let page = 1;
  if (pageValue !== null) {
    if (!/^\d{1,12}$/.test(pageValue) || Number(pageValue) < 1) return fail({ reason: 'badPage', value: pageValue.slice(0, 20) });
    page = Number(pageValue);
    if (page > MAX_PAGE) return fail({ reason: 'pageTooFar', max: MAX_PAGE });
  }

  return {
    ok: true,
    input: {
      query,
      page,
      language,
      symbol,
      instrument,
      cluster,
      category,
      body,
      // a reversed range is read the way it was meant
      yearFrom: yearFrom !== null && yearTo !== null ? Math.min(yearFrom, yearTo) : yearFrom,
      yearTo: yearFrom !== null && yearTo !== null ? Math.max(yearFrom, yearTo) : yearTo,
      kinds,
    },
  };
}

export interface QueryTerm {
  text: string;
  /** "in quotes": the words must stand together */
  phrase: boolean;
  negated: boolean;
  /** joined to the previous term by OR rather than AND */
  or: boolean;
}

/** The terms of a query in websearch_to_tsquery's syntax, read the same way PostgreSQL reads it. */
export function parseQueryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  let index = 0;
  let pendingOr = false;
  while (index < query.length) {
    const character = query[index]!;
    if (/\s/.test(character)) {
      index++;
      continue;
    }
    let negated = false;
    if (character === '-' && index + 1 < query.length && !/\s/.test(query[index + 1]!)) {
      negated = true;
      index++;
    }
    if (query[index] === '"') {
      const end = query.indexOf('"', index + 1);
      const text = query.slice(index + 1, end === -1 ? query.length : end);
      index = end === -1 ? query.length : end + 1;
      if (text.trim()) {
        terms.push({ text: text.trim(), phrase: true, negated, or: pendingOr && terms.length > 0 });
        pendingOr = false;
      }
      continue;
    }
    let end = index;
    while (end < query.length && !/\s/.test(query[end]!) && query[end] !== '"') end++;
    const word = query.slice(index, end);
    index = end;
    if (word === 'OR' && !negated) {
      pendingOr = true;
      continue;
    }
    if (word) {
      terms.push({ text: word, phrase: false, negated, or: pendingOr && terms.length > 0 });
      pendingOr = false;
    }
  }
  return terms;
}

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
// The same classes as normhub_chinese_vector in migration 0003.
const CHINESE_TOKEN = new RegExp(`[${HAN}]+|[0-9a-z\\u00e0-\\u024f\\u0430-\\u045f]+`, 'gu');
const HAN_START = new RegExp(`^[${HAN}]`, 'u');
export const HAN_CHARACTER = new RegExp(`[${HAN}]`, 'u');

/**
 * A term as a tsquery over the Chinese index: a run of Han characters is the phrase of its
 * bigrams, one character alone a prefix (it starts a bigram or ends a run), other words as they are.
 */
function chineseTermQuery(text: string, loose = false): string | null {
  const parts: string[] = [];
  for (const run of text.toLowerCase().match(CHINESE_TOKEN) ?? []) {
    const characters = [...run];
    if (!HAN_START.test(run)) parts.push(`'${run}'`);
    else if (characters.length === 1) parts.push(`'${run}':*`);
    else if (loose) {
      // Most Chinese words have two characters: 性别平等问题 read as 性别, 平等, 问题, anywhere
      for (let i = 0; i < characters.length; i += 2) {
        parts.push(i + 1 < characters.length ? `'${characters[i]}${characters[i + 1]}'` : `'${characters[i]}':*`);
      }
    } else for (let i = 0; i < characters.length - 1; i++) parts.push(`'${characters[i]}${characters[i + 1]}'`);
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : `(${parts.join(loose ? ' & ' : ' <-> ')})`;
}

/**
 * The query as a tsquery for Chinese documents (null when nothing in it can match). `loose`:
 * the bigrams of an unquoted term anywhere in the provision rather than in one run, for a
 * compound typed without spaces whose parts stand apart in the text (性别平等问题).
 */
export function chineseTsquery(query: string, { loose = false }: { loose?: boolean } = {}): string | null {
  let out = '';
  for (const term of parseQueryTerms(query)) {
    const part = chineseTermQuery(term.text, loose && !term.phrase && !term.negated);
    if (!part) continue;
    const operand = term.negated ? `!${part}` : part;
    out = out ? `${out} ${term.or ? '|' : '&'} ${operand}` : operand;
  }
  // A query cannot start with a lone negation in AND position only; "!x" alone is valid tsquery.
  return out || null;
}

/** Whether a loose reading of the query could find more in Chinese: an unquoted term of three Han characters or more. */
export function hasLooseChineseReading(query: string): boolean {
  return parseQueryTerms(query).some((term) => !term.phrase && !term.negated && new RegExp(`[${HAN}]{3}`, 'u').test(term.text));
}

/** The words of a query worth checking for typos: plain, not negated, letters only. */
export function spellableWords(query: string): string[] {
  return parseQueryTerms(query)
    .filter((term) => !term.negated && !term.phrase && /^\p{L}{4,40}$/u.test(term.text) && !HAN_CHARACTER.test(term.text))
    .map((term) => term.text.toLowerCase());
}

/** The query with whole words replaced (case-insensitively): the corrected query that is shown and run. */
export function replaceWords(query: string, replacements: ReadonlyMap<string, string>): string {
  return query.replace(/[\p{L}\p{M}]+/gu, (word) => {
    const replacement = replacements.get(word.toLowerCase());
    if (!replacement) return word;
    // "Bankok" -> "Bangkok": the vocabulary is lower case, the reader's capital is kept
    return word[0] !== word[0]!.toLowerCase() ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
  });
}

// ts_headline is given the text with these in place of < and > (its parser would otherwise take
// "<script>" for a tag and drop it) and marks matches with START/STOP; all four are private-use
// characters, removed from the text beforehand so the text cannot fake a mark.
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';
export const LESS_THAN = '\uE002';
export const GREATER_THAN = '\uE003';

/** A ts_headline result as HTML: everything escaped, then the marks turned into <mark>. */
export function snippetToHtml(headline: string): string {
  const escaped = escapeHtml(headline.replaceAll(LESS_THAN, '<').replaceAll(GREATER_THAN, '>'));
  let open = false;
  let out = '';
  for (const character of escaped) {
    if (character === MARK_START && !open) {
      out += '<mark>';
      open = true;
    } else if (character === MARK_STOP && open) {
      out += '</mark>';
      open = false;
    } else if (character !== MARK_START && character !== MARK_STOP) {
      out += character;
    }
  }
  return open ? `${out}</mark>` : out;
}

/**
 * A snippet of Chinese text around the first match, with every match marked: ts_headline cannot
 * be used, its parser does not split Chinese into the bigrams the index holds.
 */
export function chineseSnippetHtml(text: string, query: string, { loose = false, width = 80 }: { loose?: boolean; width?: number } = {}): string {
  const tokens = parseQueryTerms(query)
    .filter((term) => !term.negated)
    .flatMap((term) => term.text.toLowerCase().match(CHINESE_TOKEN) ?? []);
  // read loosely, a compound matched by its two-character parts: those are what to mark
  const bigrams = loose
    ? tokens.flatMap((token) => {
        const characters = [...token];
        if (!HAN_START.test(token) || characters.length < 3) return [];
        return Array.from({ length: Math.ceil(characters.length / 2) }, (_, i) => characters.slice(i * 2, i * 2 + 2).join(''));
      })
    : [];
  const needles = [...tokens, ...bigrams].sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  const marks: Array<[number, number]> = [];
  for (const needle of needles) {
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
      if (!marks.some(([start, end]) => at < end && at + needle.length > start)) marks.push([at, at + needle.length]);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  const first = marks[0]?.[0] ?? 0;
  const from = Math.max(0, first - Math.floor(width / 3));
  const to = Math.min(text.length, from + width);
  let out = from > 0 ? '… ' : '';
  let cursor = from;
  for (const [start, end] of marks) {
    if (start < from || end > to) continue;
    out += escapeHtml(text.slice(cursor, start)) + '<mark>' + escapeHtml(text.slice(start, end)) + '</mark>';
    cursor = end;
  }
  out += escapeHtml(text.slice(cursor, to));
  return to < text.length ? `${out} …` : out;
}

/** The provision's page (agreed scheme): /{locale}/documents/{encodedSymbol}/{nodeId}. */
export function provisionUrl({ locale, symbol, nodeId, language }: { locale: string; symbol: string; nodeId: string; language: string }): string {
  const path = nodeId.split('/').map(encodeURIComponent).join('/');
  const base = `/${locale}/documents/${encodeURIComponent(symbol)}${path ? `/${path}` : ''}`;
  return language === locale ? base : `${base}?lang=${encodeURIComponent(language)}`;
}

/** Rank boost by kind: numbered rules, articles and paragraphs before preambles and formulas. */
export const KIND_BOOST: Readonly<Record<string, number>> = {
  rule: 1.5,
  article: 1.5,
  principle: 1.5,
  guideline: 1.5,
  attachment: 1.4,
  section: 1.3,
  hcontainer: 1.3,
  heading: 1.3,
  paragraph: 1.2,
  point: 1.1,
  recital: 0.8,
  formula: 0.3,
  conclusions: 0.3,
};

/** Pages there are for a total, never more than MAX_PAGE. */
export function pageCount(total: number, pageSize: number): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / pageSize)));
}
