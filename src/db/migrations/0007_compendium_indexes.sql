-- Indexes for the compendium reader (src/compendium/reader-store.ts).

-- The lineage (listTopAttachments) reads the annexes of every current document version. Without
-- this index PostgreSQL reads the whole provisions table for them: on the 100,000-provision
-- benchmark, a parallel sequential scan of 112,285 rows for 90 annexes, 180 ms; with it, an
-- index scan of the annexes alone, under 1 ms (EXPLAIN ANALYZE on PostgreSQL 15). Annexes are
-- a handful of rows per document, so the index stays small.
create index provisions_attachments on provisions (document_version_id, position) where kind = 'attachment';
