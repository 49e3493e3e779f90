import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { walkNodes, type DocumentNode, type DocumentType, type Footnote, type ImportedDocument, type NoteRef, type Reference } from './document.ts';

// Writes an imported document as Akoma Ntoso 3.0 that validates against the OASIS schema
// (shared/schemas/akn/akomantoso30.xsd). akn-reader-logic.ts reads it back to the same tree.

const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

const LANGUAGE_CODES: Record<string, string> = { en: 'eng', fr: 'fra', es: 'spa', ru: 'rus', ar: 'ara', zh: 'zho' };

/** Actors in AKN URIs, as DGACM writes them; other bodies get a slug of their name. */
const ACTORS: Record<string, string> = {
  'General Assembly': 'unga',
  'Economic and Social Council': 'unecosoc',
  'Security Council': 'unsc',
  'Human Rights Council': 'unhrc',
};

// Types AKN models as a deliberation (statement); reports and the rest are generic docs.
const STATEMENT_TYPES = new Set<DocumentType>(['resolution', 'decision', 'draftResolution', 'draftDecision', 'declaration']);

/** Node kinds that have an AKN element of their own; the others become a named hcontainer. */
const HIERARCHY_ELEMENTS: Partial<Record<DocumentNode['kind'], string>> = {
  paragraph: 'paragraph',
  point: 'point',
  section: 'section',
  rule: 'rule',
};

const PUBLISHER_ID = 'org_normhub';
const UNKNOWN_DATE = '0001-01-01';

interface WriteContext {
  doc: ImportedDocument;
  usedIds: Set<string>;
  noteCount: number;
  /** footnotes still to be placed at a marker, by marker, in document order */
  footnotesByMarker: Map<string, Footnote[]>;
  /** footnotes that no marker in the tree points at */
  unplaced: Footnote[];
}

export function writeAkn(doc: ImportedDocument): string {
  const ctx: WriteContext = { doc, usedIds: new Set(), noteCount: 0, footnotesByMarker: new Map(), unplaced: [] };
  const markers = new Map<string, number>();
  for (const [node] of walkNodes(doc.root)) {
    for (const note of node.notes ?? []) markers.set(note.marker, (markers.get(note.marker) ?? 0) + 1);
  }
  for (const footnote of doc.footnotes) {
    const list = ctx.footnotesByMarker.get(footnote.marker) ?? [];
    if (list.length < (markers.get(footnote.marker) ?? 0)) list.push(footnote);
    else ctx.unplaced.push(footnote);
    ctx.footnotesByMarker.set(footnote.marker, list);
  }

  const builder = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
  const akn = builder.ele('akomaNtoso', { xmlns: AKN_NAMESPACE });
  const type = doc.type ?? null;
  const element = type && STATEMENT_TYPES.has(type) ? 'statement' : 'doc';
  const main = akn.ele(element, { name: type ?? 'document' });
  const uris = documentUris(doc, element);

  writeMeta(main, uris, null, ctx);
  if (doc.symbol) main.ele('coverPage').ele('p').ele('docNumber').txt(doc.symbol);
  if (doc.title || doc.root.heading || doc.root.text) {
    const preface = main.ele('preface');
    if (doc.title) preface.ele('p').ele('docTitle').txt(doc.title);
    // the root rarely has words of its own; if it has, they are kept
    if (doc.root.heading) preface.ele('p').txt(doc.root.heading);
    if (doc.root.text) preface.ele('p').txt(doc.root.text);
  }
  writeParts(main, doc.root.children, uris, ctx);
  return builder.end({ prettyPrint: false });
}

// ---------------------------------------------------------------------------------------
// Metadata

interface Uris {
  work: string;
  expression: string;
  manifestation: string;
  date: string;
  language: string;
  authorId: string;
}

function documentUris(doc: ImportedDocument, element: string): Uris {
  const date = doc.adopted && /^\d{4}-\d{2}-\d{2}$/.test(doc.adopted) ? doc.adopted : UNKNOWN_DATE;
  const actor = doc.body ? ACTORS[doc.body] ?? (slug(doc.body) || 'un') : 'un';
  const number = doc.symbol ? encodeURIComponent(doc.symbol.replace(/\//g, '-').replace(/\s+/g, '_')) : 'unnumbered';
  const language = doc.language ? LANGUAGE_CODES[doc.language] ?? doc.language : 'und';
  const work = `/akn/un/${element}/${encodeURIComponent(doc.type ?? 'document')}/${actor}/${date}/${number}`;
  const expression = `${work}/${language}@`;
  return {
    work,
    expression,
    manifestation: `${expression}/!main.xml`,
    date,
    language,
    // the reader finds the body again from the showAs of this TLCOrganization
    authorId: doc.body ? `org_${slug(doc.body) || 'body'}` : 'org_unknown',
  };
}

/** `component` is the eId of an attachment, null for the main document. */
function writeMeta(parent: XMLBuilder, uris: Uris, component: string | null, ctx: WriteContext): void {
  const meta = parent.ele('meta');
  const suffix = component ? `/!${component}` : '/!main';
  const identification = meta.ele('identification', { source: `#${PUBLISHER_ID}` });
  const work = identification.ele('FRBRWork');
  work.ele('FRBRthis', { value: `${uris.work}${suffix}` });
  work.ele('FRBRuri', { value: uris.work });
  work.ele('FRBRdate', { date: uris.date, name: 'adoption' });
  work.ele('FRBRauthor', { href: `#${uris.authorId}`, as: '#author' });
  work.ele('FRBRcountry', { value: 'un' });
  const expression = identification.ele('FRBRExpression');
  expression.ele('FRBRthis', { value: `${uris.expression}${suffix}` });
  expression.ele('FRBRuri', { value: uris.expression });
  expression.ele('FRBRdate', { date: uris.date, name: 'adoption' });
  expression.ele('FRBRauthor', { href: `#${uris.authorId}`, as: '#author' });
  expression.ele('FRBRlanguage', { language: uris.language });
  const manifestation = identification.ele('FRBRManifestation');
  manifestation.ele('FRBRthis', { value: component ? `${uris.expression}${suffix}.xml` : uris.manifestation });
  manifestation.ele('FRBRuri', { value: uris.manifestation });
  // the adoption date again, not today's: the same tree always gives the same XML
  manifestation.ele('FRBRdate', { date: uris.date, name: 'adoption' });
  manifestation.ele('FRBRauthor', { href: `#${PUBLISHER_ID}`, as: '#editor' });
  if (component) return;

  // eIds must be unique in the whole document, attachments included: the references live
  // only in the main meta, with ids that node ids (which never hold "_") cannot take.
  const references = meta.ele('references', { source: `#${PUBLISHER_ID}` });
  references.ele('TLCOrganization', { eId: PUBLISHER_ID, href: '/akn/ontology/organization/normhub', showAs: 'NormHub' });
  if (ctx.doc.body) {
    references.ele('TLCOrganization', {
      eId: uris.authorId,
      href: `/akn/ontology/organization/un/${slug(ctx.doc.body) || 'body'}`,
      showAs: ctx.doc.body,
    });
  }
  if (ctx.unplaced.length) {
    // footnotes that no marker points at still belong to the document: editorial notes
    const notes = meta.ele('notes', { source: `#${PUBLISHER_ID}` });
    for (const footnote of ctx.unplaced) {
      const note = notes.ele('note', { marker: footnote.marker, eId: nextNoteId(ctx) });
      writeInline(note.ele('p'), footnote.text ?? '', [], footnote.refs ?? [], ctx);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Document parts

/** Writes preamble, mainBody, conclusions and attachments of a document or annex. */
function writeParts(parent: XMLBuilder, children: DocumentNode[], uris: Uris, ctx: WriteContext): void {
  // Only the leading formula and recitals form the preamble, so the order of nodes is kept;
  // a later one goes in the body as a named hcontainer.
  let leading = 0;
  while (leading < children.length && (children[leading].kind === 'formula' || children[leading].kind === 'recital')) leading++;
  const preamble = children.slice(0, leading);
  const rest = children.slice(leading);
  const body = rest.filter((node) => node.kind !== 'conclusions' && node.kind !== 'attachment');
  const conclusions = rest.filter((node) => node.kind === 'conclusions');
  const attachments = rest.filter((node) => node.kind === 'attachment');

  if (preamble.length) {
    const element = parent.ele('preamble');
    for (const node of preamble) writePreambleNode(element, node, ctx);
  }
  const mainBody = parent.ele('mainBody');
  for (const node of body) writeHierarchy(mainBody, node, ctx);
  // mainBody may not be empty
  if (!body.length) mainBody.ele('p');
  if (conclusions.length) {
    const element = parent.ele('conclusions');
    for (const node of conclusions) writeConclusions(element, node, ctx);
  }
  if (attachments.length) {
    const element = parent.ele('attachments');
    attachments.forEach((node, index) => writeAttachment(element, node, index + 1, uris, ctx));
  }
}

function writePreambleNode(parent: XMLBuilder, node: DocumentNode, ctx: WriteContext): void {
  const element =
    node.kind === 'formula'
      ? parent.ele('formula', withId({ name: 'enactingFormula' }, node, ctx))
      : parent.ele('container', withId({ name: 'recital' }, node, ctx));
  writeTextBlocks(element, node, ctx);
}

/** A formula or recital: its text as a <p>, or as a blockList whose items are its points. */
function writeTextBlocks(parent: XMLBuilder, node: DocumentNode, ctx: WriteContext): void {
  if (node.num || node.heading) {
    // containers have no num or heading of their own; they lead the text
    const lead = parent.ele('p', { class: 'label' });
    if (node.num) lead.ele('span', { class: 'num' }).txt(node.num);
    if (node.heading) writeInline(lead.ele('span', { class: 'heading' }), node.heading, [], headingRefs(node), ctx);
  }
  if (!node.children.length) {
    writeInline(parent.ele('p'), node.text ?? '', node.notes ?? [], textRefs(node), ctx);
    return;
  }
  writeBlockList(parent, node, ctx);
}

function writeBlockList(parent: XMLBuilder, node: DocumentNode, ctx: WriteContext): void {
  const list = parent.ele('blockList');
  if (node.text || node.notes?.length) writeInline(list.ele('listIntroduction'), node.text ?? '', node.notes ?? [], textRefs(node), ctx);
  for (const point of node.children) {
    const item = list.ele('item', withId({}, point, ctx));
    if (point.num) item.ele('num').txt(point.num);
    if (point.heading) writeInline(item.ele('heading'), point.heading, [], headingRefs(point), ctx);
    writeInline(item.ele('p'), point.text ?? '', point.notes ?? [], textRefs(point), ctx);
    if (point.children.length) writeBlockList(item, { ...point, text: null, notes: [], refs: [] }, ctx);
  }
}

function writeHierarchy(parent: XMLBuilder, node: DocumentNode, ctx: WriteContext): void {
  const name = HIERARCHY_ELEMENTS[node.kind];
  const element = name
    ? parent.ele(name, withId({}, node, ctx))
    : parent.ele('hcontainer', withId({ name: node.kind === 'hcontainer' ? 'group' : node.kind }, node, ctx));
  if (node.num) element.ele('num').txt(node.num);
  if (node.heading) writeInline(element.ele('heading'), node.heading, [], headingRefs(node), ctx);
  const hasText = !!node.text || !!node.notes?.length;
  if (!node.children.length) {
    writeInline(element.ele('content').ele('p'), node.text ?? '', node.notes ?? [], textRefs(node), ctx);
    return;
  }
  if (hasText) writeInline(element.ele('intro').ele('p'), node.text ?? '', node.notes ?? [], textRefs(node), ctx);
  for (const childNode of node.children) writeHierarchy(element, childNode, ctx);
}

function writeConclusions(parent: XMLBuilder, node: DocumentNode, ctx: WriteContext): void {
  const p = parent.ele('p', withId({}, node, ctx));
  const text = node.text ?? '';
  const firstLine = text.split('\n')[0];
  const meeting = ctx.doc.meeting;
  const notesInFirstLine = (node.notes ?? []).some((note) => note.at <= firstLine.length);
  const refsInFirstLine = textRefs(node).some((ref) => ref.start < firstLine.length);
  if (meeting && firstLine === meeting && !notesInFirstLine && !refsInFirstLine) {
    // the reader takes the meeting of adoption from this inline, as DGACM marks it
    p.ele('inline', { name: 'adoptionMeeting' }).txt(meeting);
    const rest = text.slice(firstLine.length);
    const shift = (at: number) => at - firstLine.length;
    writeInline(
      p,
      rest,
      (node.notes ?? []).map((note) => ({ ...note, at: shift(note.at) })),
      textRefs(node).map((ref) => ({ ...ref, start: shift(ref.start), end: shift(ref.end) })),
      ctx,
    );
    return;
  }
  writeInline(p, text, node.notes ?? [], textRefs(node), ctx);
}

function writeAttachment(parent: XMLBuilder, node: DocumentNode, ordinal: number, uris: Uris, ctx: WriteContext): void {
  const attachment = parent.ele('attachment', withId({}, node, ctx));
  if (node.num) attachment.ele('num').txt(node.num);
  if (node.heading) writeInline(attachment.ele('heading'), node.heading, [], headingRefs(node), ctx);
  const doc = attachment.ele('doc', { name: 'annex' });
  writeMeta(doc, uris, eIdOf(node) ?? `annex_${ordinal}`, ctx);
  if (node.text || node.notes?.length) {
    // an annex's own text (rare) stands in its preface
    writeInline(doc.ele('preface').ele('p'), node.text ?? '', node.notes ?? [], textRefs(node), ctx);
  }
  writeParts(doc, node.children, uris, ctx);
}

// ---------------------------------------------------------------------------------------
// Inline text: footnote markers and citations at their offsets

function writeInline(parent: XMLBuilder, text: string, notes: NoteRef[], refs: Reference[], ctx: WriteContext): void {
  const sortedNotes = notes
    .map((note) => ({ ...note, at: Math.min(Math.max(0, note.at), text.length) }))
    .sort((a, b) => a.at - b.at);
  // spans that cannot be written (outside the text, empty or overlapping) are left as text
  const sortedRefs: Reference[] = [];
  for (const ref of [...refs].sort((a, b) => a.start - b.start)) {
    const last = sortedRefs[sortedRefs.length - 1];
    if (ref.start < 0 || ref.end > text.length || ref.end <= ref.start) continue;
    if (last && ref.start < last.end) continue;
    sortedRefs.push(ref);
  }

  let position = 0;
  let nextNote = 0;
  /** Writes text up to `end`, placing the markers that stand before `end` (or at it, if `closing`). */
  const writeUpTo = (target: XMLBuilder, end: number, closing: boolean) => {
    while (nextNote < sortedNotes.length && (sortedNotes[nextNote].at < end || (closing && sortedNotes[nextNote].at === end))) {
      const note = sortedNotes[nextNote++];
      writeText(target, text.slice(position, note.at));
      position = note.at;
      writeNote(target, note.marker, ctx);
    }
    writeText(target, text.slice(position, end));
    position = end;
  };

  for (const ref of sortedRefs) {
    // a marker standing where the citation starts belongs after the preceding word
    writeUpTo(parent, ref.start, true);
    const attributes: Record<string, string> = { href: hrefOf(ref) };
    if (ref.kind === 'crossReference') attributes.class = 'crossReference';
    writeUpTo(parent.ele('ref', attributes), ref.end, false);
  }
  writeUpTo(parent, text.length, true);
}

function writeText(parent: XMLBuilder, text: string): void {
  // a line break (conclusions: meeting, then date) is an <eol/>
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (index > 0) parent.ele('eol');
    if (line) parent.txt(line);
  });
}

function writeNote(parent: XMLBuilder, marker: string, ctx: WriteContext): void {
  // each marker takes the next footnote of that marker; a marker with none gets an empty note
  const footnote = ctx.footnotesByMarker.get(marker)?.shift() ?? null;
  const note = parent.ele('authorialNote', { marker, placement: 'bottom', eId: nextNoteId(ctx) });
  writeInline(note.ele('p'), footnote?.text ?? '', [], footnote?.refs ?? [], ctx);
}

function nextNoteId(ctx: WriteContext): string {
  ctx.noteCount++;
  return `fn_${ctx.noteCount}`;
}

function hrefOf(ref: Reference): string {
  if (ref.symbol) return `https://undocs.org/${encodeURI(ref.symbol)}`;
  return '#';
}

function textRefs(node: DocumentNode): Reference[] {
  return (node.refs ?? []).filter((ref) => (ref.field ?? 'text') === 'text');
}

function headingRefs(node: DocumentNode): Reference[] {
  return (node.refs ?? []).filter((ref) => ref.field === 'heading');
}

// ---------------------------------------------------------------------------------------
// eIds

/** "annex-1/sec-I/para-3" → "annex-1__sec-I__para-3": AKN joins levels with "__" and ids hold no spaces. */
function eIdOf(node: DocumentNode): string | null {
  if (!node.id) return null;
  return node.id.replace(/\//g, '__').replace(/\s+/g, '_');
}

function withId(attributes: Record<string, string>, node: DocumentNode, ctx: WriteContext): Record<string, string> {
  let id = eIdOf(node);
  if (!id) return attributes;
  // ids of a hand-made tree may repeat; the schema wants them unique
  if (ctx.usedIds.has(id)) {
    let n = 2;
    while (ctx.usedIds.has(`${id}_${n}`)) n++;
    id = `${id}_${n}`;
  }
  ctx.usedIds.add(id);
  return { ...attributes, eId: id };
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
