// SQL for the instruments table, the database copy of the catalogue in code.

import type { Db } from '../db/db.ts';

export interface InstrumentRow {
  id: string;
  name: string;
  short_names: string[];
  adopted_by: string[];
  adoptions: unknown[];
  body: string | null;
  year: number | null;
  category: string | null;
  clusters: string[];
  supersedes: string[];
  superseded_by: string | null;
  provision_kind: string | null;
}

/** Makes the table equal to `rows`: inserts, updates, and deletes what the catalogue no longer lists. */
export async function replaceInstruments(db: Db, rows: InstrumentRow[]): Promise<{ count: number }> {
  await db.query(
    `insert into instruments (id, name, short_names, adopted_by, adoptions, body, year, category, clusters, supersedes,
                              superseded_by, provision_kind, updated_at)
     select r.id, r.name, coalesce(r.short_names, '{}'), coalesce(r.adopted_by, '{}'), coalesce(r.adoptions, '[]'), r.body,
            r.year, r.category, coalesce(r.clusters, '{}'), coalesce(r.supersedes, '{}'), r.superseded_by, r.provision_kind, now()
       from jsonb_to_recordset($1::jsonb) as r(id text, name text, short_names text[], adopted_by text[], adoptions jsonb,
                                               body text, year integer, category text, clusters text[], supersedes text[],
                                               superseded_by text, provision_kind text)
     on conflict (id) do update set
       name = excluded.name, short_names = excluded.short_names, adopted_by = excluded.adopted_by,
       adoptions = excluded.adoptions, body = excluded.body, year = excluded.year, category = excluded.category,
       clusters = excluded.clusters, supersedes = excluded.supersedes, superseded_by = excluded.superseded_by,
       provision_kind = excluded.provision_kind, updated_at = now()`,
    [JSON.stringify(rows)],
  );
  await db.query('delete from instruments where not (id = any($1::text[]))', [rows.map((row) => row.id)]);
  return { count: rows.length };
}
