// Open data, the pure part: a document as plain text, the files and README of the compendium
// archive, the Atom feed, cache validators, and reading Fastify's route listing. No I/O here.

import { createHash } from 'node:crypto';
import { create } from 'xmlbuilder2';
import { AUTONYMS, featureTranslator, formatDate, isLocale, languageName, type Locale } from '../i18n/i18n.ts';
import type { DocumentNode, Footnote, ImportedDocument, NoteRef } from '../importer/document.ts';
import { OPENDATA_MESSAGES } from './opendata-messages.ts';

/** The interface locale that speaks a document's language; English for any other language. */
export function localeOfLanguage(language: string | null | undefined): Locale {
  return isLocale(language) ? language : 'en';
}

// ---------------------------------------------------------------------------------------------
// Plain text

/** Divisions whose heading line is enough to show what is inside: their children are not indented. */
const DIVISIONS = new Set<DocumentNode['kind']>(['document', 'attachment', 'section', 'hcontainer']);
/** Nodes shown as a heading line (a blank line before, the text, if any, on the next line). */
const HEADED = new Set<DocumentNode['kind']>(['attachment', 'section', 'hcontainer', 'rule', 'heading']);
const INDENT = '    ';

/** The words with each footnote marker put back where it stood, as "[1]". */
export function textWithMarkers(text: string, notes: NoteRef[]): string {
  const sorted = [...notes].sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  for (const note of sorted) {
    const at = Math.min(Math.max(note.at, from), text.length);
    out += `${text.slice(from, at)}[${note.marker}]`;
    from = at;
  }
  return out + text.slice(from);
}

/** Lines of a (possibly multi-line) text, every line behind the same indentation. */
function indentLines(text: string, indent: string): string[] {
  return text.split(/\r?\n/).map((line) => `${indent}${line}`.trimEnd());
}

function renderNodeLines(node: DocumentNode, depth: number, out: string[]): void {
  const notesIn = (field: 'text' | 'heading') => (node.notes ?? []).filter((note) => (note.field ?? 'text') === field);
  const heading = node.heading ? textWithMarkers(node.heading, notesIn('heading')) : '';
  const text = node.text ? textWithMarkers(node.text, notesIn('text')) : '';
  const num = node.num ?? '';
  const indent = INDENT.repeat(depth);

  if (node.kind !== 'document') {
    if (HEADED.has(node.kind)) {
      const title = [num, heading].filter(Boolean).join(' ');
      if (title || text) out.push('');
      if (title) out.push(...indentLines(title, indent));
      if (text) out.push(...indentLines(text, indent));
    } else {
      const line = [num, heading, text].filter(Boolean).join(' ');
      // a list of points reads as a list; everything else is its own paragraph
      if (line && node.kind !== 'point') out.push('');
      if (line) out.push(...indentLines(line, indent));
    }
  } else if (heading || text) {
    out.push('', ...[heading, text].filter(Boolean).flatMap((part) => indentLines(part, indent)));
  }
  const childDepth = DIVISIONS.has(node.kind) ? depth : depth + 1;
  for (const child of node.children) renderNodeLines(child, childDepth, out);
}

/**
 * A document as plain UTF-8 text for reading and printing: the title, its metadata, every
 * node of the tree with its number and heading (nesting shown by indentation), footnote markers
 * as [1] where they stood, and the notes at the end. Labels are in the document's language.
 * Lines are not wrapped: wrapping breaks Chinese and Arabic text, and readers wrap for themselves.
 */
export function renderDocumentText(doc: ImportedDocument): string {
  const locale = localeOfLanguage(doc.language);
  const t = featureTranslator(OPENDATA_MESSAGES, locale);
  const out: string[] = [];
  const title = doc.title ?? doc.symbol ?? '';
  if (title) out.push(...indentLines(title, ''), '');
  const meta: Array<[string, string | null | undefined]> = [
    [t('text.symbol'), doc.symbol],
    [t('text.body'), doc.body],
    [t('text.adopted'), doc.adopted ? formatDate(doc.adopted, locale) : null],
    [t('text.meeting'), doc.meeting],
    [t('text.partOf'), doc.partOf],
    [t('text.language'), doc.language ? (isLocale(doc.language) ? AUTONYMS[doc.language] : doc.language) : null],
  ];
  for (const [label, value] of meta) if (value) out.push(`${label}: ${value.replace(/\s*\n\s*/g, ' ')}`);
  renderNodeLines(doc.root, 0, out);
  if (doc.footnotes.length > 0) {
    out.push('', '', t('text.notes'), '');
    for (const footnote of doc.footnotes) out.push(...footnoteLines(footnote, t('text.noteMissing')));
  }
  // no run of blank lines, none at the start, exactly one newline at the end
  const lines: string[] = [];
  for (const line of out) if (line !== '' || (lines.length > 0 && lines.at(-1) !== '')) lines.push(line);
  while (lines.at(-1) === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

function footnoteLines(footnote: Footnote, missing: string): string[] {
  const [first = '', ...rest] = (footnote.text ?? missing).split(/\r?\n/);
  return [`[${footnote.marker}] ${first}`.trimEnd(), ...rest.map((line) => `${INDENT}${line}`.trimEnd())];
}

// ---------------------------------------------------------------------------------------------
// The compendium archive

export const COMPENDIUM_LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;
export type CompendiumLanguage = (typeof COMPENDIUM_LANGUAGES)[number];

export function isCompendiumLanguage(value: unknown): value is CompendiumLanguage {
  return typeof value === 'string' && (COMPENDIUM_LANGUAGES as readonly string[]).includes(value);
}

/**
 * A symbol as a file name that every system accepts: "A/RES/65/230" becomes "A-RES-65-230",
 * the way the API's downloads name their files. Names already taken get "-2", "-3", ...
 */
export function symbolFileName(symbol: string, taken: Set<string>): string {
  const base = symbol.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 150) || 'document';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
  taken.add(name.toLowerCase());
  return name;
}

export interface CompendiumIndexEntry {
  symbol: string;
  title: string | null;
  body: string | null;
  adopted: string | null;
  version: number;
  updatedAt: string;
  files: { json: string; akn: string | null; text: string };
}

export interface CompendiumIndex {
  language: string;
  source: string;
  generated: string;
  lastModified: string | null;
  documents: CompendiumIndexEntry[];
}

export function renderCompendiumReadme({
  language,
  generated,
  lastModified,
  count,
}: {
  language: CompendiumLanguage;
  generated: string;
  lastModified: string | null;
  count: number;
}): string {
  const t = featureTranslator(OPENDATA_MESSAGES, language);
  const english = featureTranslator(OPENDATA_MESSAGES, 'en');
  const lines = [
    t('readme.title', { language: languageName(language, language) }),
    '',
    t('readme.source'),
    t('readme.generated', { date: generated }),
    ...(lastModified ? [t('readme.asOf', { date: lastModified })] : []),
    t('readme.count', { count }),
    '',
    t('readme.files'),
    t('readme.index'),
  ];
  // The README of a non-English archive says the essentials in English too, for whoever receives it.
  if (language !== 'en') lines.push('', '---', '', english('readme.title', { language: languageName(language, 'en') }), '', english('readme.source'), english('readme.generated', { date: generated }));
  return `${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Cache validators

/** A weak entity tag from what identifies the content (an archive is rebuilt with a new "generated" date, so byte equality is not promised). */
export function weakEtag(...parts: string[]): string {
  return `W/"${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27)}"`;
}

/** Whether If-None-Match names this tag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => opaque(candidate) === opaque(etag));
}

/** Whether a resource last changed at `lastModified` is unchanged since If-Modified-Since (second precision). */
export function notModifiedSince(ifModifiedSince: string | undefined, lastModified: Date): boolean {
  if (!ifModifiedSince) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

// ---------------------------------------------------------------------------------------------
// The Atom feed

export interface FeedEntry {
  symbol: string;
  language: string;
  title: string | null;
  body: string | null;
  adopted: string | null;
  version: number;
  /** first stored, RFC 3339 */
  createdAt: string;
  /** when the current version was imported, RFC 3339 */
  importedAt: string;
  /** the first words of the first operative paragraph, if any */
  excerpt: string | null;
}

export interface FeedOptions {
  /** scheme and host of the site: "https://normhub.example.org" */
  origin: string;
  /** tagging authority of the entries' tag: URIs (the site's host name) */
  authority: string;
  language: CompendiumLanguage | null;
  entries: FeedEntry[];
  /** used when there is no entry */
  now: string;
}

/** The year the tag: URIs of this feed were first minted (RFC 4151 wants a date the authority held its name). */
const TAG_DATE = '2026';
const EXCERPT_LENGTH = 300;

export function documentPagePath(symbol: string, language: string): string {
  return isLocale(language)
    ? `/${language}/documents/${encodeURIComponent(symbol)}`
    : `/en/documents/${encodeURIComponent(symbol)}?lang=${encodeURIComponent(language)}`;
}

/** tag:host,2026:document/A%2FRES%2F65%2F230/en: the same document in the same language keeps its id across versions. */
export function entryTag(authority: string, symbol: string, language: string): string {
  return `tag:${authority},${TAG_DATE}:document/${encodeURIComponent(symbol)}/${encodeURIComponent(language)}`;
}

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${space > length * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** An Atom 1.0 feed (RFC 4287) of documents, newest import first. Every value goes through the XML writer, which escapes it. */
export function renderAtomFeed({ origin, authority, language, entries, now }: FeedOptions): string {
  const locale: Locale = language ?? 'en';
  const t = featureTranslator(OPENDATA_MESSAGES, locale);
  const selfUrl = `${origin}/feeds/documents.atom${language ? `?lang=${language}` : ''}`;
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
  const feed = doc.ele('http://www.w3.org/2005/Atom', 'feed', { 'xml:lang': locale });
  feed.ele('id').txt(`tag:${authority},${TAG_DATE}:feeds/documents${language ? `/${language}` : ''}`);
  feed.ele('title').txt(language ? t('feed.titleIn', { language: languageName(language, language) }) : t('feed.title'));
  feed.ele('subtitle').txt(t('feed.subtitle'));
  feed.ele('updated').txt(entries[0]?.importedAt ?? now);
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: selfUrl });
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: `${origin}/${locale}/` });
  feed.ele('author').ele('name').txt('United Nations');
  feed.ele('generator').txt('NormHub');
  for (const entry of entries) {
    const entryLocale = localeOfLanguage(entry.language);
    const et = featureTranslator(OPENDATA_MESSAGES, entryLocale);
    const page = `${origin}${documentPagePath(entry.symbol, entry.language)}`;
    const api = `${origin}/api/documents/${encodeURIComponent(entry.symbol)}?lang=${encodeURIComponent(entry.language)}`;
    const item = feed.ele('entry', { 'xml:lang': entry.language });
    item.ele('id').txt(entryTag(authority, entry.symbol, entry.language));
    item.ele('title').txt(entry.title ? `${entry.symbol}: ${entry.title}` : entry.symbol);
    item.ele('updated').txt(entry.importedAt);
    item.ele('published').txt(entry.createdAt);
    item.ele('link', { rel: 'alternate', type: 'text/html', hreflang: entry.language, href: page });
    item.ele('link', { rel: 'alternate', type: 'application/json', hreflang: entry.language, href: api });
    item.ele('link', { rel: 'alternate', type: 'application/akn+xml', hreflang: entry.language, href: `${api}&format=akn` });
    if (entry.body) item.ele('category', { term: entry.body });
    const summary = [
      [entry.body, entry.adopted ? et('feed.adopted', { date: formatDate(entry.adopted, entryLocale) }) : null].filter(Boolean).join(' · '),
      entry.excerpt ? shorten(entry.excerpt, EXCERPT_LENGTH) : null,
    ]
      .filter(Boolean)
      .join('\n');
    item.ele('summary', { type: 'text' }).txt(summary || entry.symbol);
  }
  return doc.end({ prettyPrint: true });
}

// ---------------------------------------------------------------------------------------------
// Routes as Fastify lists them

export interface ListedRoute {
  /** the route's path as registered: "/api/documents/:symbol", "/api/documents/*" */
  path: string;
  methods: string[];
}

/**
 * Reads `app.printRoutes()` (its radix-tree drawing, the only public listing of registered
 * routes) back into full paths with their methods.
 */
export function parsePrintedRoutes(printed: string): ListedRoute[] {
  const routes: ListedRoute[] = [];
  const prefixes: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line.replace(/\s+$/, ''));
    if (!match) continue;
    const depth = Math.round(match[1]!.length / 4);
    prefixes.length = depth;
    prefixes[depth] = match[2]!;
    if (match[3]) routes.push({ path: prefixes.join(''), methods: match[3].split(',').map((method) => method.trim()) });
  }
  return routes;
}

/**
 * One spelling for a Fastify path and an OpenAPI path, so they can be compared: every parameter
 * (":symbol", "{symbol}", the wildcard "*") becomes "{}".
 */
export function canonicalRoutePath(path: string): string {
  return path
    .replace(/\{[^}]+\}/g, '{}')
    .replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, '{}')
    .replace(/\*$/, '{}');
}
