-- The Member States of the United Nations and the two non-member observer States, with their
-- regional groups and M49 areas. Other tables refer to states (alpha3) with foreign keys
-- (users.state_code, replies, invitations...).
--
-- The rows are NOT inserted here. They are reference data kept as a checked-in file with its
-- sources (src/states/data/states.json, built by scripts/build-states-data.ts), and migrate()
-- upserts them after the SQL migrations every time it runs (syncStateReferenceData in
-- src/states/states-service.ts). A migration runs once, so INSERTs here would leave a database
-- that already exists with yesterday's names; the upsert brings a corrected name, a changed
-- regional group or a new Member State to every database at its next start, test databases
-- included. Rows are never deleted by it: other tables point at them.

create table regional_groups (
  id text primary key check (id ~ '^[a-z]+(-[a-z]+)*$'),
  -- the United Nations' order: African, Asia-Pacific, Eastern European, GRULAC, WEOG
  position integer not null,
  -- {"ar": …, "en": …, "es": …, "fr": …, "ru": …, "zh": …}
  names jsonb not null check (names ?& array['ar', 'en', 'es', 'fr', 'ru', 'zh']),
  updated_at timestamptz not null default now()
);

-- M49 regions, sub-regions and intermediate regions (UN Statistics Division), with their names.
create table m49_areas (
  code text primary key check (code ~ '^[0-9]{3}$'),
  level text not null check (level in ('region', 'subregion', 'intermediate-region')),
  parent_code text references m49_areas (code),
  names jsonb not null check (names ?& array['ar', 'en', 'es', 'fr', 'ru', 'zh']),
  updated_at timestamptz not null default now()
);

create table states (
  alpha3 text primary key check (alpha3 ~ '^[A-Z]{3}$'),
  alpha2 text not null unique check (alpha2 ~ '^[A-Z]{2}$'),
  m49 text not null unique check (m49 ~ '^[0-9]{3}$'),
  status text not null check (status in ('member', 'observer')),
  regional_group text references regional_groups (id),
  -- how the State stands in its group when that needs saying (the United States, Türkiye), by language
  regional_group_note jsonb,
  region_code text not null references m49_areas (code),
  subregion_code text not null references m49_areas (code),
  intermediate_region_code text references m49_areas (code),
  -- the official United Nations short names, by language
  names jsonb not null check (names ?& array['ar', 'en', 'es', 'fr', 'ru', 'zh']),
  updated_at timestamptz not null default now(),
  -- every Member State is in one group; the observer States are in none
  constraint states_group_by_status check ((status = 'member') = (regional_group is not null))
);
create index states_regional_group on states (regional_group);
