// Storing imported documents on a real migrated database. The first group builds documents by
// hand and needs no parser; the second ("with parseSource") reads the bundled seeds through
// the real parser.

import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, copyFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { AppError } from '../../src/errors.ts';
import type { ImportedDocument } from '../../src/importer/document.ts';
import { importSources, storeImportResult, type ImportContext } from '../../src/importer/importer-service.ts';
import { listCorpusSources, listSeedSources, seedDatabase, SEEDS_DIR } from '../../src/importer/seed-service.ts';
import { sampleDocument } from '../helpers/documents.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

async function counts(db: TestDb): Promise<{ documents: number; versions: number; provisions: number; citations: number }> {
  const { rows } = await db.query<{ documents: number; versions: number; provisions: number; citations: number }>(
    `select (select count(*)::integer from documents) as documents,
            (select count(*)::integer from document_versions) as versions,
            (select count(*)::integer from provisions) as provisions,
            (select count(*)::integer from citations) as citations`,
  );
  return rows[0]!;
}

function store(ctx: ImportContext, documents: ImportedDocument[], options: { dryRun?: boolean; name?: string; hints?: object } = {}) {
  return storeImportResult(ctx, {
    source: { name: options.name ?? 'sample.txt' },
    result: { documents, diagnostics: [{ line: 3, message: 'a parser remark' }] },
    dryRun: options.dryRun,
    hints: options.hints,
  });
}

const nodeCount = (document: ImportedDocument) => {
  let n = 0;
  const visit = (node: ImportedDocument['root']) => {
    n++;
    node.children.forEach(visit);
  };
  visit(document.root);
  return n;
};

describe('storing imported documents', () => {
  let db: TestDb;
  let ctx: ImportContext;
  before(async () => {
    db = await createTestDb();
    ctx = { db };
  });
  after(() => db.close());
  beforeEach(() => db.exec('delete from documents'));

  test('a new document is created as version 1, with one provision row per node and its citations', async () => {
    const document = sampleDocument();
    const { documents, result } = await store(ctx, [document]);
    assert.deepEqual(documents, [{ symbol: 'E/RES/1997/32', language: 'en', version: 1, status: 'created' }]);
    assert.deepEqual(result.diagnostics, [{ line: 3, message: 'a parser remark' }]);
    assert.deepEqual(await counts(db), { documents: 1, versions: 1, provisions: nodeCount(document), citations: 2 });

    const { rows } = await db.query<Record<string, unknown>>(
      `select d.title, d.body, to_char(d.adopted, 'YYYY-MM-DD') as adopted, d.meeting, d.type, d.current_version,
              v.source_name, v.source_format, v.tree, v.footnotes, v.diagnostics, v.metadata->>'symbol' as metadata_symbol
         from documents d join document_versions v on v.document_id = d.id`,
    );
    const row = rows[0]!;
    assert.equal(row.title, document.title);
    assert.equal(row.adopted, '1997-07-21');
    assert.equal(row.current_version, 1);
    assert.equal(row.source_format, 'text');
    assert.deepEqual(row.tree, JSON.parse(JSON.stringify(document.root)));
    assert.deepEqual(row.footnotes, document.footnotes);
    assert.deepEqual(row.diagnostics, [{ line: 3, message: 'a parser remark' }]);
    assert.equal(row.metadata_symbol, 'E/RES/1997/32');

    const provisions = await db.query<{ node_id: string; parent_node_id: string | null; kind: string; position: number; depth: number }>(
      'select node_id, parent_node_id, kind, position, depth from provisions order by position',
    );
    assert.deepEqual(provisions.rows.slice(0, 2), [
      { node_id: '', parent_node_id: null, kind: 'document', position: 0, depth: 0 },
      { node_id: 'formula', parent_node_id: '', kind: 'formula', position: 1, depth: 1 },
    ]);
    assert.ok(provisions.rows.some((p) => p.node_id === 'para-1/point-b' && p.parent_node_id === 'para-1' && p.depth === 2));

    const citations = await db.query<{ node_id: string | null; footnote_marker: string | null; target_symbol: string }>(
      'select node_id, footnote_marker, target_symbol from citations order by id',
    );
    assert.deepEqual(citations.rows, [
      { node_id: 'recital-1', footnote_marker: null, target_symbol: 'E/RES/1992/22' },
      { node_id: null, footnote_marker: '1', target_symbol: 'E/1992/92' },
    ]);
  });

  test('importing the same content again is idempotent: "unchanged", no new version', async () => {
    await store(ctx, [sampleDocument()]);
    const before = await counts(db);
    // Same content from another file: still the same document.
    const { documents } = await store(ctx, [sampleDocument()], { name: 'the-same-again.docx' });
    assert.deepEqual(documents, [{ symbol: 'E/RES/1997/32', language: 'en', version: 1, status: 'unchanged' }]);
    assert.deepEqual(await counts(db), before);
  });

  test('changed content becomes a new current version, and the old version is kept', async () => {
    await store(ctx, [sampleDocument()]);
    const changed = sampleDocument({ title: 'A corrected title' });
    changed.root.children[2]!.text = 'Requests the Secretary-General to collect information on:';
    const { documents } = await store(ctx, [changed]);
    assert.deepEqual(documents, [{ symbol: 'E/RES/1997/32', language: 'en', version: 2, status: 'updated' }]);

    const { rows } = await db.query<{ version: number; title: string }>(
      "select v.version, v.metadata->>'title' as title from document_versions v order by v.version",
    );
    assert.deepEqual(rows, [
      { version: 1, title: 'United Nations standards and norms in crime prevention and criminal justice' },
      { version: 2, title: 'A corrected title' },
    ]);
    const current = await db.query<{ current_version: number; title: string }>('select current_version, title from documents');
    assert.deepEqual(current.rows, [{ current_version: 2, title: 'A corrected title' }]);
    // Each version keeps its own provisions.
    const texts = await db.query<{ version: number; text: string }>(
      `select v.version, p.text from provisions p join document_versions v on v.id = p.document_version_id
        where p.node_id = 'para-1' order by v.version`,
    );
    assert.deepEqual(texts.rows.map((row) => row.version), [1, 2]);
    assert.notEqual(texts.rows[0]!.text, texts.rows[1]!.text);

    // Going back to the first content makes version 1 current again, without storing it twice.
    const back = await store(ctx, [sampleDocument()]);
    assert.deepEqual(back.documents, [{ symbol: 'E/RES/1997/32', language: 'en', version: 1, status: 'updated' }]);
    assert.equal((await counts(db)).versions, 2);
    const title = await db.query<{ title: string; current_version: number }>('select title, current_version from documents');
    assert.deepEqual(title.rows, [{ title: 'United Nations standards and norms in crime prevention and criminal justice', current_version: 1 }]);
  });

  test('a dry run stores nothing but says what would happen', async () => {
    const { documents } = await store(ctx, [sampleDocument()], { dryRun: true });
    assert.deepEqual(documents, [{ symbol: 'E/RES/1997/32', language: 'en', version: 1, status: 'created' }]);
    assert.deepEqual(await counts(db), { documents: 0, versions: 0, provisions: 0, citations: 0 });

    await store(ctx, [sampleDocument()]);
    const again = await store(ctx, [sampleDocument({ title: 'Changed' })], { dryRun: true });
    assert.deepEqual(again.documents, [{ symbol: 'E/RES/1997/32', language: 'en', version: 2, status: 'updated' }]);
    assert.equal((await counts(db)).versions, 1);

    // Without a database, a dry run only reads.
    const offline = await store({ db: null }, [sampleDocument()], { dryRun: true });
    assert.deepEqual(offline.documents, [{ symbol: 'E/RES/1997/32', language: 'en', version: null, status: null }]);
  });

  test('a document without a symbol gets a diagnostic and is not stored, unless a symbol hint is given', async () => {
    const { documents, result } = await store(ctx, [sampleDocument({ symbol: null })]);
    assert.equal(documents[0]!.status, 'skipped');
    assert.equal(documents[0]!.version, null);
    assert.ok(result.diagnostics.some((d) => d.line === 0 && /has no symbol/.test(d.message)));
    assert.equal((await counts(db)).documents, 0);

    const hinted = await store(ctx, [sampleDocument({ symbol: null, title: null })], { hints: { symbol: 'E/RES/1997/32', title: 'From the hint' } });
    assert.deepEqual(hinted.documents, [{ symbol: 'E/RES/1997/32', language: 'en', version: 1, status: 'created' }]);
    assert.equal(hinted.result.documents[0]!.title, 'From the hint');
    // A hint never overrides what the document itself says.
    const kept = await store(ctx, [sampleDocument({ symbol: 'A/RES/1/1' })], { hints: { symbol: 'E/RES/1997/32' } });
    assert.equal(kept.documents[0]!.symbol, 'A/RES/1/1');
  });

  test('a document without a language is not stored; a bad date is kept aside with a diagnostic', async () => {
    const noLanguage = await store(ctx, [sampleDocument({ language: null })]);
    assert.equal(noLanguage.documents[0]!.status, 'skipped');
    assert.ok(noLanguage.result.diagnostics.some((d) => /has no language/.test(d.message)));

    const badDate = await store(ctx, [sampleDocument({ adopted: '1997-02-30' })]);
    assert.equal(badDate.documents[0]!.status, 'created');
    assert.ok(badDate.result.diagnostics.some((d) => /1997-02-30/.test(d.message)));
    const { rows } = await db.query<{ adopted: string | null; raw: string }>(
      "select d.adopted::text as adopted, v.metadata->>'adopted' as raw from documents d join document_versions v on v.document_id = d.id",
    );
    assert.deepEqual(rows, [{ adopted: null, raw: '1997-02-30' }]);
  });

  test('two documents of one file with the same symbol and language: the second is not stored over the first', async () => {
    const { documents } = await store(ctx, [sampleDocument(), sampleDocument({ title: 'Another' })]);
    assert.deepEqual(documents.map((d) => d.status), ['created', 'skipped']);
    assert.equal((await counts(db)).versions, 1);
  });

  test('nodes without ids get ids before storing, with a diagnostic', async () => {
    const document = sampleDocument();
    document.root.children.forEach((child) => (child.id = ''));
    const { documents, result } = await store(ctx, [document]);
    assert.equal(documents[0]!.status, 'created');
    assert.ok(result.diagnostics.some((d) => /ids were assigned again/.test(d.message)));
    const { rows } = await db.query<{ node_id: string }>("select node_id from provisions where kind = 'paragraph' order by position");
    assert.deepEqual(rows.map((row) => row.node_id), ['para-1', 'annex-1/para-1']);
  });

  test('a cross-reference keeps the provisions it names', async () => {
    const document = sampleDocument();
    document.root.children[1]!.refs!.push({
      kind: 'crossReference',
      text: 'rules 22 and 23',
      start: 0,
      end: 15,
      symbol: null,
      relation: 'supplements',
      instrument: 'standard-minimum-rules',
      provisions: ['rule-22', 'rule-23'],
    });
    await store(ctx, [document]);
    const { rows } = await db.query<{ provisions: string[]; relation: string; instrument_id: string }>(
      "select provisions, relation, instrument_id from citations where kind = 'crossReference'",
    );
    assert.deepEqual(rows, [{ provisions: ['rule-22', 'rule-23'], relation: 'supplements', instrument_id: 'standard-minimum-rules' }]);
  });

  test('a refused file is reported, and the other files are still stored', async () => {
    // A stand-in parser, so that this holds whatever the real parsers accept; the database is real.
    const parse = async (source: { name: string }) => {
      if (source.name === 'bad.txt') throw new AppError('import.empty_file', 'bad.txt: the file is empty (0 bytes)');
      if (source.name === 'bug.txt') throw new TypeError('cannot read properties of undefined');
      return { documents: [sampleDocument({ symbol: source.name === 'first.txt' ? 'A/RES/1/1' : 'A/RES/2/2' })], diagnostics: [] };
    };
    const progress: number[] = [];
    const report = await importSources(ctx, {
      sources: ['first.txt', 'bad.txt', 'bug.txt', 'second.txt'].map((name) => ({ name, bytes: new Uint8Array([65]) })),
      parse,
      onProgress: ({ done }) => progress.push(done),
    });
    assert.deepEqual(progress, [1, 2, 3, 4]);
    assert.deepEqual(
      report.sources.map((s) => [s.source, s.error?.code ?? null, s.documents.map((d) => d.status)]),
      [
        ['first.txt', null, ['created']],
        ['bad.txt', 'import.empty_file', []],
        ['bug.txt', 'import.failed', []],
        ['second.txt', null, ['created']],
      ],
    );
    assert.equal(report.sources[1]!.error!.message, 'bad.txt: the file is empty (0 bytes)');
    assert.equal((await counts(db)).documents, 2);
  });

  test('an import stops between files when asked to (server shutdown)', async () => {
    const controller = new AbortController();
    const report = await importSources(ctx, {
      sources: ['a.txt', 'b.txt'].map((name) => ({ name, bytes: new Uint8Array([65]) })),
      signal: controller.signal,
      parse: async () => {
        controller.abort();
        return { documents: [sampleDocument()], diagnostics: [] };
      },
    });
    assert.equal(report.aborted, true);
    assert.equal(report.sources.length, 1);
  });
});

// These read real files through parseSource (src/importer/import-logic.ts).
describe('importing with parseSource', () => {
  let db: TestDb;
  let ctx: ImportContext;
  before(async () => {
    db = await createTestDb();
    ctx = { db };
  });
  after(() => db.close());
  beforeEach(() => db.exec('delete from documents'));

  const seed003 = () => {
    const file = '003_7be41f6787f38f68.txt';
    return { name: file, bytes: new Uint8Array(readFileSync(path.join(SEEDS_DIR, file))) };
  };

  test('a seed file is stored, and importing it again changes nothing', async () => {
    const hints = { symbol: 'E/RES/1997/32', adopted: '1997-07-21', language: 'en' };
    const first = await importSources(ctx, { sources: [seed003()], hints });
    assert.equal(first.sources[0]!.error, null);
    assert.deepEqual(first.sources[0]!.documents, [{ symbol: 'E/RES/1997/32', language: 'en', version: 1, status: 'created' }]);
    const stored = await counts(db);
    assert.ok(stored.provisions > 5);

    const second = await importSources(ctx, { sources: [seed003()], hints });
    assert.deepEqual(second.sources[0]!.documents, [{ symbol: 'E/RES/1997/32', language: 'en', version: 1, status: 'unchanged' }]);
    assert.deepEqual(await counts(db), stored);
  });

  test('a dry run parses and stores nothing', async () => {
    const report = await importSources(ctx, { sources: [seed003()], hints: { symbol: 'E/RES/1997/32', language: 'en' }, dryRun: true });
    assert.equal(report.sources[0]!.error, null);
    assert.ok(report.sources[0]!.result!.documents.length >= 1);
    assert.equal(report.sources[0]!.documents[0]!.status, 'created');
    assert.equal((await counts(db)).documents, 0);
  });

  test('an empty and a binary file are refused with a reason; the seed between them is stored', async () => {
    const report = await importSources(ctx, {
      sources: [
        { name: 'empty.txt', bytes: new Uint8Array() },
        seed003(),
        { name: 'binary.txt', bytes: new Uint8Array([0, 1, 2, 0, 255, 0, 7, 0]) },
      ],
      hints: { language: 'en' },
    });
    const [empty, seed, binary] = report.sources;
    assert.match(empty!.error!.code, /^import\./);
    assert.match(empty!.error!.message, /empty\.txt/);
    assert.match(binary!.error!.code, /^import\./);
    assert.equal(seed!.error, null);
    assert.equal(seed!.documents[0]!.status, 'created');
    assert.equal((await counts(db)).documents, 1);
  });

  test('the five bundled seeds are all stored on first start, and not again on the next', async () => {
    const seeds = await listSeedSources();
    assert.equal(seeds.length, 5);
    const first = await seedDatabase(ctx, { corpusDir: null });
    assert.equal(first.seeded, true);
    for (const source of first.report!.sources) assert.equal(source.error, null, `${source.source}: ${source.error?.message}`);
    const symbols = (await db.query<{ symbol: string }>('select distinct symbol from documents')).rows.map((row) => row.symbol);
    for (const symbol of ['E/RES/2012/13', 'E/2010/30', 'A/RES/65/230', 'E/RES/1997/32', 'E/RES/2003/30']) {
      assert.ok(symbols.includes(symbol), `${symbol} is stored (stored: ${symbols.join(', ')})`);
    }
    const title = await db.query<{ title: string; body: string }>("select title, body from documents where symbol = 'E/RES/2012/13'");
    assert.equal(title.rows[0]!.title, 'Standard Minimum Rules for the Treatment of Prisoners');

    const second = await seedDatabase(ctx, { corpusDir: null });
    assert.equal(second.seeded, false);
  });

  test('the corpus is imported in its languages, symbol and language taken from the path when the markup is silent', async (t) => {
    const corpus = path.resolve(SEEDS_DIR, '..', '..', '..', 'shared', 'corpus', 'unxml');
    let dir: string;
    try {
      dir = mkdtempSync(path.join(tmpdir(), 'normhub-corpus-'));
      mkdirSync(path.join(dir, 'A-RES-75-10'));
      for (const language of ['en', 'ar']) copyFileSync(path.join(corpus, 'A-RES-75-10', `${language}.xml`), path.join(dir, 'A-RES-75-10', `${language}.xml`));
    } catch {
      t.skip('no corpus beside the project (../shared/corpus/unxml)');
      return;
    }
    try {
      const sources = await listCorpusSources(dir);
      assert.deepEqual(
        sources.map((source) => [source.name, source.hints]),
        [
          [path.join('A-RES-75-10', 'ar.xml'), { language: 'ar', symbol: 'A/RES/75/10' }],
          [path.join('A-RES-75-10', 'en.xml'), { language: 'en', symbol: 'A/RES/75/10' }],
        ],
      );
      const report = await importSources(ctx, { sources });
      for (const source of report.sources) assert.equal(source.error, null, `${source.source}: ${source.error?.message}`);
      const { rows } = await db.query<{ symbol: string; language: string }>('select symbol, language from documents order by language');
      assert.deepEqual(rows, [
        { symbol: 'A/RES/75/10', language: 'ar' },
        { symbol: 'A/RES/75/10', language: 'en' },
      ]);
      const paragraphs = await db.query<{ count: number }>("select count(*)::integer as count from provisions where kind = 'paragraph'");
      assert.ok(paragraphs.rows[0]!.count > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
