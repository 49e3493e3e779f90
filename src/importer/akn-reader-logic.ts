import { DOMParser } from '@xmldom/xmldom';
import type { Document as XmlDocument, Element, Node as XmlNode } from '@xmldom/xmldom';
import { AppError } from '../errors.ts';
import {
  createNode,
  type Diagnostic,
  type DocumentHints,
  type DocumentNode,
  type DocumentType,
  type Footnote,
  type ImportedDocument,
  type ImportResult,
  type NodeKind,
  type NoteRef,
  type Reference,
} from './document.ts';
import { assignNodeIds } from './node-ids-logic.ts';

// Reads Akoma Ntoso XML: both generic AKN 3.0 (what akn-writer-logic.ts writes) and the
// AKN4UN markup of the DGACM resolutions, whose annexes and some language versions are
// "flattened": headings, paragraph numbers and (a)-points are plain paragraphs. Those are
// rebuilt from their class, their emphasis and their leading labels, the way the
// plain-text importer reads a Word or PDF export.

export interface ReadAknOptions {
  /** used in error messages; the caller's file name */
  fileName?: string;
}

interface ReadContext {
  diagnostics: Diagnostic[];
  footnotes: Footnote[];
}

/** Text with its footnote markers and citations, offsets in the normalised text. */
interface Inline {
  text: string;
  notes: NoteRef[];
  refs: Reference[];
}

/** Text as gathered from the DOM, before whitespace is normalised. */
interface RawInline {
  raw: string;
  notes: Array<{ marker: string; at: number; line: number }>;
  links: Array<{ start: number; end: number; href: string; crossReference: boolean; line: number }>;
}

const AKN_NAMESPACES = new Set(['http://docs.oasis-open.org/legaldocml/ns/akn/3.0', 'http://www.akomantoso.org/2.0']);

/** Stands for an `eol` inside gathered text; never valid in XML text, so it cannot clash. */
const LINE_BREAK = '\u0000';

const LANGUAGES: Record<string, string> = {
  eng: 'en',
  fra: 'fr',
  fre: 'fr',
  spa: 'es',
  rus: 'ru',
  ara: 'ar',
  chi: 'zh',
  zho: 'zh',
};

// Canonical English names: the language versions name the body in their own language,
// but `body` is a value to filter on, not a label to show.
const BODIES: Record<string, string> = {
  ga: 'General Assembly',
  unga: 'General Assembly',
  'un-ga': 'General Assembly',
  generalassembly: 'General Assembly',
  ecosoc: 'Economic and Social Council',
  unecosoc: 'Economic and Social Council',
  'un-ecosoc': 'Economic and Social Council',
  sc: 'Security Council',
  unsc: 'Security Council',
  'un-sc': 'Security Council',
  hrc: 'Human Rights Council',
  unhrc: 'Human Rights Council',
};

const DOCUMENT_TYPES: Record<string, DocumentType> = {
  resolution: 'resolution',
  decision: 'decision',
  draftresolution: 'draftResolution',
  draftdecision: 'draftDecision',
  report: 'report',
  declaration: 'declaration',
};

const DOCUMENT_ELEMENTS = new Set([
  'statement',
  'doc',
  'act',
  'bill',
  'debate',
  'debateReport',
  'judgment',
  'amendment',
  'amendmentList',
  'officialGazette',
  'documentCollection',
  'portion',
]);

/** Hierarchical AKN elements and the node kind each becomes. */
const HIERARCHY_KINDS: Record<string, NodeKind> = {
  paragraph: 'paragraph',
  subparagraph: 'paragraph',
  article: 'paragraph',
  clause: 'paragraph',
  subclause: 'paragraph',
  alinea: 'paragraph',
  point: 'point',
  item: 'point',
  indent: 'point',
  section: 'section',
  subsection: 'section',
  part: 'section',
  subpart: 'section',
  chapter: 'section',
  subchapter: 'section',
  title: 'section',
  subtitle: 'section',
  division: 'section',
  subdivision: 'section',
  book: 'section',
  tome: 'section',
  level: 'hcontainer',
  rule: 'rule',
  subrule: 'rule',
  hcontainer: 'hcontainer',
};

/** What an `hcontainer name="…"` written by akn-writer-logic.ts stands for. */
const HCONTAINER_KINDS: Record<string, NodeKind> = {
  rule: 'rule',
  recital: 'recital',
  formula: 'formula',
  heading: 'heading',
  conclusions: 'conclusions',
  attachment: 'attachment',
  section: 'section',
};

// ---------------------------------------------------------------------------------------
// Entry point

export function readAkn(xml: string, hints: DocumentHints = {}, options: ReadAknOptions = {}): ImportResult {
  const fileName = options.fileName ?? 'AKN XML';
  const dom = parseXml(xml, fileName);
  try {
    return readDom(dom, hints, fileName);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A reader bug must still reach the user as a refusal of this file, not as a crash.
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('import.invalid_xml', `${fileName}: could not be read as Akoma Ntoso (${reason})`, {
      file: fileName,
      reason,
      line: 0,
    });
  }
}

function invalid(fileName: string, reason: string, line = 0, column = 0): AppError {
  const where = line > 0 ? ` at line ${line}${column > 0 ? `, column ${column}` : ''}` : '';
  return new AppError('import.invalid_xml', `${fileName}: ${reason}${where}`, { file: fileName, reason, line, column });
}

function parseXml(xml: string, fileName: string): XmlDocument {
  if (typeof xml !== 'string') throw invalid(fileName, 'not text: expected the XML as a string');
  if (xml.trim() === '') throw invalid(fileName, 'the file is empty');
  const source = xml.replace(/^\uFEFF/, '');
  // XML 1.0 forbids these characters anywhere; xmldom would let them through, and they mean
  // the bytes are not text at all (a binary file, or a wrong encoding).
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(source);
  if (control) {
    const line = source.slice(0, control.index).split('\n').length;
    const code = control[0].charCodeAt(0).toString(16).padStart(4, '0');
    throw invalid(fileName, `not XML text: binary data (character U+${code})`, line);
  }
  if (!source.trimStart().startsWith('<')) throw invalid(fileName, 'not XML: the text does not start with a tag', 1);

  let dom: XmlDocument;
  try {
    dom = new DOMParser({
      // xmldom recovers from some errors and only warns about others (unquoted attributes);
      // a file with any of them is not well-formed and is refused.
      onError: (_level, message) => {
        throw new Error(String(message));
      },
    }).parseFromString(source, 'text/xml');
  } catch (error) {
    const locator = (error as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    const message = error instanceof Error ? error.message : String(error);
    const reason = message
      .replace(/^Reporting \w+ "(.*)" caused Error: .*$/s, '$1')
      .replace(/\s*@#\[line:.*$/s, '')
      .split('\n')[0]
      .trim();
    throw invalid(fileName, `not well-formed XML: ${reason}`, locator?.lineNumber ?? 0, locator?.columnNumber ?? 0);
  }
  const root = dom.documentElement;
  if (!root) throw invalid(fileName, 'not XML: no root element');
  if (nameOf(root) !== 'akomaNtoso') {
    throw invalid(fileName, `not Akoma Ntoso: the root element is <${root.tagName}>, not <akomaNtoso>`, lineOf(root));
  }
  if (root.namespaceURI && !AKN_NAMESPACES.has(root.namespaceURI)) {
    throw invalid(fileName, `not Akoma Ntoso: unknown namespace ${root.namespaceURI}`, lineOf(root));
  }
  return dom;
}

function readDom(dom: XmlDocument, hints: DocumentHints, fileName: string): ImportResult {
  const root = dom.documentElement!;
  const documentElement = elementChildren(root).find((child) => DOCUMENT_ELEMENTS.has(nameOf(child)));
  if (!documentElement) {
    throw invalid(fileName, 'not Akoma Ntoso: <akomaNtoso> holds no document element (statement, doc, act, ...)', lineOf(root));
  }
  const ctx: ReadContext = { diagnostics: [], footnotes: [] };
  const document = readDocument(documentElement, hints, ctx);
  return { documents: [document], diagnostics: ctx.diagnostics };
}

// ---------------------------------------------------------------------------------------
// Documents and metadata

function readDocument(element: Element, hints: DocumentHints, ctx: ReadContext): ImportedDocument {
  const meta = child(element, 'meta');
  const root = createNode('document');
  const conclusions = child(element, 'conclusions');

  // All body parts are assembled together: DGACM sometimes splits the body in two around a
  // stray <preamble> holding an operative paragraph ("10. Looks forward…").
  const bodyItems: Item[] = [];
  let bodyAt = -1;
  for (const part of elementChildren(element)) {
    switch (nameOf(part)) {
      case 'meta':
      case 'coverPage':
      case 'preface':
      case 'components':
        break;
      case 'preamble':
        if (bodyAt < 0) root.children.push(...readPreamble(part, ctx));
        else {
          ctx.diagnostics.push({ line: lineOf(part), message: 'a preamble after the body is read as part of the body' });
          for (const container of elementChildren(part)) {
            const item = readFlatParagraph(container, ctx);
            if (item) bodyItems.push(item);
          }
        }
        break;
      case 'mainBody':
      case 'body':
      case 'debateBody':
      case 'judgmentBody':
      case 'amendmentBody':
      case 'collectionBody':
        if (bodyAt < 0) bodyAt = root.children.length;
        bodyItems.push(...readBodyItems(part, ctx));
        break;
      case 'conclusions':
        root.children.push(readConclusions(part, ctx));
        break;
      case 'attachments':
        root.children.push(...elementChildren(part).map((attachment) => readAttachment(attachment, ctx)));
        break;
      default:
        keepUnknown(root, part, ctx);
    }
  }
  if (bodyAt >= 0) root.children.splice(bodyAt, 0, ...assemble(bodyItems, 'main', ctx));
  // editorial notes in the metadata (akn-writer puts footnotes there that no marker points at)
  const notes = meta ? child(meta, 'notes') : null;
  for (const note of notes ? elementChildren(notes) : []) readFootnote(note, ctx);
  assignNodeIds(root);

  const work = meta ? descendant(meta, 'FRBRWork') : null;
  const expression = meta ? descendant(meta, 'FRBRExpression') : null;
  const adoptionDate = work ? validDate(attributeOf(findChild(work, 'FRBRdate', (date) => date.getAttribute('name') === 'adoption') ?? child(work, 'FRBRdate'), 'date')) : null;
  const conclusionsDate = conclusions ? validDate(attributeOf(descendant(conclusions, 'docDate'), 'date')) : null;
  const meeting = conclusions
    ? findDescendant(conclusions, 'inline', (inline) => inline.getAttribute('name') === 'adoptionMeeting')
    : null;

  return {
    symbol: readSymbol(element) ?? hints.symbol ?? null,
    title: readTitle(element) ?? hints.title ?? null,
    body: readBody(element, meta) ?? hints.body ?? null,
    adopted: adoptionDate ?? conclusionsDate ?? hints.adopted ?? null,
    language: readLanguage(expression) ?? hints.language ?? null,
    meeting: meeting ? plainText(meeting) || null : null,
    type: readType(element),
    root,
    footnotes: ctx.footnotes,
  };
}

function readSymbol(documentElement: Element): string | null {
  const coverPage = child(documentElement, 'coverPage');
  const fromCover = coverPage ? descendant(coverPage, 'docNumber') : null;
  if (fromCover && plainText(fromCover)) return plainText(fromCover);
  // DGACM's preface docNumber is the short number ("75/58."), not the symbol; a preface
  // number is taken only when it looks like a full symbol.
  const preface = child(documentElement, 'preface');
  const fromPreface = preface ? plainText(descendant(preface, 'docNumber')) : '';
  return /^[A-Z]+\/\S+$/.test(fromPreface) ? fromPreface : null;
}

function readTitle(documentElement: Element): string | null {
  const preface = child(documentElement, 'preface');
  const title = preface ? plainText(descendant(preface, 'docTitle')) : '';
  return title || null;
}

function readBody(documentElement: Element, meta: Element | null): string | null {
  const work = meta ? descendant(meta, 'FRBRWork') : null;
  const author = work ? attributeOf(child(work, 'FRBRauthor'), 'href') : null;
  const key = author?.replace(/^#/, '').trim().toLowerCase() ?? '';
  if (key && BODIES[key]) return BODIES[key];
  if (key && meta) {
    const organisation = findDescendant(meta, 'TLCOrganization', (org) => org.getAttribute('eId') === key);
    const name = organisation?.getAttribute('showAs')?.trim();
    if (name) return BODIES[name.toLowerCase().replace(/\s+/g, '')] ?? name;
  }
  // The actor of the work URI ("/akn/un/statement/deliberation/unga/...") names it too.
  const uri = work ? attributeOf(child(work, 'FRBRthis'), 'value') ?? '' : '';
  for (const segment of uri.split('/')) if (BODIES[segment.toLowerCase()]) return BODIES[segment.toLowerCase()];
  const coverPage = child(documentElement, 'coverPage');
  const authority = coverPage
    ? findDescendant(coverPage, 'docAuthority', (el) => el.getAttribute('refersTo') === '#issuingBody')
    : null;
  return authority ? plainText(authority) || null : null;
}

function readLanguage(expression: Element | null): string | null {
  const code = expression ? attributeOf(child(expression, 'FRBRlanguage'), 'language')?.trim().toLowerCase() : null;
  if (!code) return null;
  if (LANGUAGES[code]) return LANGUAGES[code];
  return /^[a-z]{2}$/.test(code) ? code : null;
}

function readType(documentElement: Element): DocumentType {
  const name = (documentElement.getAttribute('name') ?? '').toLowerCase();
  return DOCUMENT_TYPES[name] ?? 'other';
}

function validDate(value: string | null): string | null {
  // "0001-01-01" is DGACM's placeholder for an unknown date.
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0001')) return null;
  return value;
}

// ---------------------------------------------------------------------------------------
// Preamble, conclusions, attachments

function readPreamble(preamble: Element, ctx: ReadContext): DocumentNode[] {
  const nodes: DocumentNode[] = [];
  for (const part of elementChildren(preamble)) {
    switch (nameOf(part)) {
      case 'formula':
        nodes.push(readTextNode('formula', part, ctx));
        break;
      case 'container':
      case 'recital':
      case 'citation':
      case 'p':
      case 'blockList':
        nodes.push(readTextNode('recital', part, ctx));
        break;
      case 'recitals':
      case 'citations':
        nodes.push(...readPreamble(part, ctx));
        break;
      case 'intro':
      case 'longTitle':
        // the heading line of a group of recitals; kept as a recital so no text is lost
        nodes.push(readTextNode('recital', part, ctx));
        break;
      default:
        ctx.diagnostics.push({ line: lineOf(part), message: `preamble element <${nameOf(part)}> read as a recital` });
        nodes.push(readTextNode('recital', part, ctx));
    }
  }
  return nodes;
}

function readConclusions(conclusions: Element, ctx: ReadContext): DocumentNode {
  const raw = emptyRaw();
  for (const block of elementChildren(conclusions)) {
    if (raw.raw) raw.raw += LINE_BREAK;
    gatherInline(block.childNodes, raw, ctx, false);
  }
  const inline = normalise(raw, ctx, true);
  return withInline(createNode('conclusions', { num: null, heading: null }), inline);
}

function readAttachment(attachment: Element, ctx: ReadContext): DocumentNode {
  const node = createNode('attachment', {
    num: textOfChild(attachment, 'num'),
    heading: null,
    text: null,
  });
  const headingElement = child(attachment, 'heading');
  if (headingElement) applyHeading(node, readInline(headingElement, ctx));
  const document = elementChildren(attachment).find((el) => DOCUMENT_ELEMENTS.has(nameOf(el)));
  if (!document) {
    ctx.diagnostics.push({ line: lineOf(attachment), message: 'attachment without a document: its text is kept as the annex text' });
    withInline(node, readInline(attachment, ctx));
    return node;
  }
  if (!node.heading) {
    const preface = child(document, 'preface');
    const title = preface ? descendant(preface, 'docTitle') : null;
    if (title) applyHeading(node, readInline(title, ctx));
  }
  for (const part of elementChildren(document)) {
    switch (nameOf(part)) {
      case 'meta':
      case 'coverPage':
      case 'preface':
      case 'components':
        break;
      case 'preamble':
        node.children.push(...readPreamble(part, ctx));
        break;
      case 'mainBody':
      case 'body': {
        const items = readBodyItems(part, ctx);
        const { label, title, rest } = takeAnnexHeadings(items, !node.heading);
        if (label && !node.num) node.num = label;
        if (title) applyHeading(node, title);
        node.children.push(...assemble(rest, 'annex', ctx));
        break;
      }
      case 'conclusions':
        node.children.push(readConclusions(part, ctx));
        break;
      case 'attachments':
        node.children.push(...elementChildren(part).map((inner) => readAttachment(inner, ctx)));
        break;
      default:
        keepUnknown(node, part, ctx);
    }
  }
  return node;
}

function applyHeading(node: DocumentNode, inline: Inline): void {
  node.heading = inline.text || null;
  const refs = inline.refs.map((ref) => ({ ...ref, field: 'heading' as const }));
  if (refs.length) node.refs = [...(node.refs ?? []), ...refs];
  // NoteRef offsets point into `text`; a marker in a heading is kept at the start of the text.
  if (inline.notes.length) node.notes = [...(node.notes ?? []), ...inline.notes.map((note) => ({ ...note, at: 0 }))];
}

// ---------------------------------------------------------------------------------------
// Body: structured elements are read as they are; flattened paragraphs become items that
// `assemble` turns back into sections, groups, paragraphs and points.

type Item =
  | { type: 'node'; node: DocumentNode }
  | { type: 'heading'; inline: Inline; level: number; line: number }
  | { type: 'numbered'; node: DocumentNode }
  | { type: 'point'; node: DocumentNode; line: number }
  | { type: 'plain'; node: DocumentNode; element: Element };

type BodyMode = 'main' | 'annex';

const SECTION_NUM = String.raw`(?:[IVXLC]+|[A-Z]|[一二三四五六七八九十]+|أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا)`;
const BARE_SECTION_NUM = new RegExp(`^(${SECTION_NUM})\\.?$`, 'u');
// A letter needs its dot ("A. Title"): "A new approach" is not section A.
const SECTION_HEADING = new RegExp(`^((?:[IVXLC]+|[一二三四五六七八九十]+|أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا)\\.?|[A-Z]\\.)[\\s:：、]+(\\S.*)$`, 'u');
const GROUP_HEADING = /^(\d{1,3}\.)\s+(\S.*)$/u;
const RULE_HEADING = /^(Rule|Règle|Regla|Правило|القاعدة|规则)\s*(\d+)\s*[.:]?\s*(.*)$/iu;
const ANNEX_LABEL = /^(Annex|Annexe|Anexo|Приложение|المرفق|附件)(?:\s+(\S+))?$/iu;
// "1. ", Arabic "1 - ", and "43 Invite" where the dot was lost
const PARAGRAPH_NUMBER = /^(\d{1,3})(?:[ \u200e\u200f]*([.\-–])[\s\u200e\u200f]+|\s+(?=\p{Lu}))/u;
// "(a)", "a)", "(iv)", Arabic "(أ)", "(هـ)", Russian "а)"
const POINT_LABEL = /^(\((?:[a-z]{1,2}|[ivxlc]+|[а-я]|[\u0621-\u064a\u0640]{1,3})\)|(?:[a-z]{1,2}|[ivxlc]+|[а-я])\))[\s\u200e\u200f]+/u;
const ENDS_LIKE_SENTENCE = /[.;:,。；：，、!?؛،]$/u;

function readBodyItems(body: Element, ctx: ReadContext): Item[] {
  const items: Item[] = [];
  for (const part of elementChildren(body)) {
    const name = nameOf(part);
    if (name === 'paragraph' && isFlattened(part)) {
      const item = readFlatParagraph(part, ctx);
      if (item) items.push(item);
    } else if (name === 'p') {
      const item = readFlatParagraph(part, ctx);
      if (item) items.push(item);
    } else if (name === 'crossHeading' || name === 'heading' || name === 'subheading') {
      items.push({ type: 'heading', inline: readInline(part, ctx), level: 1, line: lineOf(part) });
    } else if (HIERARCHY_KINDS[name]) {
      const node = readHierarchy(part, ctx);
      if (node.kind === 'paragraph' && node.num && POINT_LABEL.test(`${node.num} `)) {
        // the Arabic versions mark (a)-points as paragraphs numbered "(أ)"
        node.kind = 'point';
        items.push({ type: 'point', node, line: lineOf(part) });
      } else items.push({ type: 'node', node });
    } else if (name === 'container' || name === 'blockContainer') {
      items.push({ type: 'node', node: readTextNode('paragraph', part, ctx) });
    } else if (name === 'blockList' || name === 'list') {
      const holder = createNode('paragraph', { num: null, heading: null });
      readList(part, holder, emptyRaw(), ctx);
      items.push(...holder.children.map((point): Item => ({ type: 'point', node: point, line: lineOf(part) })));
    } else {
      ctx.diagnostics.push({ line: lineOf(part), message: `body element <${name}> read as an unnumbered paragraph` });
      items.push({ type: 'node', node: withInline(createNode('paragraph', { num: null, heading: null }), readInline(part, ctx)) });
    }
  }
  return items;
}

/** DGACM writes headings and some numbers as paragraphs with no <num> and only text. */
function isFlattened(paragraph: Element): boolean {
  return elementChildren(paragraph).every((el) => nameOf(el) === 'content' || nameOf(el) === 'subheading');
}

function readFlatParagraph(element: Element, ctx: ReadContext): Item | null {
  const line = lineOf(element);
  const subheadings = elementChildren(element).filter((el) => nameOf(el) === 'subheading');
  const className = element.getAttribute('class') ?? '';
  const headingClassLevel = /^(H1|H2|H23|HCh|HCh0)$/.test(className) ? 1 : /^H\d$/.test(className) ? 3 : 0;

  if (subheadings.length) {
    // "I" + "System of administration of justice" in one paragraph join into "I System…",
    // which openGroup splits into a number and a title
    const inline = joinInline(subheadings.map((sub) => readInline(sub, ctx)), ' ');
    return { type: 'heading', inline, level: headingClassLevel === 3 ? 3 : 1, line };
  }

  const inline = readInline(element, ctx);
  if (!inline.text) return null;
  if (headingClassLevel) return { type: 'heading', inline, level: headingClassLevel, line };

  const hasLabel = POINT_LABEL.test(inline.text) || PARAGRAPH_NUMBER.test(inline.text);
  const emphasis = hasLabel || inline.text.length > 300 ? null : emphasisOf(element);
  if (emphasis === 'bold') return { type: 'heading', inline, level: 1, line };
  if (emphasis === 'italic') return { type: 'heading', inline, level: 3, line };

  const point = POINT_LABEL.exec(inline.text);
  if (point) {
    const num = point[1];
    return { type: 'point', node: withInline(createNode('point', { num, heading: null }), dropPrefix(inline, point[0].length)), line };
  }
  const number = PARAGRAPH_NUMBER.exec(inline.text);
  if (number) {
    const num = !number[2] ? number[1] : number[2] === '.' ? `${number[1]}.` : `${number[1]} ${number[2]}`;
    return { type: 'numbered', node: withInline(createNode('paragraph', { num, heading: null }), dropPrefix(inline, number[0].length)) };
  }
  // An unmarked short line with no closing punctuation is a heading in a Word export
  // ("四 其他问题", "支柱一：…"); a sentence ends with punctuation.
  if (inline.text.length <= 200 && !ENDS_LIKE_SENTENCE.test(inline.text) && !inline.notes.length) {
    return { type: 'heading', inline, level: 1, line };
  }
  return { type: 'plain', node: withInline(createNode('paragraph', { num: null, heading: null }), inline), element };
}

/** 'bold' or 'italic' when all the words of the paragraph are in such spans (a heading). */
function emphasisOf(element: Element): 'bold' | 'italic' | null {
  let bold = true;
  let italic = true;
  let words = false;
  const visit = (node: XmlNode, classes: string): void => {
    if (node.nodeType === node.TEXT_NODE || node.nodeType === node.CDATA_SECTION_NODE) {
      const text = (node as unknown as { data: string }).data;
      if (!text.trim()) return;
      // a colon after the heading ("…engagements</span> :") does not make it a sentence
      if (!classes && /^[\s:：]+$/.test(text)) return;
      words = true;
      if (!/\bbold\b/.test(classes) && !/^b$/.test(classes)) bold = false;
      if (!/\bitalic\b/.test(classes) && !/^i$/.test(classes)) italic = false;
      return;
    }
    if (node.nodeType !== node.ELEMENT_NODE) return;
    const el = node as Element;
    if (nameOf(el) === 'authorialNote' || nameOf(el) === 'sup' || nameOf(el) === 'num') return;
    let inner = classes;
    if (nameOf(el) === 'span' || nameOf(el) === 'b' || nameOf(el) === 'i') {
      const own = nameOf(el) === 'b' ? 'bold' : nameOf(el) === 'i' ? 'italic' : el.getAttribute('class') ?? '';
      inner = `${classes} ${own}`.trim();
    }
    for (const childNode of Array.from(el.childNodes)) visit(childNode, inner);
  };
  visit(element, '');
  if (!words) return null;
  if (bold) return 'bold';
  return italic ? 'italic' : null;
}

/** The first heading items of an annex are its label ("Annex", "Annex I") and its title. */
function takeAnnexHeadings(items: Item[], wantTitle: boolean): { label: string | null; title: Inline | null; rest: Item[] } {
  let label: string | null = null;
  let labelSeen = false;
  let title: Inline | null = null;
  let index = 0;
  while (index < items.length) {
    const item = items[index];
    if (item.type !== 'heading') break;
    const match = ANNEX_LABEL.exec(item.inline.text);
    if (match && !labelSeen && !title) {
      labelSeen = true;
      label = match[2] ?? null;
    } else if (wantTitle && !title) {
      title = item.inline;
    } else break;
    index++;
  }
  return { label, title, rest: items.slice(index) };
}

interface Frame {
  node: DocumentNode | null;
  level: number;
}

/** Rebuilds the hierarchy of a body from its items. */
function assemble(items: Item[], mode: BodyMode, ctx: ReadContext): DocumentNode[] {
  const top: DocumentNode[] = [];
  const stack: Frame[] = [{ node: null, level: 0 }];
  const append = (node: DocumentNode) => {
    const frame = stack[stack.length - 1];
    (frame.node ? frame.node.children : top).push(node);
  };
  let lastParagraph: DocumentNode | null = null;
  // "I" on a line of its own waits for the title on the next one
  let pendingNum: string | null = null;
  let index = 0;

  if (mode === 'annex') index = readAnnexPreamble(items, top);

  const flushPendingNum = () => {
    if (!pendingNum) return;
    openGroup({ text: '', notes: [], refs: [] }, 1, pendingNum);
    pendingNum = null;
  };

  const openGroup = (inline: Inline, styleLevel: number, num: string | null) => {
    let kind: NodeKind;
    let level: number;
    let heading: Inline | null = inline;
    const rule = RULE_HEADING.exec(inline.text);
    const section = num ? null : SECTION_HEADING.exec(inline.text);
    const group = num ? null : GROUP_HEADING.exec(inline.text);
    if (rule && !num) {
      kind = 'rule';
      level = 4;
      // "Rule 1", as the text importer writes it (node ids drop the word)
      num = `${rule[1]} ${rule[2]}`;
      heading = rule[3] ? dropPrefix(inline, inline.text.length - rule[3].length) : null;
    } else if (num || section) {
      if (section) {
        num = section[1];
        heading = dropPrefix(inline, inline.text.length - section[2].length);
      }
      const letter = /^[A-Z]\.?$/.test(num!) && !/^[IVXLC]\.?$/.test(num!);
      level = letter ? 2 : 1;
      kind = 'section';
    } else if (group) {
      num = group[1];
      heading = dropPrefix(inline, inline.text.length - group[2].length);
      level = 3;
      kind = 'hcontainer';
    } else {
      level = styleLevel;
      kind = mode === 'main' && level < 3 ? 'section' : 'hcontainer';
    }
    while (stack.length > 1 && stack[stack.length - 1].level >= level) stack.pop();
    const node = createNode(kind, { num: num ?? null, heading: null, text: null });
    if (heading && heading.text) applyHeading(node, heading);
    append(node);
    stack.push({ node, level });
    lastParagraph = null;
  };

  for (; index < items.length; index++) {
    const item = items[index];
    if (item.type === 'heading') {
      if (!pendingNum && BARE_SECTION_NUM.test(item.inline.text) && item.inline.notes.length === 0) {
        pendingNum = item.inline.text;
        continue;
      }
      const num = pendingNum;
      pendingNum = null;
      openGroup(item.inline, item.level, num);
      continue;
    }
    flushPendingNum();
    if (item.type === 'point') {
      if (!lastParagraph) {
        ctx.diagnostics.push({ line: item.line, message: `point ${item.node.num} follows no paragraph; kept where it stands` });
        append(item.node);
      } else {
        appendPoint(lastParagraph, item.node);
      }
      continue;
    }
    if (item.type === 'plain' && lastParagraph && lastParagraph.num && !lastParagraph.text && !lastParagraph.children.length) {
      // DGACM sometimes leaves the numbered paragraph empty and puts its text in the next one
      lastParagraph.text = item.node.text;
      if (item.node.notes) lastParagraph.notes = item.node.notes;
      if (item.node.refs) lastParagraph.refs = item.node.refs;
      continue;
    }
    append(item.node);
    if (item.node.kind === 'paragraph' || item.node.kind === 'recital') lastParagraph = item.node;
  }
  flushPendingNum();
  return top;
}

/**
 * A declaration annexed to a resolution opens like a resolution: "We, Heads of State…," (its
 * formula) then recitals, each ending with a comma like the formula, until "Declare the
 * following:", an unnumbered paragraph, or the first numbered paragraph or heading. This is
 * how the text importer reads the printed declaration. Returns the index of the first item
 * after that preamble.
 */
function readAnnexPreamble(items: Item[], top: DocumentNode[]): number {
  const endsWithComma = (text: string | null | undefined) => /[,،，]$/.test(text ?? '');
  const first = items[0];
  if (!first || first.type !== 'plain' || !endsWithComma(first.node.text)) return 0;
  first.node.kind = 'formula';
  top.push(first.node);
  let lastRecital: DocumentNode | null = null;
  for (let index = 1; index < items.length; index++) {
    const item = items[index];
    if (item.type === 'point' && lastRecital) {
      appendPoint(lastRecital, item.node);
      continue;
    }
    // an all-italic line here is not a heading but a sentence whose words are all italic
    const node =
      item.type === 'plain'
        ? item.node
        : item.type === 'heading' && item.level === 3
          ? withInline(createNode('paragraph', { num: null, heading: null }), item.inline)
          : null;
    if (!node) return index;
    if (!endsWithComma(node.text)) {
      top.push(node);
      return index + 1;
    }
    node.kind = 'recital';
    top.push(node);
    lastRecital = node;
  }
  return items.length;
}

/** A roman (i) after a letter point nests in it, unless it is the next letter: (h), (i). */
function appendPoint(parent: DocumentNode, point: DocumentNode): void {
  const last = parent.children[parent.children.length - 1];
  const label = (point.num ?? '').replace(/[()]/g, '');
  const lastLabel = (last?.num ?? '').replace(/[()]/g, '');
  const isRoman = /^[ivxlc]+$/.test(label);
  const lastIsLetter = /^[a-z]{1,2}$/.test(lastLabel) && !/^[ivxlc]+$/.test(lastLabel);
  const nextLetter = lastIsLetter && lastLabel.length === 1 ? String.fromCharCode(lastLabel.charCodeAt(0) + 1) : '';
  if (last && last.kind === 'point' && isRoman && (lastIsLetter || last.children.length) && label !== nextLetter) {
    appendPoint(last, point);
    return;
  }
  parent.children.push(point);
}

// ---------------------------------------------------------------------------------------
// Structured elements

function readHierarchy(element: Element, ctx: ReadContext): DocumentNode {
  let kind = HIERARCHY_KINDS[nameOf(element)] ?? 'hcontainer';
  if (nameOf(element) === 'hcontainer') kind = HCONTAINER_KINDS[element.getAttribute('name') ?? ''] ?? 'hcontainer';
  const node = createNode(kind, { num: textOfChild(element, 'num'), heading: null });
  const raw = emptyRaw();
  let heading: Inline | null = null;
  for (const part of elementChildren(element)) {
    switch (nameOf(part)) {
      case 'num':
        break;
      case 'heading':
      case 'subheading': {
        const inline = readInline(part, ctx);
        heading = heading ? joinInline([heading, inline], ' ') : inline;
        break;
      }
      case 'content':
      case 'intro':
      case 'wrapUp':
        readBlocks(part, node, raw, ctx);
        break;
      case 'list':
      case 'blockList':
        readList(part, node, raw, ctx);
        break;
      case 'crossHeading':
        node.children.push(withInline(createNode('heading', { num: null, heading: null }), readInline(part, ctx)));
        break;
      default:
        if (HIERARCHY_KINDS[nameOf(part)]) node.children.push(readHierarchy(part, ctx));
        else readBlock(part, node, raw, ctx);
    }
  }
  if (heading) applyHeading(node, heading);
  else node.heading = null;
  return withInline(node, normalise(raw, ctx));
}

/** Reads the blocks of a content/intro/wrapUp into the node's text and children. */
function readBlocks(container: Element, node: DocumentNode, raw: RawInline, ctx: ReadContext): void {
  for (const block of elementChildren(container)) readBlock(block, node, raw, ctx);
  // text standing directly in the container (not in a <p>)
  const loose = Array.from(container.childNodes).filter((n) => n.nodeType === n.TEXT_NODE && (n as unknown as { data: string }).data.trim());
  if (loose.length) gatherInline(loose, raw, ctx, false);
}

function readBlock(block: Element, node: DocumentNode, raw: RawInline, ctx: ReadContext): void {
  switch (nameOf(block)) {
    case 'p':
    case 'block':
    case 'listIntroduction':
    case 'listWrapUp':
      separate(raw);
      gatherInline(block.childNodes, raw, ctx, false);
      return;
    case 'list':
    case 'blockList':
      readList(block, node, raw, ctx);
      return;
    case 'container':
    case 'blockContainer':
      for (const inner of elementChildren(block)) readBlock(inner, node, raw, ctx);
      return;
    case 'num':
      return;
    default:
      ctx.diagnostics.push({ line: lineOf(block), message: `<${nameOf(block)}> read as text` });
      separate(raw);
      gatherInline(block.childNodes, raw, ctx, false);
  }
}

/** list (intro, point…) and blockList (listIntroduction, item…): the intro is the node's text. */
function readList(list: Element, node: DocumentNode, raw: RawInline, ctx: ReadContext): void {
  for (const part of elementChildren(list)) {
    switch (nameOf(part)) {
      case 'intro':
      case 'listIntroduction':
      case 'wrapUp':
      case 'listWrapUp':
        if (nameOf(part) === 'intro' || nameOf(part) === 'wrapUp') readBlocks(part, node, raw, ctx);
        else readBlock(part, node, raw, ctx);
        break;
      case 'item':
      case 'point':
      case 'indent':
        node.children.push(readHierarchy(part, ctx));
        break;
      default:
        if (HIERARCHY_KINDS[nameOf(part)]) node.children.push(readHierarchy(part, ctx));
        else readBlock(part, node, raw, ctx);
    }
  }
}

/** A formula, recital or other text-only element, with points from a blockList. */
function readTextNode(kind: NodeKind, element: Element, ctx: ReadContext): DocumentNode {
  const node = createNode(kind, { num: null, heading: null });
  const raw = emptyRaw();
  if (nameOf(element) === 'p') gatherInline(element.childNodes, raw, ctx, false);
  else if (nameOf(element) === 'blockList') readList(element, node, raw, ctx);
  else {
    for (const part of elementChildren(element)) {
      if (nameOf(part) === 'p' && part.getAttribute('class') === 'label') readLabel(part, node, ctx);
      else readBlock(part, node, raw, ctx);
    }
  }
  return withInline(node, normalise(raw, ctx));
}

/** A container has no num or heading: akn-writer leads it with <p class="label">. */
function readLabel(label: Element, node: DocumentNode, ctx: ReadContext): void {
  for (const span of elementChildren(label)) {
    if (span.getAttribute('class') === 'num') node.num = plainText(span) || null;
    else if (span.getAttribute('class') === 'heading') applyHeading(node, readInline(span, ctx));
  }
}

function keepUnknown(parent: DocumentNode, element: Element, ctx: ReadContext): void {
  const inline = readInline(element, ctx);
  ctx.diagnostics.push({ line: lineOf(element), message: `<${nameOf(element)}> not understood; its text is kept as a paragraph` });
  if (inline.text) parent.children.push(withInline(createNode('paragraph', { num: null, heading: null }), inline));
}

// ---------------------------------------------------------------------------------------
// Inline text, footnotes and citations

function emptyRaw(): RawInline {
  return { raw: '', notes: [], links: [] };
}

function separate(raw: RawInline): void {
  if (raw.raw) raw.raw += ' ';
}

function readInline(element: Element, ctx: ReadContext): Inline {
  const raw = emptyRaw();
  for (const part of Array.from(element.childNodes)) {
    const el = part as Element;
    if (part.nodeType === part.ELEMENT_NODE && ['p', 'content', 'block', 'subheading', 'heading'].includes(nameOf(el))) {
      separate(raw);
      gatherInline(el.childNodes, raw, ctx, false);
    } else gatherInline([part], raw, ctx, false);
  }
  return normalise(raw, ctx);
}

function gatherInline(nodes: ArrayLike<XmlNode>, raw: RawInline, ctx: ReadContext, inNote: boolean): void {
  for (const node of Array.from(nodes)) {
    if (node.nodeType === node.TEXT_NODE || node.nodeType === node.CDATA_SECTION_NODE) {
      raw.raw += (node as unknown as { data: string }).data;
      continue;
    }
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    const el = node as Element;
    switch (nameOf(el)) {
      case 'authorialNote':
      case 'note':
        if (inNote) gatherInline(el.childNodes, raw, ctx, true);
        else raw.notes.push({ marker: readFootnote(el, ctx), at: raw.raw.length, line: lineOf(el) });
        break;
      case 'a':
      case 'ref':
      case 'mref':
      case 'rref': {
        const href = el.getAttribute('href');
        const start = raw.raw.length;
        gatherInline(el.childNodes, raw, ctx, inNote);
        if (href) {
          const crossReference = (el.getAttribute('class') ?? '').split(/\s+/).includes('crossReference');
          raw.links.push({ start, end: raw.raw.length, href, crossReference, line: lineOf(el) });
        }
        break;
      }
      case 'sup': {
        const text = el.textContent ?? '';
        // Arabic versions bracket the note marker with superscript parentheses: "(<note/>)"
        if (nextToNote(el)) raw.raw += text.replace(/[()\s]/g, '');
        // French notes repeat their own number as a leading superscript
        else if (inNote && !raw.raw.trim() && /^[\s()\d]*$/.test(text)) break;
        else gatherInline(el.childNodes, raw, ctx, inNote);
        break;
      }
      case 'eol':
      case 'br':
        raw.raw += LINE_BREAK;
        break;
      case 'eop':
      case 'img':
      case 'marker':
      case 'noteRef':
        break;
      case 'p':
      case 'block':
        separate(raw);
        gatherInline(el.childNodes, raw, ctx, inNote);
        break;
      default:
        // span, i, b, inline, docDate, term, …: formatting and semantic inlines are text
        gatherInline(el.childNodes, raw, ctx, inNote);
    }
  }
}

function nextToNote(sup: Element): boolean {
  const skipBlank = (node: XmlNode | null, forward: boolean): XmlNode | null => {
    let current = node;
    while (current && current.nodeType === current.TEXT_NODE && !(current as unknown as { data: string }).data.trim()) {
      current = forward ? current.nextSibling : current.previousSibling;
    }
    return current;
  };
  const isNote = (node: XmlNode | null) => !!node && node.nodeType === node.ELEMENT_NODE && nameOf(node as Element) === 'authorialNote';
  return isNote(skipBlank(sup.previousSibling, false)) || isNote(skipBlank(sup.nextSibling, true));
}

function readFootnote(note: Element, ctx: ReadContext): string {
  const marker = note.getAttribute('marker')?.trim() || String(ctx.footnotes.length + 1);
  const raw = emptyRaw();
  gatherInline(note.childNodes, raw, ctx, true);
  const inline = normalise(raw, ctx);
  // Arabic notes open with the empty marker brackets "()" of the Word template.
  let text = inline.text;
  let refs = inline.refs;
  const opening = /^\(\s*\)\s*/.exec(text);
  if (opening) {
    const shifted = dropPrefix(inline, opening[0].length);
    text = shifted.text;
    refs = shifted.refs;
  }
  const footnote: Footnote = { marker, text: text || null };
  if (refs.length) footnote.refs = refs;
  ctx.footnotes.push(footnote);
  return marker;
}

/** Collapses whitespace and maps the raw offsets of notes and links onto the result. */
function normalise(raw: RawInline, ctx: ReadContext, keepLines = false): Inline {
  const source = raw.raw;
  // at[i]: length of the output when raw index i is reached, not counting a pending space
  const at = new Array<number>(source.length + 1);
  let text = '';
  let pending: '' | ' ' | '\n' = '';
  for (let i = 0; i < source.length; i++) {
    at[i] = text.length;
    const ch = source[i];
    if (ch === LINE_BREAK) {
      pending = keepLines ? '\n' : pending || ' ';
      continue;
    }
    // all Unicode spaces, the no-break ones of "9\u00a0December" and "préoccupés\u202f:" too
    if (/\s/.test(ch)) {
      if (!pending) pending = ' ';
      continue;
    }
    if (pending && text) text += pending;
    pending = '';
    text += ch;
  }
  at[source.length] = text.length;

  const notes: NoteRef[] = raw.notes.map((note) => ({ marker: note.marker, at: at[note.at] }));
  const refs: Reference[] = [];
  for (const link of raw.links) {
    let start = at[link.start];
    const end = at[link.end];
    while (start < end && /\s/.test(text[start])) start++;
    if (end <= start) continue;
    const words = text.slice(start, end);
    const symbol = symbolFromHref(link.href);
    if (!symbol && !link.href.startsWith('#')) {
      ctx.diagnostics.push({ line: link.line, message: `link to ${link.href} names no United Nations document symbol` });
    }
    refs.push({
      kind: link.crossReference ? 'crossReference' : 'citation',
      text: words,
      start,
      end,
      symbol,
      field: 'text',
    });
  }
  return { text, notes, refs };
}

/** "https://undocs.org/en/A/RES/74/43" → "A/RES/74/43" */
export function symbolFromHref(href: string): string | null {
  const match = /^https?:\/\/(?:www\.)?undocs(?:\.org)?\/(.+)$/i.exec(href.trim());
  if (!match) return null;
  let path = match[1].replace(/[?#].*$/, '');
  path = path.replace(/^(?:en|fr|es|ru|ar|zh|ch)\//, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // a stray "%" is left as it is
  }
  // Some links are typed in lower case ("e/res/155 (VII)"): an all-lower-case segment is
  // capitalised, a mixed one ("Corr.2", "Add.1") is how symbols are written and stays.
  path = path
    .replace(/\/+$/, '')
    .trim()
    .split('/')
    .map((segment) => (segment === segment.toLowerCase() ? segment.toUpperCase() : segment))
    .join('/');
  return path || null;
}

function withInline(node: DocumentNode, inline: Inline): DocumentNode {
  node.text = inline.text || null;
  if (inline.notes.length) node.notes = [...(node.notes ?? []), ...inline.notes];
  if (inline.refs.length) node.refs = [...(node.refs ?? []), ...inline.refs];
  if (node.num === undefined) node.num = null;
  if (node.heading === undefined) node.heading = null;
  return node;
}

/** Removes the first `length` characters (a label such as "8 - " or "(a) ") and shifts offsets. */
function dropPrefix(inline: Inline, length: number): Inline {
  const text = inline.text.slice(length);
  const cut = inline.text.length - text.length;
  return {
    text,
    notes: inline.notes.map((note) => ({ ...note, at: Math.max(0, note.at - cut) })),
    refs: inline.refs
      .filter((ref) => ref.start >= cut)
      .map((ref) => ({ ...ref, start: ref.start - cut, end: ref.end - cut })),
  };
}

function joinInline(parts: Inline[], separator: string): Inline {
  const result: Inline = { text: '', notes: [], refs: [] };
  for (const part of parts) {
    if (!part.text && !part.notes.length) continue;
    const offset = result.text ? result.text.length + separator.length : 0;
    result.text = result.text ? `${result.text}${separator}${part.text}` : part.text;
    result.notes.push(...part.notes.map((note) => ({ ...note, at: note.at + offset })));
    result.refs.push(...part.refs.map((ref) => ({ ...ref, start: ref.start + offset, end: ref.end + offset })));
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// DOM helpers

function elementChildren(element: Element): Element[] {
  return Array.from(element.childNodes).filter((node): node is Element => node.nodeType === node.ELEMENT_NODE);
}

function child(element: Element, name: string): Element | null {
  return elementChildren(element).find((el) => nameOf(el) === name) ?? null;
}

function findChild(element: Element, name: string, test: (el: Element) => boolean): Element | null {
  return elementChildren(element).find((el) => nameOf(el) === name && test(el)) ?? null;
}

function descendant(element: Element, name: string): Element | null {
  return findDescendant(element, name, () => true);
}

function findDescendant(element: Element, name: string, test: (el: Element) => boolean): Element | null {
  for (const el of elementChildren(element)) {
    if (nameOf(el) === name && test(el)) return el;
    const found = findDescendant(el, name, test);
    if (found) return found;
  }
  return null;
}

function attributeOf(element: Element | null, name: string): string | null {
  return element?.getAttribute(name) ?? null;
}

function textOfChild(element: Element, name: string): string | null {
  const found = child(element, name);
  return found ? normaliseSpace(found.textContent ?? '') || null : null;
}

function plainText(element: Element | null): string {
  return element ? normaliseSpace(element.textContent ?? '') : '';
}

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nameOf(element: Element): string {
  return element.localName ?? element.nodeName;
}

function lineOf(node: XmlNode): number {
  return (node as { lineNumber?: number }).lineNumber ?? 0;
}
