import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import type { Element } from '@xmldom/xmldom';
import { AppError } from '../../src/errors.ts';
import { readAkn } from '../../src/importer/akn-reader-logic.ts';
import { writeAkn } from '../../src/importer/akn-writer-logic.ts';
import {
  createNode,
  findNode,
  walkNodes,
  type DocumentNode,
  type ImportedDocument,
  type NodeKind,
  type NoteRef,
  type Reference,
} from '../../src/importer/document.ts';
import { assignNodeIds } from '../../src/importer/node-ids-logic.ts';
import { validateAknDocuments } from '../helpers/akn-schema.ts';

const corpus = new URL('../../../shared/corpus/unxml/', import.meta.url);
const symbols = readdirSync(corpus).sort();
const languages = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];

function source(symbol: string, language: string): string | null {
  const url = new URL(`${symbol}/${language}.xml`, corpus);
  return existsSync(url) ? readFileSync(url, 'utf8') : null;
}

function read(symbol: string, language = 'en'): ImportedDocument {
  const xml = source(symbol, language);
  assert.ok(xml, `${symbol}/${language}.xml is in the corpus`);
  const result = readAkn(xml, {}, { fileName: `${symbol}/${language}.xml` });
  assert.equal(result.documents.length, 1);
  return result.documents[0];
}

// ---------------------------------------------------------------------------------------
// Counting the markup itself, independently of the reader

const elementsNamed = (root: Element, name: string): Element[] => Array.from(root.getElementsByTagName(name));
const childNamed = (element: Element, name: string): Element | undefined =>
  Array.from(element.childNodes).find((node): node is Element => node.nodeType === 1 && (node as Element).localName === name);

function insideAttachment(element: Element): boolean {
  for (let node = element.parentNode; node; node = node.parentNode) if ((node as Element).localName === 'attachments') return true;
  return false;
}

/**
 * What the DGACM markup says, counted with plain DOM queries. DGACM flattens some numbers
 * and points into the text of a paragraph without <num> ("6. Reaffirms…", "(a) The INTERPOL…");
 * those are counted from their leading label, as a reader of the printed page would.
 */
function countMarkup(xml: string) {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
  const statement = Array.from(root.childNodes).find((node): node is Element => node.nodeType === 1)!;
  const preamble = childNamed(statement, 'preamble')!;
  const body = elementsNamed(statement, 'paragraph').filter((paragraph) => !insideAttachment(paragraph));
  const numOf = (paragraph: Element) => childNamed(paragraph, 'num')?.textContent?.trim() ?? '';
  const textOf = (paragraph: Element) => (paragraph.textContent ?? '').replace(/\s+/g, ' ').trim();
  const pointLabel = /^\(?[a-z]{1,2}\)/;
  return {
    recitals: Array.from(preamble.childNodes).filter((node) => (node as Element).localName === 'container').length,
    numberedParagraphs:
      body.filter((paragraph) => /^\d/.test(numOf(paragraph))).length +
      // "6.\u200e Reaffirms…": a left-to-right mark may follow the number
      body.filter((paragraph) => !numOf(paragraph) && /^\d{1,3}\.[\s\u200e]/.test(textOf(paragraph))).length,
    points:
      [...elementsNamed(statement, 'point'), ...elementsNamed(statement, 'item')].filter((el) => !insideAttachment(el)).length +
      body.filter((paragraph) => !numOf(paragraph) && pointLabel.test(textOf(paragraph))).length,
    footnotes: elementsNamed(statement, 'authorialNote').length,
    attachments: elementsNamed(statement, 'attachment').length,
  };
}

function countTree(doc: ImportedDocument, options: { attachments: boolean }) {
  const counts = { recitals: 0, numberedParagraphs: 0, points: 0, sections: 0, groups: 0, attachments: 0, noteRefs: 0 };
  for (const [node, parents] of walkNodes(doc.root)) {
    counts.noteRefs += node.notes?.length ?? 0;
    if (node.kind === 'attachment') counts.attachments++;
    if (!options.attachments && (node.kind === 'attachment' || parents.some((parent) => parent.kind === 'attachment'))) continue;
    if (node.kind === 'recital') counts.recitals++;
    if (node.kind === 'paragraph' && node.num) counts.numberedParagraphs++;
    if (node.kind === 'point') counts.points++;
    if (node.kind === 'section') counts.sections++;
    if (node.kind === 'hcontainer') counts.groups++;
  }
  return { ...counts, footnotes: doc.footnotes.length };
}

/**
 * Deep equality of two documents, reporting the first node that differs: assert.deepEqual
 * on whole trees of thousands of nodes spends minutes building its diff.
 */
function assertSameDocument(actual: ImportedDocument, expected: ImportedDocument, label: string): void {
  const { root: actualRoot, footnotes: actualNotes, ...actualMeta } = actual;
  const { root: expectedRoot, footnotes: expectedNotes, ...expectedMeta } = expected;
  assert.deepEqual(actualMeta, expectedMeta, `${label}: metadata`);
  assert.equal(actualNotes.length, expectedNotes.length, `${label}: footnotes`);
  actualNotes.forEach((note, index) => assert.deepEqual(note, expectedNotes[index], `${label}: footnote ${index + 1}`));
  const flat = (root: DocumentNode) => [...walkNodes(root)].map(([node]) => ({ ...node, children: node.children.map((child) => child.id) }));
  const actualNodes = flat(actualRoot);
  const expectedNodes = flat(expectedRoot);
  assert.equal(actualNodes.length, expectedNodes.length, `${label}: node count`);
  actualNodes.forEach((node, index) => assert.deepEqual(node, expectedNodes[index], `${label}: node ${expectedNodes[index].id}`));
}

// ---------------------------------------------------------------------------------------
// Reading the corpus

test('every English resolution reads, with the counts its markup gives', () => {
  assert.ok(symbols.length >= 47, 'the corpus is in place');
  const totals = { recitals: 0, numberedParagraphs: 0, points: 0, footnotes: 0, attachments: 0 };
  for (const symbol of symbols) {
    const xml = source(symbol, 'en')!;
    const doc = read(symbol);
    const markup = countMarkup(xml);
    const tree = countTree(doc, { attachments: false });
    assert.equal(doc.symbol, symbol.replace(/-/g, '/'), symbol);
    assert.equal(tree.recitals, markup.recitals, `${symbol}: recitals`);
    assert.equal(tree.numberedParagraphs, markup.numberedParagraphs, `${symbol}: numbered paragraphs`);
    assert.equal(tree.points, markup.points, `${symbol}: points`);
    assert.equal(tree.footnotes, markup.footnotes, `${symbol}: footnotes`);
    assert.equal(tree.noteRefs, markup.footnotes, `${symbol}: footnote markers`);
    assert.equal(tree.attachments, markup.attachments, `${symbol}: attachments`);
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += markup[key];
  }
  // the comparison is not vacuous: every kind of element was found and counted
  assert.ok(totals.recitals > 1000 && totals.numberedParagraphs > 1500, JSON.stringify(totals));
  assert.ok(totals.points > 100 && totals.footnotes > 700 && totals.attachments === 2, JSON.stringify(totals));
});

test('every language version has the structure of the English one', () => {
  let compared = 0;
  for (const symbol of symbols) {
    const english = countTree(read(symbol), { attachments: true });
    const englishRecitals = countMarkup(source(symbol, 'en')!).recitals;
    for (const language of languages.filter((code) => code !== 'en')) {
      const xml = source(symbol, language);
      if (!xml) continue;
      const doc = read(symbol, language);
      assert.equal(doc.language, language, `${symbol}/${language}: language`);
      assert.equal(doc.body, 'General Assembly', `${symbol}/${language}: body`);
      // A-RES-75-291/zh merges two recitals in its own markup; that difference is the source's.
      const sourceDifference = countMarkup(xml).recitals - englishRecitals;
      const expected = { ...english, recitals: english.recitals + sourceDifference };
      assert.deepEqual(countTree(doc, { attachments: true }), expected, `${symbol}/${language}`);
      compared++;
    }
  }
  assert.ok(compared >= 220, `compared ${compared} language versions`);
});

test('node ids line up across the six languages, whatever their numerals', () => {
  // Arabic "1 -", أولا and (أ), Chinese 一, Cyrillic look-alike letters: written the English way
  for (const symbol of ['A-RES-75-248', 'A-RES-76-181', 'A-RES-77-20', 'A-RES-77-236', 'A-RES-75-10']) {
    const ids = (language: string) => [...walkNodes(read(symbol, language).root)].map(([node]) => node.id);
    const english = ids('en');
    for (const language of ['ar', 'es', 'fr', 'ru', 'zh']) assert.deepEqual(ids(language), english, `${symbol}/${language}`);
  }
});

test('metadata: symbol, title, body, date, language, meeting and type', () => {
  const doc = read('A-RES-75-58');
  assert.deepEqual(
    { ...doc, root: undefined, footnotes: undefined },
    {
      symbol: 'A/RES/75/58',
      title: 'Measures to prevent terrorists from acquiring weapons of mass destruction',
      body: 'General Assembly',
      adopted: '2020-12-07',
      language: 'en',
      meeting: '37th plenary meeting',
      type: 'resolution',
      root: undefined,
      footnotes: undefined,
    },
  );
  assert.equal(findNode(doc.root, 'formula')?.text, 'The General Assembly,');
  assert.equal(findNode(doc.root, 'conclusions')?.text, '37th plenary meeting\n7 December 2020');
  const chinese = read('A-RES-75-58', 'zh');
  assert.equal(chinese.language, 'zh');
  assert.equal(chinese.body, 'General Assembly');
  assert.equal(chinese.adopted, '2020-12-07');
});

test('hints fill what the file does not say, and only that', () => {
  const xml = source('A-RES-75-58', 'en')!.replace(/<docNumber refersTo="#symbol">[^<]*<\/docNumber>/, '');
  const doc = readAkn(xml, { symbol: 'A/RES/75/58-HINT', language: 'fr', title: 'ignored' }).documents[0];
  assert.equal(doc.symbol, 'A/RES/75/58-HINT');
  assert.equal(doc.language, 'en');
  assert.equal(doc.title, 'Measures to prevent terrorists from acquiring weapons of mass destruction');
});

test('A/RES/75/248: "I" then "System of administration of justice" make a section', () => {
  const doc = read('A-RES-75-248');
  const sections = doc.root.children.filter((node) => node.kind === 'section');
  assert.deepEqual(
    sections.map((section) => [section.num, section.heading]),
    [
      ['I', 'System of administration of justice'],
      ['II', 'Informal system'],
      ['III', 'Formal system'],
      ['IV', 'Other issues'],
    ],
  );
  const first = findNode(doc.root, 'sec-I')!;
  assert.deepEqual(
    first.children.map((node) => node.num),
    ['3.', '4.', '5.', '6.', '7.', '8.', '9.', '10.', '11.', '12.', '13.'],
  );
  // paragraph 6 has its number in its text in the markup
  assert.match(findNode(doc.root, 'sec-I/para-6')!.text!, /^Reaffirms its decision, contained in paragraph 4/);
  assert.equal(findNode(doc.root, 'para-1')?.kind, 'paragraph');
  // the Arabic and Chinese versions number their sections in words and figures of their own
  const arabic = read('A-RES-75-248', 'ar').root.children.filter((node) => node.kind === 'section');
  assert.deepEqual(arabic.map((section) => section.num), ['أولا', 'ثانيا', 'ثالثا', 'رابعا']);
  const chinese = read('A-RES-75-248', 'zh').root.children.filter((node) => node.kind === 'section');
  assert.deepEqual(chinese.map((section) => [section.num, section.heading]), [
    ['一', '内部司法系统'],
    ['二', '非正式系统'],
    ['三', '正式系统'],
    ['四', '其他问题'],
  ]);
});

test('A/RES/76/181: the Kyoto Declaration is rebuilt from its flattened annex', () => {
  const xml = source('A-RES-76-181', 'en')!;
  const doc = read('A-RES-76-181');
  const annex = doc.root.children.find((node) => node.kind === 'attachment')!;
  assert.equal(annex.id, 'annex-1');
  assert.equal(
    annex.heading,
    'Kyoto Declaration on Advancing Crime Prevention, Criminal Justice and the Rule of Law: Towards the Achievement of the 2030 Agenda for Sustainable Development',
  );
  assert.equal(annex.num, null);
  assert.equal(annex.children[0].kind, 'formula');
  assert.equal(annex.children[0].text, 'We, Heads of State and Government, Ministers and Representatives of Member States,');
  const recitals = annex.children.filter((node) => node.kind === 'recital');
  assert.deepEqual(
    recitals.map((node) => node.text!.split(' ').slice(0, 2).join(' ')),
    ['Assembled at', 'Taking stock', 'Recalling the', 'Recognizing the'],
  );

  const numbered = [...walkNodes(annex)].map(([node]) => node).filter((node) => node.kind === 'paragraph' && node.num);
  const annexNums = Array.from(new DOMParser().parseFromString(xml, 'text/xml').getElementsByTagName('attachment')[0].getElementsByTagName('num'));
  assert.equal(numbered.length, annexNums.length);
  assert.deepEqual(
    numbered.map((node) => node.num),
    Array.from({ length: 97 }, (_, index) => `${index + 1}.`),
  );

  const groups = annex.children.filter((node) => node.kind === 'hcontainer');
  assert.deepEqual(groups.map((node) => node.heading), [
    'Advancing crime prevention',
    'Advancing the criminal justice system',
    'Promoting the rule of law',
    'Promoting international cooperation and technical assistance to prevent and address all forms of crime',
  ]);
  const causes = groups[0].children[0];
  assert.equal(causes.kind, 'hcontainer');
  assert.equal(causes.heading, 'Addressing the causes, including the root causes, of crime');
  assert.equal(causes.children[0].id, 'annex-1/para-21');
  assert.match(causes.children[0].text!, /^Develop, implement and evaluate crime prevention strategies/);
  // "Declare the following:" closes the preamble and paragraphs 1 to 20 come before the groups,
  // with the sentence that introduces them
  const unnumbered = annex.children.filter((node) => node.kind === 'paragraph' && !node.num);
  assert.deepEqual(unnumbered.map((node) => node.text), ['Declare the following:', 'We therefore endeavour to take the following actions:']);
  assert.equal(annex.children.indexOf(unnumbered[0]), 5, 'after the formula and the four recitals');
});

test('A/RES/76/7: flattened (a)-points in the annex become points of their paragraph', () => {
  const doc = read('A-RES-76-7');
  const paragraph16 = findNode(doc.root, 'annex-1/para-16')!;
  assert.deepEqual(paragraph16.children.map((node) => [node.kind, node.num]), [
    ['point', '(a)'],
    ['point', '(b)'],
    ['point', '(c)'],
    ['point', '(d)'],
    ['point', '(e)'],
  ]);
  assert.match(paragraph16.children[0].text!, /^We reaffirm our strong support/);
  // the French version leaves each numbered paragraph empty and puts its text after it
  const french = read('A-RES-76-7', 'fr');
  assert.match(findNode(french.root, 'annex-1/para-1')!.text!, /^Nous, États Membres de l’Organisation des Nations Unies/);
});

test('language quirks: Arabic points as paragraphs, a stray Chinese preamble, Russian letters', () => {
  const arabic = read('A-RES-77-20', 'ar');
  const paragraph17 = findNode(arabic.root, 'para-17')!;
  assert.deepEqual(paragraph17.children.map((node) => node.num), ['(أ)', '(ب)', '(ج)', '(د)', '(ه)']);
  const chinese = read('A-RES-75-161', 'zh');
  assert.match(findNode(chinese.root, 'para-10')!.text!, /^期待由联合国促进性别平等/);
  const russian = read('A-RES-75-10', 'ru');
  const points = [...walkNodes(russian.root)].map(([node]) => node).filter((node) => node.kind === 'point');
  assert.equal(points.length, 5);
  assert.ok(points.every((point) => point.text && !/^[a-zа-я]\)/.test(point.text)), 'labels are not left in the text');
});

test('footnotes: text on the document, marker offset on the node, nothing leaks', () => {
  const doc = read('A-RES-75-58');
  const recital = findNode(doc.root, 'recital-7')!;
  assert.match(recital.text!, /^Welcoming also the adoption/);
  assert.deepEqual(recital.notes, [{ marker: '2', at: recital.text!.indexOf(' by the International Atomic') }]);
  assert.ok(recital.text!.slice(0, recital.notes![0].at).endsWith('Convention on the Physical Protection of Nuclear Material'));
  assert.deepEqual(doc.footnotes[1], { marker: '2', text: 'Ibid., vol. 1456, No. 24631.' });
  assert.ok(!recital.text!.includes('Ibid.'), 'the note text stays out of the node text');
  // a marker at the end of the text
  const first = findNode(doc.root, 'recital-6')!;
  assert.deepEqual(first.notes, [{ marker: '1', at: first.text!.length }]);
  assert.equal(doc.footnotes[0].text, 'United Nations, Treaty Series, vol. 2445, No. 44004.');
  // the French notes repeat their number as a superscript; the Arabic ones bracket markers
  const french = read('A-RES-75-311', 'fr');
  assert.match(french.footnotes.find((note) => note.marker === '11')!.text!, /^A\/CONF\.234\/16/);
  const arabic = read('A-RES-75-10', 'ar');
  for (const [node] of walkNodes(arabic.root)) assert.ok(!node.text?.includes('()'), `${node.id}: no empty marker brackets`);
  assert.equal(arabic.footnotes.length, 7);
});

test('citations: symbols decoded from undocs.org links, in text and in notes', () => {
  const doc = read('A-RES-75-58');
  const recital = findNode(doc.root, 'recital-1')!;
  assert.equal(recital.text, 'Recalling its resolution 74/43 of 12 December 2019,');
  assert.deepEqual(recital.refs, [{ kind: 'citation', text: '74/43', start: 25, end: 30, symbol: 'A/RES/74/43', field: 'text' }]);
  const security = findNode(doc.root, 'recital-4')!;
  assert.equal(security.refs?.[0].symbol, 'S/RES/1540(2004)');
  assert.equal(security.text!.slice(security.refs![0].start, security.refs![0].end), '1540 (2004)');
  assert.deepEqual(doc.footnotes[2].refs, [{ kind: 'citation', text: 'A/74/548', start: 4, end: 12, symbol: 'A/74/548', field: 'text' }]);
  // Chinese links carry "ch/", some links are typed in lower case
  const chinese = read('A-RES-75-58', 'zh');
  assert.equal(findNode(chinese.root, 'recital-1')?.refs?.[0].symbol, 'A/RES/74/43');
  const kyoto = read('A-RES-76-181');
  assert.equal(findNode(kyoto.root, 'recital-1')?.refs?.[0].symbol, 'E/RES/155 (VII)');
});

// ---------------------------------------------------------------------------------------
// Malformed input

function assertRefused(xml: string, pattern: RegExp): AppError {
  let caught: unknown;
  try {
    readAkn(xml, {}, { fileName: 'upload.xml' });
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof AppError, `an AppError, got ${String(caught)}`);
  assert.equal(caught.code, 'import.invalid_xml');
  assert.match(caught.message, /^upload\.xml: /);
  assert.match(caught.message, pattern);
  return caught;
}

test('malformed input is refused with import.invalid_xml and says why and where', () => {
  assertRefused('', /empty/);
  assertRefused('  \n ', /empty/);
  const truncated = source('A-RES-75-58', 'en')!.slice(0, 12000);
  const error = assertRefused(truncated, /not well-formed XML: unexpected end of input at line \d+/);
  assert.ok(Number(error.params.line) > 100, 'the line is where the file stops');
  assertRefused('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n<statement>\n<p>a</statement>', /not well-formed XML: .*mismatch.* at line 3/);
  assertRefused('<html><body><p>Hello</p></body></html>', /not Akoma Ntoso: the root element is <html>/);
  assertRefused('<akomaNtoso xmlns="urn:other"><statement/></akomaNtoso>', /not Akoma Ntoso: unknown namespace urn:other/);
  assertRefused('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><meta/></akomaNtoso>', /holds no document element/);
  const binary = String.fromCharCode(...Array.from({ length: 512 }, (_, index) => (index * 37) % 256));
  assertRefused(binary, /binary data/);
  assertRefused('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', /binary data/);
  assertRefused('just some words', /does not start with a tag/);
  assertRefused('<akomaNtoso><statement name=resolution/></akomaNtoso>', /not well-formed XML/);
});

test('deeply nested or huge input ends with a result or an AppError', () => {
  const depth = 50000;
  const nested = `<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="x"><mainBody><p>${'<span>'.repeat(depth)}deep text.${'</span>'.repeat(depth)}</p></mainBody></doc></akomaNtoso>`;
  try {
    const result = readAkn(nested);
    assert.equal(result.documents[0].root.children[0].text, 'deep text.');
  } catch (error) {
    assert.ok(error instanceof AppError, `only an AppError may come out, got ${String(error)}`);
    assert.equal(error.code, 'import.invalid_xml');
  }
});

test('what the reader does not understand is kept as text and reported with its line', () => {
  const xml = [
    '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">',
    '<statement name="resolution"><mainBody>',
    '<paragraph><num>1.</num><content><p>Decides</p></content></paragraph>',
    '<table><tr><td>cell words</td></tr></table>',
    '</mainBody></statement></akomaNtoso>',
  ].join('\n');
  const result = readAkn(xml);
  const [, unknown] = result.documents[0].root.children;
  assert.equal(unknown.text, 'cell words');
  assert.deepEqual(result.diagnostics, [{ line: 4, message: 'body element <table> read as an unnumbered paragraph' }]);
});

// ---------------------------------------------------------------------------------------
// Writing

/** A citation of `words` where they stand in `text`. */
function cite(text: string, words: string, symbol: string, extra: Partial<Reference> = {}): Reference {
  const start = text.indexOf(words);
  assert.ok(start >= 0, `"${words}" is in "${text}"`);
  return { kind: 'citation', text: words, start, end: start + words.length, symbol, field: 'text', ...extra };
}

/** A footnote marker just after `words` in `text`. */
function noteAfter(text: string, words: string, marker: string): NoteRef {
  const start = text.indexOf(words);
  assert.ok(start >= 0, `"${words}" is in "${text}"`);
  return { marker, at: start + words.length };
}

/** A tree with every node kind, footnotes, citations and text that must stay text. */
function handBuiltDocument(): ImportedDocument {
  const node = (kind: NodeKind, fields: Partial<DocumentNode>, children: DocumentNode[] = []): DocumentNode => ({
    ...createNode(kind, { num: null, heading: null, text: null, ...fields }),
    children,
  });
  const recitalText = 'Recalling its resolution 1997/32 & the <script>alert("x")</script> annex,';
  const unnumberedText = 'An unnumbered paragraph citing A/65/230 with a < and a > sign.';
  const annexTitle = 'Recommendations of the Expert Group on A/CN.15/2003/2';
  const noteText = 'Official Records of the Economic and Social Council, 1997 (E/1997/97).';
  const root = createNode('document');
  root.children.push(
    node('formula', { text: 'The Economic and Social Council,' }),
    node('recital', {
      text: recitalText,
      notes: [noteAfter(recitalText, '1997/32 &', '1')],
      refs: [cite(recitalText, '1997/32', 'E/RES/1997/32')],
    }),
    node('recital', { text: 'Noting the following:' }, [node('point', { num: '(a)', text: 'First element;' }), node('point', { num: '(b)', text: 'Second element,' })]),
    node('paragraph', { num: '1.', text: 'Decides that:' }, [
      node('point', { num: '(a)', text: 'Letters shall be answered;' }, [node('point', { num: '(i)', text: 'promptly, and' })]),
      node('point', { num: '(b)', text: 'Replies shall be kept;' }),
    ]),
    node('section', { num: 'I', heading: 'Rules of general application' }, [
      node('hcontainer', { num: '1.', heading: 'Basic principle' }, [
        node('rule', { num: '1', heading: 'Non-discrimination', text: 'The rules shall be applied impartially.' }),
        node('heading', { text: '[Supplements rule 6 of the Standard Minimum Rules]' }),
        node('rule', { num: '2' }, [node('paragraph', { num: '1.', text: 'Prisoners shall be treated with respect.', notes: [{ marker: '2', at: 9 }] })]),
      ]),
    ]),
    node('paragraph', { text: unnumberedText, refs: [cite(unnumberedText, 'A/65/230', 'A/65/230', { kind: 'crossReference' })] }),
    node('recital', { text: 'A late recital in the body.' }),
    node('conclusions', { text: '21st plenary meeting\n22 July 2003' }),
    node('attachment', { num: 'I', heading: annexTitle, refs: [cite(annexTitle, 'A/CN.15/2003/2', 'A/CN.15/2003/2', { field: 'heading' })] }, [
      node('formula', { text: 'We, the experts,' }),
      node('paragraph', { num: '1.', text: 'States should designate a contact person.', notes: [{ marker: '3', at: 'States should designate a contact person.'.length }] }),
      node('attachment', { num: 'A', heading: 'Inner appendix' }, [node('paragraph', { text: 'Text of the appendix.' })]),
    ]),
  );
  assignNodeIds(root);
  return {
    symbol: 'E/RES/2003/30',
    title: 'Standards & norms <in> crime prevention',
    body: 'Economic and Social Council',
    adopted: '2003-07-22',
    language: 'en',
    meeting: '21st plenary meeting',
    type: 'resolution',
    root,
    footnotes: [
      { marker: '1', text: noteText, refs: [cite(noteText, 'E/1997/97', 'E/1997/97')] },
      { marker: '2', text: 'Resolution 70/175, annex.' },
      { marker: '3', text: 'See "contact person" in para. 11 & <b>.' },
      { marker: '4', text: 'A note no marker points at.' },
    ],
  };
}

function wordsOf(doc: ImportedDocument): string[] {
  const texts: string[] = [];
  for (const [node] of walkNodes(doc.root)) texts.push(node.num ?? '', node.heading ?? '', node.text ?? '');
  for (const footnote of doc.footnotes) texts.push(footnote.text ?? '');
  return texts.join(' ').split(/\s+/).filter(Boolean);
}

test('the hand-built tree covers every node kind', () => {
  const kinds = new Set([...walkNodes(handBuiltDocument().root)].map(([node]) => node.kind));
  assert.deepEqual([...kinds].sort(), ['attachment', 'conclusions', 'document', 'formula', 'hcontainer', 'heading', 'paragraph', 'point', 'recital', 'rule', 'section']);
});

test('writeAkn keeps every word, escapes text, and reads back to the same tree', () => {
  const doc = handBuiltDocument();
  const xml = writeAkn(doc);
  assert.ok(!xml.includes('<script>'), 'markup in text is escaped');
  assert.ok(xml.includes('&lt;script&gt;alert("x")&lt;/script&gt;'), 'the script tag is text');
  assert.ok(
    xml.includes('resolution <ref href="https://undocs.org/E/RES/1997/32">1997/32</ref> &amp;<authorialNote marker="1"'),
    'the citation and the footnote stand where they were',
  );
  assert.ok(xml.includes('eId="sec-I__rule-1"'), 'eIds follow the id paths with "__" between levels');
  assert.ok(xml.includes('<statement name="resolution">'), 'a resolution is a statement');

  const written = new DOMParser().parseFromString(xml, 'text/xml').documentElement!.textContent!;
  const writtenWords = new Set(written.split(/\s+/));
  for (const word of wordsOf(doc)) {
    assert.ok(written.includes(word), `"${word}" is in the output`);
  }
  // markers are attributes in AKN
  for (const footnote of doc.footnotes) assert.ok(xml.includes(`marker="${footnote.marker}"`), `marker ${footnote.marker}`);
  assert.ok(writtenWords.size > 50, 'the output holds the words');

  const back = readAkn(xml);
  assert.deepEqual(back.diagnostics, []);
  const reread = back.documents[0];
  // the note no marker points at comes back too, from the metadata
  assertSameDocument(reread, doc, 'hand-built');
});

test('writeAkn output of the whole corpus and of the hand-built tree validates against the AKN schema', async () => {
  const documents = [{ name: 'hand-built.xml', xml: writeAkn(handBuiltDocument()) }];
  const minimal: ImportedDocument = {
    symbol: null,
    title: null,
    body: null,
    adopted: null,
    language: null,
    type: null,
    root: assignNodeIds(createNode('document')),
    footnotes: [],
  };
  documents.push({ name: 'empty.xml', xml: writeAkn(minimal) });
  for (const symbol of symbols) {
    for (const language of languages) {
      const xml = source(symbol, language);
      if (xml) documents.push({ name: `${symbol}-${language}.xml`, xml: writeAkn(readAkn(xml).documents[0]) });
    }
  }
  assert.ok(documents.length > 270, 'the corpus was written');
  assert.deepEqual(await validateAknDocuments(documents), []);
  // the check itself can fail
  const broken = documents[0].xml.replace('<mainBody>', '<mainBody><section><bogus/></section>');
  const problems = await validateAknDocuments([{ name: 'broken.xml', xml: broken }]);
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /bogus/);
});

test('every corpus file reads back from its own AKN output to the same document', () => {
  for (const symbol of symbols) {
    for (const language of languages) {
      const xml = source(symbol, language);
      if (!xml) continue;
      const doc = readAkn(xml).documents[0];
      const back = readAkn(writeAkn(doc));
      assert.deepEqual(back.diagnostics, [], `${symbol}/${language}`);
      assertSameDocument(back.documents[0], doc, `${symbol}/${language}`);
    }
  }
});

test('a document with no metadata writes sensible defaults', () => {
  const root = createNode('document');
  root.children.push({ ...createNode('paragraph', { num: null, heading: null, text: 'Only text.' }) });
  assignNodeIds(root);
  const xml = writeAkn({ symbol: null, title: null, body: null, adopted: null, language: null, root, footnotes: [] });
  assert.match(xml, /<doc name="document">/);
  assert.match(xml, /<FRBRlanguage language="und"\/>/);
  assert.match(xml, /<FRBRdate date="0001-01-01" name="adoption"\/>/);
  const back = readAkn(xml).documents[0];
  assert.deepEqual(
    { symbol: back.symbol, body: back.body, adopted: back.adopted, language: back.language, type: back.type },
    { symbol: null, body: null, adopted: null, language: null, type: 'other' },
  );
  assert.equal(back.root.children[0].text, 'Only text.');
});
