// SQL for the States, their regional groups and M49 areas.

import type { Db } from '../db/db.ts';
import type { AreaRecord, LocalisedText, RegionalGroup, RegionalGroupId, State, StateRecord, StateStatus } from './states.ts';

interface StateRow {
  alpha2: string;
  alpha3: string;
  m49: string;
  status: StateStatus;
  regional_group: RegionalGroupId | null;
  regional_group_note: LocalisedText | null;
  names: LocalisedText;
  region_code: string;
  region_names: LocalisedText;
  subregion_code: string;
  subregion_names: LocalisedText;
  intermediate_region_code: string | null;
  intermediate_region_names: LocalisedText | null;
}

const SELECT_STATES = `
  select s.alpha2, s.alpha3, s.m49, s.status, s.regional_group, s.regional_group_note, s.names,
         s.region_code, region.names as region_names,
         s.subregion_code, subregion.names as subregion_names,
         s.intermediate_region_code, intermediate.names as intermediate_region_names
    from states s
    join m49_areas region on region.code = s.region_code
    join m49_areas subregion on subregion.code = s.subregion_code
    left join m49_areas intermediate on intermediate.code = s.intermediate_region_code`;

function stateOf(row: StateRow): State {
  return {
    alpha2: row.alpha2,
    alpha3: row.alpha3,
    m49: row.m49,
    status: row.status,
    regionalGroup: row.regional_group,
    regionalGroupNote: row.regional_group_note,
    region: { code: row.region_code, name: row.region_names },
    subregion: { code: row.subregion_code, name: row.subregion_names },
    intermediateRegion:
      row.intermediate_region_code && row.intermediate_region_names ? { code: row.intermediate_region_code, name: row.intermediate_region_names } : null,
    names: row.names,
  };
}

/** The States, sorted by alpha-3; null filters match every State. */
export async function selectStates(db: Db, filters: { group: RegionalGroupId | null; status: StateStatus | null }): Promise<State[]> {
  const { rows } = await db.query<StateRow>(
    `${SELECT_STATES}
     where ($1::text is null or s.regional_group = $1) and ($2::text is null or s.status = $2)
     order by s.alpha3`,
    [filters.group, filters.status],
  );
  return rows.map(stateOf);
}

/** One State by its alpha-2 or alpha-3 code (upper case). */
export async function selectState(db: Db, code: string): Promise<State | null> {
  const { rows } = await db.query<StateRow>(`${SELECT_STATES} where s.alpha3 = $1 or s.alpha2 = $1`, [code]);
  return rows[0] ? stateOf(rows[0]) : null;
}

export async function selectRegionalGroups(db: Db): Promise<RegionalGroup[]> {
  const { rows } = await db.query<RegionalGroup>('select id, names from regional_groups order by position');
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Reference data: the rows of the data file, written idempotently. Unchanged rows are not
// rewritten (`is distinct from`), so a start with nothing new writes nothing.

export async function upsertRegionalGroups(db: Db, groups: Array<{ id: RegionalGroupId; names: LocalisedText }>): Promise<void> {
  await db.query(
    `insert into regional_groups (id, position, names)
     select g.id, g.position, g.names
       from jsonb_to_recordset($1::jsonb) as g(id text, position integer, names jsonb)
     on conflict (id) do update set position = excluded.position, names = excluded.names, updated_at = now()
      where (regional_groups.position, regional_groups.names) is distinct from (excluded.position, excluded.names)`,
    [JSON.stringify(groups.map((group, position) => ({ ...group, position })))],
  );
}

/** Areas are written parents first (the file lists them by code, and a parent may come after). */
export async function upsertM49Areas(db: Db, areas: AreaRecord[]): Promise<void> {
  const json = JSON.stringify(areas.map((area) => ({ code: area.code, level: area.level, parent_code: area.parent, names: area.names })));
  await db.query(
    `insert into m49_areas (code, level, parent_code, names)
     select a.code, a.level, null, a.names
       from jsonb_to_recordset($1::jsonb) as a(code text, level text, parent_code text, names jsonb)
     on conflict (code) do update set level = excluded.level, names = excluded.names, updated_at = now()
      where (m49_areas.level, m49_areas.names) is distinct from (excluded.level, excluded.names)`,
    [json],
  );
  await db.query(
    `update m49_areas set parent_code = a.parent_code, updated_at = now()
       from jsonb_to_recordset($1::jsonb) as a(code text, parent_code text)
      where m49_areas.code = a.code and m49_areas.parent_code is distinct from a.parent_code`,
    [json],
  );
}

export async function upsertStates(db: Db, states: StateRecord[]): Promise<void> {
  await db.query(
    `insert into states (alpha3, alpha2, m49, status, regional_group, regional_group_note, region_code, subregion_code,
                         intermediate_region_code, names)
     select s."alpha3", s."alpha2", s."m49", s."status", s."regionalGroup", s."regionalGroupNote", s."region", s."subregion",
            s."intermediateRegion", s."names"
       from jsonb_to_recordset($1::jsonb) as s("alpha3" text, "alpha2" text, "m49" text, "status" text, "regionalGroup" text,
                                               "regionalGroupNote" jsonb, "region" text, "subregion" text,
                                               "intermediateRegion" text, "names" jsonb)
     on conflict (alpha3) do update set
       alpha2 = excluded.alpha2, m49 = excluded.m49, status = excluded.status, regional_group = excluded.regional_group,
       regional_group_note = excluded.regional_group_note, region_code = excluded.region_code,
       subregion_code = excluded.subregion_code, intermediate_region_code = excluded.intermediate_region_code,
       names = excluded.names, updated_at = now()
      where (states.alpha2, states.m49, states.status, states.regional_group, states.regional_group_note, states.region_code,
             states.subregion_code, states.intermediate_region_code, states.names)
            is distinct from
            (excluded.alpha2, excluded.m49, excluded.status, excluded.regional_group, excluded.regional_group_note,
             excluded.region_code, excluded.subregion_code, excluded.intermediate_region_code, excluded.names)`,
    [JSON.stringify(states)],
  );
}
