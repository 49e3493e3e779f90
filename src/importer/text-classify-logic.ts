import { stripMarkers } from './text-cleanup-logic.ts';

// What a block of text is, judged from its own words. The tree builder decides where it goes.

export type BlockClass =
  | { type: 'adoptionLine'; body: string; date: string | null } // Resolution adopted by the General Assembly on 21 December 2010
  | { type: 'numberTitle'; number: string; title: string } // 65/230. Twelfth United Nations Congress ...
  | { type: 'symbolLine'; symbol: string; body: string | null } // ECOSOC Resolution 2003/30
  | { type: 'component'; designation: string; componentType: 'draftResolution' | 'draftDecision' | 'resolution' | 'decision' }
  | { type: 'chapter'; num: string }
  | { type: 'annex'; num: string | null }
  | { type: 'formula'; body: string | null }
  | { type: 'conclusions'; meeting: string; date: string | null }
  | { type: 'date'; date: string }
  | { type: 'rule'; num: string }
  | { type: 'crossReference' }
  | { type: 'section'; level: 'roman' | 'letter'; num: string; heading: string }
  | { type: 'numbered'; num: string; rest: string }
  | { type: 'point'; num: string; rest: string }
  | { type: 'headingLike' }
  | { type: 'text' };

export const BODIES: Array<[RegExp, string]> = [
  [/^General Assembly$/i, 'General Assembly'],
  [/^Economic and Social Council$|^ECOSOC$/i, 'Economic and Social Council'],
  [/^Commission on Crime Prevention and Criminal Justice$/i, 'Commission on Crime Prevention and Criminal Justice'],
  [/^Security Council$/i, 'Security Council'],
  [/^Human Rights Council$/i, 'Human Rights Council'],
  [/^Commission on Narcotic Drugs$/i, 'Commission on Narcotic Drugs'],
];

export function canonicalBody(name: string): string {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  for (const [pattern, body] of BODIES) if (pattern.test(trimmed)) return body;
  return trimmed;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
};

const DATE_PATTERN = /\b(\d{1,2})(?:er)?\s+(?:de\s+)?(\p{L}+)\s+(?:de\s+)?(\d{4})\b/u;

/** "26 July 2012" → "2012-07-26"; null when the text holds no date. */
export function parseDate(text: string): string | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const month = MONTHS[match[2].toLowerCase()];
  const day = Number(match[1]);
  if (!month || day < 1 || day > 31) return null;
  return `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const TERMINAL = /[.,;:!?]["”’)]*$/;

export function endsWithTerminal(text: string): boolean {
  return TERMINAL.test(stripMarkers(text).trim());
}

/** Short, capitalised, with no closing punctuation: a title or a heading. */
export function isHeadingLike(text: string): boolean {
  const plain = stripMarkers(text).trim();
  return plain.length > 0 && plain.length <= 220 && !TERMINAL.test(plain) && /^[\p{Lu}\p{Lo}"“[(]/u.test(plain);
}

const FORMULA = /^(?:The\s+(General\s+Assembly|Economic\s+and\s+Social\s+Council|Commission\s+on\s+[^,:]+|Security\s+Council|Human\s+Rights\s+Council)|(We,\s+[^,]+(?:,\s*[^,]+)?))\s*[,:]?\s*$/;

export function classifyBlock(text: string): BlockClass {
  const plain = stripMarkers(text).trim();
  let match: RegExpExecArray | null;

  if ((match = /^Resolution adopted by the (.+?) on (\d{1,2} \p{L}+ \d{4})\s*$/u.exec(plain))) {
    return { type: 'adoptionLine', body: canonicalBody(match[1]), date: parseDate(match[2]) };
  }
  if ((match = /^(\d{2,4}\/\d{1,3}(?:\s*[A-Z])?)\.\s+(\S.*)$/.exec(plain)) && !TERMINAL.test(plain)) {
    return { type: 'numberTitle', number: match[1].replace(/\s+/g, ''), title: match[2].trim() };
  }
  if ((match = /^(ECOSOC|Economic and Social Council|General Assembly|GA)\s+[Rr]esolution\s+(\d{2,4}\/\d{1,3})\s*$/.exec(plain))) {
    const body = canonicalBody(match[1] === 'GA' ? 'General Assembly' : match[1]);
    const prefix = body === 'General Assembly' ? 'A/RES/' : 'E/RES/';
    return { type: 'symbolLine', symbol: prefix + match[2], body };
  }
  if ((match = /^(Draft\s+)?(resolution|decision)(\s+[IVXL]+|\s+\d+\/\d+)?\s*$/i.exec(plain))) {
    const draft = Boolean(match[1]);
    const kind = match[2].toLowerCase() as 'resolution' | 'decision';
    const componentType = draft ? (kind === 'resolution' ? 'draftResolution' : 'draftDecision') : kind;
    return { type: 'component', designation: plain.replace(/\s+/g, ' '), componentType };
  }
  if ((match = /^Chapter\s+([IVXL\d]+)\s*$/.exec(plain))) return { type: 'chapter', num: match[1] };
  if ((match = /^Annex(?:\s+([IVXL\d]+))?\s*$/.exec(plain))) return { type: 'annex', num: match[1] ?? null };
  if ((match = FORMULA.exec(plain))) {
    return { type: 'formula', body: match[1] ? canonicalBody(match[1]) : null };
  }
  if ((match = /^(\d+(?:st|nd|rd|th)\s+plenary\s+meeting)\s*(.*)$/.exec(plain))) {
    return { type: 'conclusions', meeting: match[1], date: parseDate(match[2]) };
  }
  if (/^\d{1,2}\s+\p{L}+\s+\d{4}$/u.test(plain) && parseDate(plain)) return { type: 'date', date: parseDate(plain)! };
  if ((match = /^Rule\s+(\d+)\s*$/.exec(plain))) return { type: 'rule', num: match[1] };
  if (/^\[.*\]$/s.test(plain)) return { type: 'crossReference' };
  if ((match = /^([IVXL]{1,6})\.\s+(\S.*)$/.exec(plain)) && !TERMINAL.test(plain)) {
    return { type: 'section', level: 'roman', num: `${match[1]}.`, heading: match[2] };
  }
  if ((match = /^([A-Z])\.\s+(\S.*)$/.exec(plain)) && !TERMINAL.test(plain) && plain.length <= 220) {
    return { type: 'section', level: 'letter', num: `${match[1]}.`, heading: match[2] };
  }
  if ((match = /^(\d{1,3})\.\s+(\S[\s\S]*)$/.exec(plain))) return { type: 'numbered', num: `${match[1]}.`, rest: match[2] };
  if ((match = /^\(([a-z]{1,2}|[ivxl]{1,6})\)\s+(\S[\s\S]*)$/.exec(plain))) return { type: 'point', num: `(${match[1]})`, rest: match[2] };
  if (isHeadingLike(plain)) return { type: 'headingLike' };
  return { type: 'text' };
}

/** Removes the leading number ("1. ", "(a) ") from a block's text, keeping its marker tokens. */
export function stripLeadingNum(text: string): string {
  return text.replace(/^\s*(?:\d{1,3}\.|\((?:[a-z]{1,2}|[ivxl]{1,6})\)|[IVXL]{1,6}\.|[A-Z]\.)\s+/, '');
}

const ROMAN = /^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv|xvi|xvii|xviii|xix|xx)$/;

export function isRoman(label: string): boolean {
  return ROMAN.test(label);
}

export function letterIndex(label: string): number {
  return label.length === 1 ? label.charCodeAt(0) - 96 : 26 + label.charCodeAt(0) - 96;
}

export function romanValue(label: string): number {
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };
  let total = 0;
  for (let index = 0; index < label.length; index++) {
    const value = values[label[index]];
    const next = values[label[index + 1]] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}
