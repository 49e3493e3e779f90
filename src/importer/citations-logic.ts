// Finds references to United Nations documents in running text and footnotes, and the bracketed
// cross-reference notes of the Bangkok Rules ("[Supplements rule 6 of the Standard Minimum
// Rules ...]"), and normalises them to the symbol forms documented in docs/citations.md.
//
// The scanner runs a few independent passes, most specific first (Treaty Series, plain symbols,
// Sales numbers, "resolution N/N" phrases, instrument names). Each pass claims the stretch of
// text its citation covers, including body names and pinpoints, so that a later pass does not read
// "resolution 1" inside "A/CONF.213/18, chap. I, resolution 1" a second time. Every regular
// expression is anchored on a literal or bounded in length, so the cost stays linear in the text.

import type { Reference } from './document.ts';
import {
  findInstrumentCited,
  listInstrumentNameKeys,
  primaryAdoption,
  type Instrument,
} from '../compendium/catalogue.ts';

export interface CitationContext {
  /** the body whose document this text belongs to: "General Assembly", "Economic and Social Council", ... */
  body?: string | null;
  /** the last symbol cited before this text (the previous footnote), for "Ibid." */
  previousSymbol?: string | null;
}

// ---------------------------------------------------------------------------------------------
// bodies

type BodyKey = 'GA' | 'ECOSOC' | 'SC' | 'HRC' | 'CCPCJ' | 'CND' | 'CHR' | 'CSW' | 'COUNCIL' | 'COMMISSION';

/** Names of bodies as they stand before "resolution", longest first within each family. */
const BODY_NAMES: ReadonlyArray<[string, BodyKey]> = [
  ['General Assembly', 'GA'],
  ['Economic and Social Council', 'ECOSOC'],
  ['Security Council', 'SC'],
  ['Human Rights Council', 'HRC'],
  ['Commission on Crime Prevention and Criminal Justice', 'CCPCJ'],
  ['Commission on Narcotic Drugs', 'CND'],
  ['Commission on Human Rights', 'CHR'],
  ['Commission on the Status of Women', 'CSW'],
  ['Assembly', 'GA'],
  ['Council', 'COUNCIL'],
  ['Commission', 'COMMISSION'],
];

function wordsPattern(name: string): string {
  return name.split(' ').join('\\s+');
}

/**
 * The body named just before "resolution": "General Assembly resolution", "Council resolution",
 * "the Economic and Social Council in its resolution", "the Council by its resolution", or a bare
 * "its resolution" (group 3), which means the body of the document itself.
 */
const BODY_BEFORE = new RegExp(
  `(?:\\b(${BODY_NAMES.map(([name]) => wordsPattern(name)).join('|')})(\\s*,?\\s+(?:in|by)\\s+its)?|\\b(its))\\s+$`,
);

function bodyKeyOfName(name: string): BodyKey | null {
  const words = name.replace(/\s+/g, ' ');
  for (const [known, key] of BODY_NAMES) if (known === words) return key;
  return null;
}

/** Reads the document body given by the caller, in full or abbreviated. */
function bodyKeyOfContext(body: string | null | undefined): BodyKey | null {
  if (typeof body !== 'string') return null;
  const text = body.toLowerCase();
  if (text.includes('general assembly') || text === 'ga') return 'GA';
  if (text.includes('economic and social council') || text === 'ecosoc') return 'ECOSOC';
  if (text.includes('security council') || text === 'sc') return 'SC';
  if (text.includes('human rights council') || text === 'hrc') return 'HRC';
  if (text.includes('crime prevention and criminal justice') || text === 'ccpcj') return 'CCPCJ';
  if (text.includes('narcotic drugs') || text === 'cnd') return 'CND';
  if (text.includes('commission on human rights')) return 'CHR';
  if (text.includes('status of women') || text === 'csw') return 'CSW';
  return null;
}

// ---------------------------------------------------------------------------------------------
// the scan: text, claimed stretches and the references found

interface Found extends Reference {
  /** "Ibid." whose symbol is the last one cited before it */
  ibid?: boolean;
}

class Scan {
  readonly refs: Found[] = [];
  private readonly claimed: Uint8Array;

  constructor(readonly text: string) {
    this.claimed = new Uint8Array(text.length);
  }

  isClaimed(at: number): boolean {
    return this.claimed[at] === 1;
  }

  /** Claims [start, end) for one citation; false if a more specific pass already read any of it. */
  claim(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.claimed[i]) return false;
    this.claimed.fill(1, start, end);
    return true;
  }

  add(ref: Found): void {
    this.refs.push(ref);
  }

  citation(start: number, end: number, symbol: string | null, pinpoint: string | null, extra: Partial<Found> = {}): Found {
    const ref: Found = { kind: 'citation', text: this.text.slice(start, end), start, end, symbol, pinpoint, instrument: null, ...extra };
    this.add(ref);
    return ref;
  }
}

// ---------------------------------------------------------------------------------------------
// pinpoints: ", annex", ", chap. I, resolution 1", ", paras. 1-3 and 35", ", sect. II.A"

const ROMAN_OR_NUMBER = String.raw`(?:[IVXLC]{1,8}|\d{1,4})\b`;
const NUMBER_LIST_SEP = String.raw`(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)`;

/** "resolutions 17 (on pretrial detention), 19 (on ...) and 21 (on ...)" in a Congress report */
const RESOLUTION_SEGMENT =
  /[Rr]esolutions?\s+\d{1,4}(?:\/\d{1,4})?(?:\s*\([^()]{1,300}\))?(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)\d{1,4}(?:\/\d{1,4})?(?:\s*\([^()]{1,300}\))?){0,10}/y;
const DECISION_SEGMENT = /[Dd]ecisions?\s+\d{1,4}(?:\/\d{1,4})?/y;

const PINPOINT_SEGMENTS: RegExp[] = [
  new RegExp(String.raw`[Aa]nnex(?:es)?(?:\s+${ROMAN_OR_NUMBER}(?:${NUMBER_LIST_SEP}${ROMAN_OR_NUMBER}){0,6})?`, 'y'),
  new RegExp(String.raw`[Aa]ppendix(?:\s+${ROMAN_OR_NUMBER})?`, 'y'),
  new RegExp(String.raw`[Cc]hap(?:ter\s+|\.\s*)${ROMAN_OR_NUMBER}`, 'y'),
  /[Ss]ect(?:ion\s+|\.\s*)[A-Z0-9]{1,5}(?:\.[A-Z0-9]{1,5}){0,4}\b/y,
  /[Pp]aras?\.\s*\d{1,4}(?:\s*\([a-z]{1,4}\))?(?:\s*[-–]\s*\d{1,4})?(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)\d{1,4}(?:\s*[-–]\s*\d{1,4})?){0,10}/y,
  /[Pp]aragraphs?\s+\d{1,4}(?:\s*\([a-z]{1,4}\))?(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)\d{1,4}(?:\s*\([a-z]{1,4}\))?){0,10}/y,
  RESOLUTION_SEGMENT,
  DECISION_SEGMENT,
  /No\.\s*\d{1,6}\b/y,
  /[Vv]ol\.\s*(?:[IVXLC]{1,8}|\d{1,4})\b/y,
  /[Pp]art\s+(?:[IVXLC]{1,8}|\d{1,3})\b/y,
  /pp?\.\s*\d{1,5}(?:\s*[-–]\s*\d{1,5})?/y,
  /(?:[Aa]rticles?\s+|[Aa]rts?\.\s*)\d{1,4}/y,
  /[Rr]ules?\s+\d{1,4}(?:\.\d{1,3})?/y,
];

const PINPOINT_SEPARATOR = /\s*,\s*/y;

/** Segments that name an act inside a report ("chap. I, resolution 1"); a resolution holds none. */
const ACT_SEGMENTS: ReadonlySet<RegExp> = new Set([RESOLUTION_SEGMENT, DECISION_SEGMENT]);

function matchSegment(text: string, at: number, acts: boolean): number {
  for (const segment of PINPOINT_SEGMENTS) {
    if (!acts && ACT_SEGMENTS.has(segment)) continue;
    segment.lastIndex = at;
    const match = segment.exec(text);
    if (match && match[0].length > 0) return at + match[0].length;
  }
  return -1;
}

/** Descriptions in brackets ("(on pretrial detention)") and Markdown emphasis are not part of a pinpoint. */
function cleanPinpoint(raw: string): string {
  return raw
    .replace(/\s*\([^()]{4,}\)/g, '')
    .replace(/[*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Reads ", segment, segment ..." at `pos`; the pinpoint and where it ends, or null. `acts` allows
 * "resolution 1" segments, which only a report or publication can hold.
 */
function readPinpoint(text: string, pos: number, acts = true): { pinpoint: string; end: number } | null {
  let end = pos;
  const segments: string[] = [];
  for (let count = 0; count < 12; count++) {
    PINPOINT_SEPARATOR.lastIndex = end;
    const separator = PINPOINT_SEPARATOR.exec(text);
    if (!separator || !separator[0].includes(',')) break;
    const at = end + separator[0].length;
    const segmentEnd = matchSegment(text, at, acts);
    if (segmentEnd < 0) break;
    segments.push(text.slice(at, segmentEnd));
    end = segmentEnd;
  }
  return segments.length > 0 ? { pinpoint: cleanPinpoint(segments.join(', ')), end } : null;
}

function joinPinpoints(...parts: Array<string | null | undefined>): string | null {
  const present = parts.filter((part): part is string => typeof part === 'string' && part.length > 0);
  return present.length > 0 ? present.join(', ') : null;
}

// ---------------------------------------------------------------------------------------------
// United Nations Treaty Series: "United Nations, Treaty Series, vol. 1465, No. 24841", "Ibid., vols. 2237 and 2241, No. 39574"

const TREATY_SERIES = /(?:United Nations,\s*)?[*_]?Treaty Series[*_]?\s*,\s*/g;
const IBID = /(?<![A-Za-z])([*_]?)(Ibid)(\.?)[*_]?(?![A-Za-z])/gi;
const VOLUMES = /(vols?\.)\s*(\d{1,5}(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)\d{1,5}){0,20})\s*,\s*No\.\s*(\d{1,7})/y;
const ANY_NUMBER = /\d{1,5}/g;

/** The normalised form of a Treaty Series entry: volume and registration number. */
export function treatySeriesSymbol(volume: string, registration: string): string {
  return `UNTS/${volume}/${registration}`;
}

/** Reads "vol(s). ..., No. N" at `pos`; emits one citation per volume, and returns the end, or -1. */
function readVolumes(scan: Scan, extentStart: number, pos: number): number {
  VOLUMES.lastIndex = pos;
  const match = VOLUMES.exec(scan.text);
  if (!match) return -1;
  const end = pos + match[0].length;
  if (!scan.claim(extentStart, end)) return -1;
  const registration = match[3]!;
  const listStart = pos + match[0].indexOf(match[2]!, match[1]!.length);
  const volumes: Array<{ volume: string; at: number }> = [];
  ANY_NUMBER.lastIndex = 0;
  for (const number of match[2]!.matchAll(ANY_NUMBER)) volumes.push({ volume: number[0], at: listStart + number.index! });
  for (const { volume, at } of volumes) {
    // One volume: the span is "vol. 1465, No. 24841"; several share the number, so each span is its volume.
    const [start, stop] = volumes.length === 1 ? [pos, end] : [at, at + volume.length];
    scan.citation(start, stop, treatySeriesSymbol(volume, registration), null, { volume });
  }
  return end;
}

function findTreatySeries(scan: Scan): void {
  for (const match of scan.text.matchAll(TREATY_SERIES)) {
    readVolumes(scan, match.index!, match.index! + match[0].length);
  }
  for (const match of scan.text.matchAll(IBID)) {
    const wordStart = match.index! + match[1]!.length;
    const wordEnd = wordStart + match[2]!.length + match[3]!.length;
    const after = match.index! + match[0].length;
    const comma = /\s*,\s*/y;
    comma.lastIndex = after;
    const separator = comma.exec(scan.text);
    if (separator && readVolumes(scan, wordStart, after + separator[0].length) >= 0) continue;
    const pinpoint = readPinpoint(scan.text, after);
    const extentEnd = pinpoint ? pinpoint.end : after;
    if (!scan.claim(wordStart, extentEnd)) continue;
    scan.citation(wordStart, wordEnd, null, pinpoint?.pinpoint ?? null, { ibid: true });
  }
}

// ---------------------------------------------------------------------------------------------
// document symbols: "E/CN.15/2012/18", "A/CONF.213/18, chap. I, resolution 1", "A/64/92-E/2009/98"

const SERIES = ['A', 'E', 'S', 'ST', 'CAC', 'CTOC', 'CCPR', 'CEDAW', 'CERD', 'CRC', 'CMW', 'CRPD', 'CAT', 'CED', 'DP', 'TD', 'UNEP', 'UNW', 'HRI', 'ICCD', 'FCCC', 'SPLOS'];
const SYMBOL_BODY = String.raw`(?<![A-Za-z0-9/.])(?:${SERIES.join('|')})(?:\/(?:E?S-)?[A-Za-z0-9]{1,12}(?:\.[A-Za-z0-9]{1,12}){0,4}){2,8}(?![A-Za-z0-9])`;
const SYMBOL = new RegExp(SYMBOL_BODY, 'g');
const SYMBOL_AT = new RegExp(SYMBOL_BODY, 'y');
/** "S/RES/1325 (2000)" and "A/RES/2200 (XXI)" carry their session or year in brackets. */
const SYMBOL_BRACKETED_TAIL = /\s?\((\d{4}|[IVXLC]{1,8})\)/y;
/** "E/2005/27 and Corr.1", "E/CN.15/2003/10 and Add.1 and 2" */
const SYMBOL_PARTS = /\s+and\s+(Add|Corr|Rev)\.\s?(\d{1,3})((?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)\d{1,3}){0,10})/y;

/** Writes a symbol the way the United Nations does: "Rev.1", "Corr.1", "Add.1"; no spaces. */
export function normaliseSymbol(symbol: string): string {
  return symbol
    .replace(/\s+/g, '')
    .split('/')
    .map((part) => part.replace(/^(REV|CORR|ADD)\./i, (word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase()))
    .join('/')
    .replace(/^(A\/RES\/\d+\/\d+)([a-h])$/, (_, base: string, letter: string) => base + letter.toUpperCase());
}

function readSymbolAt(text: string, at: number): { symbol: string; start: number; end: number } | null {
  SYMBOL_AT.lastIndex = at;
  const match = SYMBOL_AT.exec(text);
  if (!match || !/\d/.test(match[0])) return null;
  let end = at + match[0].length;
  let symbol = match[0];
  if (/^[ASE]\/RES\/\d+$/.test(symbol)) {
    SYMBOL_BRACKETED_TAIL.lastIndex = end;
    const tail = SYMBOL_BRACKETED_TAIL.exec(text);
    if (tail) {
      symbol += `(${tail[1]})`;
      end += tail[0].length;
    }
  }
  return { symbol: normaliseSymbol(symbol), start: at, end };
}

function findDocumentSymbols(scan: Scan): void {
  const { text } = scan;
  SYMBOL.lastIndex = 0;
  for (let match = SYMBOL.exec(text); match; match = SYMBOL.exec(text)) {
    const first = readSymbolAt(text, match.index);
    if (!first) continue;
    // A joint document has one symbol per body, joined by a hyphen: "A/64/92-E/2009/98".
    const chain = [first];
    for (let last = first; /[-–]/.test(text[last.end] ?? ''); ) {
      const next = readSymbolAt(text, last.end + 1);
      if (!next) break;
      chain.push(next);
      last = next;
    }
    const last = chain[chain.length - 1]!;
    let end = last.end;
    const parts: Array<{ symbol: string; start: number; end: number }> = [];
    SYMBOL_PARTS.lastIndex = end;
    const partsMatch = SYMBOL_PARTS.exec(text);
    if (partsMatch) {
      const kind = partsMatch[1]!;
      const kindAt = end + partsMatch[0].indexOf(kind + '.');
      const firstNumberEnd = end + partsMatch[0].indexOf(partsMatch[2]!, kindAt - end + kind.length) + partsMatch[2]!.length;
      parts.push({ symbol: `${last.symbol}/${kind}.${partsMatch[2]}`, start: kindAt, end: firstNumberEnd });
      const restStart = end + partsMatch[0].length - partsMatch[3]!.length;
      for (const number of partsMatch[3]!.matchAll(/\d{1,3}/g)) {
        const at = restStart + number.index!;
        parts.push({ symbol: `${last.symbol}/${kind}.${number[0]}`, start: at, end: at + number[0].length });
      }
      end += partsMatch[0].length;
    }
    // The pinpoint may follow the symbol or the bracket around it: "(E/2010/30), para. 150".
    const pinpoint = readPinpoint(text, text[end] === ')' ? end + 1 : end);
    const extentEnd = pinpoint ? pinpoint.end : end;
    SYMBOL.lastIndex = extentEnd;
    if (!scan.claim(first.start, extentEnd)) continue;
    for (const item of chain) scan.citation(item.start, item.end, item.symbol, pinpoint?.pinpoint ?? null);
    for (const item of parts) scan.citation(item.start, item.end, item.symbol, null);
  }
}

// ---------------------------------------------------------------------------------------------
// United Nations sales publications: "(United Nations publication, Sales No. E.96.IV.13), chap. I, resolution 1"

const SALES_NUMBER = /Sales\s+No\.?\s*([A-Z]{1,3}\.\d{2}\.[IVXL]{1,6}\.\d{1,3}[A-Z]?)(?:\s*\(((?:Vol|Part)\.?[^()]{0,60})\))?/g;

/** The normalised form of a sales publication (not a document symbol): "SALES/E.96.IV.13". */
export function salesSymbol(salesNumber: string): string {
  return `SALES/${salesNumber}`;
}

function findSalesNumbers(scan: Scan): void {
  for (const match of scan.text.matchAll(SALES_NUMBER)) {
    const start = match.index!;
    const spanEnd = start + match[0].indexOf(match[1]!) + match[1]!.length;
    let end = start + match[0].length;
    const pinpoint = readPinpoint(scan.text, scan.text[end] === ')' ? end + 1 : end);
    if (pinpoint) end = pinpoint.end;
    if (!scan.claim(start, end)) continue;
    const volume = match[2] === undefined ? null : cleanPinpoint(match[2]);
    scan.citation(start, spanEnd, salesSymbol(match[1]!), joinPinpoints(volume, pinpoint?.pinpoint));
  }
}

// ---------------------------------------------------------------------------------------------
// resolutions and decisions: "General Assembly resolution 45/110, annex", "its resolution 1993/34",
// "resolution 663 C (XXIV)", "Security Council resolutions 1325 (2000) and 1820 (2008)"

const KEYWORD = /\b([Rr]esolution|[Dd]ecision)s?\b/g;
const ITEM_ROMAN = /(\d{1,4})(?:\s?([A-Z]))?\s?\(([IVXLC]{1,8})\)/y;
const ITEM_YEAR_BRACKETED = /(\d{1,5})\s?\((\d{4})\)/y;
const ITEM_SPECIAL_SESSION = /(E?S-\d{1,2})\/(\d{1,4})(?![\d/])/y;
const ITEM_NUMBERED = /(\d{1,4})\/(\d{1,4})(?:\s?([A-H])(?![A-Za-z]))?(?![\d/])/y;
const ITEM_DATE = /\s+of\s+\d{1,2}\s+[A-Z][a-z]{2,9}\s+\d{4}/y;
const ITEM_SEPARATOR = /(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s+or\s+)/y;
const LEADING_SPACE = /\s+/y;

type ItemForm = 'roman' | 'year-bracketed' | 'special' | 'year' | 'session';

interface Item {
  form: ItemForm;
  start: number;
  end: number;
  /** the designation as the United Nations writes it in a symbol: "663(XXIV)", "1325(2000)", "57/270B" */
  number: string;
  /** the first number: the session, or the year of an ECOSOC resolution */
  session: number;
  /** the letter of an old-style resolution, "C" of "663 C (XXIV)": a part of the document */
  letterPart: string | null;
}

function romanValue(roman: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const value = values[roman[i]!] ?? 0;
    const next = values[roman[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

function readItem(text: string, at: number): Item | null {
  ITEM_ROMAN.lastIndex = at;
  let match = ITEM_ROMAN.exec(text);
  if (match) {
    return {
      form: 'roman',
      start: at,
      end: at + match[0].length,
      number: `${match[1]}(${match[3]})`,
      session: romanValue(match[3]!),
      letterPart: match[2] ?? null,
    };
  }
  ITEM_YEAR_BRACKETED.lastIndex = at;
  match = ITEM_YEAR_BRACKETED.exec(text);
  if (match) {
    return { form: 'year-bracketed', start: at, end: at + match[0].length, number: `${match[1]}(${match[2]})`, session: Number(match[2]), letterPart: null };
  }
  ITEM_SPECIAL_SESSION.lastIndex = at;
  match = ITEM_SPECIAL_SESSION.exec(text);
  if (match) {
    return { form: 'special', start: at, end: at + match[0].length, number: `${match[1]}/${match[2]}`, session: 0, letterPart: null };
  }
  ITEM_NUMBERED.lastIndex = at;
  match = ITEM_NUMBERED.exec(text);
  if (match) {
    const first = Number(match[1]);
    const isYear = match[1]!.length === 4 && first >= 1946 && first <= 2100;
    return {
      form: isYear ? 'year' : 'session',
      start: at,
      end: at + match[0].length,
      number: `${match[1]}/${match[2]}${match[3] ?? ''}`,
      session: first,
      letterPart: null,
    };
  }
  return null;
}

/**
 * The symbol of resolution or decision `item` of `body`. `named` is the body the text names
 * before the keyword; `own` the body of the document itself ("its resolution", or no body named).
 * Null when the number cannot belong to the body, or several bodies could have adopted it.
 */
function resolutionSymbol(kind: 'resolution' | 'decision', item: Item, named: BodyKey | null, own: BodyKey | null): string | null {
  const series = kind === 'resolution' ? 'RES' : 'DEC';
  const body = named ?? own;
  switch (item.form) {
    case 'year-bracketed':
      // Only the Security Council numbers "1325 (2000)"; it adopts no numbered decisions.
      if (kind === 'decision' || (named !== null && named !== 'SC' && named !== 'COUNCIL')) return null;
      return `S/RES/${item.number}`;
    case 'roman':
      // Before 1976 (Assembly) and 1978 (Council) resolutions were numbered "415 (V)", "663 C (XXIV)".
      if (body === 'GA') return `A/${series}/${item.number}`;
      if (body === 'ECOSOC' || body === 'COUNCIL') return `E/${series}/${item.number}`;
      if (named !== null) return null;
      // The Assembly's thirtieth session was its last so numbered; a later session is the Council's.
      return item.session > 30 ? `E/${series}/${item.number}` : `A/${series}/${item.number}`;
    case 'special':
      if (body === 'HRC') return `A/HRC/${series}/${item.number}`;
      if (named !== null && named !== 'GA') return null;
      return `A/${series}/${item.number}`;
    case 'year':
      // Year-numbered resolutions are the Council's (and the old Commission on Human Rights').
      if (named === 'CHR' || (named === null && own === 'CHR')) return `E/CN.4/${series}/${item.number}`;
      if (named === null || named === 'ECOSOC' || named === 'COUNCIL') return `E/${series}/${item.number}`;
      return null;
    case 'session': {
      const commission: BodyKey | null = named === 'COMMISSION' ? (own === 'CND' || own === 'CSW' ? own : 'CCPCJ') : null;
      const councilInContext: BodyKey | null = named === 'COUNCIL' && own === 'HRC' ? 'HRC' : null;
      // A Commission report carries draft resolutions of the Assembly whose "its resolution 52/86"
      // is the Assembly's: a number the document's own body cannot have reached is not its own.
      const ownPlausible = own !== null && plausibleSessionNumber(own, item) ? own : null;
      const effective = commission ?? councilInContext ?? named ?? ownPlausible;
      switch (effective) {
        case 'GA':
          return `A/${series}/${item.number}`;
        case 'HRC':
          return `A/HRC/${series}/${item.number}`;
        case 'CCPCJ':
          return `E/CN.15/${series}/${item.number}`;
        case 'CND':
          return `E/CN.7/${series}/${item.number}`;
        case 'CSW':
          return `E/CN.6/${series}/${item.number}`;
        default:
          if (named !== null) return null;
          // With no body to go by, "65/230" can only be the Assembly's: its modern numbering starts at
          // the thirty-first session, and the functional commissions have not met that often.
          return item.session >= 31 ? `A/${series}/${item.number}` : null;
      }
    }
  }
}

/**
 * Whether `item` ("18/1") can be a resolution of `body` numbered by session: the Assembly's
 * numbering starts at its thirty-first session, the Commission on
 * Crime Prevention and Criminal Justice met first in 1992, and the functional commissions and the
 * Human Rights Council adopt tens of resolutions a session, not hundreds. The bounds leave room
 * for some decades of future sessions.
 */
function plausibleSessionNumber(body: BodyKey, item: Item): boolean {
  const resolutionNumber = Number(/\/(\d+)/.exec(item.number)?.[1] ?? 0);
  switch (body) {
    case 'GA':
      // Sessions before the thirty-first numbered their resolutions "1904 (XVIII)".
      return item.session >= 31;
    case 'CCPCJ':
      return item.session <= 45 && resolutionNumber <= 30;
    case 'CND':
    case 'CSW':
      return item.session <= 90 && resolutionNumber <= 30;
    case 'HRC':
      return item.session <= 80 && resolutionNumber <= 80;
    default:
      return true;
  }
}

function findResolutions(scan: Scan, own: BodyKey | null): void {
  const { text } = scan;
  let previous: { end: number; named: BodyKey | null } | null = null;
  for (const keyword of text.matchAll(KEYWORD)) {
    const keywordStart = keyword.index!;
    // A keyword inside a list or pinpoint already read ("resolutions 1/1, resolutions ...") starts nothing new.
    if (scan.isClaimed(keywordStart)) continue;
    const kind = keyword[1]!.toLowerCase() as 'resolution' | 'decision';
    LEADING_SPACE.lastIndex = keywordStart + keyword[0].length;
    const space = LEADING_SPACE.exec(text);
    if (!space) continue;
    const items: Array<{ item: Item; pinpoint: string | null }> = [];
    let pos = keywordStart + keyword[0].length + space[0].length;
    for (let count = 0; count < 50; count++) {
      const item = readItem(text, pos);
      if (!item) break;
      pos = item.end;
      ITEM_DATE.lastIndex = pos;
      const date = ITEM_DATE.exec(text);
      if (date) pos += date[0].length;
      const pinpoint = readPinpoint(text, pos, false);
      if (pinpoint) pos = pinpoint.end;
      items.push({ item, pinpoint: pinpoint?.pinpoint ?? null });
      ITEM_SEPARATOR.lastIndex = pos;
      const separator = ITEM_SEPARATOR.exec(text);
      if (!separator) break;
      const nextAt = pos + separator[0].length;
      if (!readItem(text, nextAt)) break;
      pos = nextAt;
    }
    if (items.length === 0) continue;

    const before = BODY_BEFORE.exec(text.slice(Math.max(0, keywordStart - 90), keywordStart));
    let named: BodyKey | null = null;
    let extentStart = keywordStart;
    if (before) {
      extentStart = keywordStart - (before.input.length - before.index);
      if (before[1] !== undefined) named = bodyKeyOfName(before[1]);
    } else if (previous && /^\s*,?\s*(?:and|or)\s+$/.test(text.slice(previous.end, keywordStart))) {
      // "Assembly resolution S-23/2, annex, and resolution S-23/3": the body carries over.
      named = previous.named;
    }
    if (!scan.claim(extentStart, pos)) continue;
    previous = { end: pos, named };
    for (const { item, pinpoint } of items) {
      const symbol = resolutionSymbol(kind, item, named, own);
      scan.citation(item.start, item.end, symbol, joinPinpoints(item.letterPart, pinpoint));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// instruments named in the text: "the Standard Minimum Rules for the Treatment of Prisoners", "the Tokyo Rules"

interface TrieNode {
  next: Map<string, TrieNode>;
  /** the instrument whose name ends here; null for a phrase that only looks like one */
  instrument?: Instrument | null;
}

/** Phrases that begin like an instrument's name but are other texts. */
const NOT_INSTRUMENTS = [
  'vienna declaration and programme of action',
  'doha declaration on the trips agreement and public health',
  'doha declaration on financing for development',
];

let nameTrie: TrieNode | null = null;

function insertName(root: TrieNode, words: string[], instrument: Instrument | null): void {
  let node = root;
  for (const word of words) {
    let child = node.next.get(word);
    if (!child) {
      child = { next: new Map() };
      node.next.set(word, child);
    }
    node = child;
  }
  if (node.instrument === undefined) node.instrument = instrument;
}

function buildNameTrie(): TrieNode {
  const root: TrieNode = { next: new Map() };
  for (const [key, instrument] of listInstrumentNameKeys()) {
    const words = key.split(' ');
    insertName(root, words, instrument);
    insertName(root, ['united', 'nations', ...words], instrument);
  }
  for (const phrase of NOT_INSTRUMENTS) insertName(root, phrase.split(' '), null);
  return root;
}

/** Words as the catalogue keys them: letters (apostrophes dropped) or digits, lower case. */
const WORD = /\p{L}+(?:['’]\p{L}+)*|[0-9]+/gu;

function keyOfWord(word: string): string {
  return word.toLowerCase().replace(/['’]/g, '');
}

interface NameMatch {
  instrument: Instrument;
  start: number;
  end: number;
}

/**
 * Every instrument name in `text`, longest first at each place, left to right, without overlaps.
 * Only a word that can begin a name starts a walk down the trie, so ordinary prose costs one
 * regular-expression step and one map lookup per word.
 */
function findInstrumentNameMatches(text: string): NameMatch[] {
  nameTrie ??= buildNameTrie();
  const matches: NameMatch[] = [];
  const words = new RegExp(WORD.source, WORD.flags);
  const following = new RegExp(WORD.source, WORD.flags);
  for (let word = words.exec(text); word; word = words.exec(text)) {
    let node = nameTrie.next.get(keyOfWord(word[0]));
    if (!node) continue;
    const start = word.index;
    let best: { instrument: Instrument | null; end: number } | null =
      node.instrument !== undefined ? { instrument: node.instrument, end: start + word[0].length } : null;
    following.lastIndex = start + word[0].length;
    for (let next = following.exec(text); next && node; next = following.exec(text)) {
      node = node.next.get(keyOfWord(next[0]));
      if (node?.instrument !== undefined) best = { instrument: node.instrument, end: next.index + next[0].length };
    }
    if (!best) continue;
    words.lastIndex = best.end;
    if (!best.instrument) continue;
    let end = best.end;
    // "... (the Tokyo Rules)": take the closing bracket that the name opened.
    if (text[end] === ')' && text.lastIndexOf('(', end) >= start) end++;
    matches.push({ instrument: best.instrument, start, end });
  }
  return matches;
}

function findInstrumentNames(scan: Scan): void {
  for (const match of findInstrumentNameMatches(scan.text)) {
    if (!scan.claim(match.start, match.end)) continue;
    const adoption = primaryAdoption(match.instrument);
    scan.citation(match.start, match.end, adoption?.symbol ?? null, adoption?.part ?? null, { instrument: match.instrument.id });
  }
}

// ---------------------------------------------------------------------------------------------

function volumeOf(symbol: string | null): string | null {
  const match = symbol === null ? null : /^UNTS\/(\d+)\//.exec(symbol);
  return match ? match[1]! : null;
}

/**
 * Finds references to United Nations documents in `text` (a paragraph or a footnote) and
 * normalises them to symbols, with exact spans. `context.body` says whose document it is, which
 * decides "its resolution 1993/34" and a bare "resolution 65/230"; `context.previousSymbol` is what
 * an opening "Ibid." refers to. Never throws.
 */
export function findCitations(text: string, context: CitationContext = {}): Reference[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const own = bodyKeyOfContext(context?.body);
  const scan = new Scan(text);
  findTreatySeries(scan);
  findDocumentSymbols(scan);
  findSalesNumbers(scan);
  findResolutions(scan, own);
  findInstrumentNames(scan);

  const refs = scan.refs.sort((a, b) => a.start - b.start);
  let last: string | null = typeof context?.previousSymbol === 'string' && context.previousSymbol ? context.previousSymbol : null;
  const result: Reference[] = [];
  for (const { ibid, ...ref } of refs) {
    if (ibid) {
      ref.symbol = last;
      const volume = volumeOf(last);
      if (volume !== null) ref.volume = volume;
    }
    if (ref.symbol !== null && !ref.instrument) ref.instrument = findInstrumentCited(ref.symbol, ref.pinpoint)?.id ?? null;
    if (ref.symbol !== null) last = ref.symbol;
    result.push(ref);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// cross-reference notes: "[Supplements rules 22-26 of the Standard Minimum Rules for the Treatment of Prisoners]"

const NOTE = /\[([^[\]]{1,600})\]/g;
const RELATION = /^\s*(Supplements|Complements|Replaces|Supersedes|Amends)\b/i;
const PROVISION_NUMBER = String.raw`\d{1,4}(?:\.\d{1,3})?(?:\s*[-–]\s*\d{1,4}(?:\.\d{1,3})?)?`;
const PROVISIONS = new RegExp(
  String.raw`\b(rules?|principles?|guidelines?|paragraphs?|paras?\.|articles?|arts?\.)\s+(${PROVISION_NUMBER}(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)${PROVISION_NUMBER}){0,50})`,
  'gi',
);
/** Ranges longer than this are kept as their two ends rather than spelt out. */
const MAX_RANGE = 1000;

function provisionPrefix(keyword: string): string {
  const word = keyword.toLowerCase();
  if (word.startsWith('rule')) return 'rule';
  if (word.startsWith('principle')) return 'principle';
  if (word.startsWith('guideline')) return 'guideline';
  if (word.startsWith('art')) return 'article';
  return 'para';
}

/** "22" -> "rule-22"; "2.3" -> "rule-2/para-3", the id path of paragraph 3 of rule 2. */
function provisionId(prefix: string, number: string): string {
  const [major, minor] = number.split('.');
  return minor === undefined ? `${prefix}-${major}` : `${prefix}-${major}/para-${minor}`;
}

function expandProvisions(prefix: string, list: string): string[] {
  const ids: string[] = [];
  for (const piece of list.matchAll(/(\d{1,4}(?:\.\d{1,3})?)(?:\s*[-–]\s*(\d{1,4}(?:\.\d{1,3})?))?/g)) {
    const from = piece[1]!;
    const to = piece[2];
    if (to === undefined) {
      ids.push(provisionId(prefix, from));
      continue;
    }
    const [fromMajor, fromMinor] = from.split('.');
    const [toMajor, toMinor] = to.split('.');
    const dotted = fromMinor !== undefined || toMinor !== undefined;
    if (!dotted && Number(to) >= Number(from) && Number(to) - Number(from) <= MAX_RANGE) {
      for (let n = Number(from); n <= Number(to); n++) ids.push(provisionId(prefix, String(n)));
    } else if (dotted && fromMajor === toMajor && fromMinor !== undefined && toMinor !== undefined && Number(toMinor) >= Number(fromMinor) && Number(toMinor) - Number(fromMinor) <= MAX_RANGE) {
      for (let n = Number(fromMinor); n <= Number(toMinor); n++) ids.push(provisionId(prefix, `${fromMajor}.${n}`));
    } else {
      ids.push(provisionId(prefix, from), provisionId(prefix, to));
    }
  }
  return ids;
}

function readCrossReferenceNote(text: string, noteStart: number, noteEnd: number, refs: Reference[]): void {
  const body = text.slice(noteStart, noteEnd);
  const relation = RELATION.exec(body);
  if (!relation) return;
  const names = findInstrumentNameMatches(body);
  const groups = names.map((name) => ({ name, provisions: [] as string[], start: -1 }));
  for (const match of body.matchAll(PROVISIONS)) {
    const at = match.index!;
    // "Rules" inside "Standard Minimum Rules for ..." is a name, not a provision.
    if (names.some((name) => at >= name.start && at < name.end)) continue;
    // Provisions belong to the first instrument named after them ("rule 27 of the ... and rule 8 of the Tokyo Rules").
    const group = groups.find((candidate) => candidate.name.start >= at + match[0].length);
    if (!group) continue;
    if (group.start < 0) group.start = at;
    group.provisions.push(...expandProvisions(provisionPrefix(match[1]!), match[2]!));
  }
  for (const group of groups) {
    if (group.start < 0) continue;
    const adoption = primaryAdoption(group.name.instrument);
    const start = noteStart + group.start;
    const end = noteStart + group.name.end;
    refs.push({
      kind: 'crossReference',
      text: text.slice(start, end),
      start,
      end,
      symbol: adoption?.symbol ?? null,
      pinpoint: adoption?.part ?? null,
      relation: relation[1]!.toLowerCase(),
      instrument: group.name.instrument.id,
      provisions: [...new Set(group.provisions)],
    });
  }
}

/**
 * Finds the bracketed notes that tie a provision to provisions of other instruments, such as
 * "[Supplements rules 22-26 of the Standard Minimum Rules for the Treatment of Prisoners]": one
 * Reference per instrument named, with its provisions spelt out ("rule-22" ... "rule-26"). A text
 * that is the note without its brackets ("Supplements rule 6 of ...") is read as one note. Never throws.
 */
export function findCrossReferences(text: string): Reference[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const refs: Reference[] = [];
  let bracketed = false;
  for (const note of text.matchAll(NOTE)) {
    bracketed = true;
    readCrossReferenceNote(text, note.index! + 1, note.index! + note[0].length - 1, refs);
  }
  if (!bracketed && text.length <= 1000) readCrossReferenceNote(text, 0, text.length, refs);
  return refs;
}
