-- Imported United Nations documents, their versions, and the nodes and citations of each version.
-- A document is one language version of one symbol. Every import that changes it adds a
-- version; old versions stay, so a citation or a questionnaire that pointed at them still resolves.

create table documents (
  id integer generated always as identity primary key,
  symbol text not null check (symbol <> ''),
  language text not null check (language ~ '^[a-z]{2,3}$'),
  title text,
  body text,
  adopted date,
  meeting text,
  type text,
  -- symbol of the document this one is carried in (a draft resolution inside a Commission report)
  part_of text,
  current_version integer not null check (current_version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (symbol, language)
);
create index documents_part_of on documents (part_of) where part_of is not null;
create index documents_adopted on documents (adopted);

create table document_versions (
  id integer generated always as identity primary key,
  document_id integer not null references documents (id) on delete cascade,
  version integer not null check (version > 0),
  source_name text not null,
  source_format text not null,
  -- sha256 of the canonical JSON of the imported document (metadata, tree and footnotes):
  -- the same content imported again is recognised whatever file or format it came from
  source_sha256 text not null check (source_sha256 ~ '^[0-9a-f]{64}$'),
  imported_at timestamptz not null default now(),
  -- the document's own fields as imported (title, body, adopted, ...), kept with the version
  -- because the documents row only shows the current one
  metadata jsonb not null,
  tree jsonb not null,
  footnotes jsonb not null default '[]',
  diagnostics jsonb not null default '[]',
  unique (document_id, version),
  unique (document_id, source_sha256)
);

-- One row per node of a version's tree, in document order: for reading a provision without
-- loading the whole tree, and for full-text search.
create table provisions (
  document_version_id integer not null references document_versions (id) on delete cascade,
  node_id text not null, -- the stable id path, '' for the root
  parent_node_id text,
  kind text not null,
  num text,
  heading text,
  text text,
  position integer not null,
  depth integer not null,
  primary key (document_version_id, node_id),
  unique (document_version_id, position)
);

create table citations (
  id integer generated always as identity primary key,
  document_version_id integer not null references document_versions (id) on delete cascade,
  -- the node whose text holds the reference; null when it stands in a footnote
  node_id text,
  footnote_marker text,
  field text not null default 'text' check (field in ('text', 'heading')),
  kind text not null check (kind in ('citation', 'crossReference')),
  text text not null,
  target_symbol text,
  pinpoint text,
  instrument_id text,
  relation text,
  provisions text[] not null default '{}',
  foreign key (document_version_id, node_id) references provisions (document_version_id, node_id) on delete cascade,
  check (node_id is not null or footnote_marker is not null)
);
create index citations_version on citations (document_version_id);
create index citations_target_symbol on citations (target_symbol) where target_symbol is not null;
create index citations_instrument on citations (instrument_id) where instrument_id is not null;

-- The compendium's instruments, copied from the catalogue in code (src/compendium/catalogue.ts)
-- so that SQL can join citations and provisions to them.
create table instruments (
  id text primary key,
  name text not null,
  short_names text[] not null default '{}',
  -- symbols of the acts that adopted, approved or amended it, for joins with documents and citations
  adopted_by text[] not null default '{}',
  -- the catalogue's full account of those acts (symbol, part, body, year, action)
  adoptions jsonb not null default '[]',
  body text,
  year integer,
  category text,
  clusters text[] not null default '{}',
  -- ids of other instruments; not foreign keys, because the catalogue may name one it does not list
  supersedes text[] not null default '{}',
  superseded_by text,
  provision_kind text,
  updated_at timestamptz not null default now()
);
create index instruments_adopted_by on instruments using gin (adopted_by);
