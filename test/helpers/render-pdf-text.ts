// Renders an Akoma Ntoso resolution of the corpus (../shared/corpus/unxml/*/en.xml) as the plain
// text a PDF export of it would give, with the noise of seed 000: wrapped lines, hyphenated
// words, footnote markers glued to words, footnotes at page feet under a line of underscores,
// page headers (symbol and page number) and paragraphs broken across pages.
//
// The XML is read here with @xmldom/xmldom on purpose, not with the project's AKN reader, so
// that the round-trip test compares the text importer against the markup itself.

import { DOMParser, type Document, type Element, type Node, type Text } from '@xmldom/xmldom';

export interface RenderOptions {
  /** columns of the body text; footnotes, set in a smaller font, run a quarter wider */
  lineWidth?: number;
  /** lines per page, footnotes included, header excluded */
  linesPerPage?: number;
}

interface Note {
  marker: string;
  text: string;
}

/** A block of text as laid out on the page: a paragraph, a heading or a line of the conclusions. */
interface Block {
  /** printed before the text on the first line: " " for an indented paragraph, " 1. " for a numbered one */
  lead: string;
  /** text with footnote markers already glued in, as sentinels (see NOTE_OPEN) */
  text: string;
  /** no blank line between this block and the previous one (the date under the meeting line) */
  tight?: boolean;
  /** start a new page before this block (an annex) */
  newPage?: boolean;
}

/** One printed line, and the footnotes whose markers it carries. */
interface Line {
  text: string;
  notes: string[];
}

// While text is assembled and wrapped, a footnote marker travels as \u0001marker\u0002 so that
// the layout knows on which line (hence on which page) it fell. The sentinels are removed on print.
const NOTE_OPEN = '\u0001';
const NOTE_CLOSE = '\u0002';
const NOTE_PATTERN = /\u0001([^\u0002]*)\u0002/g;

type El = Element;

function elementChildren(node: Node): El[] {
  const out: El[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) out.push(child as El);
  return out;
}

function child(node: Node, name: string): El | undefined {
  return elementChildren(node).find((el) => el.localName === name);
}

function descendant(node: Document | El, name: string): El | undefined {
  return node.getElementsByTagName(name)[0] as El | undefined;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text of an inline element; footnotes are collected in `notes` and leave a marker sentinel behind. */
function inlineText(node: Node, notes: Note[]): string {
  // A marker sits right after the word or punctuation it follows, as a PDF prints a superscript.
  return squash(rawText(node, notes)).replace(/\s+(?=\u0001)/g, '');
}

function rawText(node: Node, notes: Note[]): string {
  let out = '';
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3 || c.nodeType === 4) out += (c as Text).data;
    else if (c.nodeType === 1) {
      const el = c as El;
      if (el.localName === 'authorialNote') {
        const marker = el.getAttribute('marker') ?? String(notes.length + 1);
        notes.push({ marker, text: squash(el.textContent ?? '') });
        out += NOTE_OPEN + marker + NOTE_CLOSE;
      } else if (el.localName === 'eol') out += ' ';
      else out += rawText(el, notes);
    }
  }
  return out;
}

function paragraphBlocks(paragraph: El, notes: Note[], inAnnex: boolean): Block[] {
  const subheading = child(paragraph, 'subheading');
  if (subheading) return [{ lead: '', text: inlineText(subheading, notes) }];
  const num = child(paragraph, 'num');
  const lead = num ? ` ${squash(num.textContent ?? '')} ` : ' ';
  const list = child(paragraph, 'list');
  if (list) {
    const blocks: Block[] = [];
    const intro = child(list, 'intro');
    blocks.push({ lead, text: intro ? inlineText(intro, notes) : '' });
    for (const point of elementChildren(list).filter((el) => el.localName === 'point')) {
      const pointNum = squash(child(point, 'num')?.textContent ?? '');
      blocks.push({ lead: ` ${pointNum} `, text: inlineText(child(point, 'content') ?? point, notes) });
    }
    return blocks;
  }
  const content = child(paragraph, 'content') ?? paragraph;
  const text = inlineText(content, notes);
  // Headings of the flattened annexes ("Annex", the title, "Advancing crime prevention") are
  // paragraphs of class H23, H4, HCh...: a PDF prints them as headings, without indentation.
  const cls = paragraph.getAttribute('class') ?? '';
  if (inAnnex && !num && /^H/.test(cls)) return [{ lead: '', text }];
  return [{ lead, text }];
}

function containerBlocks(container: El, notes: Note[]): Block[] {
  const blockList = child(container, 'blockList');
  if (!blockList) return [{ lead: ' ', text: inlineText(container, notes) }];
  const blocks: Block[] = [];
  const intro = child(blockList, 'listIntroduction');
  if (intro) blocks.push({ lead: ' ', text: inlineText(intro, notes) });
  for (const item of elementChildren(blockList).filter((el) => el.localName === 'item')) {
    const itemNum = squash(child(item, 'num')?.textContent ?? '');
    const body = elementChildren(item).filter((el) => el.localName !== 'num');
    blocks.push({ lead: ` ${itemNum} `, text: body.map((el) => inlineText(el, notes)).join(' ') });
  }
  return blocks;
}

function bodyBlocks(mainBody: El | undefined, notes: Note[], inAnnex: boolean): Block[] {
  if (!mainBody) return [];
  return elementChildren(mainBody)
    .filter((el) => el.localName === 'paragraph')
    .flatMap((p) => paragraphBlocks(p, notes, inAnnex));
}

/** Blocks of the whole resolution, in reading order, and its footnotes in marker order. */
function collectBlocks(doc: Document): { blocks: Block[]; notes: Note[] } {
  const notes: Note[] = [];
  const blocks: Block[] = [];
  // <akomaNtoso><statement>...: the document element's first child holds the resolution.
  const top = doc.documentElement;
  if (!top) throw new Error('renderAknAsPdfText: not an XML document');
  const root = elementChildren(top)[0] ?? top;

  const preface = child(root, 'preface');
  if (preface) {
    const number = squash(descendant(preface, 'docNumber')?.textContent ?? '');
    const title = squash(descendant(preface, 'docTitle')?.textContent ?? '');
    blocks.push({ lead: '', text: [number, title].filter(Boolean).join(' ') });
  }
  const preamble = child(root, 'preamble');
  if (preamble) {
    for (const el of elementChildren(preamble)) {
      if (el.localName === 'formula') blocks.push({ lead: ' ', text: inlineText(el, notes) });
      else if (el.localName === 'container') blocks.push(...containerBlocks(el, notes));
    }
  }
  blocks.push(...bodyBlocks(child(root, 'mainBody'), notes, false));

  const conclusions = child(root, 'conclusions');
  if (conclusions) {
    // "37th plenary meeting" and the date stand on lines of their own.
    for (const p of elementChildren(conclusions)) {
      splitAtEol(p, notes).forEach((part, i) => blocks.push({ lead: '', text: part, tight: i > 0 }));
    }
  }

  const attachments = child(root, 'attachments');
  for (const attachment of attachments ? elementChildren(attachments) : []) {
    const annexDoc = child(attachment, 'doc') ?? attachment;
    const annexBlocks = bodyBlocks(child(annexDoc, 'mainBody'), notes, true);
    // An annex starts on a new page, as in the printed resolution.
    if (annexBlocks[0]) annexBlocks[0].newPage = true;
    blocks.push(...annexBlocks);
  }
  return { blocks, notes };
}

/** Splits a conclusions paragraph at its <eol/> elements: meeting line, then date line. */
function splitAtEol(p: El, notes: Note[]): string[] {
  const parts: string[] = [];
  let current = '';
  for (let c = p.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (c as El).localName === 'eol') {
      parts.push(current);
      current = '';
    } else if (c.nodeType === 3) current += (c as Text).data;
    else if (c.nodeType === 1) current += inlineText(c, notes);
  }
  parts.push(current);
  return parts.map(squash).filter(Boolean);
}

/** Printed width of a piece of text: sentinels take no room, the marker digits do. */
function width(text: string): number {
  return text.replace(/[\u0001\u0002]/g, '').length;
}

/**
 * Greedy line filling. A word that does not fit is broken at its own hyphen when it has one
 * ("long-" / "standing"), or, every other time a long word (10 letters or more) is at the end
 * of a line, hyphenated the way a typesetter would ("inter-" / "national"); otherwise it goes
 * to the next line. `hyphenation` carries the every-other-time counter across the document so
 * the output is deterministic and hyphens are spread evenly.
 */
function wrap(lead: string, text: string, lineWidth: number, hyphenation: { count: number }): string[] {
  const words = text.split(' ').filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = lead;
  let lineHasWord = false;
  const room = () => lineWidth - width(line) - (lineHasWord ? 1 : 0);
  const put = (word: string) => {
    line += (lineHasWord ? ' ' : '') + word;
    lineHasWord = true;
  };
  const flush = () => {
    lines.push(line);
    line = '';
    lineHasWord = false;
  };
  for (let word of words) {
    while (width(word) > room() && lineHasWord) {
      const cut = breakPoint(word, room(), hyphenation);
      if (cut) {
        put(cut.head);
        word = cut.tail;
      }
      flush();
    }
    put(word);
  }
  if (lineHasWord || line.trim()) lines.push(line);
  // A PDF text layer keeps the space that stood at the end of each wrapped line.
  return lines.map((l, i) => (i < lines.length - 1 && !l.endsWith('-') ? `${l} ` : l));
}

function breakPoint(word: string, room: number, hyphenation: { count: number }): { head: string; tail: string } | null {
  // At a hyphen of the word itself, the latest one that fits.
  for (let i = word.length - 2; i > 1; i--) {
    if (word[i] === '-' && /\p{L}/u.test(word[i - 1]!) && /\p{L}/u.test(word[i + 1]!) && width(word.slice(0, i + 1)) <= room) {
      return { head: word.slice(0, i + 1), tail: word.slice(i + 1) };
    }
  }
  // Hyphenation inside the leading run of letters, leaving at least four letters on each side.
  const letters = /^\p{L}+/u.exec(word)?.[0] ?? '';
  if (letters.length < 10) return null;
  hyphenation.count++;
  if (hyphenation.count % 2 === 1) return null;
  const k = Math.min(letters.length - 4, room - 1);
  return k >= 4 ? { head: `${word.slice(0, k)}-`, tail: word.slice(k) } : null;
}

function notesOf(text: string): string[] {
  return [...text.matchAll(NOTE_PATTERN)].map((m) => m[1]!);
}

function print(text: string): string {
  return text.replace(NOTE_PATTERN, '$1');
}

export function renderAknAsPdfText(xml: string, options: RenderOptions = {}): string {
  const lineWidth = options.lineWidth ?? 85;
  const linesPerPage = options.linesPerPage ?? 50;
  const footWidth = Math.round(lineWidth * 1.25);
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const symbol = squash(
    Array.from(doc.getElementsByTagName('docNumber')).find((el) => el.getAttribute('refersTo') === '#symbol')?.textContent ?? '',
  );
  const { blocks, notes } = collectBlocks(doc);
  const noteText = new Map(notes.map((n) => [n.marker, n.text]));

  // Body lines, with null standing for "a new page must start here".
  const hyphenation = { count: 0 };
  const body: Array<Line | null> = [];
  for (const block of blocks) {
    if (block.newPage) body.push(null);
    else if (!block.tight && body.length > 0) body.push({ text: '', notes: [] });
    for (const text of wrap(block.lead, block.text, lineWidth, hyphenation)) body.push({ text, notes: notesOf(text) });
  }

  // Footnotes get a counter of their own, restarted at each call, so that the foot measured
  // while filling a page is the foot printed.
  const footLines = (markers: string[]) => {
    const footHyphenation = { count: 0 };
    return markers.flatMap((m) => wrap('', `${m} ${noteText.get(m) ?? ''}`, footWidth, footHyphenation));
  };
  const out: string[] = [];
  let page: Line[] = [];
  let pageNotes: string[] = [];
  let pageNumber = 1;

  const endPage = () => {
    while (page.length && !page[page.length - 1]!.text) page.pop();
    out.push(...page.map((l) => print(l.text)));
    if (pageNotes.length) out.push('', '_______________', ...footLines(pageNotes));
    page = [];
    pageNotes = [];
  };
  const startPage = () => {
    pageNumber++;
    // The header stands left on even pages and right on odd pages, as in a printed document.
    const align = (s: string) => (pageNumber % 2 === 0 ? s : s.padStart(lineWidth));
    out.push('', '', '', align(symbol), '', align(String(pageNumber)), '');
  };

  for (const line of body) {
    if (line === null) {
      if (page.length) {
        endPage();
        startPage();
      }
      continue;
    }
    // No blank line at the top of a page.
    if (!line.text && page.length === 0) continue;
    const withNotes = [...pageNotes, ...line.notes];
    const footSize = withNotes.length ? 2 + footLines(withNotes).length : 0;
    if (page.length > 0 && page.length + 1 + footSize > linesPerPage) {
      endPage();
      startPage();
      if (!line.text) continue;
    }
    page.push(line);
    pageNotes.push(...line.notes);
  }
  endPage();
  return `${out.join('\n')}\n`;
}
