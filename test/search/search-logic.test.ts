// The pure rules of search: query syntax, Chinese tokens, snippets, addresses, input checks.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  chineseSnippetHtml,
  chineseTsquery,
  MARK_START,
  MARK_STOP,
  parseQueryTerms,
  parseSearchInput,
  provisionUrl,
  replaceWords,
  snippetToHtml,
  spellableWords,
} from '../../src/search/search-logic.ts';

describe('query syntax', () => {
  test('phrases, OR and exclusions are read as websearch_to_tsquery reads them', () => {
    assert.deepEqual(parseQueryTerms('"women prisoners" OR juveniles -death'), [
      { text: 'women prisoners', phrase: true, negated: false, or: false },
      { text: 'juveniles', phrase: false, negated: false, or: true },
      { text: 'death', phrase: false, negated: true, or: false },
    ]);
    assert.deepEqual(parseQueryTerms('"unclosed phrase'), [{ text: 'unclosed phrase', phrase: true, negated: false, or: false }]);
    assert.deepEqual(parseQueryTerms('OR - ""'), [{ text: '-', phrase: false, negated: false, or: false }]);
  });

  test('Chinese: bigram phrases, a single character as a prefix, other words as they are', () => {
    assert.equal(chineseTsquery('性别平等'), `('性别' <-> '别平' <-> '平等')`);
    assert.equal(chineseTsquery('酷刑'), `'酷刑'`);
    assert.equal(chineseTsquery('罪'), `'罪':*`);
    assert.equal(chineseTsquery('酷刑 -性别 OR A/RES/65'), `'酷刑' & !'性别' | ('a' <-> 'res' <-> '65')`);
    assert.equal(chineseTsquery('!!& |'), null);
    assert.equal(chineseTsquery('性别平等问题 "酷刑羁押"', { loose: true }), `('性别' & '平等' & '问题') & ('酷刑' <-> '刑羁' <-> '羁押')`);
    assert.equal(chineseTsquery('禁止酷刑', { loose: true }), `('禁止' & '酷刑')`);
    assert.equal(chineseTsquery('禁止酷刑罪', { loose: true }), `('禁止' & '酷刑' & '罪':*)`);
  });

  test('words worth a spelling check, and their replacement keeping the reader\'s capital', () => {
    assert.deepEqual(spellableWords('Bankok "prisonrs here" -women torture 酷刑 ab'), ['bankok', 'torture']);
    assert.equal(replaceWords('Bankok rules', new Map([['bankok', 'bangkok']])), 'Bangkok rules');
    assert.equal(replaceWords('prisonrs', new Map([['prisonrs', 'prisoners']])), 'prisoners');
  });
});

describe('snippets', () => {
  test('text is escaped and only the marks become markup', () => {
    assert.equal(
      snippetToHtml(`a <script>&"'${MARK_START}word${MARK_STOP}`),
      'a &lt;script&gt;&amp;&quot;&#39;<mark>word</mark>',
    );
    assert.equal(snippetToHtml(`${MARK_START}open`), '<mark>open</mark>');
  });

  test('whatever the text, the only tags are balanced <mark> tags', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '<', '>', '&', '"', MARK_START, MARK_STOP, '\uE002', '\uE003', ' ') }), (text) => {
        const out = snippetToHtml(text);
        const withoutMarks = out.replace(/<\/?mark>/g, '');
        assert.doesNotMatch(withoutMarks, /[<>"]/);
        assert.equal((out.match(/<mark>/g) ?? []).length, (out.match(/<\/mark>/g) ?? []).length);
      }),
    );
  });

  test('Chinese snippets mark every occurrence and escape the rest', () => {
    const html = chineseSnippetHtml('<b>禁止酷刑</b>，防止酷刑。', '酷刑');
    assert.equal(html, '&lt;b&gt;禁止<mark>酷刑</mark>&lt;/b&gt;，防止<mark>酷刑</mark>。');
    assert.equal(chineseSnippetHtml('禁止使用酷刑', '禁止酷刑', { loose: true }), '<mark>禁止</mark>使用<mark>酷刑</mark>');
  });
});

describe('addresses and input', () => {
  test('a result links to its provision, with the language when it is not the interface language', () => {
    assert.equal(provisionUrl({ locale: 'en', symbol: 'A/RES/65/230', nodeId: 'annex-1/para-4', language: 'en' }), '/en/documents/A%2FRES%2F65%2F230/annex-1/para-4');
    assert.equal(provisionUrl({ locale: 'fr', symbol: 'A/RES/75/185', nodeId: 'para-1', language: 'zh' }), '/fr/documents/A%2FRES%2F75%2F185/para-1?lang=zh');
  });

  test('input: defaults, a reversed year range, and the problems', () => {
    const ok = parseSearchInput({ q: '  prison   rules ', from: '2015', to: '2010', kind: 'rule,point' }, { requireQuery: true });
    assert.ok(ok.ok);
    assert.equal(ok.input.query, 'prison rules');
    assert.equal(ok.input.page, 1);
    assert.deepEqual([ok.input.yearFrom, ok.input.yearTo], [2010, 2015]);
    assert.deepEqual(ok.input.kinds, ['rule', 'point']);

    const problem = (raw: Record<string, unknown>) => {
      const parsed = parseSearchInput(raw, { requireQuery: true });
      return parsed.ok ? null : parsed.problem.reason;
    };
    assert.equal(problem({}), 'emptyQuery');
    assert.equal(problem({ q: '-only' }), 'emptyQuery');
    assert.equal(problem({ q: 'x'.repeat(257) }), 'queryTooLong');
    assert.equal(problem({ q: Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ') }), 'tooManyTerms');
    assert.equal(problem({ q: 'x', lang: 'de' }), 'badLanguage');
    assert.equal(problem({ q: 'x', kind: 'chapter' }), 'badKind');
    assert.equal(problem({ q: 'x', from: '1800' }), 'badYear');
    assert.equal(problem({ q: 'x', page: '1e3' }), 'badPage');
    assert.equal(problem({ q: 'x', page: '51' }), 'pageTooFar');
    assert.equal(problem({ q: ['a', 'b'] }), 'badParameter');
    assert.equal(problem({ q: 'x', instrument: 'Bangkok Rules' }), 'badParameter');
    assert.ok(parseSearchInput({}, { requireQuery: false }).ok, 'the page shows its form without a query');
  });
});
