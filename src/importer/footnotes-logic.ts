import type { NoteRef } from './document.ts';
import { MARK_CLOSE, MARK_OPEN, MARKER_PATTERN, markerToken, type SourceLine } from './text-cleanup-logic.ts';

// Footnotes come in every style: superscript-led lines between paragraphs (Markdown),
// blocks at the page foot under a rule of underscores (PDF), or all gathered at the end
// (Word). Their markers stand in the text as superscripts, <sup> tags or bare digits
// glued to the word before them.

export interface FootnoteDefinition {
  marker: string;
  text: string;
  line: number;
  /** superscript-led ("¹ text") or plain-numbered ("1 text") */
  style: 'superscript' | 'numbered';
}

export interface FootnoteSplit {
  /** the body's lines, without the footnote definitions */
  body: SourceLine[];
  definitions: FootnoteDefinition[];
}

const SEPARATOR_LINE = /^_{1,}$|^-{10,}$/;
const LEADING_MARKER = /^\uE000(\d{1,4})\uE001\s*(.*)$/;
const NUMBERED_NOTE = /^(\d{1,3})\s+(\S.*)$/;

export function splitFootnotes(lines: SourceLine[]): FootnoteSplit {
  const body: SourceLine[] = [];
  const definitions: FootnoteDefinition[] = [];
  let breakPending = false;
  let index = 0;
  const push = (line: SourceLine) => {
    body.push(breakPending && !line.blank ? { ...line, afterPageBreak: true } : line);
    if (!line.blank) breakPending = false;
  };

  while (index < lines.length) {
    const line = lines[index];
    if (!line.blank && LEADING_MARKER.test(line.text)) {
      index = readNotes(lines, index, definitions, 'superscript');
      breakPending = true;
      continue;
    }
    if (!line.blank && SEPARATOR_LINE.test(line.text)) {
      const next = nextNonBlank(lines, index + 1);
      if (next >= 0 && (LEADING_MARKER.test(lines[next].text) || NUMBERED_NOTE.test(lines[next].text))) {
        index = readNotes(lines, next, definitions, 'any');
      } else {
        index++; // a stray rule is noise
      }
      breakPending = true;
      continue;
    }
    push(line);
    index++;
  }

  const trailing = takeTrailingNotes(body);
  if (trailing.length) {
    body.splice(body.length - trailing.length);
    definitions.push(...readGathered(trailing));
  }
  return { body, definitions };
}

function nextNonBlank(lines: SourceLine[], from: number): number {
  for (let index = from; index < lines.length; index++) if (!lines[index].blank) return index;
  return -1;
}

/** Reads consecutive footnote definitions starting at `start`; returns the index after them. */
function readNotes(lines: SourceLine[], start: number, into: FootnoteDefinition[], style: 'superscript' | 'any'): number {
  let index = start;
  let current: FootnoteDefinition | undefined;
  while (index < lines.length) {
    const line = lines[index];
    if (line.blank) {
      // Markdown notes are separated by blank lines; a PDF block ends at the first one.
      const next = nextNonBlank(lines, index + 1);
      if (style === 'superscript' && next >= 0 && LEADING_MARKER.test(lines[next].text)) {
        index = next;
        continue;
      }
      break;
    }
    const lead = LEADING_MARKER.exec(line.text);
    const numbered = style === 'any' ? NUMBERED_NOTE.exec(line.text) : null;
    // "27 August–7 September 1990" continuing note 25 is not note 27: a new note follows a complete one.
    const gap = numbered && current ? Number(numbered[1]) - Number(current.marker) : 1;
    const numberedFits = numbered && (gap === 1 || (gap >= 2 && gap <= 3 && isCompleteNote(current!.text)));
    if (lead || numberedFits) {
      const [, marker, text] = (lead ?? numbered)!;
      current = { marker, text: text.trim(), line: line.no, style: lead ? 'superscript' : 'numbered' };
      into.push(current);
    } else if (current && !line.indented && !line.afterPageBreak) {
      current.text = joinWrapped(current.text, line.text);
    } else {
      break; // the body resumes (an indented line after a PDF footnote block)
    }
    index++;
  }
  return index;
}

function isCompleteNote(text: string): boolean {
  return /[.)”’"]$/.test(text) && !/\b(?:No|Nos|vol|vols|p|pp|para|paras|chap|sect|art)\.$/.test(text);
}


/** Word exports gather the notes at the end: "1 See resolution 55/2." line after line. */
function takeTrailingNotes(body: SourceLine[]): SourceLine[] {
  let index = body.length - 1;
  while (index >= 0 && body[index].blank) index--;
  const last = index;
  let expected: number | null = null;
  let firstNote = -1;
  for (; index >= 0; index--) {
    const line = body[index];
    if (line.blank) break;
    const numbered = NUMBERED_NOTE.exec(line.text);
    if (!numbered) break;
    const marker = Number(numbered[1]);
    if (expected !== null && marker !== expected) break;
    firstNote = index;
    expected = marker - 1;
    if (marker === 1) break;
  }
  if (firstNote < 0) return [];
  const count = last - firstNote + 1;
  const firstMarker = Number(NUMBERED_NOTE.exec(body[firstNote].text)![1]);
  // One trailing numbered line alone is more likely an agenda item than a footnote.
  if (count < 2 && firstMarker !== 1) return [];
  if (count < 2) return [];
  return body.slice(firstNote);
}

function readGathered(lines: SourceLine[]): FootnoteDefinition[] {
  const notes: FootnoteDefinition[] = [];
  for (const line of lines) {
    if (line.blank) continue;
    const [, marker, text] = NUMBERED_NOTE.exec(line.text)!;
    notes.push({ marker, text: text.trim(), line: line.no, style: 'numbered' });
  }
  return notes;
}

export function joinWrapped(before: string, after: string): string {
  if (/\p{L}-$/u.test(before) && /^\p{Ll}/u.test(after)) return before + after;
  return `${before} ${after}`;
}

/**
 * Bare-digit markers ("Prisoners2 have", "World,1 Member", "INTERPOL1 and") become marker
 * tokens, but only for numbers that have a footnote, so that years, volumes and paragraph
 * numbers stay text. After a capital letter ("G20") only the next marker in sequence counts.
 */
export function markBareDigitMarkers(lines: SourceLine[], noteNumbers: Set<string>): SourceLine[] {
  if (noteNumbers.size === 0) return lines;
  let last = 0;
  const candidate = /(?<=([\p{L},;:)\]”’"]|\p{Ll}\.))(\d{1,3})(?=[\s,.;:)”’]|$)(?![.,]\d)/gu;
  return lines.map((line) => {
    if (line.blank) return line;
    const text = line.text.replace(candidate, (whole: string, before: string, digits: string, offset: number) => {
      const context = line.text.slice(Math.max(0, offset - 12), offset);
      // "resolution 1984/47", "vol. 1465", "E.02.XIV.4": a number after a slash, a digit or
      // a dotted abbreviation is not a marker.
      if (/[\/\d]$/.test(context) || /\b(?:No|vol|para|paras|art|chap|sect|p|pp)\.$/i.test(context)) return whole;
      if (!noteNumbers.has(digits)) return whole;
      const value = Number(digits);
      if (/\p{Lu}/u.test(before) && value !== last + 1) return whole;
      last = Math.max(last, value);
      return markerToken(digits);
    });
    return text === line.text ? line : { ...line, text };
  });
}

/** Removes marker tokens from a text, returning the plain text and where each marker stood. */
export function extractNoteRefs(text: string): { text: string; notes: NoteRef[] } {
  const notes: NoteRef[] = [];
  let plain = '';
  let last = 0;
  for (const match of text.matchAll(MARKER_PATTERN)) {
    plain += text.slice(last, match.index);
    notes.push({ marker: match[1], at: plain.length });
    last = match.index! + match[0].length;
  }
  plain += text.slice(last);
  if (!notes.length) return { text, notes };
  return { text: plain, notes };
}

export function hasMarkers(text: string): boolean {
  return text.includes(MARK_OPEN) && text.includes(MARK_CLOSE);
}

/**
 * A marker glued to a number ("16 September 20055", "resolutions 5/13 and 5/64" for 5/1 and
 * 5/6) cannot be told from the number by its shape alone. For a footnote still without a
 * marker, look between the previous marker and the next one: first for a year followed by the
 * note's number, then for a resolution number ("5/13") followed by it.
 */
export function recoverMarkersGluedToNumbers(lines: SourceLine[], noteNumbers: string[]): SourceLine[] {
  const result = lines.map((line) => ({ ...line }));
  const referenced = new Set<string>();
  for (const line of result) for (const match of line.text.matchAll(MARKER_PATTERN)) referenced.add(match[1]);
  for (const marker of noteNumbers) {
    if (referenced.has(marker)) continue;
    const window = markerWindow(result, marker);
    const gluedToYear = new RegExp(`(?<=(?<![\\d/])(?:19|20)\\d\\d)${marker}(?=[\\s,.;:)”’]|$)`, 'g');
    const gluedToResolution = new RegExp(`(?<=(?<![\\d/])\\d{1,3}/\\d{1,3})${marker}(?=[\\s,.;:)”’]|$)`, 'g');
    const found = findInWindow(result, window, gluedToYear) ?? findInWindow(result, window, gluedToResolution);
    if (!found) continue;
    const line = result[found.line];
    line.text = line.text.slice(0, found.at) + markerToken(marker) + line.text.slice(found.at + marker.length);
    referenced.add(marker);
  }
  return result;
}

interface Position {
  line: number;
  at: number;
}

/** From just after the previous note's marker to just before the next note's marker. */
function markerWindow(lines: SourceLine[], marker: string): { from: Position; to: Position } {
  const locate = (token: string): Position | null => {
    for (let index = 0; index < lines.length; index++) {
      const at = lines[index].text.indexOf(token);
      if (at >= 0) return { line: index, at };
    }
    return null;
  };
  const previousToken = markerToken(String(Number(marker) - 1));
  const previous = locate(previousToken);
  const next = locate(markerToken(String(Number(marker) + 1)));
  return {
    from: previous ? { line: previous.line, at: previous.at + previousToken.length } : { line: 0, at: 0 },
    to: next ?? { line: lines.length - 1, at: Number.MAX_SAFE_INTEGER },
  };
}

function findInWindow(lines: SourceLine[], window: { from: Position; to: Position }, pattern: RegExp): Position | null {
  for (let index = window.from.line; index <= window.to.line && index < lines.length; index++) {
    const line = lines[index];
    if (line.blank) continue;
    pattern.lastIndex = index === window.from.line ? window.from.at : 0;
    const match = pattern.exec(line.text);
    if (match && (index < window.to.line || match.index < window.to.at)) return { line: index, at: match.index };
  }
  return null;
}
