-- Full-text search over every provision, in every language (src/search/).
--
-- provision_search holds one row per provision that has words (text or heading), with a tsvector
-- built in its document's language: a stemming configuration for English, French, Spanish,
-- Russian and Arabic, character bigrams for Chinese (no stemmer, no spaces between words). A
-- trigger on provisions fills it whenever the importer stores a version, so the importer needs
-- no change; which version is current is read from documents at query time. search_words is
-- the vocabulary of the corpus, with a trigram index, for typo tolerance ("Bankok" -> Bangkok).

-- pg_trgm and unaccent: installed once per database, in public when it exists. Tests on a
-- server run each file in a schema of its own that is dropped afterwards; an extension created
-- there would vanish with it, so it goes to public and the search code names its schema.
do $$
declare
  target text := coalesce((select nspname from pg_namespace where nspname = 'public'), current_schema());
begin
  if not exists (select 1 from pg_extension where extname = 'pg_trgm') then
    execute format('create extension pg_trgm schema %I', target);
  end if;
  if not exists (select 1 from pg_extension where extname = 'unaccent') then
    execute format('create extension unaccent schema %I', target);
  end if;
end
$$;

-- English, French, Spanish and other Latin-script text: accents removed before stemming, so
-- "detention" finds "détention" and "accion" finds "acción". Russian and Arabic keep PostgreSQL's
-- own configurations: the Arabic stemmer already folds alef forms, diacritics and tatweel.
do $$
declare
  unaccent_dictionary text := (
    select format('%I.unaccent', n.nspname)
      from pg_ts_dict d join pg_namespace n on n.oid = d.dictnamespace
     where d.dictname = 'unaccent'
     limit 1);
  pair text[];
begin
  foreach pair slice 1 in array array[
    array['normhub_en', 'english', 'english_stem'],
    array['normhub_fr', 'french', 'french_stem'],
    array['normhub_es', 'spanish', 'spanish_stem'],
    array['normhub_simple', 'simple', 'simple']
  ] loop
    execute format('create text search configuration %I (copy = pg_catalog.%I)', pair[1], pair[2]);
    execute format('alter text search configuration %I alter mapping for hword, hword_part, word with %s, %s',
                   pair[1], unaccent_dictionary, pair[3]);
  end loop;
end
$$;

/** The text search configuration of a language: what both the index and the query use. */
create function normhub_search_config(language text) returns text
language sql immutable parallel safe as $$
  select case language
    when 'en' then 'normhub_en'
    when 'fr' then 'normhub_fr'
    when 'es' then 'normhub_es'
    when 'ru' then 'russian'
    when 'ar' then 'arabic'
    else 'normhub_simple'
  end
$$;

-- Chinese: every run of Han characters becomes its overlapping bigrams at consecutive positions
-- (性别平等 -> 性别 别平 平等), plus its last character alone, so that a one-character query
-- matches as a prefix ('罪':*) wherever the character stands. Latin letters and digits are words.
-- src/search/search-logic.ts tokenises queries the same way; keep the two in step.
create function normhub_chinese_vector(input text, weight "char") returns tsvector
language plpgsql immutable parallel safe as $$
declare
  run text;
  run_length integer;
  position integer := 0;
  parts text[] := '{}';
  i integer;
begin
  if input is null or input = '' then
    return ''::tsvector;
  end if;
  for run in
    select m[1] from regexp_matches(lower(input), '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z\u00e0-\u024f\u0430-\u045f]+)', 'g') as m
  loop
    run_length := length(run);
    if run ~ '^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]' and run_length > 1 then
      for i in 1 .. run_length - 1 loop
        position := least(position + 1, 16383);
        parts := parts || format('''%s'':%s', substr(run, i, 2), position);
      end loop;
      parts := parts || format('''%s'':%s', substr(run, run_length, 1), position);
    else
      position := least(position + 1, 16383);
      parts := parts || format('''%s'':%s', run, position);
    end if;
  end loop;
  return setweight(array_to_string(parts, ' ')::tsvector, weight);
end
$$;

/** A provision's search vector: its heading weighs more (A) than its text (B). */
create function normhub_provision_vector(language text, heading text, body text) returns tsvector
language plpgsql immutable parallel safe as $$
begin
  if language = 'zh' then
    return normhub_chinese_vector(heading, 'A') || normhub_chinese_vector(body, 'B');
  end if;
  return setweight(to_tsvector(normhub_search_config(language)::regconfig, coalesce(heading, '')), 'A')
      || setweight(to_tsvector(normhub_search_config(language)::regconfig, coalesce(body, '')), 'B');
end
$$;

create table provision_search (
  document_version_id integer not null,
  node_id text not null,
  -- copied from documents and document_versions so that a query filters without joining them
  document_id integer not null references documents (id) on delete cascade,
  version integer not null,
  language text not null,
  kind text not null,
  position integer not null,
  search_vector tsvector not null,
  primary key (document_version_id, node_id),
  foreign key (document_version_id, node_id) references provisions (document_version_id, node_id) on delete cascade
);
create index provision_search_vector on provision_search using gin (search_vector);
create index provision_search_document on provision_search (document_id, version);

create table search_words (
  language text not null,
  word text not null,
  primary key (language, word)
);

do $$
declare
  trgm_schema text := (select extnamespace::regnamespace::text from pg_extension where extname = 'pg_trgm');
begin
  execute format('create index search_words_trigram on search_words using gin (word %s.gin_trgm_ops)', trgm_schema);
end
$$;

-- Rows of one statement at once (the importer writes a version's provisions in one insert).
create function normhub_index_provisions() returns trigger
language plpgsql as $$
begin
  insert into provision_search (document_version_id, node_id, document_id, version, language, kind, position, search_vector)
  select n.document_version_id, n.node_id, v.document_id, v.version, d.language, n.kind, n.position,
         normhub_provision_vector(d.language, n.heading, n.text)
    from new_provisions n
    join document_versions v on v.id = n.document_version_id
    join documents d on d.id = v.document_id
   where coalesce(n.text, '') <> '' or coalesce(n.heading, '') <> '';

  -- In one order, so that two imports adding the same new words wait for each other rather than deadlock.
  insert into search_words (language, word)
  select distinct d.language, w.word
    from new_provisions n
    join document_versions v on v.id = n.document_version_id
    join documents d on d.id = v.document_id
    cross join lateral unnest(tsvector_to_array(to_tsvector('simple', coalesce(n.heading, '') || ' ' || coalesce(n.text, '')))) as w(word)
   where d.language <> 'zh' and length(w.word) between 4 and 40 and w.word !~ '[0-9_/.]'
   order by 1, 2
  on conflict do nothing;
  return null;
end
$$;

create trigger provisions_search_index
  after insert on provisions
  referencing new table as new_provisions
  for each statement execute function normhub_index_provisions();

-- What is already stored.
insert into provision_search (document_version_id, node_id, document_id, version, language, kind, position, search_vector)
select p.document_version_id, p.node_id, v.document_id, v.version, d.language, p.kind, p.position,
       normhub_provision_vector(d.language, p.heading, p.text)
  from provisions p
  join document_versions v on v.id = p.document_version_id
  join documents d on d.id = v.document_id
 where coalesce(p.text, '') <> '' or coalesce(p.heading, '') <> '';

insert into search_words (language, word)
select distinct d.language, w.word
  from provisions p
  join document_versions v on v.id = p.document_version_id
  join documents d on d.id = v.document_id
  cross join lateral unnest(tsvector_to_array(to_tsvector('simple', coalesce(p.heading, '') || ' ' || coalesce(p.text, '')))) as w(word)
 where d.language <> 'zh' and length(w.word) between 4 and 40 and w.word !~ '[0-9_/.]'
on conflict do nothing;
