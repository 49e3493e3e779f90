// Use cases of the States reference data: list and find States (for pages, the API and the
// other features), and write the data file's rows into the database. Reading is public; there is
// no write use case for people: the data changes by changing its sources (docs/states.md).

import { readFile } from 'node:fs/promises';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { normaliseStateCode, statesDatasetSchema, type RegionalGroup, type State, type StateFilters, type StatesDataset } from './states.ts';
import { selectRegionalGroups, selectState, selectStates, upsertM49Areas, upsertRegionalGroups, upsertStates } from './states-store.ts';

export { stateName } from './states.ts';

const STATES_DATA_FILE = new URL('./data/states.json', import.meta.url);

let dataset: Promise<StatesDataset> | null = null;

/** The checked-in data file, read and checked once per process. */
export function loadStatesDataset(): Promise<StatesDataset> {
  dataset ??= readFile(STATES_DATA_FILE, 'utf8').then((text) => {
    const parsed = statesDatasetSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      dataset = null;
      throw new Error(`src/states/data/states.json is not valid: ${parsed.error.message}`);
    }
    return parsed.data;
  });
  return dataset;
}

/**
 * Writes the data file's groups, areas and States into the database: inserts what is new,
 * updates what changed, leaves the rest untouched. migrate() calls it after the SQL migrations,
 * so every database (test databases too) has the rows and receives corrections.
 */
export async function syncStateReferenceData(db: Db): Promise<{ states: number }> {
  const data = await loadStatesDataset();
  await db.transaction(async (tx) => {
    await upsertRegionalGroups(tx, data.regionalGroups);
    await upsertM49Areas(tx, data.areas);
    await upsertStates(tx, data.states);
  });
  return { states: data.states.length };
}

/** Every State, sorted by alpha-3; `group` and `status` narrow the list. */
export async function listStates(db: Db, filters: StateFilters = {}): Promise<State[]> {
  return selectStates(db, { group: filters.group ?? null, status: filters.status ?? null });
}

/** A State by its alpha-2 or alpha-3 code in any case ("bo", "BOL"); null when there is none. */
export async function findState(db: Db, code: string): Promise<State | null> {
  const normalised = normaliseStateCode(code);
  return normalised ? selectState(db, normalised) : null;
}

export async function listRegionalGroups(db: Db): Promise<RegionalGroup[]> {
  return selectRegionalGroups(db);
}

/**
 * The State page's State; AppError state.not_found when no State has this code. (What the page
 * says of the State's contact persons comes from the accounts feature, which keeps them.)
 */
export async function readStateProfile(ctx: { db: Db }, code: string): Promise<State> {
  const state = await findState(ctx.db, code);
  if (!state) throw new AppError('state.not_found', `No Member State or observer State has the code ${String(code).slice(0, 20)}.`, { code: String(code).slice(0, 20) });
  return state;
}
