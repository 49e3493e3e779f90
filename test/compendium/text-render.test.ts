// The reader's renderer on hand-made nodes: the notes listed under a provision.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeNotes, type TextRenderOptions } from '../../src/compendium/views/text-render.ts';
import type { DocumentNode, Footnote } from '../../src/importer/document.ts';

function options(footnotes: Footnote[]): TextRenderOptions {
  return {
    locale: 'en',
    language: 'en',
    footnotes,
    importedSymbols: new Set(),
    anchorOf: (node) => node.id,
    permalinkOf: () => null,
    permalinkLabel: 'Permalink',
    notesLabel: 'Notes',
    backLabel: 'Back to the text',
  };
}

test('a note list item carries value only for a numeric marker: "*" and "a" keep the list count (valid HTML)', () => {
  const node: DocumentNode = {
    kind: 'paragraph',
    id: 'para-1',
    text: 'Text with three notes.',
    notes: [
      { marker: '12', at: 4 },
      { marker: '*', at: 9 },
      { marker: 'a', at: 15 },
    ],
    children: [],
  };
  const rendered = String(nodeNotes(node, options([
    { marker: '12', text: 'A numbered note.' },
    { marker: '*', text: 'A starred note.' },
    { marker: 'a', text: 'A lettered note.' },
  ])));
  const items = [...rendered.matchAll(/<li( [^>]*)>/g)].map((match) => match[1]);
  assert.deepEqual(items, [' id="fn-para-1-12" value="12"', ' id="fn-para-1-*"', ' id="fn-para-1-a"']);
  assert.doesNotMatch(rendered, /value=""/);
  assert.match(rendered, /<span class="num">\*<\/span> A starred note\./);
});
