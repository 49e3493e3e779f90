// Two language versions side by side: alignVersions (pure), and the page
// /{locale}/documents/{symbol}/compare on a real database holding the Kyoto Declaration
// (A/RES/76/181) in its six languages, imported from the corpus through the import service.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { PROJECT_ROOT } from '../src/config.ts';
import { alignVersions, numberDigits, summariseAlignment } from '../src/documents/compare-logic.ts';
import { createNode, walkNodes, type DocumentNode } from '../src/importer/document.ts';
import { importSources, storeImportResult } from '../src/importer/importer-service.ts';
import { corpusHints } from '../src/importer/seed-service.ts';
import { sampleDocument } from './helpers/documents.ts';
import { createTestDb, type TestDb } from './helpers/test-db.ts';

const CORPUS_DIR = process.env.NORMHUB_CORPUS_DIR?.trim() || path.resolve(PROJECT_ROOT, '..', 'shared', 'corpus', 'unxml');
const KYOTO_DIR = 'A-RES-76-181';
const KYOTO = encodeURIComponent('A/RES/76/181');
const LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];

// --- a few helpers ---------------------------------------------------------------------------------

function tree(children: DocumentNode[]): DocumentNode {
  return { ...createNode('document'), children };
}

function node(id: string, fields: Partial<DocumentNode> = {}, children: DocumentNode[] = []): DocumentNode {
  return { ...createNode('paragraph', { id, ...fields }), children };
}

/** The ids of a tree below the root, in reading order. */
function idsOf(root: DocumentNode): string[] {
  return [...walkNodes(root)].slice(1).map(([n]) => n.id);
}

interface Row {
  id: string;
  header: string;
  cells: Array<{ open: string; body: string }>;
}

/** The body rows of the side-by-side table, the title row left out. */
function tableRows(page: string): Row[] {
  const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(page)?.[1] ?? '';
  const rows: Row[] = [];
  const pattern = /<tr[^>]*><th scope="row">([\s\S]*?)<\/th>(<td[^>]*>)([\s\S]*?)<\/td>(<td[^>]*>)([\s\S]*?)<\/td><\/tr>/g;
  for (const match of tbody.matchAll(pattern)) {
    const id = /#([^"]*)" dir="ltr">/.exec(match[1]!)?.[1];
    if (id === undefined) continue; // the title row links nowhere
    rows.push({ id, header: match[1]!, cells: [{ open: match[2]!, body: match[3]! }, { open: match[4]!, body: match[5]! }] });
  }
  return rows;
}

const numOf = (cell: string) => /<span class="num">([^<]*)<\/span>/.exec(cell)?.[1] ?? null;
const plainText = (cell: string) => cell.replace(/<[^>]+>/g, '');

// --- alignVersions ---------------------------------------------------------------------------------

describe('alignVersions', () => {
  test('identical trees give one row per node, each with both cells, in reading order', () => {
    const make = () =>
      tree([node('formula', { kind: 'formula', text: 'The General Assembly,' }), node('para-1', { num: '1.' }, [node('para-1/point-a', { kind: 'point', num: '(a)' })])]);
    const rows = alignVersions(make(), make());
    assert.deepEqual(rows.map((row) => row.id), ['formula', 'para-1', 'para-1/point-a']);
    assert.deepEqual(rows.map((row) => row.depth), [0, 0, 1]);
    assert.ok(rows.every((row) => row.base && row.other && !row.numbersDiffer));
    assert.deepEqual(summariseAlignment(rows), { rows: 3, both: 3, baseOnly: 0, otherOnly: 0, numbersDiffer: 0 });
  });

  test('aligns by id, not by position: a missing paragraph leaves a gap instead of shifting the rest', () => {
    const base = tree([node('para-1', { text: 'one' }), node('para-2', { text: 'two' }), node('para-3', { text: 'three' })]);
    const other = tree([node('para-1', { text: 'un' }), node('para-3', { text: 'trois' }), node('para-3a', { text: 'trois bis' }), node('para-4', { text: 'quatre' })]);
    const rows = alignVersions(base, other);
    assert.deepEqual(
      rows.map((row) => [row.id, row.base?.text ?? null, row.other?.text ?? null]),
      [
        ['para-1', 'one', 'un'],
        ['para-2', 'two', null],
        ['para-3', 'three', 'trois'],
        ['para-3a', null, 'trois bis'],
        ['para-4', null, 'quatre'],
      ],
    );
    assert.deepEqual(summariseAlignment(rows), { rows: 5, both: 2, baseOnly: 1, otherOnly: 2, numbersDiffer: 0 });
  });

  test('a node only in the other version stands before the next node both share', () => {
    const base = tree([node('a'), node('b'), node('c')]);
    const other = tree([node('a'), node('x'), node('b'), node('c'), node('y')]);
    assert.deepEqual(alignVersions(base, other).map((row) => row.id), ['a', 'x', 'b', 'c', 'y']);
    const onlyOther = tree([node('x'), node('y')]);
    assert.deepEqual(alignVersions(tree([]), onlyOther).map((row) => [row.id, row.base, row.other?.kind]), [
      ['x', null, 'paragraph'],
      ['y', null, 'paragraph'],
    ]);
  });

  test('nodes in a different order are still paired, each once', () => {
    const rows = alignVersions(tree([node('a'), node('b'), node('c')]), tree([node('b'), node('a'), node('c')]));
    assert.deepEqual(rows.map((row) => row.id), ['a', 'b', 'c']);
    assert.ok(rows.every((row) => row.base && row.other));
  });

  test('a repeated or empty id loses no node and pairs occurrences in order', () => {
    const base = tree([node('p', { text: 'first' }), node('p', { text: 'second' }), node('', { text: 'no id' })]);
    const other = tree([node('p', { text: 'premier' }), node('p', { text: 'second (fr)' })]);
    const rows = alignVersions(base, other);
    assert.deepEqual(rows.map((row) => [row.base?.text ?? null, row.other?.text ?? null]), [
      ['first', 'premier'],
      ['second', 'second (fr)'],
      ['no id', null],
    ]);
    assert.equal(new Set(rows.map((row) => row.id)).size, rows.length);
  });

  test('numbers are compared by their digits, whatever the script and punctuation', () => {
    assert.equal(numberDigits('5.'), '5');
    assert.equal(numberDigits('5 -'), '5');
    assert.equal(numberDigits('٥ -'), '5');
    assert.equal(numberDigits('(a)'), null);
    const pair = (a: string, b: string) => alignVersions(tree([node('para-5', { num: a })]), tree([node('para-5', { num: b })]))[0]!.numbersDiffer;
    assert.equal(pair('5.', '5 -'), false);
    assert.equal(pair('5.', '٥ -'), false);
    assert.equal(pair('(a)', '(أ)'), false);
    assert.equal(pair('5.', '6.'), true);
  });

  test('property: every node of each version is in exactly one row, in its own version’s order where the orders agree', () => {
    const ids = fc.uniqueArray(fc.constantFrom(...'abcdefghijklmnop'.split('')), { maxLength: 12 });
    fc.assert(
      fc.property(ids, ids, (left, right) => {
        const rows = alignVersions(tree(left.map((id) => node(id))), tree(right.map((id) => node(id))));
        assert.deepEqual(rows.filter((row) => row.base).map((row) => row.id), left);
        assert.deepEqual([...rows.filter((row) => row.other).map((row) => row.id)].sort(), [...right].sort());
        assert.equal(rows.length, new Set([...left, ...right]).size);
        // the other version's own order survives wherever it does not cross the base's
        const rightOnlyOrder = rows.filter((row) => !row.base).map((row) => row.id);
        assert.deepEqual(rightOnlyOrder, right.filter((id) => !left.includes(id)));
      }),
      { numRuns: 300 },
    );
  });
});

// --- the page, on the Kyoto Declaration in six languages ---------------------------------------------

describe('side-by-side page', () => {
  let db: TestDb;
  let app: FastifyInstance;
  const kyotoIds: string[] = [];

  before(async () => {
    assert.ok(existsSync(path.join(CORPUS_DIR, KYOTO_DIR, 'en.xml')), `the corpus is expected at ${CORPUS_DIR} (or set NORMHUB_CORPUS_DIR)`);
    db = await createTestDb();
    app = await buildApp({ db });
    const sources = LANGUAGES.map((language) => {
      const name = `${KYOTO_DIR}/${language}.xml`;
      return { name, bytes: new Uint8Array(readFileSync(path.join(CORPUS_DIR, name))), hints: corpusHints(name) };
    });
    const report = await importSources({ db }, { sources });
    assert.deepEqual(report.sources.map((source) => source.error), LANGUAGES.map(() => null));
    const stored = await app.inject(`/api/documents/${KYOTO}?lang=en`);
    kyotoIds.push(...idsOf(stored.json().root));

    // A document in English and French whose versions do not match, and one in English only.
    const english = sampleDocument();
    const french = sampleDocument({ language: 'fr', title: 'Règles <script>alert(1)</script>' });
    french.root.children[2]!.children.pop(); // no para-1/point-b
    french.root.children.splice(3, 0, node('para-2', { num: '2.', text: 'Un paragraphe que l’anglais n’a pas.' }));
    french.root.children[2]!.text = 'Prie le Secrétaire général <b>de continuer</b> :';
    for (const [index, document] of [english, french, sampleDocument({ symbol: 'E/RES/1997/33' })].entries()) {
      await storeImportResult({ db }, { source: { name: `sample-${index}.json` }, result: { documents: [document], diagnostics: [] } });
    }
  });
  after(async () => {
    await app?.close();
    await db?.close();
  });

  test('English and Arabic: one row per node, the same count on both sides, every row aligned', async () => {
    const response = await app.inject(`/en/documents/${KYOTO}/compare?with=ar`);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<html lang="en" dir="ltr">/);
    const rows = tableRows(response.body);
    assert.ok(kyotoIds.length > 100, `the Kyoto Declaration has ${kyotoIds.length} nodes`);
    assert.deepEqual(rows.map((row) => row.id), kyotoIds);
    const arabic = await app.inject(`/api/documents/${KYOTO}?lang=ar`);
    assert.equal(idsOf(arabic.json().root).length, kyotoIds.length);
    for (const row of rows) {
      assert.doesNotMatch(row.header, /Only in/, row.id);
      assert.match(row.cells[0]!.open, /^<td lang="en" dir="ltr">$/, row.id);
      assert.match(row.cells[1]!.open, /^<td lang="ar" dir="rtl">$/, row.id);
    }
    assert.match(response.body, new RegExp(`${kyotoIds.length} rows: ${kyotoIds.length} in both versions, 0 only in English, 0 only in Arabic\\.`));
    // the title row too: the Arabic title right to left
    assert.match(response.body, /<td lang="ar" dir="rtl"><strong>مؤتمر الأمم المتحدة الرابع عشر لمنع الجريمة والعدالة الجنائية<\/strong><\/td>/);
  });

  test('a row holds the same paragraph in both languages: numbers agree, and annex paragraph 5 is paragraph 5', async () => {
    const rows = tableRows((await app.inject(`/en/documents/${KYOTO}/compare?with=ar`)).body);
    let numbered = 0;
    for (const row of rows) {
      const [en, ar] = row.cells.map((cell) => numOf(cell.body));
      assert.equal(en === null, ar === null, `${row.id}: numbered on one side only (${en} / ${ar})`);
      if (en && numberDigits(en) !== null) {
        numbered++;
        assert.equal(numberDigits(ar), numberDigits(en), `${row.id}: ${en} against ${ar}`);
      }
    }
    assert.ok(numbered > 100, `${numbered} numbered rows`);
    const para5 = rows.find((row) => row.id === 'annex-1/para-5')!;
    assert.equal(numOf(para5.cells[0]!.body), '5.');
    assert.equal(numOf(para5.cells[1]!.body), '5 -');
    assert.match(plainText(para5.cells[0]!.body), /We undertake to intensify concerted global efforts to prevent and combat crime/);
    assert.match(plainText(para5.cells[1]!.body), /نتعهد بتكثيف الجهود العالمية المتضافرة لمنع الجريمة ومكافحتها/);
  });

  test('footnote markers stand in the text, linked to each language’s notes under the table', async () => {
    const page = (await app.inject(`/en/documents/${KYOTO}/compare?with=ar`)).body;
    const recital6 = tableRows(page).find((row) => row.id === 'recital-6')!;
    assert.match(recital6.cells[0]!.body, /<sup><a href="#base-note-1">1<\/a><\/sup>/);
    assert.match(recital6.cells[1]!.body, /<sup><a href="#other-note-1">1<\/a><\/sup>/);
    assert.match(page, /<h2 id="base-notes-heading">Notes in English<\/h2>\s*<dl class="notes" lang="en" dir="ltr"><dt id="base-note-1">1<\/dt><dd>A\/CONF\.234\/16\.<\/dd>/);
    assert.match(page, /<h2 id="other-notes-heading">Notes in Arabic<\/h2>\s*<dl class="notes" lang="ar" dir="rtl">/);
    assert.match(page, /<dd>المرجع نفسه، الفقرة 24 والمرفق\.<\/dd>/);
    assert.ok(page.indexOf('id="base-notes-heading"') > page.indexOf('</table>'));
  });

  test('in Arabic: a right-to-left page, the Arabic version first by default, English cells left to right', async () => {
    const response = await app.inject(`/ar/documents/${KYOTO}/compare?with=en`);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<html lang="ar" dir="rtl">/);
    const rows = tableRows(response.body);
    assert.equal(rows.length, kyotoIds.length);
    for (const row of rows) {
      assert.equal(row.cells[0]!.open, '<td lang="ar" dir="rtl">');
      assert.equal(row.cells[1]!.open, '<td lang="en" dir="ltr">');
    }
    assert.match(response.body, /<option value="ar" selected>العربية<\/option>/);
  });

  test('defaults: the page’s language first, then English; base= chooses the first column', async () => {
    const french = await app.inject(`/fr/documents/${KYOTO}/compare`);
    assert.equal(french.statusCode, 200);
    assert.equal(tableRows(french.body)[0]!.cells.map((cell) => cell.open).join(''), '<td lang="fr" dir="ltr"><td lang="en" dir="ltr">');
    const chosen = await app.inject(`/fr/documents/${KYOTO}/compare?base=zh&with=ru`);
    assert.equal(tableRows(chosen.body)[0]!.cells.map((cell) => cell.open).join(''), '<td lang="zh" dir="ltr"><td lang="ru" dir="ltr">');
    // the language switcher keeps both choices
    assert.match(chosen.body, new RegExp(`href="/ar/documents/${KYOTO}/compare\\?base=zh&amp;with=ru"`));
  });

  test('the form chooses the two languages with a plain GET', async () => {
    const page = (await app.inject(`/en/documents/${KYOTO}/compare?with=ar`)).body;
    assert.match(page, new RegExp(`<form method="get" action="/en/documents/${KYOTO}/compare">`));
    assert.match(page, /<label for="compare-base">First language<\/label> <select id="compare-base" name="base">/);
    assert.match(page, /<label for="compare-with">Second language<\/label> <select id="compare-with" name="with">/);
    assert.equal(page.match(/<option value="[a-z]+"/g)!.length, 12);
    assert.match(page, /<select id="compare-with" name="with"><option value="ar" selected>Arabic<\/option>/);
  });

  test('an unknown language is a 400 page in the reader’s language, with the form to choose again', async () => {
    const french = await app.inject(`/fr/documents/${KYOTO}/compare?with=xx`);
    assert.equal(french.statusCode, 400);
    assert.match(french.body, /<html lang="fr" dir="ltr">/);
    assert.match(french.body, /<h1>Langue inconnue<\/h1>/);
    assert.match(french.body, /« xx » n’est pas l’une des langues de ce site\..*Il est disponible en : arabe, anglais, espagnol, français, russe, chinois\./);
    assert.match(french.body, /<select id="compare-with" name="with">/);

    const arabic = await app.inject(`/ar/documents/${KYOTO}/compare?with=${encodeURIComponent('<script>')}`);
    assert.equal(arabic.statusCode, 400);
    assert.match(arabic.body, /<html lang="ar" dir="rtl">/);
    assert.match(arabic.body, /<h1>لغة غير معروفة<\/h1>/);
    assert.match(arabic.body, /&lt;script&gt;/);
    assert.doesNotMatch(arabic.body, /<script>/);

    const repeated = await app.inject(`/en/documents/${KYOTO}/compare?with=ar&with=fr`);
    assert.equal(repeated.statusCode, 400);
    assert.match(repeated.body, /<h1>Unknown language<\/h1>/);
  });

  test('a version missing in the asked language is a 404 that says which languages there are', async () => {
    const response = await app.inject(`/en/documents/${encodeURIComponent('E/RES/1997/32')}/compare?with=zh`);
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /<h1>This language version is not available<\/h1>/);
    assert.match(response.body, /E\/RES\/1997\/32 is not available in Chinese\. It is available in: English, French\./);
    const spanish = await app.inject(`/es/documents/${encodeURIComponent('E/RES/1997/32')}/compare?base=ru&with=en`);
    assert.equal(spanish.statusCode, 404);
    assert.match(spanish.body, /E\/RES\/1997\/32 no está disponible en ruso\. Está disponible en: inglés, francés\./);
  });

  test('an unknown document is a 404 page in the reader’s language', async () => {
    const response = await app.inject(`/ru/documents/${encodeURIComponent('A/RES/99/999')}/compare?with=ar`);
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /<html lang="ru" dir="ltr">/);
  });

  test('the same language twice is refused; a document in one language says there is nothing to compare', async () => {
    const same = await app.inject(`/en/documents/${encodeURIComponent('E/RES/1997/32')}/compare?base=fr&with=fr`);
    assert.equal(same.statusCode, 400);
    assert.match(same.body, /<h1>Choose two different languages<\/h1>/);
    const single = await app.inject(`/zh/documents/${encodeURIComponent('E/RES/1997/33')}/compare`);
    assert.equal(single.statusCode, 200);
    assert.match(single.body, /E\/RES\/1997\/33只有一种语文版本（英语），无可对照。/);
    assert.doesNotMatch(single.body, /<table/);
  });

  test('the document page links to the side-by-side comparison when the document is in more than one language', async () => {
    const kyoto = await app.inject(`/fr/documents/${KYOTO}?lang=ar`);
    assert.equal(kyoto.statusCode, 200);
    // from the version shown, in the page's language
    assert.ok(kyoto.body.includes(`<a href="/fr/documents/${KYOTO}/compare?base=ar">Comparer deux versions linguistiques côte à côte</a>`));
    const linked = await app.inject(`/fr/documents/${KYOTO}/compare?base=ar`);
    assert.equal(linked.statusCode, 200);
    assert.equal(tableRows(linked.body).length, kyotoIds.length);
    const single = await app.inject(`/en/documents/${encodeURIComponent('E/RES/1997/33')}`);
    assert.equal(single.statusCode, 200);
    assert.doesNotMatch(single.body, /\/compare/, 'nothing to compare in one language');
  });

  test('a symbol typed with its slashes unencoded reaches the comparison, the query kept', async () => {
    const typed = await app.inject('/en/documents/A/RES/76/181/compare?base=ar&with=zh');
    assert.equal(typed.statusCode, 301);
    assert.equal(typed.headers.location, `/en/documents/${KYOTO}/compare?base=ar&with=zh`);
    const page = await app.inject(String(typed.headers.location));
    assert.equal(page.statusCode, 200);
    assert.equal(tableRows(page.body).length, kyotoIds.length);
    // the same for the document itself and for one of its provisions
    assert.equal((await app.inject('/en/documents/A/RES/76/181')).headers.location, `/en/documents/${KYOTO}`);
    const provision = await app.inject('/en/documents/A/RES/76/181/annex-1/para-5?lang=fr');
    assert.equal(provision.statusCode, 301);
    assert.equal(provision.headers.location, `/en/documents/${KYOTO}/annex-1/para-5?lang=fr`);
    // an unknown symbol typed so is still a 404 page once at its encoded address
    const unknown = await app.inject('/en/documents/A/RES/99/999/compare');
    assert.equal(unknown.statusCode, 301);
    assert.equal((await app.inject(String(unknown.headers.location))).statusCode, 404);
  });

  test('nodes in one version only get an empty, flagged cell; imported text is escaped', async () => {
    const response = await app.inject(`/en/documents/${encodeURIComponent('E/RES/1997/32')}/compare?with=fr`);
    assert.equal(response.statusCode, 200);
    const rows = tableRows(response.body);
    assert.deepEqual(rows.map((row) => row.id), ['formula', 'recital-1', 'para-1', 'para-1/point-a', 'para-1/point-b', 'para-2', 'annex-1', 'annex-1/para-1', 'conclusions']);
    const pointB = rows.find((row) => row.id === 'para-1/point-b')!;
    assert.match(pointB.header, /<strong>Only in English<\/strong>/);
    assert.equal(pointB.cells[1]!.open, '<td>');
    assert.equal(pointB.cells[1]!.body, '<em>Not in this version</em>');
    const para2 = rows.find((row) => row.id === 'para-2')!;
    assert.match(para2.header, /<strong>Only in French<\/strong>/);
    assert.equal(para2.cells[0]!.body, '<em>Not in this version</em>');
    assert.match(para2.cells[1]!.body, /Un paragraphe que l’anglais n’a pas\./);
    assert.match(response.body, /9 rows: 7 in both versions, 1 only in English, 1 only in French\./);
    assert.match(response.body, /Règles &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(response.body, /Prie le Secrétaire général &lt;b&gt;de continuer&lt;\/b&gt; :/);
    assert.doesNotMatch(response.body, /<script>|<b>de/);
  });
});
