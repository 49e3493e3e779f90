// Small, hand-built imported documents, for tests that need stored documents without parsing.

import type { ImportedDocument } from '../../src/importer/document.ts';

export function sampleDocument(overrides: Partial<ImportedDocument> = {}): ImportedDocument {
  return {
    symbol: 'E/RES/1997/32',
    title: 'United Nations standards and norms in crime prevention and criminal justice',
    body: 'Economic and Social Council',
    adopted: '1997-07-21',
    language: 'en',
    meeting: '36th plenary meeting',
    type: 'resolution',
    partOf: null,
    root: {
      kind: 'document',
      id: '',
      children: [
        { kind: 'formula', id: 'formula', text: 'The Economic and Social Council,', children: [] },
        {
          kind: 'recital',
          id: 'recital-1',
          text: 'Recalling its resolution 1992/22 of 30 July 1992,',
          notes: [{ marker: '1', at: 48 }], // just before the final comma,
          refs: [{ kind: 'citation', text: 'resolution 1992/22', start: 19, end: 37, symbol: 'E/RES/1992/22' }],
          children: [],
        },
        {
          kind: 'paragraph',
          id: 'para-1',
          num: '1.',
          text: 'Requests the Secretary-General to continue to collect information on:',
          children: [
            { kind: 'point', id: 'para-1/point-a', num: '(a)', text: 'The use and application of the standards;', children: [] },
            { kind: 'point', id: 'para-1/point-b', num: '(b)', text: 'Technical assistance.', children: [] },
          ],
        },
        {
          kind: 'attachment',
          id: 'annex-1',
          heading: 'Annex',
          children: [
            { kind: 'paragraph', id: 'annex-1/para-1', num: '1.', text: 'The Commission should review the survey instruments.', children: [] },
          ],
        },
        { kind: 'conclusions', id: 'conclusions', text: '36th plenary meeting\n21 July 1997', children: [] },
      ],
    },
    footnotes: [
      {
        marker: '1',
        text: 'Official Records of the Economic and Social Council, 1992, Supplement No. 1 (E/1992/92).',
        refs: [{ kind: 'citation', text: 'E/1992/92', start: 79, end: 88, symbol: 'E/1992/92' }],
      },
    ],
    ...overrides,
  };
}
