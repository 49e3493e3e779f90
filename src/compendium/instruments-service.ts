// Copies the catalogue of instruments (code, reviewed in git) into the database at start, so
// that SQL can join provisions and citations to instruments. The catalogue stays the source.

import type { Db } from '../db/db.ts';
import type { Log } from '../importer/importer-service.ts';
import { listInstruments } from './catalogue.ts';
import { replaceInstruments, type InstrumentRow } from './instruments-store.ts';
import { ensureInstrumentTexts } from './lineage-service.ts';
import { importSeedExplanations } from './reader-service.ts';

/**
 * What the sync needs of a catalogue entry. Kept apart from the catalogue's own type so that
 * the catalogue can grow fields without touching the database copy.
 */
export interface CatalogueInstrument {
  id: string;
  name: string;
  shortNames?: readonly string[];
  adoptions?: readonly { symbol: string | null }[];
  body?: string | null;
  year?: number | null;
  category?: string | null;
  clusters?: readonly string[];
  supersedes?: readonly string[] | string | null;
  supersededBy?: string | null;
  provisionKind?: string | null;
}

export function instrumentRow(instrument: CatalogueInstrument): InstrumentRow {
  const supersedes = instrument.supersedes;
  return {
    id: instrument.id,
    name: instrument.name,
    short_names: [...(instrument.shortNames ?? [])],
    adopted_by: (instrument.adoptions ?? []).map((adoption) => adoption.symbol).filter((symbol): symbol is string => !!symbol),
    adoptions: [...(instrument.adoptions ?? [])],
    body: instrument.body ?? null,
    year: instrument.year ?? null,
    category: instrument.category ?? null,
    clusters: [...(instrument.clusters ?? [])],
    supersedes: typeof supersedes === 'string' ? [supersedes] : [...(supersedes ?? [])],
    superseded_by: instrument.supersededBy ?? null,
    provision_kind: instrument.provisionKind ?? null,
  };
}

export async function syncInstruments(db: Db, instruments: readonly CatalogueInstrument[]): Promise<{ count: number }> {
  return db.transaction((tx) => replaceInstruments(tx, instruments.map(instrumentRow)));
}

/** syncInstruments with the catalogue in src/compendium/catalogue.ts. */
export async function syncCatalogue(ctx: { db: Db; log?: Log }): Promise<{ count: number }> {
  const result = await syncInstruments(ctx.db, listInstruments());
  ctx.log?.info(`Catalogue: ${result.count} instruments in the database`);
  // The bundled plain-language explanations, and where the instruments stand in the documents:
  // checked once at start for a database an older version filled; imports recompute it after this.
  await importSeedExplanations(ctx);
  await ensureInstrumentTexts(ctx.db);
  return result;
}
