// The States data file and its sources: membership, regional groups and their totals, names in
// the six languages with the official United Nations names over the package's, M49 areas, and
// the checked-in file being exactly what scripts/build-states-data.ts makes of its sources.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import countries from 'i18n-iso-countries';
import { buildStatesDataText, readStatesSources, STATES_DATA_FILE } from '../../scripts/build-states-data.ts';
import { LOCALES } from '../../src/i18n/i18n.ts';
import { buildStatesDataset } from '../../src/states/states-data-logic.ts';
import { STATES_MESSAGES } from '../../src/states/states-messages.ts';
import { loadStatesDataset } from '../../src/states/states-service.ts';
import { REGIONAL_GROUPS, sortStatesByName, stateName } from '../../src/states/states.ts';

const data = await loadStatesDataset();
const byCode = new Map(data.states.map((state) => [state.alpha3, state]));

describe('States data', () => {
  test('193 Member States and 2 observer States (Holy See, State of Palestine), each code once', () => {
    assert.equal(data.states.filter((state) => state.status === 'member').length, 193);
    assert.deepEqual(
      data.states.filter((state) => state.status === 'observer').map((state) => state.alpha3),
      ['PSE', 'VAT'],
    );
    for (const key of ['alpha2', 'alpha3', 'm49'] as const) {
      assert.equal(new Set(data.states.map((state) => state[key])).size, 195, `${key} is unique`);
    }
  });

  test('every State has a name in each of the six languages, and the names differ from the codes', () => {
    for (const state of data.states) {
      for (const locale of LOCALES) {
        assert.ok(state.names[locale] && state.names[locale].trim() === state.names[locale], `${state.alpha3} ${locale}`);
        assert.notEqual(state.names[locale], state.alpha3);
      }
      // Each script is the language's own: no Latin name left in the Arabic, Chinese or Russian columns.
      assert.match(state.names.ar, /[\u0600-\u06ff]/, `${state.alpha3} ar`);
      assert.match(state.names.zh, /[\u4e00-\u9fff]/, `${state.alpha3} zh`);
      assert.match(state.names.ru, /[\u0400-\u04ff]/, `${state.alpha3} ru`);
    }
  });

  test('every Member State is in a regional group, the observer States in none, and the totals are those of the United Nations', () => {
    const totals = Object.fromEntries(REGIONAL_GROUPS.map((group) => [group, 0])) as Record<string, number>;
    for (const state of data.states) {
      if (state.status === 'observer') assert.equal(state.regionalGroup, null, state.alpha3);
      else {
        assert.ok(state.regionalGroup, `${state.alpha3} has a group`);
        totals[state.regionalGroup!]! += 1;
      }
    }
    assert.deepEqual(totals, {
      african: 54,
      'asia-pacific': 54, // 53 and Kiribati
      'eastern-european': 23,
      'latin-american-caribbean': 33,
      'western-european-other': 29, // 28 and the United States
    });
    assert.equal(Object.values(totals).reduce((sum, count) => sum + count, 0), 193);
    assert.equal(byCode.get('TUR')!.regionalGroup, 'western-european-other');
    assert.equal(byCode.get('ISR')!.regionalGroup, 'western-european-other');
    assert.equal(byCode.get('KIR')!.regionalGroup, 'asia-pacific');
    assert.equal(byCode.get('USA')!.regionalGroup, 'western-european-other');
    assert.match(byCode.get('USA')!.regionalGroupNote!.en, /observer.*electoral purposes/);
    for (const locale of LOCALES) assert.ok(byCode.get('USA')!.regionalGroupNote![locale], `US note in ${locale}`);
  });

  test('the official United Nations short names replace the package names where they differ', () => {
    const expected: Array<[string, 'ar' | 'en' | 'es' | 'fr' | 'ru' | 'zh', string]> = [
      ['BOL', 'en', 'Bolivia (Plurinational State of)'],
      ['BOL', 'fr', 'Bolivie (État plurinational de)'],
      ['TUR', 'en', 'Türkiye'],
      ['TUR', 'fr', 'Türkiye'],
      ['TUR', 'es', 'Türkiye'],
      ['IRN', 'en', 'Iran (Islamic Republic of)'],
      ['CIV', 'en', "Côte d'Ivoire"],
      ['CZE', 'en', 'Czechia'],
      ['CPV', 'en', 'Cabo Verde'],
      ['VNM', 'en', 'Viet Nam'],
      ['KOR', 'en', 'Republic of Korea'],
      ['PRK', 'en', "Democratic People's Republic of Korea"],
      ['MDA', 'en', 'Republic of Moldova'],
      ['GBR', 'en', 'United Kingdom of Great Britain and Northern Ireland'],
      ['GBR', 'zh', '大不列颠及北爱尔兰联合王国'],
      ['USA', 'ru', 'Соединенные Штаты Америки'],
      ['NLD', 'en', 'Netherlands (Kingdom of the)'],
      ['VAT', 'en', 'Holy See'],
      ['PSE', 'fr', 'État de Palestine'],
      ['RUS', 'fr', 'Fédération de Russie'],
      ['SYR', 'ar', 'الجمهورية العربية السورية'],
    ];
    for (const [alpha3, locale, name] of expected) assert.equal(byCode.get(alpha3)!.names[locale], name, `${alpha3} ${locale}`);
    // ...and these are overrides indeed: the package says otherwise.
    assert.equal(countries.getName('BOL', 'en'), 'Bolivia');
    assert.equal(countries.getName('TUR', 'fr'), 'Turquie');
    // Names that need no override come from the package.
    assert.equal(byCode.get('FRA')!.names.fr, countries.getName('FRA', 'fr'));
  });

  test('M49: codes, a region and a sub-region for every State, an intermediate region where M49 has one, names in six languages', () => {
    const areas = new Map(data.areas.map((area) => [area.code, area]));
    for (const state of data.states) {
      assert.equal(areas.get(state.region)?.level, 'region', state.alpha3);
      assert.equal(areas.get(state.subregion)?.level, 'subregion', state.alpha3);
      assert.equal(areas.get(state.subregion)?.parent, state.region, state.alpha3);
      if (state.intermediateRegion) assert.equal(areas.get(state.intermediateRegion)?.parent, state.subregion, state.alpha3);
    }
    assert.deepEqual(
      { m49: byCode.get('BOL')!.m49, region: byCode.get('BOL')!.region, subregion: byCode.get('BOL')!.subregion, intermediate: byCode.get('BOL')!.intermediateRegion },
      { m49: '068', region: '019', subregion: '419', intermediate: '005' },
    );
    assert.equal(byCode.get('AFG')!.m49, '004');
    assert.equal(byCode.get('FRA')!.intermediateRegion, null);
    for (const area of data.areas) for (const locale of LOCALES) assert.ok(area.names[locale], `${area.code} ${locale}`);
    assert.equal(areas.get('202')!.names.fr, 'Afrique subsaharienne');
  });

  test('the checked-in states.json is what the build script makes of its sources today', async () => {
    const { text, problems } = await buildStatesDataText();
    assert.deepEqual(problems, []);
    assert.equal(await readFile(STATES_DATA_FILE, 'utf8'), text, 'run: node --import tsx scripts/build-states-data.ts');
  });

  test('the build reports sources that disagree instead of writing them', async () => {
    const sources = await readStatesSources();
    const broken = structuredClone({ ...sources, packageName: undefined, alpha2Of: undefined }) as unknown as typeof sources;
    broken.packageName = sources.packageName;
    broken.alpha2Of = sources.alpha2Of;
    broken.regionalGroups.groups[0]!.members.push('FRA'); // France in two groups
    broken.regionalGroups.groups[1]!.members.push('VAT'); // an observer State in a group
    broken.stateNames.names.BOL = { ...broken.stateNames.names.BOL, en: 'Bolivia (Plurinational State)' }; // not the M49 name
    broken.stateNames.names.FRA = { fr: 'France' }; // the package's name already
    broken.memberStates.states.push({ alpha3: 'XKX', status: 'member' }); // not an ISO code, not in M49, in no group
    const { problems } = buildStatesDataset(broken);
    const expected = [
      /FRA: in both african and western-european-other/,
      /VAT: an observer State in the group asia-pacific/,
      /BOL: English name "Bolivia \(Plurinational State\)" is not the M49 name/,
      /FRA: the fr name "France" is the package's already/,
      /XKX: not an ISO 3166-1 alpha-3 code/,
      /XKX: not in the M49 list/,
    ];
    for (const pattern of expected) assert.ok(problems.some((problem) => pattern.test(problem)), `${pattern} in ${problems.join('; ')}`);
  });

  test('names sort by the locale\'s collation, not by code points', () => {
    const sample = ['ZMB', 'ARE', 'EGY', 'ECU', 'AFG', 'CHN', 'ZAF'].map((code) => byCode.get(code)!);
    const french = sortStatesByName(sample, 'fr').map((state) => stateName(state, 'fr'));
    // By code point "É" (U+00C9) comes after "Z": "Égypte" would follow "Zambie".
    assert.deepEqual(french, ['Afghanistan', 'Afrique du Sud', 'Chine', 'Égypte', 'Émirats arabes unis', 'Équateur', 'Zambie']);
  });

  test('every interface string exists in the six languages, and no English is left in the other catalogues', () => {
    const keys = Object.keys(STATES_MESSAGES.en) as Array<keyof (typeof STATES_MESSAGES)['en']>;
    for (const locale of LOCALES) {
      assert.deepEqual(Object.keys(STATES_MESSAGES[locale]).sort(), [...keys].sort(), locale);
      for (const key of keys) {
        assert.ok(STATES_MESSAGES[locale][key].trim(), `${locale} ${key}`);
        if (locale !== 'en') assert.notEqual(STATES_MESSAGES[locale][key], STATES_MESSAGES.en[key], `${locale} ${key} is still English`);
      }
    }
  });
});
