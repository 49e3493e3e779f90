import { createNode, type Diagnostic, type DocumentHints, type DocumentNode, type ImportedDocument } from './document.ts';
import type { Block } from './text-blocks-logic.ts';
import {
  classifyBlock,
  endsWithTerminal,
  isHeadingLike,
  isRoman,
  letterIndex,
  romanValue,
  stripLeadingNum,
  type BlockClass,
} from './text-classify-logic.ts';
import { stripMarkers } from './text-cleanup-logic.ts';

// Blocks become documents. One builder per document keeps the path of open containers
// (attachment > section > group > rule > paragraph > point); each block is placed in the
// innermost container that can hold it. A Commission report is split into one document per
// draft resolution, draft decision, resolution and decision it contains.

/** A built document before its footnotes and references are resolved. */
export interface BuiltDocument {
  doc: ImportedDocument;
  /** symbol number as printed ("65/230"), resolved to a symbol once the body is known */
  printedNumber: string | null;
}

interface Frame {
  node: DocumentNode;
  /** the container's next expected operative paragraph number, for sequence checks */
  nextParagraph: number;
}

const DOCUMENTATION_HEADING = /^Documentation$/;
const EMBEDDED_DRAFT = /\bfollowing draft (resolution|decision)s?\b[^:]*:$/i;

class DocumentBuilder {
  readonly doc: ImportedDocument;
  printedNumber: string | null = null;
  /** open containers, outermost first; [0] is the root */
  private path: Frame[];
  /** true between a formula and the first operative paragraph of the same container */
  private inPreamble = false;
  private formulaSeen = false;
  private lastPoints: DocumentNode[] = []; // open points, outermost first
  private expectAttachmentTitle = false;
  private expectConclusionDate = false;
  private documentationList: DocumentNode | null = null;

  constructor(
    fields: Partial<ImportedDocument>,
    private readonly diagnostics: Diagnostic[],
  ) {
    const root = createNode('document');
    this.doc = { symbol: null, title: null, body: null, adopted: null, language: null, meeting: null, type: null, partOf: null, ...fields, root, footnotes: [] };
    this.path = [{ node: root, nextParagraph: 1 }];
  }

  get root(): DocumentNode {
    return this.doc.root;
  }

  private top(): Frame {
    return this.path[this.path.length - 1];
  }

  /** Closes containers until the innermost one satisfies `keep`. */
  private closeUntil(keep: (node: DocumentNode) => boolean): Frame {
    while (this.path.length > 1 && !keep(this.top().node)) this.path.pop();
    this.lastPoints = [];
    this.documentationList = null;
    return this.top();
  }

  private open(node: DocumentNode, parent: Frame, nextParagraph = parent.nextParagraph): Frame {
    parent.node.children.push(node);
    const frame = { node, nextParagraph };
    this.path.push(frame);
    return frame;
  }

  private note(line: number, message: string): void {
    this.diagnostics.push({ line, message });
  }

  private isContainerFor(kind: 'section' | 'group' | 'rule' | 'paragraph'): (node: DocumentNode) => boolean {
    const allowed: Record<string, string[]> = {
      section: ['document', 'attachment', 'section'],
      group: ['document', 'attachment', 'section'],
      rule: ['document', 'attachment', 'section', 'hcontainer'],
      paragraph: ['document', 'attachment', 'section', 'hcontainer', 'rule'],
    };
    return (node) => allowed[kind].includes(node.kind);
  }

  /** The frame whose numbering an operative paragraph continues: groups and sections share their container's. */
  private numberingFrame(): Frame {
    for (let index = this.path.length - 1; index >= 0; index--) {
      const kind = this.path[index].node.kind;
      if (kind === 'document' || kind === 'attachment' || kind === 'rule') return this.path[index];
    }
    return this.path[0];
  }

  add(block: Block, cls: BlockClass, next: Block | undefined): void {
    const text = block.text;
    if (this.expectConclusionDate && cls.type === 'date') {
      const conclusions = this.root.children[this.root.children.length - 1];
      conclusions.text = `${conclusions.text}\n${stripMarkers(text).trim()}`;
      this.doc.adopted ??= cls.date;
      this.expectConclusionDate = false;
      return;
    }
    this.expectConclusionDate = false;

    if (this.expectAttachmentTitle) {
      this.expectAttachmentTitle = false;
      if (cls.type === 'headingLike' || cls.type === 'text' && isHeadingLike(text)) {
        const attachment = this.top().node;
        attachment.heading = text;
        return;
      }
    }

    switch (cls.type) {
      case 'adoptionLine':
        this.doc.body ??= cls.body;
        this.doc.adopted ??= cls.date;
        this.addFrontHeading(text);
        return;
      case 'numberTitle':
        this.printedNumber = cls.number;
        if (this.doc.title) this.addFrontHeading(text);
        else this.doc.title = cls.title;
        return;
      case 'symbolLine':
        this.doc.symbol ??= cls.symbol;
        this.doc.body ??= cls.body;
        this.addFrontHeading(text);
        return;
      case 'formula':
        return this.addFormula(text, cls.body);
      case 'annex':
        return this.addAttachment(text);
      case 'conclusions':
        return this.addConclusions(text, cls.meeting, cls.date);
      case 'section':
        return this.addSection(text, cls.level, cls.num);
      case 'rule':
        return this.addRule(cls.num);
      case 'crossReference':
        return this.addCrossReference(text);
      case 'numbered':
        if (this.isGroupHeading(cls, next)) return this.addGroup(text, cls.num);
        return this.addParagraph(text, cls.num, block.line);
      case 'point':
        if (this.isGroupHeading(cls, next)) return this.addSubgroup(text, cls.num);
        return this.addPoint(text, cls.num, block.line);
      case 'headingLike':
        return this.addHeadingLike(text, block.line, next);
      default:
        return this.addText(text, block.line, next);
    }
  }

  private addFrontHeading(text: string): void {
    this.root.children.push(createNode('heading', { text }));
  }

  private addFormula(text: string, body: string | null): void {
    const frame = this.closeUntil((node) => node.kind === 'document' || node.kind === 'attachment');
    if (frame.node.kind === 'document' && body) this.doc.body ??= body;
    frame.node.children.push(createNode('formula', { text }));
    this.inPreamble = true;
    this.formulaSeen = true;
  }

  private addAttachment(text: string): void {
    const root = this.closeUntil((node) => node.kind === 'document');
    const attachment = createNode('attachment', { num: stripMarkers(text).trim() });
    this.open(attachment, root, 1);
    this.inPreamble = false;
    this.expectAttachmentTitle = true;
  }

  /** A resolution that recommends a draft to another body carries the draft inside it. */
  private openEmbeddedDraft(kind: string): void {
    const frame = this.closeUntil((node) => node.kind === 'document' || node.kind === 'attachment');
    const draft = createNode('attachment', { heading: `Draft ${kind.toLowerCase()}` });
    this.open(draft, frame, 1);
    this.inPreamble = false;
  }

  private addConclusions(text: string, meeting: string, date: string | null): void {
    const root = this.closeUntil((node) => node.kind === 'document');
    root.node.children.push(createNode('conclusions', { text: stripMarkers(text).trim() }));
    this.doc.meeting ??= meeting;
    if (date) this.doc.adopted ??= date;
    else this.expectConclusionDate = true;
    this.inPreamble = false;
  }

  private addSection(text: string, level: 'roman' | 'letter', num: string): void {
    const parent =
      level === 'roman'
        ? this.closeUntil((node) => node.kind === 'document' || node.kind === 'attachment')
        : this.closeUntil((node) => node.kind === 'document' || node.kind === 'attachment' || (node.kind === 'section' && /^[IVXL]+\.$/.test(node.num ?? '')));
    // the heading keeps its footnote markers; they become notes on the heading
    this.open(createNode('section', { num, heading: stripLeadingNum(text) }), parent);
    this.inPreamble = false;
  }

  private isGroupHeading(cls: { num: string; rest: string }, next: Block | undefined): boolean {
    if (endsWithTerminal(cls.rest) || cls.rest.length > 120) return false;
    if (!next) return false;
    const following = classifyBlock(next.text);
    return following.type === 'rule' || following.type === 'crossReference';
  }

  private addGroup(text: string, num: string): void {
    const parent = this.closeUntil(this.isContainerFor('group'));
    this.open(createNode('hcontainer', { num, heading: stripLeadingNum(text) }), parent);
    this.inPreamble = false;
  }

  /**
   * "(a) Medical screening on entry" before a rule or a cross-reference note is the title of a
   * group inside a numbered group ("6. Health-care services"), not a point of the rule before it.
   */
  private addSubgroup(text: string, num: string): void {
    const parent = this.closeUntil((node) => this.isContainerFor('group')(node) || (node.kind === 'hcontainer' && !/^\(/.test(node.num ?? '')));
    this.open(createNode('hcontainer', { num, heading: stripLeadingNum(text) }), parent);
    this.inPreamble = false;
  }

  private addRule(num: string): void {
    const parent = this.closeUntil(this.isContainerFor('rule'));
    this.open(createNode('rule', { num: `Rule ${num}` }), parent, 1);
    this.inPreamble = false;
  }

  private addCrossReference(text: string): void {
    const parent = this.closeUntil(this.isContainerFor('rule'));
    parent.node.children.push(createNode('heading', { text }));
  }

  private addParagraph(text: string, num: string, line: number): void {
    const parent = this.closeUntil(this.isContainerFor('paragraph'));
    const numbering = this.numberingFrame();
    const value = Number.parseInt(num, 10);
    if (value !== numbering.nextParagraph && value !== 1) {
      this.note(line, `paragraph ${value} follows paragraph ${numbering.nextParagraph - 1}: a paragraph may be missing or out of order`);
    }
    numbering.nextParagraph = value + 1;
    const paragraph = createNode('paragraph', { num, text: stripLeadingNum(text) });
    this.open(paragraph, parent);
    this.inPreamble = false;
    if (EMBEDDED_DRAFT.test(stripMarkers(text).trim()) && parent.node.kind === 'document' && this.doc.type !== 'report') {
      this.openEmbeddedDraft(EMBEDDED_DRAFT.exec(stripMarkers(text).trim())![1]);
    }
  }

  private addPoint(text: string, num: string, line: number): void {
    const label = num.slice(1, -1);
    const point = createNode('point', { num, text: stripLeadingNum(text) });
    const first = this.lastPoints[0];
    if (!first) {
      this.topLevelRoman = label === 'i';
      // Points belong to the paragraph or rule they follow, or to the container itself.
      this.top().node.children.push(point);
      this.lastPoints = [point];
      if (this.top().node.kind !== 'recital') this.inPreamble = false;
      return;
    }
    const firstLabel = first.num!.slice(1, -1);
    const firstIsRoman = this.topLevelRoman;
    const continuesFirst = firstIsRoman
      ? isRoman(label) && romanValue(label) === romanValue(firstLabel) + 1
      : letterIndex(label) === letterIndex(firstLabel) + 1;
    if (continuesFirst || !isRoman(label) || firstIsRoman) {
      if (!continuesFirst) this.note(line, `point (${label}) follows (${firstLabel}): a point may be missing or out of order`);
      this.parentOf(first).children.push(point);
      this.lastPoints = [point];
      return;
    }
    // "(i)" after "(c)" opens a list of roman numerals inside (c).
    const previous = this.lastPoints[1]?.num?.slice(1, -1);
    const expected = previous ? romanValue(previous) + 1 : 1;
    if (romanValue(label) !== expected) this.note(line, `point (${label}) follows ${previous ? `(${previous})` : `(${firstLabel})`}: a point may be missing or out of order`);
    first.children.push(point);
    this.lastPoints = [first, point];
  }

  private topLevelRoman = false;

  private parentOf(point: DocumentNode): DocumentNode {
    const top = this.top().node;
    return top.children.includes(point) ? top : (this.findParent(top, point) ?? top);
  }

  private findParent(from: DocumentNode, target: DocumentNode): DocumentNode | null {
    for (const child of from.children) {
      if (child === target) return from;
      const found = this.findParent(child, target);
      if (found) return found;
    }
    return null;
  }

  private addHeadingLike(text: string, line: number, next: Block | undefined): void {
    const plain = stripMarkers(text).trim();
    if (this.documentationList) {
      this.documentationList.children.push(createNode('paragraph', { text }));
      return;
    }
    if (DOCUMENTATION_HEADING.test(plain)) {
      const list = createNode('hcontainer', { heading: text });
      this.top().node.children.push(list);
      this.documentationList = list;
      return;
    }
    if (!this.formulaSeen && !this.insideAttachment()) return this.addFrontMatter(text);
    if (this.inPreamble) return this.addText(text, line, next);
    // A titled group: "Preliminary observations", "Recommendations on training".
    const parent = this.closeUntil(this.isContainerFor('group'));
    this.open(createNode('hcontainer', { heading: text }), parent);
  }

  private insideAttachment(): boolean {
    return this.path.some((frame) => frame.node.kind === 'attachment');
  }

  /** Before the formula: the document's title, then any other front matter. */
  private addFrontMatter(text: string): void {
    if (this.doc.title) this.addFrontHeading(text);
    else this.doc.title = stripMarkers(text).trim();
  }

  private addText(text: string, line: number, next?: Block): void {
    const plain = stripMarkers(text).trim();
    const beforeFormula = !this.formulaSeen && !this.insideAttachment();
    if (beforeFormula && !this.root.children.length && !this.doc.title && !endsWithTerminal(plain)) {
      return this.addFrontMatter(text);
    }
    // Decisions have no formula; in anything else, text before it is not where it belongs.
    if (beforeFormula && this.doc.type !== 'decision' && this.doc.type !== 'report') {
      this.note(line, 'text before the enacting formula ("The General Assembly,"): kept as an unnumbered paragraph');
    }
    // A preambular paragraph may introduce points; one that introduces numbered paragraphs
    // ("Declare as follows:") or a draft is operative.
    const introducesOperative =
      (plain.endsWith(':') && (EMBEDDED_DRAFT.test(plain) || !next || classifyBlock(next.text).type !== 'point')) ||
      (startsWithOperativeVerb(plain) && !plain.endsWith(','));
    if (this.inPreamble && !introducesOperative) {
      const frame = this.closeUntil((node) => node.kind === 'document' || node.kind === 'attachment');
      this.open(createNode('recital', { text }), frame);
      return;
    }
    this.inPreamble = false;
    if (EMBEDDED_DRAFT.test(plain) && this.doc.type !== 'report') {
      const frame = this.closeUntil((node) => node.kind === 'document' || node.kind === 'attachment');
      frame.node.children.push(createNode('paragraph', { text }));
      this.openEmbeddedDraft(EMBEDDED_DRAFT.exec(plain)![1]);
      return;
    }
    const top = this.top().node;
    if (top.kind === 'rule' && !top.text && top.children.every((child) => child.kind === 'heading')) {
      top.text = text;
      return;
    }
    // Unnumbered text after a paragraph's points closes the paragraph: it is its own paragraph.
    const parent = this.closeUntil((node) => node.kind !== 'paragraph' && node.kind !== 'point' && node.kind !== 'recital');
    parent.node.children.push(createNode('paragraph', { text }));
  }
}

export interface TreeResult {
  documents: BuiltDocument[];
  diagnostics: Diagnostic[];
}

interface ReportState {
  builder: DocumentBuilder;
  chapter: string | null;
  section: string | null;
  sectionFrameNode: DocumentNode;
  nextSectionLetter: string;
  nextParagraph: number;
}

/** Builds the documents a sequence of blocks holds. */
export function buildDocuments(blocks: Block[], hints: DocumentHints): TreeResult {
  const diagnostics: Diagnostic[] = [];
  const built: DocumentBuilder[] = [];
  let current = new DocumentBuilder({}, diagnostics);
  built.push(current);
  let report: ReportState | null = null;

  const reportSymbol = () => report?.builder.doc.symbol ?? hints.symbol ?? null;

  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    const next = blocks[index + 1];
    const cls = classifyBlock(block.text);

    if (cls.type === 'chapter' && (!report || current === report.builder)) {
      // A report: its own paragraphs stay in the report, its drafts and resolutions become documents.
      if (!report) {
        current.doc.type = 'report';
        report = { builder: current, chapter: null, section: null, sectionFrameNode: current.root, nextSectionLetter: 'A', nextParagraph: 1 };
      }
      report.chapter = cls.num;
      report.section = null;
      const heading = next && classifyBlock(next.text).type === 'headingLike' ? next.text : null;
      const chapter = createNode('section', { num: `Chapter ${cls.num}`, heading });
      report.builder.root.children.push(chapter);
      report.sectionFrameNode = chapter;
      current = report.builder;
      if (heading) index++;
      continue;
    }

    if (report && cls.type === 'section' && cls.level === 'letter' && cls.num === `${report.nextSectionLetter}.` && next) {
      const following = classifyBlock(next.text);
      if (following.type === 'numbered' && Number.parseInt(following.num, 10) === report.nextParagraph) {
        const section = createNode('section', { num: cls.num, heading: cls.heading });
        const chapterNode = report.builder.root.children.filter((node) => node.kind === 'section').pop() ?? report.builder.root;
        chapterNode.children.push(section);
        report.section = cls.num.slice(0, -1);
        report.nextSectionLetter = String.fromCharCode(report.nextSectionLetter.charCodeAt(0) + 1);
        report.sectionFrameNode = section;
        current = report.builder;
        // the report's own paragraph that introduces the drafts
        section.children.push(createNode('paragraph', { num: following.num, text: stripLeadingNum(next.text) }));
        report.nextParagraph++;
        index++;
        continue;
      }
    }

    if (cls.type === 'component') {
      if (!report) {
        current.doc.type ??= 'report';
        report = { builder: current, chapter: null, section: null, sectionFrameNode: current.root, nextSectionLetter: 'A', nextParagraph: 1 };
      }
      // A part of a report is cited as "E/2010/30, chap. I, sect. A, draft resolution II".
      const base = reportSymbol();
      const symbol = base ? [base, report.chapter ? `chap. ${report.chapter}` : '', report.section ? `sect. ${report.section}` : '', lowerFirst(cls.designation)].filter(Boolean).join(', ') : null;
      const refs = symbol ? [{ kind: 'citation' as const, text: block.text, start: 0, end: block.text.length, symbol, field: 'text' as const }] : undefined;
      report.sectionFrameNode.children.push(createNode('heading', { text: block.text, refs }));
      current = new DocumentBuilder({ symbol, type: cls.componentType, partOf: reportSymbol() }, diagnostics);
      built.push(current);
      continue;
    }

    current.add(block, cls, next);
  }

  if (report) {
    report.builder.doc.symbol ??= hints.symbol ?? null;
    for (const builder of built) {
      if (builder === report.builder) continue;
      builder.doc.partOf = report.builder.doc.symbol;
      // Resolutions and decisions of a report were adopted by the body that reports.
      if (builder.doc.type === 'resolution' || builder.doc.type === 'decision') builder.doc.body ??= hints.body ?? null;
    }
  }
  return { documents: built.map((builder) => ({ doc: builder.doc, printedNumber: builder.printedNumber })), diagnostics };
}

/**
 * Operative paragraphs open with a verb in the present ("Adopts", "Also decides", "Declare");
 * preambular ones with a participle or an adjective ("Recalling", "Aware", "Desirous").
 */
export function startsWithOperativeVerb(text: string): boolean {
  const words = text.split(/\s+/, 2);
  const verb = /^(?:Also|Further|Again|Hereby)$/.test(words[0]) ? (words[1] ?? '') : words[0];
  return /^Declares?$/.test(verb) || (/^[A-Z]?[a-z]{2,}s$/.test(verb) && !/(?:ous|ss|ous)$/.test(verb) && verb.toLowerCase() !== 'whereas');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
