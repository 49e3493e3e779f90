import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  findInstrument,
  findInstrumentByName,
  findInstrumentCited,
  findInstrumentsAdoptedBy,
  instrumentNames,
  instrumentSchema,
  listCategories,
  listClusters,
  listInstruments,
  normaliseInstrumentName,
  primaryAdoption,
  PROVISION_KINDS,
} from '../../src/compendium/catalogue.ts';
import { normaliseSymbol } from '../../src/importer/citations-logic.ts';

const seedsDir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
/** ECOSOC resolution 2003/30, the source of the categories and clusters. */
const resolution2003_30 = readFileSync(`${seedsDir}004_8ea4286a28b79833.txt`, 'utf8');

const ids = (instruments: readonly { id: string }[]) => instruments.map((instrument) => instrument.id);

test('the catalogue covers the Compendium: about sixty instruments, each of the right shape', () => {
  const instruments = listInstruments();
  assert.ok(instruments.length >= 55, `only ${instruments.length} instruments`);
  for (const instrument of instruments) {
    const parsed = instrumentSchema.safeParse(instrument);
    assert.ok(parsed.success, `${instrument.id}: ${parsed.success ? '' : parsed.error.message}`);
    assert.ok(PROVISION_KINDS.includes(instrument.provisionKind));
  }
});

test('instrument ids are unique and findInstrument returns each one', () => {
  const all = ids(listInstruments());
  assert.equal(new Set(all).size, all.length);
  for (const id of all) assert.equal(findInstrument(id)?.id, id);
  assert.equal(findInstrument('no-such-instrument'), undefined);
});

test('supersedes and supersededBy point at existing instruments and mirror each other', () => {
  for (const instrument of listInstruments()) {
    for (const older of instrument.supersedes) {
      assert.equal(findInstrument(older)?.supersededBy, instrument.id, `${older} should be superseded by ${instrument.id}`);
    }
    if (instrument.supersededBy !== null) {
      const newer = findInstrument(instrument.supersededBy);
      assert.ok(newer, `${instrument.id} superseded by unknown ${instrument.supersededBy}`);
      assert.ok(newer.supersedes.includes(instrument.id), `${newer.id} should list ${instrument.id} in supersedes`);
    }
  }
  assert.equal(findInstrument('standard-minimum-rules')?.supersededBy, 'nelson-mandela-rules');
  assert.deepEqual(findInstrument('violence-against-women-model-strategies')?.supersedes, ['violence-against-women-model-strategies-1997']);
});

test('the four categories are those of ECOSOC 2003/30 paragraph 3, with its words, and each has instruments', () => {
  const categories = listCategories();
  assert.deepEqual(
    categories.map((category) => [category.letter, category.id]),
    [
      ['a', 'custody'],
      ['b', 'cooperation'],
      ['c', 'prevention-victims'],
      ['d', 'governance'],
    ],
  );
  for (const category of categories) {
    assert.ok(resolution2003_30.includes(`(${category.letter}) ${category.text};`), `paragraph 3 (${category.letter}) reads otherwise`);
    assert.ok(listInstruments().some((instrument) => instrument.category === category.id), `no instrument in ${category.id}`);
  }
  const known = new Set(categories.map((category) => category.id));
  for (const instrument of listInstruments()) assert.ok(known.has(instrument.category), instrument.id);
});

test('the five clusters are those of ECOSOC 2003/30 annex paragraph 8, with its words, and each has instruments', () => {
  const clusters = listClusters();
  assert.deepEqual(
    clusters.map((cluster) => cluster.letter),
    ['a', 'b', 'c', 'd', 'e'],
  );
  for (const cluster of clusters) {
    assert.match(resolution2003_30, new RegExp(`\\(${cluster.letter}\\) ${cluster.text.replace(/[()]/g, '\\$&')}[;.]`));
    assert.ok(listInstruments().some((instrument) => instrument.clusters.includes(cluster.id)), `no instrument in ${cluster.id}`);
  }
});

test('findInstrumentByName finds every name, short name and alias, and no two instruments share one', () => {
  const owners = new Map<string, string>();
  for (const instrument of listInstruments()) {
    for (const name of instrumentNames(instrument)) {
      assert.equal(findInstrumentByName(name)?.id, instrument.id, `"${name}"`);
      const key = normaliseInstrumentName(name);
      const owner = owners.get(key);
      assert.ok(owner === undefined || owner === instrument.id, `"${name}" names both ${owner} and ${instrument.id}`);
      owners.set(key, instrument.id);
    }
  }
});

test('findInstrumentByName tolerates case, articles, the United Nations prefix and a "(the ... Rules)" suffix', () => {
  const cases: Array<[string, string | undefined]> = [
    ['the Tokyo Rules', 'tokyo-rules'],
    ['THE TOKYO RULES', 'tokyo-rules'],
    ['The United Nations Standard Minimum Rules for Non-custodial Measures (The Tokyo Rules)', 'tokyo-rules'],
    ['United Nations Standard Minimum Rules for Non-custodial Measures', 'tokyo-rules'],
    ['Standard Minimum Rules for Non-custodial Measures (Tokyo Rules)', 'tokyo-rules'],
    ['  standard minimum rules for non‑custodial measures. ', 'tokyo-rules'],
    ['United Nations Standard Minimum Rules for the Treatment of Prisoners (the Nelson Mandela Rules)', 'nelson-mandela-rules'],
    ['the Nelson Mandela Rules', 'nelson-mandela-rules'],
    // Without the suffix the words are those of the 1955 text.
    ['United Nations Standard Minimum Rules for the Treatment of Prisoners', 'standard-minimum-rules'],
    ['the Standard Minimum Rules', 'standard-minimum-rules'],
    ['SMR', 'standard-minimum-rules'],
    ['Havana Rules', 'havana-rules'],
    ['the United Nations Rules for the Protection of Juveniles Deprived of Their Liberty', 'havana-rules'],
    ['Basic principles on the use of restorative justice programmes in criminal matters', 'restorative-justice-principles'],
    ['the Salvador Declaration', 'salvador-declaration'],
    ['Rules for the Protection of Giraffes', undefined],
    ['', undefined],
    ['(the Tokyo Rules)', 'tokyo-rules'],
  ];
  for (const [text, expected] of cases) assert.equal(findInstrumentByName(text)?.id, expected, `"${text}"`);
  assert.equal(findInstrumentByName(undefined as unknown as string), undefined);
});

test('findInstrumentsAdoptedBy finds the instruments of an act, whatever the case or spacing of the symbol', () => {
  assert.deepEqual(ids(findInstrumentsAdoptedBy('A/RES/45/110')), ['tokyo-rules']);
  assert.deepEqual(ids(findInstrumentsAdoptedBy('a/res/45/110')), ['tokyo-rules']);
  assert.deepEqual(ids(findInstrumentsAdoptedBy('E/RES/663 (XXIV)')), ['standard-minimum-rules']);
  assert.deepEqual(ids(findInstrumentsAdoptedBy('A/RES/70/175')), ['nelson-mandela-rules']);
  assert.deepEqual(ids(findInstrumentsAdoptedBy('A/RES/45/166')).sort(), ['lawyers-principles', 'prosecutors-guidelines', 'use-of-force-principles']);
  assert.deepEqual(ids(findInstrumentsAdoptedBy('E/RES/1998/23')), ['kadoma-declaration']);
  assert.deepEqual(findInstrumentsAdoptedBy('A/RES/99/999'), []);
  assert.deepEqual(findInstrumentsAdoptedBy(''), []);
});

test('findInstrumentCited needs the pinpoint to name the part that holds the text', () => {
  assert.equal(findInstrumentCited('A/RES/45/110', 'annex')?.id, 'tokyo-rules');
  assert.equal(findInstrumentCited('A/RES/45/110', 'annex, para. 3')?.id, 'tokyo-rules');
  assert.equal(findInstrumentCited('A/RES/45/110', null), undefined);
  assert.equal(findInstrumentCited('A/RES/45/110', 'annexes'), undefined);
  assert.equal(findInstrumentCited('E/RES/663(XXIV)', 'C')?.id, 'standard-minimum-rules');
  assert.equal(findInstrumentCited('E/RES/1998/23', 'annex I')?.id, 'kadoma-declaration');
  assert.equal(findInstrumentCited('E/RES/1998/23', 'annex II'), undefined);
  assert.equal(findInstrumentCited('A/CONF.144/28/Rev.1', 'chap. I, sect. B.2, annex')?.id, 'use-of-force-principles');
  // The Milan report holds several texts; the Guiding Principles, whose section is not recorded, do not get in the way.
  assert.equal(findInstrumentCited('A/CONF.121/22/Rev.1', 'chap. I, sect. D.2, annex')?.id, 'judiciary-independence-principles');
  assert.equal(findInstrumentCited('A/CONF.121/22/Rev.1', null), undefined);
  // The Assembly only welcomed the Havana texts in 45/166: the resolution is not any one of them.
  assert.equal(findInstrumentCited('A/RES/45/166', null), undefined);
  // 52/88 amended the Model Treaty on Extradition, whose text stands in 45/116.
  assert.deepEqual(ids(findInstrumentsAdoptedBy('A/RES/52/88')), ['model-treaty-extradition']);
  assert.equal(findInstrumentCited('A/RES/52/88', null), undefined);
  assert.equal(findInstrumentCited('A/RES/52/88', 'annex'), undefined);
});

test('adoption symbols are in normalised form, and years agree with the symbols', () => {
  for (const instrument of listInstruments()) {
    for (const adoption of instrument.adoptions) {
      if (adoption.symbol === null) continue;
      assert.equal(normaliseSymbol(adoption.symbol), adoption.symbol, `${instrument.id}: ${adoption.symbol}`);
      assert.doesNotMatch(adoption.symbol, /\s/);
      const council = /^E\/RES\/(\d{4})\//.exec(adoption.symbol);
      if (council) assert.equal(adoption.year, Number(council[1]), `${instrument.id}: ${adoption.symbol}`);
      const assembly = /^A\/RES\/(\d{2})\//.exec(adoption.symbol);
      // The Assembly's session N opens in 1945 + N and may adopt in the next calendar year.
      if (assembly) assert.ok([1945 + Number(assembly[1]), 1946 + Number(assembly[1])].includes(adoption.year!), `${instrument.id}: ${adoption.symbol} in ${adoption.year}`);
      if (instrument.year !== null && adoption.year !== null) assert.ok(instrument.year <= adoption.year, `${instrument.id} adopted ${instrument.year}, act of ${adoption.year}`);
    }
  }
});

test('the instruments the brief names carry their adopting acts', () => {
  const expected: Array<[string, string | null, string | null, number]> = [
    ['standard-minimum-rules', 'E/RES/663(XXIV)', 'C', 1955],
    ['nelson-mandela-rules', 'A/RES/70/175', 'annex', 2015],
    ['smr-implementation-procedures', 'E/RES/1984/47', 'annex', 1984],
    ['body-of-principles', 'A/RES/43/173', 'annex', 1988],
    ['basic-principles-treatment-of-prisoners', 'A/RES/45/111', 'annex', 1990],
    ['tokyo-rules', 'A/RES/45/110', 'annex', 1990],
    ['beijing-rules', 'A/RES/40/33', 'annex', 1985],
    ['riyadh-guidelines', 'A/RES/45/112', 'annex', 1990],
    ['havana-rules', 'A/RES/45/113', 'annex', 1990],
    ['bangkok-rules', 'A/RES/65/229', 'annex', 2010],
    ['children-criminal-justice-guidelines', 'E/RES/1997/30', 'annex', 1997],
    ['restorative-justice-principles', 'E/RES/2002/12', 'annex', 2002],
    ['crime-prevention-guidelines', 'E/RES/2002/13', 'annex', 2002],
    ['victims-declaration', 'A/RES/40/34', 'annex', 1985],
    ['law-enforcement-code-of-conduct', 'A/RES/34/169', 'annex', 1979],
    ['bangalore-principles', 'E/RES/2006/23', 'annex', 2002],
    ['violence-against-women-model-strategies-1997', 'A/RES/52/86', 'annex', 1997],
    ['violence-against-women-model-strategies', 'A/RES/65/228', 'annex', 2010],
    ['model-treaty-extradition', 'A/RES/45/116', 'annex', 1990],
    ['model-treaty-mutual-assistance', 'A/RES/45/117', 'annex', 1990],
    ['salvador-declaration', 'A/RES/65/230', 'annex', 2010],
    ['vienna-declaration', 'A/RES/55/59', 'annex', 2000],
    ['bangkok-declaration', 'A/RES/60/177', 'annex', 2005],
    ['kyoto-declaration', 'A/RES/76/181', 'annex', 2021],
    ['doha-declaration', 'A/RES/70/174', 'annex', 2015],
    ['legal-aid-principles-guidelines', 'A/RES/67/187', 'annex', 2012],
    ['death-penalty-safeguards', 'E/RES/1984/50', 'annex', 1984],
    ['ouagadougou-declaration', null, null, 2002],
  ];
  for (const [id, symbol, part, year] of expected) {
    const instrument = findInstrument(id);
    assert.ok(instrument, id);
    const adoption = primaryAdoption(instrument);
    assert.equal(adoption?.symbol ?? null, symbol, id);
    assert.equal(adoption?.part ?? null, part, id);
    assert.equal(instrument.year, year, id);
  }
});
