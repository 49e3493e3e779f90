// Text cleanup: turns the raw text of a PDF, Word or Markdown export into lines that carry
// only the document's own words. Page headers, page numbers, job numbers, ODS markers and
// emphasis marks are removed here on purpose; nothing else is.

/** Footnote markers are carried inside text between these two private-use characters. */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';
export const MARKER_PATTERN = /\uE000([^\uE001]*)\uE001/g;

export function markerToken(marker: string): string {
  return `${MARK_OPEN}${marker}${MARK_CLOSE}`;
}

export function stripMarkers(text: string): string {
  return text.replace(MARKER_PATTERN, '');
}

export interface SourceLine {
  /** 1-based line number in the source */
  no: number;
  text: string;
  blank: boolean;
  /** the line started with white space in the source */
  indented: boolean;
  /** the line started with a Markdown list prefix ("- ") */
  listItem: boolean;
  /** a page header, page number or page break was removed just before this line */
  afterPageBreak: boolean;
}

const SUPERSCRIPT_DIGITS: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
};

/** A United Nations document symbol standing alone, such as "A/RES/65/230" or "E/CN.15/2012/18". */
export const SYMBOL_LINE = /^[A-Z]{1,2}(?:\/[A-Za-z0-9.\-()]+){1,5}$/;
const JOB_NUMBER_LINE = /^\d{2}-\d{5}(?:\s*\([A-Z]\))?$/;
const BARCODE_LINE = /^\*\d{5,}\*$/;
const PAGE_NUMBER_LINE = /^\d{1,3}$/;
const ODS_MARKER = /<<ODS [^>]*>>/;
const ODS_MARKERS = /<<ODS [^>]*>>/g;

export interface CleanupResult {
  lines: SourceLine[];
  /** symbols found in ODS markers or repeated page headers: the document's own symbol */
  headerSymbols: string[];
}

export function cleanupText(raw: string, knownSymbol?: string | null): CleanupResult {
  const text = raw
    .replace(/^\uFEFF/, '')
    .replace(/[\uE000-\uE001]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u200B\u00AD\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '');
  const rawLines = text.split('\n');

  const headerSymbols = new Set<string>();
  // Word exports from ODS end with a residue of cover-page fields after the job markers.
  const odsAt = rawLines.findIndex((line) => ODS_MARKER.test(line));
  for (const line of odsAt >= 0 ? rawLines.slice(odsAt) : []) {
    const symbol = /<<ODS DOC SYMBOL1>>([^<]+)<<ODS DOC SYMBOL1>>/.exec(line);
    if (symbol) headerSymbols.add(symbol[1].trim());
  }
  const end = rawLines.length;

  const symbolCounts = new Map<string, number>();
  for (const line of rawLines.slice(0, end)) {
    const trimmed = line.trim();
    if (SYMBOL_LINE.test(trimmed)) symbolCounts.set(trimmed, (symbolCounts.get(trimmed) ?? 0) + 1);
  }
  for (const [symbol, count] of symbolCounts) if (count >= 2) headerSymbols.add(symbol);
  if (knownSymbol) headerSymbols.add(knownSymbol);

  const lines: SourceLine[] = [];
  let pendingBreak = false;
  for (let index = 0; index < end; index++) {
    const original = rawLines[index];
    if (original.includes('\f')) pendingBreak = true;
    let line = original.replace(/\f/g, '');
    if (odsAt >= 0 && index >= odsAt) {
      // After the job markers, only the cover page's fields go; other text stays.
      line = line.replace(ODS_MARKERS, '');
      if (isCoverPageResidue(line.replace(/\[DU\d+\]/g, '').trim(), headerSymbols)) {
        pendingBreak = true;
        continue;
      }
    }
    const trimmed = line.trim();
    if (headerSymbols.has(trimmed) || JOB_NUMBER_LINE.test(trimmed) || BARCODE_LINE.test(trimmed)) {
      pendingBreak = true;
      continue;
    }
    if (PAGE_NUMBER_LINE.test(trimmed) && nearHeader(rawLines, index, end, headerSymbols)) {
      pendingBreak = true;
      continue;
    }
    line = line.replace(/\[DU\d+\]/g, '');
    const cleaned = cleanupLine(line);
    if (cleaned.text === '') {
      lines.push({ no: index + 1, text: '', blank: true, indented: false, listItem: false, afterPageBreak: false });
      continue;
    }
    lines.push({ no: index + 1, ...cleaned, blank: false, afterPageBreak: pendingBreak });
    pendingBreak = false;
  }
  return { lines, headerSymbols: [...headerSymbols] };
}

/**
 * What an ODS Word export leaves after its job markers: the markers, rules, page numbers,
 * and the cover page's fields run together ("United NationsA/RES/65/230General Assembly…").
 * Only such lines go; any other text after the markers is kept.
 */
function isCoverPageResidue(line: string, symbols: Set<string>): boolean {
  return (
    line === '' ||
    /^N\d{7}[A-Z]?$/.test(line) || // the job number as ODS writes it
    /^[-_]{3,}$/.test(line) ||
    PAGE_NUMBER_LINE.test(line) ||
    JOB_NUMBER_LINE.test(line) ||
    BARCODE_LINE.test(line) ||
    symbols.has(line) ||
    /Distr\.:|^Agenda item|session$|^\d{1,2} \p{L}+ \d{4}\S/u.test(line) ||
    [...symbols].some((symbol) => line.includes(symbol) && line.includes('United Nations'))
  );
}

/** A page number stands within a few lines of a page header. */
function nearHeader(lines: string[], index: number, end: number, headers: Set<string>): boolean {
  for (let offset = -4; offset <= 4; offset++) {
    const other = index + offset;
    if (offset === 0 || other < 0 || other >= end) continue;
    if (headers.has(lines[other].trim())) return true;
  }
  return false;
}

/** Drops runs of emphasis marks that touch a word; a run standing alone is text. */
function removeEmphasis(text: string, runs: RegExp): string {
  return text.replace(runs, (run: string, offset: number) => {
    const before = text[offset - 1] ?? ' ';
    const after = text[offset + run.length] ?? ' ';
    return /\s/.test(before) && /\s/.test(after) ? run : '';
  });
}

function cleanupLine(line: string): { text: string; indented: boolean; listItem: boolean } {
  const indented = /^[ \t]/.test(line);
  let text = line
    .replace(/<sup>\s*([^<]{1,8}?)\s*<\/sup>/gi, (_, marker: string) => markerToken(marker.trim()))
    .replace(/<\/?(?:b|i|em|strong|u|span|sub)\b[^>]*>/gi, '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (digits) => markerToken([...digits].map((d) => SUPERSCRIPT_DIGITS[d]).join('')))
    .replace(/\\$/, '');
  // Emphasis: asterisks and double underscores that touch a word are Markdown, not text.
  text = removeEmphasis(removeEmphasis(text, /\*+/g), /_{2,}/g);
  text = text.replace(/\t+/g, ' ').replace(/ {2,}/g, ' ').trim();
  let listItem = false;
  const list = /^[-•‣–]\s+(?=\S)/.exec(text);
  if (list && !/^-\s*$/.test(text)) {
    text = text.slice(list[0].length);
    listItem = true;
  }
  text = text.replace(/^#{1,6}\s+/, '');
  return { text, indented, listItem };
}
