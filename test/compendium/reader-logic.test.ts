// Pure rules of the reader: provision addresses, citation targets, messages in six languages.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentNode } from '../../src/importer/document.ts';
import { LOCALES } from '../../src/i18n/i18n.ts';
import { ancestorPaths, instrumentOfAttachment, ProvisionIndex, undocsUrl } from '../../src/compendium/reader-logic.ts';
import { READER_MESSAGES } from '../../src/compendium/reader-messages.ts';

const node = (kind: DocumentNode['kind'], id: string, children: DocumentNode[] = []): DocumentNode => ({ kind, id, children });

test('a provision is addressed by its shortest unique trailing path; longer forms resolve to it', () => {
  const annex = node('attachment', 'annex-1', [
    node('section', 'annex-1/sec-I', [
      node('hcontainer', 'annex-1/sec-I/group-3', [node('rule', 'annex-1/sec-I/rule-3', [node('paragraph', 'annex-1/sec-I/rule-3/para-1')])]),
      node('rule', 'annex-1/sec-I/rule-4', [node('paragraph', 'annex-1/sec-I/rule-4/para-1')]),
    ]),
  ]);
  const index = new ProvisionIndex(annex);
  assert.equal(index.canonical.get('sec-I/rule-3'), 'rule-3');
  assert.equal(index.canonical.get('sec-I/rule-3/para-1'), 'rule-3/para-1');
  assert.equal(index.resolve('sec-I/rule-3'), 'sec-I/rule-3');
  assert.equal(index.resolve('rule-3/'), 'sec-I/rule-3');
  assert.equal(index.resolve('para-1'), undefined, 'ambiguous');
  assert.equal(index.resolve('rule-9'), undefined);
  assert.deepEqual(ancestorPaths(index, 'sec-I/rule-3/para-1'), ['sec-I', 'sec-I/group-3', 'sec-I/rule-3']);
});

test('only United Nations symbols link to undocs.org', () => {
  assert.equal(undocsUrl('A/RES/65/229'), 'https://undocs.org/A/RES/65/229');
  assert.equal(undocsUrl('E/2010/30, chap. I, sect. A, draft resolution II'), 'https://undocs.org/E/2010/30');
  assert.equal(undocsUrl('UNTS/1577'), null);
  assert.equal(undocsUrl('SALES/E.92.IV.1'), null);
  assert.equal(undocsUrl('javascript:alert(1)'), null);
});

test('an annex is matched to its instrument by its heading, or by the act that adopted it', () => {
  const heading = 'United Nations Rules for the Treatment of Women Prisoners and Non-custodial Measures for Women Offenders (the Bangkok Rules)';
  assert.equal(instrumentOfAttachment({ symbol: 'X/1' }, { id: 'annex-1', heading }, 1)?.id, 'bangkok-rules');
  assert.equal(instrumentOfAttachment({ symbol: 'A/RES/76/181' }, { id: 'annex-1', heading: 'إعلان كيوتو' }, 1)?.id, 'kyoto-declaration');
  assert.equal(instrumentOfAttachment({ symbol: 'A/RES/99/99' }, { id: 'annex-1', heading: 'Something else' }, 1), undefined);
});

test('the reader messages exist in all six languages, translated', () => {
  const keys = Object.keys(READER_MESSAGES.en).sort();
  for (const locale of LOCALES) {
    assert.deepEqual(Object.keys(READER_MESSAGES[locale]).sort(), keys, locale);
    for (const key of keys) assert.ok(READER_MESSAGES[locale][key as keyof (typeof READER_MESSAGES)['en']].trim(), `${locale} ${key}`);
  }
  for (const locale of LOCALES.filter((locale) => locale !== 'en')) {
    const same = keys.filter((key) => READER_MESSAGES[locale][key as keyof (typeof READER_MESSAGES)['en']] === READER_MESSAGES.en[key as keyof (typeof READER_MESSAGES)['en']]);
    // French shares a few words with English (Instrument, Notes, Source); a copied catalogue would share dozens.
    assert.ok(same.length <= 6, `${locale} copies English for ${same.join(', ')}`);
  }
});
