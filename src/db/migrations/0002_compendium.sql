-- Where the compendium's instruments stand in the imported documents (lineage), and the
-- plain-language explanations attached to their provisions.

-- One row per annex that holds an instrument's text: the Bangkok Rules are annex-1 of
-- "E/2010/30, chap. I, sect. A, draft resolution II" (and of A/RES/65/229 once imported).
-- Recomputed from the documents whenever they change (src/compendium/lineage-service.ts);
-- not foreign keys to instruments, because the catalogue copy is replaced wholesale at start.
create table instrument_texts (
  instrument_id text not null,
  document_id integer not null references documents (id) on delete cascade,
  language text not null,
  -- the attachment node holding the text
  node_id text not null,
  -- the text shown by default in this language: the adopting act's, else the latest
  is_primary boolean not null default false,
  primary key (instrument_id, document_id, node_id)
);
create index instrument_texts_document on instrument_texts (document_id);

-- What the texts were computed from: a signature of the documents table, so a reader notices
-- an import made by another process (the CLI) and recomputes.
create table compendium_state (
  key text primary key,
  value text not null,
  updated_at timestamptz not null default now()
);

-- A plain-language explanation of one provision (2003/30 annex para 14: standards explained in
-- understandable language). provision_path is the path relative to the instrument's annex.
create table provision_explanations (
  instrument_id text not null,
  provision_path text not null check (provision_path <> ''),
  language text not null check (language ~ '^[a-z]{2,3}$'),
  text text not null check (text <> ''),
  updated_at timestamptz not null default now(),
  primary key (instrument_id, provision_path, language)
);
