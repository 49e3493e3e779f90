import { stripMarkers, type SourceLine } from './text-cleanup-logic.ts';

// Lines become blocks: one block per paragraph, heading or list item. PDF exports wrap a
// paragraph over many lines and break it across pages and footnote blocks; Word exports
// put a paragraph on one line; Markdown separates paragraphs by blank lines. A paragraph
// broken by a page break or a footnote block is joined again.

export interface Block {
  text: string;
  /** 1-based source line of the block's first line */
  line: number;
  /** a page break or a footnote block stood between this block and the one before */
  afterBreak: boolean;
}

/** Starts of blocks that are never the continuation of the paragraph before them. */
const PARAGRAPH_START = [
  /^\d{1,3}\.\s+\S/, // 1. operative paragraph
  /^\((?:[a-z]{1,2}|[ivxl]{1,6})\)\s+\S/, // (a) point
  /^(?:[IVXL]{1,6}|[A-Z])\.\s+\S/, // I. section  A. section
];

/** Lines that stand alone: nothing continues them and they continue nothing. */
const STANDALONE_LINE = [
  /^Rule\s+\d+\s*$/,
  /^\[.*\]$/,
  /^(?:Draft\s+)?(?:resolution|decision)(?:\s+[IVXL]+|\s+\d+\/\d+)?\s*$/i,
  /^Annex(?:es)?(?:\s+[IVXL\d]+)?\s*$/,
  /^Chapter\s+[IVXL\d]+\s*$/,
  /^\d+(?:st|nd|rd|th)\s+plenary\s+meeting/,
  /^(?:The\s+(?:General\s+Assembly|Economic\s+and\s+Social\s+Council|Commission\s+on\s+[^,:]+|Security\s+Council|Human\s+Rights\s+Council)|We,\s+[^,]+)[,:]?\s*$/,
];

export function isStandaloneLine(text: string): boolean {
  if (text.length > 300) return false; // headings, formulas and rule numbers are short
  const plain = stripMarkers(text).trim();
  return STANDALONE_LINE.some((pattern) => pattern.test(plain));
}

export function isStructuralStart(text: string): boolean {
  const plain = stripMarkers(text).trim();
  return isStandaloneLine(plain) || PARAGRAPH_START.some((pattern) => pattern.test(plain));
}

// Blocks grow as lines join; looking only at their ends keeps the work linear.
const tail = (text: string) => (text.length > 400 ? text.slice(-400) : text);
const head = (text: string) => (text.length > 400 ? text.slice(0, 400) : text);

const FUNCTION_WORDS = new Set(
  'a an the of and or to in on for by with from at as its their his her our that which who whose into upon within between among under over than such this these those be is are was were has have not nor but also including inter alia i.e. e.g. per via'.split(' '),
);

const TERMINAL = /[.,;:!?]["”’)]*$/;

export function buildBlocks(lines: SourceLine[]): Block[] {
  const content = lines.filter((line) => !line.blank);
  const lengths = content.map((line) => line.text.length).sort((a, b) => a - b);
  const median = lengths.length ? lengths[Math.floor(lengths.length / 2)] : 0;
  // Word exports put each paragraph on one long line; PDF exports wrap them.
  const onePerLine = median > 120;
  const indentedShare = content.length ? content.filter((line) => line.indented).length / content.length : 0;
  const indentStartsBlock = indentedShare > 0.02 && indentedShare < 0.6;

  const vocabulary = buildVocabulary(lines);
  const blocks: PieceBlock[] = [];
  let current: PieceBlock | null = null;
  let breakBefore = false;
  for (const line of lines) {
    if (line.blank) {
      if (current) blocks.push(current);
      current = null;
      continue;
    }
    breakBefore ||= line.afterPageBreak;
    const startsNew =
      !current ||
      onePerLine ||
      line.afterPageBreak ||
      line.listItem ||
      (indentStartsBlock && line.indented) ||
      isStandaloneLine(line.text) ||
      (isStructuralStart(line.text) && TERMINAL.test(stripMarkers(lastPiece(current)))) ||
      (current.pieces.length === 1 && isStandaloneLine(current.pieces[0]));
    if (startsNew) {
      if (current) blocks.push(current);
      current = { pieces: [line.text], line: line.no, afterBreak: breakBefore };
      breakBefore = false;
    } else {
      appendPieces(current!, [line.text], vocabulary);
    }
  }
  if (current) blocks.push(current);
  return joinBrokenParagraphs(blocks, vocabulary).map(({ pieces, line, afterBreak }) => ({ text: pieces.join(''), line, afterBreak }));
}

/**
 * A block under construction keeps its pieces apart until it is done: joining strings and
 * then reading their ends again would make long blocks quadratic.
 */
interface PieceBlock {
  pieces: string[];
  line: number;
  afterBreak: boolean;
}

function lastPiece(block: PieceBlock): string {
  return block.pieces[block.pieces.length - 1];
}

function firstPieces(block: PieceBlock): string {
  return block.pieces.length === 1 ? block.pieces[0] : block.pieces.slice(0, 8).join('');
}

/** Joins a paragraph that a page break, a footnote block or a stray blank line cut in two. */
function joinBrokenParagraphs(blocks: PieceBlock[], vocabulary: Set<string>): PieceBlock[] {
  const joined: PieceBlock[] = [];
  for (const block of blocks) {
    const previous = joined[joined.length - 1];
    if (previous && continues(previous, block)) {
      appendPieces(previous, block.pieces, vocabulary);
      continue;
    }
    joined.push(block);
  }
  return joined;
}

/** Adds the pieces of a wrapped line or a broken paragraph, mending a hyphenation at the seam. */
function appendPieces(block: PieceBlock, pieces: string[], vocabulary: Set<string>): void {
  const last = block.pieces.length - 1;
  const before = block.pieces[last];
  const [first, ...rest] = pieces;
  const seam = seamBetween(before, first, vocabulary);
  if (seam === 'drop-hyphen') block.pieces[last] = before.slice(0, -1);
  block.pieces.push(seam === 'space' ? ` ${first}` : first, ...rest);
}

function continues(previous: PieceBlock, next: PieceBlock): boolean {
  const before = stripMarkers(tail(lastPiece(previous))).trim();
  const after = stripMarkers(head(firstPieces(next))).trim();
  if (!before || !after) return false;
  if (isStructuralStart(head(firstPieces(next))) || (previous.pieces.length === 1 && isStandaloneLine(previous.pieces[0]))) return false;
  // "Recommendation, 2011 (No." / "201) and": an abbreviation never ends a paragraph.
  if (/\b(?:No|Nos|para|paras|vol|vols|chap|sect|art|arts|p|pp|e\.g|i\.e|cf|resp)\.$/.test(before)) return true;
  if (/^\p{Ll}/u.test(after)) return !/[.!?]["”’)]*$/.test(before);
  const lastWord = /(\S+)$/.exec(before)?.[1].toLowerCase() ?? '';
  if (FUNCTION_WORDS.has(lastWord)) return true;
  if (/\p{L}-$/u.test(before)) return true;
  // Headings are kept with what follows them, so a page or footnote break after a text
  // with no closing punctuation falls inside a paragraph.
  return next.afterBreak && !TERMINAL.test(before);
}

function seamBetween(before: string, after: string, vocabulary: Set<string>): 'space' | 'keep-hyphen' | 'drop-hyphen' {
  const hyphenated = /(\p{L}+)-$/u.exec(tail(before));
  const nextWord = /^(\p{L}+)/u.exec(after);
  if (!hyphenated || !nextWord) return 'space';
  const whole = (hyphenated[1] + nextWord[1]).toLowerCase();
  const keepHyphen =
    vocabulary.has(`${hyphenated[1]}-${nextWord[1]}`.toLowerCase()) ||
    (!vocabulary.has(whole) && KEPT_PREFIXES.has(hyphenated[1].toLowerCase())) ||
    /^\p{Lu}/u.test(nextWord[1]);
  return keepHyphen ? 'keep-hyphen' : 'drop-hyphen';
}

const KEPT_PREFIXES = new Set(['non', 'self', 'well', 'co', 'anti', 'ex', 'cross', 'multi', 'pre', 'post', 'counter', 'semi', 'sub', 'quasi', 'socio', 'long', 'short', 'high', 'low', 'follow', 'open', 'gender', 'child']);

function buildVocabulary(lines: SourceLine[]): Set<string> {
  const words = new Set<string>();
  for (const line of lines) {
    for (const match of line.text.matchAll(/\p{L}+(?:-\p{L}+)*/gu)) {
      const word = match[0].toLowerCase();
      // a hyphen at the very end of a line is a wrap, not part of the word
      if (match.index! + match[0].length === line.text.length && line.text.endsWith('-')) continue;
      words.add(word);
    }
  }
  return words;
}
