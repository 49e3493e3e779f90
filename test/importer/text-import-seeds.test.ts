import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countNodes, findNode, walkNodes, type DocumentNode, type ImportedDocument, type ImportResult } from '../../src/importer/document.ts';
import { readAkn } from '../../src/importer/akn-reader-logic.ts';
import { writeAkn } from '../../src/importer/akn-writer-logic.ts';
import { listNotes, nodeDescribedByNote } from '../../src/importer/references-logic.ts';
import { importText } from '../../src/importer/text-import-logic.ts';
import { validateAknDocuments } from '../helpers/akn-schema.ts';
import { readSeed } from '../helpers/seeds.ts';

function importSeed(prefix: '000' | '001' | '002' | '003' | '004'): ImportResult {
  const { text, hints } = readSeed(prefix);
  return importText(text, hints);
}

function childrenOfKind(node: DocumentNode, kind: DocumentNode['kind']): DocumentNode[] {
  return node.children.filter((child) => child.kind === kind);
}

function allOfKind(node: DocumentNode, kind: DocumentNode['kind']): DocumentNode[] {
  return [...walkNodes(node)].map(([each]) => each).filter((each) => each.kind === kind);
}

function nums(nodes: DocumentNode[]): string[] {
  return nodes.map((node) => node.num ?? '');
}

function sequence(count: number, format: (n: number) => string): string[] {
  return Array.from({ length: count }, (_, index) => format(index + 1));
}

function letters(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `(${String.fromCharCode(97 + index)})`);
}

function allTexts(doc: ImportedDocument): string {
  return [...walkNodes(doc.root)].map(([node]) => `${node.heading ?? ''}\n${node.text ?? ''}`).join('\n');
}

/** The footnote marker that stands right after `words` in the node's text. */
function markerAfter(node: DocumentNode, words: string): string | undefined {
  const end = node.text!.indexOf(words) + words.length;
  assert.ok(end >= words.length, `"${words}" is in the node's text`);
  return node.notes?.find((note) => note.at === end)?.marker;
}

function assertUniqueIds(doc: ImportedDocument): void {
  const ids = [...walkNodes(doc.root)].map(([node]) => node.id);
  assert.equal(new Set(ids).size, ids.length, `ids are unique in ${doc.symbol}`);
}

describe('seed 000: E/RES/2012/13, a PDF export', () => {
  const result = importSeed('000');
  const [doc] = result.documents;

  test('is one ECOSOC resolution with its metadata', () => {
    assert.equal(result.documents.length, 1);
    assert.equal(doc.symbol, 'E/RES/2012/13');
    assert.equal(doc.body, 'Economic and Social Council');
    assert.equal(doc.adopted, '2012-07-26');
    assert.equal(doc.meeting, '46th plenary meeting');
    assert.equal(doc.language, 'en');
    assert.deepEqual(result.diagnostics, []);
  });

  test('carries the draft resolution it recommends to the General Assembly', () => {
    assert.deepEqual(doc.root.children.map((node) => node.kind), ['formula', 'paragraph', 'attachment', 'conclusions']);
    assert.match(doc.root.children[1].text!, /^Recommends to the General Assembly the adoption of the following draft resolution:$/);
    const draft = doc.root.children[2];
    assert.equal(childrenOfKind(draft, 'formula')[0].text, 'The General Assembly,');
    assert.equal(childrenOfKind(draft, 'recital').length, 11);
    assert.deepEqual(nums(childrenOfKind(draft, 'paragraph')), sequence(17, (n) => `${n}.`));
    assert.equal(doc.root.children[3].text, '46th plenary meeting\n26 July 2012');
  });

  test('reads the nine areas (a) to (i) of paragraph 6', () => {
    const paragraph6 = findNode(doc.root, 'annex-1/para-6')!;
    assert.match(paragraph6.text!, /^Takes cognizance of the recommendations of the Expert Group, and notes that the Expert Group identified the following preliminary areas for possible consideration:$/);
    assert.deepEqual(nums(paragraph6.children), letters(9));
    assert.equal(paragraph6.children[8].text, 'Training of relevant staff to implement the Standard Minimum Rules;');
    assert.equal(paragraph6.children[2].text, 'Disciplinary action and punishment, including the role of medical staff, solitary confinement and reduction of diet;');
  });

  test('joins paragraphs broken by page breaks and footnote blocks', () => {
    const recital4 = findNode(doc.root, 'annex-1/recital-4')!;
    assert.match(recital4.text!, /so that they reflected recent advances in correctional science and best practices/);
    const recital11 = findNode(doc.root, 'annex-1/recital-11')!;
    assert.match(recital11.text!, /the handbook for prison leaders, the handbook on the international transfer of sentenced persons/);
    const paragraph16 = findNode(doc.root, 'annex-1/para-16')!;
    assert.match(paragraph16.text!, /with the Economic and Social Council in contributing to the dissemination/);
    assert.match(findNode(doc.root, 'annex-1/para-12')!.text!, /Women Prisoners and Non-custodial Measures for Women Offenders/);
  });

  test('attaches bare-digit footnote markers where they stand', () => {
    assert.deepEqual(doc.footnotes.map((note) => note.marker), sequence(13, String));
    assert.equal(doc.footnotes[0].text, 'General Assembly resolution 65/230, annex.');
    assert.equal(doc.footnotes[9].text, 'Handbook for Prison Leaders: A Basic Training Tool and Curriculum for Prison Managers Based on International Standards and Norms, Criminal Justice Handbook Series (United Nations publication, Sales No. E.10.IV.4).');
    assert.equal(markerAfter(findNode(doc.root, 'annex-1/recital-3')!, 'in a Changing World,'), '1');
    assert.equal(markerAfter(findNode(doc.root, 'annex-1/recital-5')!, 'Treatment of Prisoners'), '2');
    assert.equal(markerAfter(findNode(doc.root, 'annex-1/para-4')!, 'Treatment of Prisoners,'), '2');
    assert.equal(markerAfter(findNode(doc.root, 'annex-1/para-6')!, 'the Expert Group,'), '11');
    assert.deepEqual(findNode(doc.root, 'annex-1/recital-9')!.notes!.map((note) => note.marker), ['6', '7', '8', '9']);
  });

  test('removes page headers and numbers, keeps years and resolution numbers', () => {
    const texts = allTexts(doc);
    assert.doesNotMatch(texts, /E\/RES\/2012\/13|_{3,}/);
    assert.match(texts, /resolution 1984\/47 of 25 May 1984/);
    assert.match(texts, /from 12 to 19 April 2010/);
    assertUniqueIds(doc);
  });
});

describe('seed 001: E/2010/30, a Commission report in Markdown', () => {
  const result = importSeed('001');
  const bySymbol = new Map(result.documents.map((doc) => [doc.symbol, doc]));
  const part = (suffix: string) => {
    const doc = bySymbol.get(`E/2010/30, chap. I, ${suffix}`);
    assert.ok(doc, `document ${suffix} exists`);
    return doc;
  };

  test('splits the report into every document it contains', () => {
    assert.deepEqual(
      result.documents.map((doc) => doc.symbol),
      [
        'E/2010/30',
        ...['I', 'II', 'III', 'IV'].map((n) => `E/2010/30, chap. I, sect. A, draft resolution ${n}`),
        ...['I', 'II'].map((n) => `E/2010/30, chap. I, sect. B, draft resolution ${n}`),
        'E/2010/30, chap. I, sect. C, draft decision',
        ...sequence(7, (n) => `E/2010/30, chap. I, sect. D, resolution 19/${n}`),
        'E/2010/30, chap. I, sect. D, decision 19/1',
      ],
    );
    assert.deepEqual(result.diagnostics, []);
    for (const doc of result.documents.slice(1)) assert.equal(doc.partOf, 'E/2010/30');
    assert.equal(part('sect. A, draft resolution I').body, 'General Assembly');
    assert.equal(part('sect. B, draft resolution I').body, 'Economic and Social Council');
    assert.equal(part('sect. D, resolution 19/1').body, 'Commission on Crime Prevention and Criminal Justice');
    assert.equal(part('sect. D, decision 19/1').body, 'Commission on Crime Prevention and Criminal Justice');
    assert.equal(part('sect. D, resolution 19/4').title?.startsWith('Measures for achieving progress on the issue of trafficking in persons'), true);
    assert.deepEqual(result.documents.map((doc) => doc.type), ['report', ...Array(6).fill('draftResolution'), 'draftDecision', ...Array(7).fill('resolution'), 'decision']);
    for (const doc of result.documents) assertUniqueIds(doc);
  });

  test('keeps the report paragraphs in its sections', () => {
    const report = result.documents[0];
    const chapter = report.root.children[0];
    assert.equal(chapter.num, 'Chapter I');
    assert.deepEqual(nums(childrenOfKind(chapter, 'section')), ['A.', 'B.', 'C.', 'D.']);
    assert.deepEqual(nums(allOfKind(report.root, 'paragraph')), ['1.', '2.', '3.', '4.']);
  });

  test('reads the 70 Bangkok Rules with their sections, groups and cross-references', () => {
    const draft = part('sect. A, draft resolution II');
    assert.equal(draft.title, 'United Nations Rules for the Treatment of Women Prisoners and Non-custodial Measures for Women Offenders (the Bangkok Rules)');
    const annex = childrenOfKind(draft.root, 'attachment')[0];
    assert.equal(annex.heading, draft.title);
    assert.deepEqual(nums(allOfKind(annex, 'rule')), sequence(70, (n) => `Rule ${n}`));
    assert.deepEqual(nums(childrenOfKind(annex, 'section')), ['I.', 'II.', 'III.', 'IV.']);
    const section2 = findNode(annex, 'annex-1/sec-II')!;
    assert.deepEqual(nums(childrenOfKind(section2, 'section')), ['A.', 'B.']);
    const preliminary = findNode(annex, 'annex-1/group-u1')!;
    assert.equal(preliminary.heading, 'Preliminary observations');
    assert.deepEqual(nums(preliminary.children), sequence(12, (n) => `${n}.`));
    assert.deepEqual(nums(findNode(annex, 'annex-1/group-u2')!.children), sequence(6, (n) => `${n + 12}.`));

    const group1 = findNode(annex, 'annex-1/sec-I/group-1')!;
    assert.equal(group1.heading, 'Basic principle');
    assert.deepEqual(group1.children.map((node) => node.kind), ['heading', 'rule']);
    assert.equal(group1.children[0].text, '[Supplements rule 6 of the Standard Minimum Rules for the Treatment of Prisoners]');
    assert.match(findNode(annex, 'annex-1/sec-I/rule-1')!.text!, /^In order for the principle of non-discrimination/);
    assert.deepEqual(nums(findNode(annex, 'annex-1/sec-I/rule-2')!.children), ['1.', '2.']);
    assert.equal(findNode(annex, 'annex-1/sec-II/sec-B/rule-56')!.kind, 'rule');
    assert.ok(findNode(annex, 'annex-1/sec-III/rule-64'));
    assert.equal(allOfKind(annex, 'heading').filter((node) => node.text!.startsWith('[Supplements')).length, 17);
  });

  test('reads the lettered groups of the Bangkok Rules as groups, not as points of the rule before them', () => {
    const annex = childrenOfKind(part('sect. A, draft resolution II').root, 'attachment')[0];
    const health = findNode(annex, 'annex-1/sec-I/group-6')!;
    assert.equal(health.heading, 'Health-care services');
    assert.deepEqual(health.children.map((node) => node.kind), ['heading', ...Array(7).fill('hcontainer')]);
    assert.deepEqual(nums(childrenOfKind(health, 'hcontainer')), letters(7));
    const screening = findNode(annex, 'annex-1/sec-I/group-a')!;
    assert.equal(screening.heading, 'Medical screening on entry');
    assert.deepEqual(nums(childrenOfKind(screening, 'rule')), ['Rule 6', 'Rule 7', 'Rule 8', 'Rule 9']);
    assert.deepEqual(nums(childrenOfKind(findNode(annex, 'annex-1/sec-I/group-7')!, 'hcontainer')), letters(4));
    assert.equal(findNode(annex, 'annex-1/sec-I/group-b-2')!.heading, 'Discipline and punishment');
    // the points left are those of the rules' own text
    assert.deepEqual(nums(findNode(annex, 'annex-1/sec-I/rule-6')!.children), letters(5));
    assert.deepEqual(findNode(annex, 'annex-1/sec-I/rule-9')!.children, []);
    for (const [node, parents] of walkNodes(annex)) {
      if (node.kind === 'point') assert.ok(!['hcontainer', 'section'].includes(parents.at(-1)!.kind), `${node.id} is a point of a provision`);
    }
  });

  test('each cross-reference note of the Bangkok Rules speaks for the rule or the group whose title it follows', () => {
    const annex = childrenOfKind(part('sect. A, draft resolution II').root, 'attachment')[0];
    const notes = listNotes(annex).filter(({ note }) => note.text?.startsWith('[Supplements'));
    assert.equal(notes.length, 17);
    const describes = (rules: string) => {
      const found = notes.find(({ note }) => note.text!.startsWith(`[Supplements ${rules} of`));
      assert.ok(found, rules);
      return found.describes.id;
    };
    // a group of one rule: the rule right after the note carries it
    assert.equal(describes('rule 6'), 'annex-1/sec-I/rule-1');
    assert.equal(describes('rules 15 and 16'), 'annex-1/sec-I/rule-5');
    assert.equal(describes('rules 84-93'), 'annex-1/sec-II/sec-B/rule-56');
    // a note under the title of a group of several rules or groups: the whole group, not "(a)"
    assert.equal(describes('rules 22-26'), 'annex-1/sec-I/group-6');
    assert.equal(describes('rule 24'), 'annex-1/sec-I/group-a');
    assert.equal(describes('rules 27-36'), 'annex-1/sec-I/group-7');
    assert.equal(describes('rules 27-32'), 'annex-1/sec-I/group-b-2');
    assert.equal(describes('rules 37-39'), 'annex-1/sec-I/group-8');
    for (const { note, describes: target } of notes) {
      assert.ok(['rule', 'hcontainer', 'section'].includes(target.kind), `${note.text} speaks for a rule or a group, not a ${target.kind}`);
    }
    // a reference in a provision's own words speaks for that provision
    const rule = findNode(annex, 'annex-1/sec-I/rule-1')!;
    assert.equal(nodeDescribedByNote(rule, findNode(annex, 'annex-1/sec-I/group-1')!), rule);
  });

  test('reads the 55 paragraphs of the Salvador Declaration, paragraph 4 included', () => {
    const draft = part('sect. A, draft resolution IV');
    const annex = childrenOfKind(draft.root, 'attachment')[0];
    assert.match(annex.heading!, /^Salvador Declaration on Comprehensive Strategies for Global Challenges/);
    assert.equal(childrenOfKind(annex, 'formula')[0].text, 'We, the States Members of the United Nations,');
    assert.deepEqual(nums(childrenOfKind(annex, 'paragraph').filter((node) => node.num)), sequence(55, (n) => `${n}.`));
    assert.match(findNode(annex, 'annex-1/para-4')!.text!, /^Bearing in mind the universal character/);
    assert.ok(childrenOfKind(annex, 'recital').length >= 8);
    assert.deepEqual(nums(childrenOfKind(draft.root, 'paragraph')), sequence(18, (n) => `${n}.`));
  });

  test('reads the Model Strategies: sections, paragraphs and nested points', () => {
    const draft = part('sect. A, draft resolution I');
    const annex = childrenOfKind(draft.root, 'attachment')[0];
    assert.deepEqual(nums(childrenOfKind(annex, 'section')), ['I.', 'II.', 'III.', 'IV.', 'V.', 'VI.', 'VII.', 'VIII.', 'IX.', 'X.', 'XI.', 'XII.']);
    assert.deepEqual(nums(allOfKind(annex, 'paragraph')), sequence(27, (n) => `${n}.`));
    const pointC = findNode(annex, 'annex-1/sec-II/para-14/point-c')!;
    assert.deepEqual(nums(pointC.children), ['(i)', '(ii)', '(iii)', '(iv)', '(v)', '(vi)', '(vii)']);
    assert.equal(findNode(annex, 'annex-1/sec-II/para-14/point-d')!.kind, 'point');
    // a paragraph cut by a footnote block in the middle of "Transnational Organized Crime"
    assert.match(findNode(annex, 'annex-1/para-5')!.text!, /United Nations Convention against Transnational Organized Crime, the Rome Statute/);
  });

  test('reads the draft decision and the provisional agenda', () => {
    const decision = part('sect. C, draft decision');
    assert.equal(decision.root.children[0].text, 'The Economic and Social Council:');
    assert.deepEqual(nums(childrenOfKind(decision.root, 'point')), letters(8));
    const agenda = childrenOfKind(decision.root, 'hcontainer')[0];
    assert.match(agenda.heading!, /^Provisional agenda and documentation for the twentieth session of the Commission/);
    assert.deepEqual(nums(childrenOfKind(agenda, 'paragraph')), sequence(11, (n) => `${n}.`));
    assert.deepEqual(nums(findNode(decision.root, 'para-5')!.children.filter((node) => node.kind === 'point')), letters(5));
  });

  test('attaches superscript footnotes to the documents and nodes that cite them', () => {
    const all = result.documents.flatMap((doc) => doc.footnotes);
    const markers = all.map((note) => Number(note.marker));
    assert.equal(new Set(markers).size, markers.length, 'each footnote belongs to one document');
    assert.ok(markers.every((marker) => marker >= 1 && marker <= 115));
    assert.ok(all.length >= 110, `most of the 115 footnotes are cited (${all.length})`);
    assert.ok(all.every((note) => note.text), 'every cited footnote has its text');
    const draft1 = part('sect. A, draft resolution I');
    assert.equal(draft1.footnotes[0].text, 'General Assembly resolution 48/104.');
    const recital = childrenOfKind(draft1.root, 'recital')[0];
    assert.equal(markerAfter(recital, 'the Declaration on the Elimination of Violence against Women'), '1');
    const draft2 = part('sect. A, draft resolution II');
    const recital1 = childrenOfKind(draft2.root, 'recital')[0];
    assert.match(recital1.text!, /in particular the Standard Minimum Rules for the Treatment of Prisoners, the procedures/);
    assert.equal(markerAfter(recital1, 'Standard Minimum Rules for the Treatment of Prisoners,'), '31');
    assert.match(allTexts(draft2), /in custodial and non-custodial settings; welcomed the offer/);
  });
});

describe('seed 002: A/RES/65/230, a Word export', () => {
  const result = importSeed('002');
  const [doc] = result.documents;

  test('reads the metadata from the text', () => {
    assert.equal(doc.symbol, 'A/RES/65/230');
    assert.equal(doc.title, 'Twelfth United Nations Congress on Crime Prevention and Criminal Justice');
    assert.equal(doc.body, 'General Assembly');
    assert.equal(doc.adopted, '2010-12-21');
    assert.equal(doc.meeting, '71st plenary meeting');
    assert.deepEqual(result.diagnostics, []);
  });

  test('reads the resolution and the 55 paragraphs of the annexed Salvador Declaration', () => {
    assert.equal(childrenOfKind(doc.root, 'recital').length, 7);
    assert.deepEqual(nums(childrenOfKind(doc.root, 'paragraph')), sequence(18, (n) => `${n}.`));
    const annex = childrenOfKind(doc.root, 'attachment')[0];
    assert.equal(annex.heading, 'Salvador Declaration on Comprehensive Strategies for Global Challenges: Crime Prevention and Criminal Justice Systems and Their Development in a Changing World');
    assert.equal(childrenOfKind(annex, 'recital').length, 8);
    assert.deepEqual(nums(childrenOfKind(annex, 'paragraph').filter((node) => node.num)), sequence(55, (n) => `${n}.`));
    assert.equal(findNode(annex, 'annex-1/para-4')!.kind, 'paragraph');
    assert.match(findNode(annex, 'annex-1/para-4')!.text!, /^Bearing in mind the universal character/);
  });

  test('reads the footnotes gathered at the end and drops the ODS residue', () => {
    assert.deepEqual(doc.footnotes.map((note) => note.marker), sequence(18, String));
    assert.equal(doc.footnotes[0].text, 'See resolution 55/2.');
    assert.equal(doc.footnotes[17].text, 'See A/CONF.213/17.');
    assert.equal(markerAfter(findNode(doc.root, 'recital-6')!, 'on 8 September 2000,'), '1');
    const texts = allTexts(doc);
    assert.doesNotMatch(texts, /ODS|1052634|DU1|Distr\.: General/);
    assertUniqueIds(doc);
  });
});

describe('seed 003: ECOSOC 1997/32 in Markdown', () => {
  const result = importSeed('003');
  const [doc] = result.documents;

  test('reads the resolution, its points and its <sup> markers', () => {
    assert.equal(doc.symbol, 'E/RES/1997/32');
    assert.equal(doc.title, 'United Nations standards and norms in crime prevention and criminal justice');
    assert.equal(doc.body, 'Economic and Social Council');
    assert.equal(doc.adopted, '1997-07-21');
    assert.equal(childrenOfKind(doc.root, 'recital').length, 4);
    assert.deepEqual(nums(childrenOfKind(doc.root, 'paragraph')), sequence(7, (n) => `${n}.`));
    assert.deepEqual(nums(findNode(doc.root, 'para-7')!.children), letters(3));
    assert.equal(markerAfter(findNode(doc.root, 'para-1')!, 'in Crime Prevention and Criminal Justice'), '179');
    assert.ok(doc.footnotes.length >= 8);
    assert.ok(doc.footnotes.every((note) => note.text === null), 'the source has no footnote texts');
    assert.doesNotMatch(allTexts(doc), /\*|<sup>/);
    assert.deepEqual(result.diagnostics, []);
  });
});

describe('seed 004: ECOSOC 2003/30 in Markdown with list prefixes', () => {
  const result = importSeed('004');
  const [doc] = result.documents;

  test('reads the resolution and its four categories', () => {
    assert.equal(doc.symbol, 'E/RES/2003/30');
    assert.equal(doc.title, 'United Nations standards and norms in crime prevention and criminal justice');
    assert.equal(doc.adopted, '2003-07-22');
    assert.equal(doc.meeting, '44th plenary meeting');
    assert.equal(childrenOfKind(doc.root, 'recital').length, 6);
    assert.deepEqual(nums(childrenOfKind(doc.root, 'paragraph')), sequence(7, (n) => `${n}.`));
    assert.deepEqual(nums(findNode(doc.root, 'para-3')!.children), letters(4));
    assert.deepEqual(result.diagnostics, []);
  });

  test('reads the 41 recommendations of the annex in their groups', () => {
    const annex = childrenOfKind(doc.root, 'attachment')[0];
    assert.equal(annex.heading, 'Recommendations of the Meeting of Experts on the Application of United Nations Standards and Norms in Crime Prevention and Criminal Justice');
    assert.deepEqual(nums(allOfKind(annex, 'paragraph')), sequence(41, (n) => `${n}.`));
    assert.deepEqual(childrenOfKind(annex, 'hcontainer').map((group) => group.heading), [
      'Recommendations to the Commission on Crime Prevention and Criminal Justice',
      'Recommendations to Member States and other entities',
      'Recommendations to the United Nations Office on Drugs and Crime',
      'Recommendations on training',
      'Recommendations on technical cooperation',
    ]);
    assert.deepEqual(nums(findNode(annex, 'annex-1/para-8')!.children), letters(5));
    assert.deepEqual(nums(findNode(annex, 'annex-1/para-28')!.children), letters(4));
    assert.match(findNode(annex, 'annex-1/para-3')!.text!, /selected standards and norms in order to ensure their promotion/);
    assert.match(findNode(annex, 'annex-1/para-9')!.text!, /in accordance with United Nations standards and norms in crime prevention and criminal justice, in countries requesting assistance/);
    assert.deepEqual(doc.footnotes.map((note) => note.marker), ['1', '2', '3']);
    assert.equal(doc.footnotes[2].text, 'General Assembly resolution 55/59, annex.');
    assert.doesNotMatch(allTexts(doc), /(^|\n)- /);
  });
});

describe('every seed', () => {
  for (const prefix of ['000', '001', '002', '003', '004'] as const) {
    test(`${prefix} keeps every word of its text, less the noise removed on purpose`, () => {
      const { text, hints } = readSeed(prefix);
      const output = JSON.stringify(importText(text, hints));
      const odsAt = text.indexOf('<<ODS');
      const meaningful = (odsAt >= 0 ? text.slice(0, text.lastIndexOf('\n', odsAt)) : text)
        .split('\n')
        .filter((line) => !/^\s*[A-Z]\/(?:[A-Z0-9.]+\/)*[A-Z0-9.]+\s*$/.test(line)) // page headers
        .join('\n')
        .replace(/\[DU\d+\]|<\/?sup>/g, '');
      const missing = [...new Set(meaningful.match(/\p{L}{2,}/gu) ?? [])].filter((word) => !output.includes(word));
      assert.deepEqual(missing, []);
    });
  }
});

describe('the seeds in Akoma Ntoso', () => {
  const documents = (['000', '001', '002', '003', '004'] as const).flatMap((prefix) => importSeed(prefix).documents);

  test('every seed document exports to XML that validates against the AKN schema', async () => {
    assert.equal(documents.length, 20);
    const files = documents.map((doc, index) => ({ name: `seed-${index}.xml`, xml: writeAkn(doc) }));
    assert.deepEqual(await validateAknDocuments(files), []);
  });

  test('the export reads back with the same structure, footnotes and words', () => {
    for (const doc of documents) {
      const back = readAkn(writeAkn(doc)).documents[0];
      for (const kind of ['recital', 'paragraph', 'point', 'rule', 'section', 'hcontainer', 'attachment'] as const) {
        assert.equal(countNodes(back.root, kind), countNodes(doc.root, kind), `${doc.symbol}: ${kind}`);
      }
      // a note cited twice ("Prisoners,2" in two paragraphs) is written where each marker stands
      const markers = (d: ImportedDocument) => [...new Set(d.footnotes.map((note) => note.marker))].sort();
      assert.deepEqual(markers(back), markers(doc), `${doc.symbol}: footnotes`);
      assert.equal(back.symbol, doc.symbol);
      const words = (d: ImportedDocument) => new Set(allTexts(d).match(/\p{L}{2,}/gu));
      const lost = [...words(doc)].filter((word) => !words(back).has(word));
      assert.deepEqual(lost, [], `${doc.symbol}: words lost in the round trip`);
    }
  });
});

describe('what the importer does not place with confidence', () => {
  const text = [
    'A stray sentence that stands before the formula.',
    '',
    'The General Assembly,',
    '',
    'Recalling its resolution 65/230,1',
    '',
    '1. Decides one thing;',
    '',
    '3. Decides another;',
    '',
    '(a) First point;',
    '',
    '(c) Third point.',
    '',
    '_______________',
    '1 General Assembly resolution 65/230.',
    '2 A note that nothing points at.',
  ].join('\n');
  const result = importText(text);
  const [doc] = result.documents;

  test('keeps every line as text in the nearest node and says where, by line', () => {
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.message.split(':')[0]]),
      [
        [1, 'text before the enacting formula ("The General Assembly,")'],
        [9, 'paragraph 3 follows paragraph 1'],
        [13, 'point (c) follows (a)'],
        [17, 'footnote 2 has no marker in the text; it is kept with the document'],
      ],
    );
    assert.equal(doc.root.children[0].text, 'A stray sentence that stands before the formula.');
    assert.deepEqual(nums(findNode(doc.root, 'para-3')!.children), ['(a)', '(c)']);
    assert.deepEqual(
      doc.footnotes.map(({ marker, text }) => ({ marker, text })),
      [
        { marker: '1', text: 'General Assembly resolution 65/230.' },
        { marker: '2', text: 'A note that nothing points at.' },
      ],
    );
    assert.equal(doc.footnotes[0].refs?.[0].symbol, 'A/RES/65/230');
    assert.equal(markerAfter(findNode(doc.root, 'recital-1')!, 'Recalling its resolution 65/230,'), '1');
  });
});
