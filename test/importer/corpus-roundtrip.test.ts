// Every English resolution of the corpus is read twice: as Akoma Ntoso XML (readAkn) and as the
// text a PDF export of it would give (importText of renderAknAsPdfText). Both trees must hold
// what the markup holds: the same recitals, numbered operative paragraphs, points, annexes and
// footnotes, each footnote's reference on the node whose text carried its marker.
//
// What the markup holds is counted here directly with xmldom, not with the AKN reader, so that
// the two importers are checked against the files themselves.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DOMParser, type Document, type Element, type Node, type Text } from '@xmldom/xmldom';
import { readAkn } from '../../src/importer/akn-reader-logic.ts';
import type { Diagnostic, DocumentNode, ImportResult } from '../../src/importer/document.ts';
import { importText } from '../../src/importer/text-import-logic.ts';
import { renderAknAsPdfText } from '../helpers/render-pdf-text.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS_DIR = process.env.NORMHUB_CORPUS_DIR?.trim() || path.resolve(PROJECT_ROOT, '..', 'shared', 'corpus', 'unxml');

type SiteKind = 'recital' | 'paragraph' | 'point';

interface Counts {
  recitals: number;
  numbered: number;
  points: number;
}

/** Where a footnote marker stands: the kind of node, in which part (-1: the resolution, n: annex n), after which words. */
interface NoteSite {
  marker: string;
  text: string;
  kind: SiteKind;
  part: number;
  before: string;
}

interface Expected {
  parts: Counts[]; // [resolution, annex 1, annex 2, ...]
  notes: NoteSite[];
}

// Diagnostics an importer may legitimately give on a file of the corpus, each with its reason.
// Any diagnostic not matched here fails the test: a clean file should import cleanly.
const EXPLAINED_DIAGNOSTICS: Array<{ file: RegExp; message: RegExp; why: string }> = [
  {
    file: /^A-RES-77-325$/,
    message: /^link to https:\/\/digitallibrary\.un\.org\/record\/3933854\/.* names no United Nations document symbol$/,
    why: 'the first recital cites resolution 75/311 through a PDF of the UN Digital Library, not an undocs.org link: the reader cannot take a symbol from its href, and says so',
  },
  {
    file: /^A-RES-77-325$/,
    message: /^link to file:\/\/\/C:\/Users\/.* names no United Nations document symbol$/,
    why: 'footnote 4 ("UNEP/EA.5/Res.6.") links to a file on the editor\'s own computer (file:///C:/Users/...): no symbol can come from that href',
  },
];

// ---------------------------------------------------------------------------------------------
// The markup's own account.

type El = Element;

function elementChildren(node: Node): El[] {
  const out: El[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as El);
  return out;
}

function child(node: Node, name: string): El | undefined {
  return elementChildren(node).find((el) => el.localName === name);
}

function all(node: Document | El, name: string): El[] {
  return Array.from(node.getElementsByTagName(name)) as El[];
}

function ancestor(node: Node, names: string[]): El | undefined {
  for (let p = node.parentNode; p; p = p.parentNode) if (p.nodeType === 1 && names.includes((p as El).localName ?? '')) return p as El;
  return undefined;
}

/** Text of an element without its footnotes, whitespace collapsed, invisible format characters (LRM) dropped. */
function plainText(node: Node): string {
  let out = '';
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out += (c as Text).data;
      else if (c.nodeType === 1 && (c as El).localName !== 'authorialNote') walk(c);
    }
  };
  walk(node);
  return out.replace(/\p{Cf}/gu, '').replace(/\s+/g, ' ').trim();
}

/** Text of `block` before `note`, footnotes left out. */
function textBefore(block: El, note: El): string {
  let out = '';
  let done = false;
  const walk = (n: Node) => {
    for (let c = n.firstChild; c && !done; c = c.nextSibling) {
      if (c === note) done = true;
      else if (c.nodeType === 3) out += (c as Text).data;
      else if (c.nodeType === 1 && (c as El).localName !== 'authorialNote') walk(c);
    }
  };
  walk(block);
  return out;
}

const FLAT_POINT = /^\([a-z]{1,4}\)\s/; // "(a) We reaffirm...", a point flattened into an unnumbered paragraph
const FLAT_NUMBER = /^\d+\.\s/; // "6. Reaffirms...", a number typed in the text instead of <num>

/**
 * Counts what a reader of the text would count, from the markup:
 * - recitals: each preamble/container is one preambular paragraph, a <blockList> in it included;
 * - numbered paragraphs: paragraphs with <num>; also an unnumbered paragraph whose text starts with
 *   a number ("6.‎ Reaffirms" in A/RES/75/248, where the number was typed in the text): the text
 *   shows a numbered paragraph;
 * - points: <point>, and the <item>s of a blockList ("(a) To promote ...", printed as points),
 *   and unnumbered paragraphs whose text starts with "(a)": several files (A/RES/75/10, 75/161,
 *   75/195, 75/198, and the annex of 76/7) flatten their points into such paragraphs;
 * - annexes: <attachment>. Their content is flattened too (see the corpus README): the "Annex"
 *   line and the title are paragraphs of class H..., unnumbered; the Kyoto Declaration (annex of
 *   A/RES/76/181) opens with "We, Heads of State ...," (its formula) and four preambular
 *   paragraphs ending with a comma ("Assembled at ...,", "Recalling ...,"), then "Declare the
 *   following:" and numbered paragraphs. So in an annex, the unnumbered paragraphs ending with a
 *   comma that follow the first one and come before the first numbered paragraph are recitals, as
 *   they are in the printed declaration (compare the Salvador Declaration in seed 002).
 */
function expectedFromMarkup(xml: string): Expected {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const attachments = all(doc, 'attachment');
  const parts: Counts[] = [{ recitals: 0, numbered: 0, points: 0 }, ...attachments.map(() => ({ recitals: 0, numbered: 0, points: 0 }))];
  const partOf = (el: Node) => {
    const attachment = ancestor(el, ['attachment']);
    return attachment ? attachments.indexOf(attachment) : -1;
  };
  const counts = (el: Node) => parts[partOf(el) + 1]!;
  const kindOfParagraph = new Map<El, SiteKind | 'other'>();

  for (const container of all(doc, 'container')) {
    if (ancestor(container, ['preamble'])) counts(container).recitals++;
  }
  for (const el of [...all(doc, 'point'), ...all(doc, 'item')]) counts(el).points++;

  for (const mainBody of all(doc, 'mainBody')) {
    const inAnnex = partOf(mainBody) >= 0;
    let textParagraphs = 0;
    let seenNumbered = false;
    for (const paragraph of elementChildren(mainBody).filter((el) => el.localName === 'paragraph')) {
      const text = plainText(child(paragraph, 'content') ?? paragraph);
      const numbered = Boolean(child(paragraph, 'num')) || FLAT_NUMBER.test(text);
      const heading = Boolean(child(paragraph, 'subheading')) || (inAnnex && !numbered && /^H/.test(paragraph.getAttribute('class') ?? ''));
      let kind: SiteKind | 'other' = 'other';
      if (!heading) {
        textParagraphs++;
        if (numbered) kind = 'paragraph';
        else if (FLAT_POINT.test(text)) kind = 'point';
        else if (inAnnex && textParagraphs > 1 && !seenNumbered && text.endsWith(',')) kind = 'recital';
      }
      if (kind === 'paragraph') {
        seenNumbered = true;
        counts(paragraph).numbered++;
      } else if (kind === 'point') counts(paragraph).points++;
      else if (kind === 'recital') counts(paragraph).recitals++;
      kindOfParagraph.set(paragraph, kind);
    }
  }

  const notes: NoteSite[] = all(doc, 'authorialNote').map((note) => {
    const block = ancestor(note, ['item', 'point', 'listIntroduction', 'intro', 'container', 'content', 'subheading'])!;
    const holder = ancestor(note, ['item', 'point', 'container', 'paragraph'])!;
    let kind: SiteKind;
    if (holder.localName === 'item' || holder.localName === 'point') kind = 'point';
    else if (holder.localName === 'container') kind = 'recital';
    else {
      const k = kindOfParagraph.get(holder);
      kind = k === 'recital' || k === 'point' ? k : 'paragraph';
    }
    return {
      marker: note.getAttribute('marker') ?? '',
      text: plainText(note),
      kind,
      part: partOf(note),
      before: textBefore(block, note),
    };
  });
  return { parts, notes };
}

// ---------------------------------------------------------------------------------------------
// The importer's account.

function* walk(node: DocumentNode, part: number, annexes: { count: number }): Generator<[DocumentNode, number]> {
  yield [node, part];
  for (const c of node.children) {
    const childPart = c.kind === 'attachment' ? annexes.count++ : part;
    yield* walk(c, childPart, annexes);
  }
}

function countsOf(root: DocumentNode): Counts[] {
  const parts: Counts[] = [{ recitals: 0, numbered: 0, points: 0 }];
  for (const [node, part] of walk(root, -1, { count: 0 })) {
    const counts = (parts[part + 1] ??= { recitals: 0, numbered: 0, points: 0 });
    if (node.kind === 'recital') counts.recitals++;
    else if (node.kind === 'paragraph' && node.num) counts.numbered++;
    else if (node.kind === 'point') counts.points++;
  }
  return parts;
}

/** Letters and digits only: line breaks, hyphenation, spacing, quotes and invisible marks do not count. */
function letters(text: string): string {
  return text.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');
}

function describe(parts: Counts[]): string {
  return parts.map((c, i) => `${i === 0 ? 'resolution' : `annex ${i}`}: ${c.recitals} recitals, ${c.numbered} numbered paragraphs, ${c.points} points`).join('; ');
}

function checkImport(file: string, result: ImportResult, expected: Expected, source: string): void {
  const unexplained = result.diagnostics.filter(
    (d: Diagnostic) => !EXPLAINED_DIAGNOSTICS.some((e) => e.file.test(file) && e.message.test(d.message)),
  );
  assert.deepEqual(unexplained, [], `${source}: unexplained diagnostics`);
  assert.equal(result.documents.length, 1, `${source}: one resolution, one document`);
  const document = result.documents[0]!;

  // Same structure, part by part (the resolution, then each annex).
  assert.equal(describe(countsOf(document.root)), describe(expected.parts), `${source}: structure`);

  // Every footnote, with its text.
  const footnotes = new Map(document.footnotes.map((f) => [f.marker, f]));
  assert.deepEqual(
    document.footnotes.map((f) => f.marker),
    expected.notes.map((n) => n.marker),
    `${source}: footnote markers`,
  );
  for (const note of expected.notes) {
    const footnote = footnotes.get(note.marker);
    assert.equal(letters(footnote?.text ?? ''), letters(note.text), `${source}: text of footnote ${note.marker}`);
  }

  // Each footnote's reference stands on the node whose text carried the marker, right after
  // the words that preceded it.
  const refs = new Map<string, Array<{ node: DocumentNode; part: number; at: number }>>();
  for (const [node, part] of walk(document.root, -1, { count: 0 })) {
    for (const ref of node.notes ?? []) {
      if (ref.field === 'heading') continue;
      refs.set(ref.marker, [...(refs.get(ref.marker) ?? []), { node, part, at: ref.at }]);
    }
  }
  for (const note of expected.notes) {
    const found = refs.get(note.marker) ?? [];
    assert.equal(found.length, 1, `${source}: footnote ${note.marker} should be referred to once, from a ${note.kind} after "…${note.before.slice(-40)}"`);
    const { node, part, at } = found[0]!;
    const where = `${source}: footnote ${note.marker} referred to from ${node.kind} ${node.id} "${(node.text ?? '').slice(0, 60)}…"`;
    assert.equal(node.kind, note.kind, `${where}, expected a ${note.kind}`);
    assert.equal(part, note.part, `${where}, expected in ${note.part < 0 ? 'the resolution' : `annex ${note.part + 1}`}`);
    const tail = letters(note.before).slice(-30);
    const textBeforeRef = letters((node.text ?? '').slice(0, at));
    assert.ok(textBeforeRef.endsWith(tail), `${where}: the marker should follow "${tail}", but follows "${textBeforeRef.slice(-30)}"`);
  }
}

// ---------------------------------------------------------------------------------------------

assert.ok(existsSync(CORPUS_DIR), `the corpus is expected at ${CORPUS_DIR} (or set NORMHUB_CORPUS_DIR)`);
const files = readdirSync(CORPUS_DIR)
  .filter((dir) => existsSync(path.join(CORPUS_DIR, dir, 'en.xml')))
  .sort();

test('the corpus holds English resolutions to check', () => {
  assert.ok(files.length >= 40, `only ${files.length} English files under ${CORPUS_DIR}`);
});

for (const dir of files) {
  test(`${dir}/en.xml`, async (t) => {
    const xml = readFileSync(path.join(CORPUS_DIR, dir, 'en.xml'), 'utf8');
    const expected = expectedFromMarkup(xml);

    await t.test('read as Akoma Ntoso XML', () => {
      checkImport(dir, readAkn(xml), expected, 'readAkn');
    });

    await t.test('imported from its PDF rendering', () => {
      const text = renderAknAsPdfText(xml);
      checkImport(dir, importText(text), expected, 'importText');
    });
  });
}
