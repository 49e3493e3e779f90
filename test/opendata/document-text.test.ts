// renderDocumentText: a document as plain text, on a hand-built document, the five seeds read
// by the text importer and corpus files in the six languages read by the AKN reader.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { readAkn } from '../../src/importer/akn-reader-logic.ts';
import { walkNodes, type DocumentNode, type ImportedDocument } from '../../src/importer/document.ts';
import { importText } from '../../src/importer/text-import-logic.ts';
import { OPENDATA_MESSAGES } from '../../src/opendata/opendata-messages.ts';
import { localeOfLanguage, renderDocumentText, textWithMarkers } from '../../src/opendata/opendata-logic.ts';
import { sampleDocument } from '../helpers/documents.ts';
import { readSeed } from '../helpers/seeds.ts';

const corpus = new URL('../../../shared/corpus/unxml/', import.meta.url);

function readCorpus(folder: string, language: string): ImportedDocument {
  const xml = readFileSync(new URL(`${folder}/${language}.xml`, corpus), 'utf8');
  const result = readAkn(xml, {}, { fileName: `${folder}/${language}.xml` });
  assert.equal(result.documents.length, 1);
  return result.documents[0]!;
}

function markersOf(doc: ImportedDocument): string[] {
  const markers = new Set<string>();
  for (const [node] of walkNodes(doc.root)) for (const note of node.notes ?? []) markers.add(note.marker);
  for (const footnote of doc.footnotes) markers.add(footnote.marker);
  return [...markers];
}

/** Words, with every "[marker]" taken out so that a marker glued to a word does not change it. */
function words(text: string, markers: string[]): string[] {
  let stripped = text;
  for (const marker of markers) stripped = stripped.split(`[${marker}]`).join('');
  return stripped.split(/\s+/).filter(Boolean);
}

function treeWords(doc: ImportedDocument, markers: string[]): string[] {
  const out: string[] = [];
  for (const [node] of walkNodes(doc.root)) {
    for (const part of [node.num, node.heading, node.text]) if (part) out.push(...words(part, markers));
  }
  return out;
}

/** The lines of the tree: after the title and metadata, before the notes. */
function treeSection(doc: ImportedDocument, rendered: string): string[] {
  const lines = rendered.split('\n');
  const title = doc.title ?? doc.symbol ?? '';
  const metadataEnd = lines.findIndex((line, index) => index > 0 && line === '' && index > title.split('\n').length);
  const notesHeading = OPENDATA_MESSAGES[localeOfLanguage(doc.language)]['text.notes'];
  const notesAt = doc.footnotes.length ? lines.lastIndexOf(notesHeading) : lines.length;
  assert.ok(metadataEnd > 0 && notesAt > metadataEnd, 'the tree stands between the metadata and the notes');
  return lines.slice(metadataEnd, notesAt);
}

/** Every claim the plain text makes about a document, checked against its tree. */
function assertFaithful(doc: ImportedDocument, label: string): string {
  const rendered = renderDocumentText(doc);
  const markers = markersOf(doc);
  assert.ok(rendered.endsWith('\n') && !rendered.endsWith('\n\n'), `${label}: one newline at the end`);
  assert.doesNotMatch(rendered, /\n\n\n/, `${label}: no run of blank lines`);
  const title = doc.title ?? doc.symbol!;
  assert.ok(rendered.startsWith(`${title.split('\n')[0]}\n`), `${label}: the title comes first`);
  if (doc.symbol) assert.ok(rendered.includes(`${OPENDATA_MESSAGES[localeOfLanguage(doc.language)]['text.symbol']}: ${doc.symbol}\n`), `${label}: symbol line`);

  // Every word of the tree, in order, and nothing else between the metadata and the notes.
  const tree = treeSection(doc, rendered);
  assert.deepEqual(words(tree.join('\n'), markers), treeWords(doc, markers), `${label}: the words of the tree`);

  // Every footnote marker stands where the tree says it stood.
  const body = tree.join('\n');
  let expectedMarkers = 0;
  for (const [node] of walkNodes(doc.root)) {
    for (const field of ['text', 'heading'] as const) {
      const value = node[field];
      const notes = (node.notes ?? []).filter((note) => (note.field ?? 'text') === field);
      if (!value || notes.length === 0) continue;
      expectedMarkers += notes.length;
      const withMarkers = textWithMarkers(value, notes);
      for (const line of withMarkers.split('\n')) assert.ok(body.includes(line.trimEnd()), `${label}: ${node.id} ${field} with its markers: ${line.slice(0, 80)}`);
      const first = [...notes].sort((a, b) => a.at - b.at)[0]!;
      const at = Math.min(first.at, value.length);
      assert.equal(withMarkers.slice(at, at + first.marker.length + 2), `[${first.marker}]`, `${label}: marker ${first.marker} of ${node.id} at offset ${at}`);
    }
  }
  const literal = markers.reduce((sum, marker) => sum + countOccurrences(treeWords(doc, []).join(' '), `[${marker}]`), 0);
  const inserted = markers.reduce((sum, marker) => sum + countOccurrences(body, `[${marker}]`), 0);
  assert.equal(inserted - literal, expectedMarkers, `${label}: one [marker] per note reference`);

  // The notes, in order, at the end.
  if (doc.footnotes.length) {
    const notes = rendered.slice(rendered.lastIndexOf(`\n${OPENDATA_MESSAGES[localeOfLanguage(doc.language)]['text.notes']}\n`));
    let from = 0;
    for (const footnote of doc.footnotes) {
      const line = `[${footnote.marker}] ${(footnote.text ?? OPENDATA_MESSAGES[localeOfLanguage(doc.language)]['text.noteMissing']).split('\n')[0]}`.trimEnd();
      const at = notes.indexOf(line, from);
      assert.ok(at >= 0, `${label}: note ${footnote.marker} listed in order`);
      from = at + 1;
    }
  }
  return rendered;
}

function countOccurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

function lineOf(rendered: string, start: string): string {
  const line = rendered.split('\n').find((candidate) => candidate.trimStart().startsWith(start));
  assert.ok(line !== undefined, `a line starts with ${start}`);
  return line;
}

const indentation = (line: string) => line.length - line.trimStart().length;

describe('renderDocumentText', () => {
  test('a small document, exactly', () => {
    assert.equal(
      renderDocumentText(sampleDocument()),
      `United Nations standards and norms in crime prevention and criminal justice

Symbol: E/RES/1997/32
Body: Economic and Social Council
Date of adoption: 21 July 1997
Meeting: 36th plenary meeting
Language: English

The Economic and Social Council,

Recalling its resolution 1992/22 of 30 July 1992[1],

1. Requests the Secretary-General to continue to collect information on:
    (a) The use and application of the standards;
    (b) Technical assistance.

Annex

1. The Commission should review the survey instruments.

36th plenary meeting
21 July 1997

Notes

[1] Official Records of the Economic and Social Council, 1992, Supplement No. 1 (E/1992/92).
`,
    );
  });

  test('labels in the document\'s language, a missing note said so, markers in headings, text that looks like markup kept as it is', () => {
    const doc = sampleDocument({ language: 'fr', title: 'Règles <script>alert(1)</script>', adopted: '1997-07-21' });
    doc.root.children[3]!.heading = 'Annexe';
    doc.root.children[3]!.notes = [{ marker: '2', at: 6, field: 'heading' }];
    doc.footnotes.push({ marker: '2', text: null });
    const rendered = assertFaithful(doc, 'french sample');
    assert.ok(rendered.startsWith('Règles <script>alert(1)</script>\n'));
    assert.match(rendered, /^Cote: E\/RES\/1997\/32$/m);
    assert.match(rendered, /^Date d'adoption: 21 juillet 1997$/m);
    assert.match(rendered, /^Annexe\[2\]$/m);
    assert.match(rendered, /^\[2\] Le texte de cette note ne figure pas dans la source\.$/m);
    assert.match(rendered, /^Langue: Français$/m);
  });

  test('an empty tree still gives the title and metadata', () => {
    const rendered = renderDocumentText(sampleDocument({ root: { kind: 'document', id: '', children: [] }, footnotes: [] }));
    assert.equal(rendered.split('\n')[0], 'United Nations standards and norms in crime prevention and criminal justice');
    assert.doesNotMatch(rendered, /Notes/);
  });

  for (const prefix of ['000', '001', '002', '003', '004'] as const) {
    test(`seed ${prefix}: every word of the tree, markers at their offsets, notes at the end`, () => {
      const { text, hints } = readSeed(prefix);
      const result = importText(text, hints);
      assert.ok(result.documents.length >= 1);
      for (const doc of result.documents) assertFaithful(doc, `seed ${prefix} ${doc.symbol}`);
    });
  }

  test('seed 000 (Standard Minimum Rules): nesting is shown by indentation', () => {
    const { text, hints } = readSeed('000');
    const doc = importText(text, hints).documents[0]!;
    const rendered = renderDocumentText(doc);
    // a point sits deeper than the paragraph or rule that holds it
    let checked = 0;
    for (const [node, parents] of walkNodes(doc.root)) {
      const parent = parents.at(-1) as DocumentNode | undefined;
      if (node.kind !== 'point' || !node.num || !node.text || !parent?.text || !parent.num) continue;
      const parentLine = lineOf(rendered, `${parent.num} ${parent.text.split('\n')[0]!.slice(0, 40)}`);
      const pointLine = lineOf(rendered, `${node.num} ${node.text.split('\n')[0]!.slice(0, 40)}`);
      assert.ok(indentation(pointLine) > indentation(parentLine), `${node.id} is indented under ${parent.id}`);
      checked++;
    }
    assert.ok(checked > 5, `points checked: ${checked}`);
  });

  for (const folder of ['A-RES-75-10', 'A-RES-76-181', 'A-RES-77-113']) {
    test(`corpus ${folder} in the six languages`, () => {
      for (const language of ['ar', 'en', 'es', 'fr', 'ru', 'zh']) {
        const doc = readCorpus(folder, language);
        const rendered = assertFaithful(doc, `${folder}/${language}`);
        assert.ok(rendered.includes(`${OPENDATA_MESSAGES[localeOfLanguage(language)]['text.symbol']}: ${doc.symbol}`));
      }
    });
  }
});
