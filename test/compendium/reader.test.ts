// The compendium reader on a real database holding real documents: permalinks, lineage and
// versions, cross-references in both directions, footnotes, citations, languages, errors, JSON.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { recomputeInstrumentTexts } from '../../src/compendium/lineage-service.ts';
import { saveExplanation } from '../../src/compendium/reader-service.ts';
import type { TestDb } from '../helpers/test-db.ts';
import { readerFixture } from './reader-fixture.ts';

let db: TestDb;
let app: FastifyInstance;
before(async () => {
  ({ db, app } = await readerFixture());
});
after(() => db.close());

const BANGKOK_DRAFT = 'E/2010/30, chap. I, sect. A, draft resolution II';
const SALVADOR_DRAFT = 'E/2010/30, chap. I, sect. A, draft resolution IV';

function mainOf(body: string): string {
  const start = body.indexOf('<main');
  return body.slice(start, body.indexOf('</main>', start));
}

describe('lineage', () => {
  test('the annexes holding instruments are found, one primary text per instrument and language', async () => {
    const { rows } = await db.query<{ instrument_id: string; symbol: string; language: string; is_primary: boolean }>(
      `select t.instrument_id, d.symbol, t.language, t.is_primary from instrument_texts t join documents d on d.id = t.document_id
        order by 1, 2, 3`,
    );
    const has = (instrument: string, symbol: string, language = 'en') =>
      rows.find((row) => row.instrument_id === instrument && row.symbol === symbol && row.language === language);
    assert.ok(has('bangkok-rules', BANGKOK_DRAFT)?.is_primary);
    assert.ok(has('salvador-declaration', 'A/RES/65/230')?.is_primary, 'the endorsing resolution is the main text');
    assert.equal(has('salvador-declaration', SALVADOR_DRAFT)?.is_primary, false);
    for (const language of ['ar', 'en', 'es', 'fr', 'ru', 'zh']) assert.ok(has('kyoto-declaration', 'A/RES/76/181', language), language);
    const primaries = new Set<string>();
    for (const row of rows.filter((row) => row.is_primary)) {
      const key = `${row.instrument_id}/${row.language}`;
      assert.ok(!primaries.has(key), key);
      primaries.add(key);
    }
  });

  test('recomputing gives the same rows', async () => {
    const before = await db.query('select * from instrument_texts order by 1, 2, 4');
    await recomputeInstrumentTexts(db);
    const again = await db.query('select * from instrument_texts order by 1, 2, 4');
    assert.deepEqual(again.rows, before.rows);
  });
});

describe('provision permalinks', () => {
  test('Bangkok rule 3 shows its text and its two paragraphs', async () => {
    const response = await app.inject('/en/instruments/bangkok-rules/rule-3');
    assert.equal(response.statusCode, 200);
    const main = mainOf(response.body);
    assert.match(main, /<h1>Bangkok Rules: <span[^>]*>Rule 3<\/span><\/h1>/);
    assert.match(main, /The number and personal details of the children of a woman being admitted to prison shall be recorded/);
    assert.match(main, /All information relating to the children&#39;s identity shall be kept confidential/);
    assert.equal(main.match(/class="node paragraph"/g)?.length, 2);
    assert.ok(main.includes('href="/en/instruments/bangkok-rules/rule-3/para-1"'), 'each paragraph has its permalink');
    assert.ok(main.includes('rel="prev" href="/en/instruments/bangkok-rules/rule-2"'));
    assert.ok(main.includes('rel="next" href="/en/instruments/bangkok-rules/rule-4"'));
  });

  test('the long form and the document node address redirect to the short form', async () => {
    const long = await app.inject('/en/instruments/bangkok-rules/sec-I/rule-3');
    assert.equal(long.statusCode, 301);
    assert.equal(long.headers.location, '/en/instruments/bangkok-rules/rule-3');
    const node = await app.inject(`/fr/documents/${encodeURIComponent(BANGKOK_DRAFT)}/annex-1/sec-I/rule-3`);
    assert.equal(node.statusCode, 302);
    assert.equal(node.headers.location, '/fr/instruments/bangkok-rules/rule-3');
  });

  test('a node outside any instrument is shown on its own document page', async () => {
    const response = await app.inject(`/en/documents/${encodeURIComponent('A/RES/65/230')}/para-1`);
    assert.equal(response.statusCode, 200);
    assert.match(mainOf(response.body), /aria-current="page"/);
    const unencoded = await app.inject('/en/documents/A/RES/65/230');
    assert.equal(unencoded.statusCode, 301);
    assert.equal(unencoded.headers.location, `/en/documents/${encodeURIComponent('A/RES/65/230')}`);
  });

  test('a plain-language explanation is shown under the provision, in the reader language when there is one', async () => {
    const english = mainOf((await app.inject('/en/instruments/bangkok-rules/rule-3')).body);
    assert.match(english, /<details class="explain"><summary>In plain language<\/summary><p>When a woman enters prison/);
    const french = mainOf((await app.inject('/fr/instruments/bangkok-rules/rule-3')).body);
    assert.match(french, /<summary>En termes simples<\/summary><p>À l’entrée d’une femme en prison/);
    await saveExplanation({ db }, { instrumentId: 'bangkok-rules', provisionPath: 'sec-I/rule-4', language: 'en', text: 'Women should be <held> near home.' });
    const reader = mainOf((await app.inject('/en/instruments/bangkok-rules')).body);
    assert.ok(reader.includes('Women should be &lt;held&gt; near home.'));
  });
});

describe('cross-references', () => {
  test('the Standard Minimum Rules list, for rules 15 and 16, that Bangkok Rule 5 supplements them', async () => {
    const response = await app.inject('/en/instruments/standard-minimum-rules');
    assert.equal(response.statusCode, 200);
    const main = mainOf(response.body);
    for (const rule of ['rule-15', 'rule-16']) {
      const entry = new RegExp(`<dt id="${rule}">[^<]*</dt>(<dd>.*?</dd>)*?<dd><a href="/en/instruments/bangkok-rules/rule-5">Supplemented by Bangkok Rule 5</a></dd>`);
      assert.match(main, entry, rule);
    }
    assert.match(main, /The text of this instrument has not been imported yet/);
  });

  test('the Standard Minimum Rules 22-26 are supplemented by the Bangkok Rules of group 6, not by a point "(a)"', async () => {
    const main = mainOf((await app.inject('/en/instruments/standard-minimum-rules')).body);
    const entries = (rule: string) => new RegExp(`<dt id="${rule}">[^<]*</dt>((?:<dd>.*?</dd>)*)`).exec(main)?.[1] ?? '';
    for (const rule of ['rule-22', 'rule-23', 'rule-24', 'rule-25', 'rule-26']) {
      assert.ok(entries(rule).includes('<dd><a href="/en/instruments/bangkok-rules/group-6">Supplemented by Bangkok Rules 6–18</a></dd>'), rule);
      assert.doesNotMatch(entries(rule), /\(a\)|point-a/, rule);
    }
    // rule 24 also by the group "(a) Medical screening on entry" its own note leads
    assert.ok(entries('rule-24').includes('<dd><a href="/en/instruments/bangkok-rules/group-a">Supplemented by Bangkok Rules 6–9</a></dd>'));
    // a note before the only rule of its group is that rule's
    assert.ok(entries('rule-84').includes('<dd><a href="/en/instruments/bangkok-rules/rule-56">Supplemented by Bangkok Rule 56</a></dd>'));
    assert.doesNotMatch(main, /Supplemented by Bangkok \(/);
  });

  test('a Bangkok rule shows the notes of the groups that hold it, and its JSON lists the references they make', async () => {
    const main = mainOf((await app.inject('/en/instruments/bangkok-rules/rule-7')).body);
    const article = main.slice(main.indexOf('<article'), main.indexOf('<section class="rule" id="rule-7"'));
    assert.deepEqual([...article.matchAll(/standard-minimum-rules#(rule-\d+)/g)].map((match) => match[1]), ['rule-22', 'rule-24']);
    const rule5 = (await app.inject('/api/instruments/bangkok-rules/rule-5')).json() as { crossReferences: { outgoing: Array<{ instrument: string; provisions: string[] }> } };
    assert.deepEqual(rule5.crossReferences.outgoing.map((ref) => [ref.instrument, ref.provisions]), [['standard-minimum-rules', ['rule-15', 'rule-16']]]);
  });

  test('Bangkok Rule 5 links to the rules it supplements', async () => {
    const main = mainOf((await app.inject('/en/instruments/bangkok-rules/rule-5')).body);
    assert.match(main, /\[Supplements <a href="\/en\/instruments\/standard-minimum-rules#rule-15" class="xref">rules 15 and 16 of the Standard Minimum Rules/);
  });
});

describe('footnotes and citations', () => {
  test('a footnote marker links to its note, listed under the provision, and back', async () => {
    const response = await app.inject('/en/instruments/salvador-declaration');
    const main = mainOf(response.body);
    const marker = /<sup><a id="fnref-([^"]+)" href="#fn-([^"]+)">([^<]+)<\/a><\/sup>/.exec(main);
    assert.ok(marker, 'a marker at its point of reference');
    assert.equal(marker[1], marker[2]);
    assert.ok(main.includes(`<li id="fn-${marker[2]}"`), 'the note under the provision');
    assert.ok(main.includes(`href="#fnref-${marker[1]}"`), 'a link back to the marker');
    // The document reader keeps the list at the end, and shows each note under its provision too.
    const document = mainOf((await app.inject(`/en/documents/${encodeURIComponent('A/RES/65/230')}`)).body);
    const reference = /<sup><a href="#(note-\d+)">(\d+)<\/a><\/sup>/.exec(document);
    assert.ok(reference);
    assert.ok(document.includes(`<dt id="${reference[1]}">${reference[2]}</dt>`));
    assert.match(document, /<div class="fn" role="note" aria-label="Notes"><ol><li id="fn-/);
  });

  test('a citation links inside NormHub when the document is imported, else to undocs.org', async () => {
    const main = mainOf((await app.inject(`/en/documents/${encodeURIComponent('A/RES/65/230')}`)).body);
    const links = [...main.matchAll(/<a href="([^"]+)" class="cite"[^>]*>/g)].map((match) => match[1]!);
    assert.ok(links.some((href) => href.startsWith('https://undocs.org/')), 'an outside citation');
    const { rows } = await db.query<{ target_symbol: string }>(
      `select distinct c.target_symbol from citations c join document_versions v on v.id = c.document_version_id
         join documents d on d.id = v.document_id where d.symbol = 'A/RES/65/230'
          and c.target_symbol in (select symbol from documents)`,
    );
    assert.ok(rows.length > 0, 'A/RES/65/230 cites an imported document');
    for (const { target_symbol } of rows) assert.ok(links.includes(`/en/documents/${encodeURIComponent(target_symbol).replace(/'/g, '&#39;')}`), target_symbol);
  });
});

test('a provision page lists the documents it cites, in its text and its notes', async () => {
  const main = mainOf((await app.inject('/en/instruments/salvador-declaration/recital-1')).body);
  assert.match(main, /<h2 id="cited-heading">Documents cited<\/h2><ul>(<li>.*?<\/li>)*<li><a href="https:\/\/undocs.org\/A\/RES\/46\/152" rel="external">A\/RES\/46\/152<\/a><\/li>/);
  assert.match(main, /<sup><a id="fnref-annex-1\/recital-1-7" href="#fn-annex-1\/recital-1-7">7<\/a><\/sup>/);
  assert.match(main, /<li id="fn-annex-1\/recital-1-7" value="7">/);
});

describe('versions', () => {
  test('the Salvador Declaration has two texts and a word-level difference view', async () => {
    const plain = mainOf((await app.inject('/en/instruments/salvador-declaration')).body);
    assert.match(plain, /<option value="A\/RES\/65\/230" selected>/);
    assert.ok(plain.includes(`<option value="${SALVADOR_DRAFT}">`));
    const response = await app.inject(`/en/instruments/salvador-declaration?compare=${encodeURIComponent(SALVADOR_DRAFT)}`);
    const main = mainOf(response.body);
    assert.match(main, /<h2 id="diff-heading">Differences between E\/2010\/30, chap. I, sect. A, draft resolution IV and A\/RES\/65\/230<\/h2>/);
    assert.match(main, /<del><span class="vh">\[deleted: <\/span>on<span class="vh">\]<\/span><\/del><ins><span class="vh">\[inserted: <\/span>upon/);
    const api = (await app.inject(`/api/instruments/salvador-declaration?compare=${encodeURIComponent(SALVADOR_DRAFT)}`)).json();
    assert.equal(api.texts.length, 2);
    assert.ok(api.comparison.parts.some((part: { kind: string }) => part.kind === 'added'));
  });
});

describe('languages and errors', () => {
  test('Arabic pages are right to left; Arabic text in an English page carries its own lang and dir', async () => {
    const arabic = await app.inject('/ar/instruments/kyoto-declaration');
    assert.equal(arabic.statusCode, 200);
    assert.match(arabic.body, /<html lang="ar" dir="rtl">/);
    assert.match(arabic.body, /<article lang="ar" dir="rtl">/);
    assert.match(arabic.body, /المحتويات|الصكوك/);
    const english = await app.inject('/en/instruments/kyoto-declaration?lang=ar');
    assert.match(english.body, /<html lang="en" dir="ltr">/);
    assert.match(english.body, /<article lang="ar" dir="rtl">/);
  });

  test('imported text is escaped', async () => {
    const script = '<script>alert(1)</script>';
    await db.query(
      `update document_versions set tree = jsonb_set(tree, '{children,0,text}', to_jsonb($1::text))
        where document_id = (select id from documents where symbol = 'A/RES/65/230')`,
      [script],
    );
    const response = await app.inject(`/en/documents/${encodeURIComponent('A/RES/65/230')}`);
    assert.ok(!response.body.includes(script));
    assert.ok(response.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  test('unknown instruments and provisions: 404 in the asked language, problem JSON under /api', async () => {
    const french = await app.inject('/fr/instruments/no-such-instrument');
    assert.equal(french.statusCode, 404);
    assert.match(french.body, /<html lang="fr"/);
    assert.match(french.body, /Page introuvable|introuvable/i);
    const rule = await app.inject('/zh/instruments/bangkok-rules/rule-999');
    assert.equal(rule.statusCode, 404);
    assert.match(rule.body, /<html lang="zh"/);
    for (const url of ['/api/instruments/no-such-instrument', '/api/instruments/bangkok-rules/rule-999', '/api/instruments/%3Cx%3E']) {
      const api = await app.inject({ url, headers: { 'accept-language': 'es' } });
      assert.equal(api.statusCode, 404, url);
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
    }
    const cluster = await app.inject('/ru/clusters/nope');
    assert.equal(cluster.statusCode, 404);
  });
});

describe('catalogue, clusters and JSON', () => {
  test('the catalogue shows status and text availability, filterable by category', async () => {
    const main = mainOf((await app.inject('/en/instruments')).body);
    assert.match(main, /<a href="\/en\/instruments\/bangkok-rules">[^<]*Bangkok Rules\)<\/a><\/td>\n<td><a href="https:\/\/undocs.org\/A\/RES\/65\/229" rel="external">A\/RES\/65\/229<\/a><\/td>\n<td>2010<\/td>/);
    assert.match(main, /Standard Minimum Rules for the Treatment of Prisoners<\/a><\/td>[\s\S]*?<a href="\/en\/instruments\/nelson-mandela-rules">Nelson Mandela Rules<\/a>/);
    assert.equal(main.match(/<section aria-labelledby="cat-/g)?.length, 4);
    const filtered = mainOf((await app.inject('/fr/instruments?category=cooperation')).body);
    assert.equal(filtered.match(/<section aria-labelledby="cat-/g)?.length, 1);
    const clusters = mainOf((await app.inject('/es/clusters')).body);
    assert.equal(clusters.match(/href="\/es\/clusters\//g)?.length, 5);
    const cluster = mainOf((await app.inject('/en/clusters/victims-witnesses')).body);
    assert.match(cluster, /The treatment of victims and witnesses/);
  });

  test('the JSON API answers for instruments, one instrument, one provision and the clusters', async () => {
    const list = (await app.inject('/api/instruments')).json();
    const bangkok = list.instruments.find((entry: { id: string }) => entry.id === 'bangkok-rules');
    assert.deepEqual(bangkok.textLanguages, ['en']);
    const one = (await app.inject('/api/instruments/standard-minimum-rules')).json();
    assert.equal(one.text, null);
    assert.ok(one.crossReferences.incoming.some((ref: { provision: string; from: { provision: string } }) => ref.provision === 'rule-15' && ref.from.provision === 'rule-5'));
    const rule = (await app.inject('/api/instruments/bangkok-rules/sec-I/rule-3')).json();
    assert.equal(rule.path, 'rule-3');
    assert.equal(rule.provision.children.length, 2);
    assert.equal(rule.previous, 'rule-2');
    assert.match(rule.explanation.text, /When a woman enters prison/);
    const clusters = (await app.inject('/api/clusters')).json();
    assert.equal(clusters.categories.length, 4);
    assert.equal(clusters.clusters.length, 5);
    assert.ok(clusters.clusters[0].instruments.includes('bangkok-rules'));
  });
});
