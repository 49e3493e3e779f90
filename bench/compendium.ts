// Compendium benchmark: the second part of `npm run bench` (alone: `node --import tsx bench/compendium.ts`).
// Prints figures, asserts nothing.
//
//  1. A database holding the corpus scaled to at least 100,000 provisions: PGlite in a temporary
//     folder, or a schema of its own on the PostgreSQL server of DATABASE_URL (dropped at the
//     end). The seeds and every corpus XML file are imported through the import service, then
//     the same sources again under new symbols ("A/RES/75/58-copy-3"), still through
//     importSources, until the provisions table has 100,000 rows or more.
//  2. The real app (buildApp + listen on 127.0.0.1:0) and a bare Fastify "hello" route, each in a
//     child process of its own, measured one after the other by autocannon in this process with
//     the same connections and duration (a warm-up first, not counted): requests per second
//     for a provision page against "hello", and the ratio.
//  3. Search over HTTP (/api/search) with a mix of queries in six languages: each query alone
//     (results found, median time), then the mix under load: p50/p95/p99 and requests per second,
//     and the very common words alone ("States", "crime": thousands of matches) under load.
//
// Every autocannon run lasts at most 10 s; everything stays on the loopback interface.
//
// NORMHUB_BENCH_PGLITE_DIR=/some/folder keeps the PGlite database there and fills it only the first
// time: two versions of the code can then be measured on the same data, one after the other.

import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import { syncCatalogue } from '../src/compendium/instruments-service.ts';
import type { Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import type { DocumentHints, ImportResult } from '../src/importer/document.ts';
import { parseSource, type SourceFile } from '../src/importer/import-logic.ts';
import { importSources, type ImportSource } from '../src/importer/importer-service.ts';
import { listCorpusSources, listSeedSources } from '../src/importer/seed-service.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const PROJECT_ROOT = path.resolve(path.dirname(THIS_FILE), '..');
const CORPUS_DIR = process.env.NORMHUB_CORPUS_DIR?.trim() || path.join(PROJECT_ROOT, '..', 'shared', 'corpus', 'unxml');
const TARGET_PROVISIONS = 100_000;
const CONNECTIONS = 10;
const DURATION_SECONDS = 10;
const WARMUP_SECONDS = 2;

// --- autocannon (no type declarations ship with it: the part used here, typed) -----------------------

interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  max: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  throughput: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}
type Autocannon = ((options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance) & {
  track?: unknown;
};
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// --- the database ----------------------------------------------------------------------------------

interface DatabasePlace {
  kind: 'pglite' | 'postgres';
  /** PGlite's folder, or the server's URL */
  location: string;
  /** the schema on the server */
  schema?: string;
  /** a folder of NORMHUB_BENCH_PGLITE_DIR: kept at the end, and not filled again once full */
  kept?: boolean;
}

async function openBenchDb(place: DatabasePlace): Promise<Db> {
  return place.kind === 'pglite' ? openPglite(place.location) : openPostgres(place.location, { searchPath: place.schema });
}

async function createPlace(): Promise<DatabasePlace> {
  // To compare two versions of the code on the same data, without filling a database each time.
  const kept = process.env.NORMHUB_BENCH_PGLITE_DIR?.trim();
  if (kept) return { kind: 'pglite', location: kept, kept: true };
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return { kind: 'pglite', location: mkdtempSync(path.join(os.tmpdir(), 'normhub-bench-')) };
  const schema = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await openPostgres(url, { max: 1 });
  try {
    await admin.exec(`create schema ${schema}`);
  } finally {
    await admin.close();
  }
  return { kind: 'postgres', location: url, schema };
}

async function removePlace(place: DatabasePlace): Promise<void> {
  if (place.kept) return;
  if (place.kind === 'pglite') {
    rmSync(place.location, { recursive: true, force: true });
    return;
  }
  const admin = await openPostgres(place.location, { max: 1 });
  try {
    await admin.exec(`drop schema if exists ${place.schema} cascade`);
  } finally {
    await admin.close();
  }
}

function describePlace(place: DatabasePlace): string {
  if (place.kind === 'pglite') return `PGlite (embedded), in ${place.location}${place.kept ? ' (NORMHUB_BENCH_PGLITE_DIR: kept, filled once)' : ''}`;
  const url = new URL(place.location);
  return `PostgreSQL server ${url.hostname}:${url.port || 5432}${url.pathname} (DATABASE_URL), schema ${place.schema}`;
}

async function countRows(db: Db, table: string): Promise<number | null> {
  try {
    const { rows } = await db.query<{ count: string | number }>(`select count(*) as count from ${table}`);
    return Number(rows[0]!.count);
  } catch {
    return null; // a table another feature has not created yet
  }
}

/** A source's documents under new symbols: "A/RES/75/58" becomes "A/RES/75/58-copy-3". */
function renamed(result: ImportResult, copy: number): ImportResult {
  const suffix = `-copy-${copy}`;
  return {
    ...result,
    documents: result.documents.map((document) => ({
      ...document,
      symbol: document.symbol ? `${document.symbol}${suffix}` : null,
      partOf: document.partOf ? `${document.partOf}${suffix}` : document.partOf,
    })),
  };
}

interface FillReport {
  seedFiles: number;
  seedSeconds: number;
  seedProvisions: number;
  copies: number;
  copySeconds: number;
  provisions: number;
  documents: number;
  searchRows: number | null;
  refused: string[];
}

async function fillDatabase(db: Db): Promise<FillReport> {
  await migrate(db);
  await syncCatalogue({ db });
  const sources: ImportSource[] = [...(await listSeedSources()), ...(await listCorpusSources(CORPUS_DIR))];
  const already = (await countRows(db, 'provisions')) ?? 0;
  if (already >= TARGET_PROVISIONS) {
    process.stdout.write(`  already filled: ${already} provisions, nothing imported\n`);
    return {
      seedFiles: sources.length,
      seedSeconds: Number.NaN,
      seedProvisions: Number.NaN,
      copies: Number.NaN,
      copySeconds: Number.NaN,
      provisions: already,
      documents: (await countRows(db, 'documents')) ?? 0,
      searchRows: await countRows(db, 'provision_search'),
      refused: [],
    };
  }
  const refused = new Set<string>();
  const note = (report: Awaited<ReturnType<typeof importSources>>) => {
    for (const source of report.sources) if (source.error) refused.add(`${source.source}: ${source.error.message}`);
  };

  // Each source is parsed once; the copies store the same documents under other symbols.
  const parsed = new Map<string, ImportResult>();
  const parseOnce = async (source: SourceFile, hints: DocumentHints): Promise<ImportResult> => {
    let result = parsed.get(source.name);
    if (!result) {
      result = await parseSource(source, hints);
      parsed.set(source.name, result);
    }
    return result;
  };

  let start = performance.now();
  note(await importSources({ db }, { sources, parse: parseOnce }));
  const seedSeconds = (performance.now() - start) / 1000;
  const seedProvisions = (await countRows(db, 'provisions')) ?? 0;
  process.stdout.write(`  seeds and corpus: ${sources.length} files, ${seedProvisions} provisions, ${seedSeconds.toFixed(1)} s\n`);
  if (seedProvisions === 0) throw new Error('The import stored no provisions; nothing to scale.');

  start = performance.now();
  let copies = 0;
  let provisions = seedProvisions;
  while (provisions < TARGET_PROVISIONS) {
    copies++;
    const copy = copies;
    // A hinted symbol is renamed too, so that a seed whose text does not say its symbol is not
    // stored as a new version of the original.
    const copySources = sources.map((source) => ({
      ...source,
      hints: source.hints?.symbol ? { ...source.hints, symbol: `${source.hints.symbol}-copy-${copy}` } : source.hints,
    }));
    note(await importSources({ db }, { sources: copySources, parse: async (source, hints) => renamed(await parseOnce(source, hints), copy) }));
    provisions = (await countRows(db, 'provisions')) ?? 0;
    process.stdout.write(`  copy ${copy}: ${provisions} provisions, ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  }
  return {
    seedFiles: sources.length,
    seedSeconds,
    seedProvisions,
    copies,
    copySeconds: (performance.now() - start) / 1000,
    provisions,
    documents: (await countRows(db, 'documents')) ?? 0,
    searchRows: await countRows(db, 'provision_search'),
    refused: [...refused],
  };
}

// --- child processes: the app, and the bare Fastify route ----------------------------------------------

type ServeMode = { mode: 'app'; place: DatabasePlace } | { mode: 'hello' };

async function serve(request: ServeMode): Promise<void> {
  if (request.mode === 'hello') {
    const hello = Fastify({ logger: false });
    hello.get('/', async () => 'hello');
    await hello.listen({ port: 0, host: '127.0.0.1' });
    process.send!({ port: (hello.server.address() as { port: number }).port });
    process.on('message', () => void hello.close().then(() => process.exit(0)));
    return;
  }
  const db = await openBenchDb(request.place);
  const app = await buildApp({ db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send!({ port: (app.server.address() as { port: number }).port });
  process.on('message', () =>
    void app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0)),
  );
}

interface Server {
  child: ChildProcess;
  base: string;
}

function startChild(request: ServeMode): Promise<Server> {
  const child = fork(THIS_FILE, ['--serve', JSON.stringify(request)], { cwd: PROJECT_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, base: `http://127.0.0.1:${(message as { port: number }).port}` }));
    child.once('exit', (code) => reject(new Error(`the ${request.mode} server exited with code ${code} before listening`)));
    child.once('error', reject);
  });
}

function stopChild(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
    server.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    server.child.send('close');
  });
}

// --- measuring -------------------------------------------------------------------------------------

interface Measure {
  label: string;
  url: string;
  requestsPerSecond: number;
  total: number;
  non2xx: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** bytes per response, as received (compressed when the server compressed) */
  bytes: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function runAutocannon(options: Record<string, unknown>, onResponse?: (status: number, bytes: number, ms: number) => void): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, pipelining: 1, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
    if (onResponse) instance.on('response', (_client, status, bytes, ms) => onResponse(status, bytes, ms));
  });
}

/** A warm-up run (not counted), then DURATION_SECONDS measured; latencies from every response. */
async function measure(
  label: string,
  url: string,
  { headers = {}, paths }: { headers?: Record<string, string>; paths?: string[] } = {},
): Promise<Measure> {
  const requests = paths?.map((p) => ({ method: 'GET', path: p }));
  const options = { url, headers, ...(requests ? { requests } : {}) };
  await runAutocannon({ ...options, duration: WARMUP_SECONDS });
  const times: number[] = [];
  let bytes = 0;
  const result = await runAutocannon({ ...options, duration: DURATION_SECONDS }, (_status, size, ms) => {
    times.push(ms);
    bytes += size;
  });
  times.sort((a, b) => a - b);
  return {
    label,
    url,
    requestsPerSecond: result.requests.total / (result.duration || DURATION_SECONDS),
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? Number.NaN,
    bytes: times.length ? bytes / times.length : 0,
  };
}

const BROWSER_HEADERS = { 'accept-encoding': 'br, gzip', 'accept-language': 'en' };

/** The first address that answers 200: instrument permalink, document provision, else the document. */
async function chooseProvisionUrl(base: string): Promise<{ url: string; kind: string; tried: string[] }> {
  const bangkok = encodeURIComponent('A/RES/65/229');
  const kyoto = encodeURIComponent('A/RES/76/181');
  const candidates: Array<[string, string]> = [
    ['/en/instruments/bangkok-rules/rule-3', 'instrument provision permalink'],
    [`/en/documents/${bangkok}/annex-1/rule-3`, 'document provision (Bangkok Rule 3)'],
    [`/en/documents/${bangkok}/${encodeURIComponent('annex-1/rule-3')}`, 'document provision (Bangkok Rule 3)'],
    [`/en/documents/${kyoto}/annex-1/para-5`, 'document provision (Kyoto Declaration para. 5)'],
    [`/en/documents/${kyoto}/${encodeURIComponent('annex-1/para-5')}`, 'document provision (Kyoto Declaration para. 5)'],
    [`/en/documents/${kyoto}`, 'whole document page (no provision route yet)'],
  ];
  const tried: string[] = [];
  for (const [candidate, kind] of candidates) {
    const response = await fetch(base + candidate, { redirect: 'manual' });
    await response.arrayBuffer();
    tried.push(`${candidate} ${response.status}`);
    if (response.status === 200) return { url: candidate, kind, tried };
  }
  throw new Error(`No page to measure answered 200: ${tried.join(', ')}`);
}

interface Query {
  label: string;
  q: string;
  /** null: every language */
  lang: string | null;
}

const QUERIES: Query[] = [
  { label: 'English word', q: 'prison', lang: 'en' },
  { label: 'English words', q: 'women prisoners', lang: 'en' },
  { label: 'English phrase', q: '"legal aid"', lang: 'en' },
  { label: 'English phrase', q: '"juvenile justice"', lang: 'en' },
  { label: 'typo', q: 'Bankok rules', lang: 'en' },
  { label: 'typo', q: 'corupption', lang: 'en' },
  { label: 'French', q: 'détention provisoire', lang: 'fr' },
  { label: 'Spanish', q: 'víctimas de la trata', lang: 'es' },
  { label: 'Russian', q: 'коррупция', lang: 'ru' },
  { label: 'Arabic', q: 'السجون', lang: 'ar' },
  { label: 'Arabic', q: 'المساعدة القانونية', lang: 'ar' },
  { label: 'Chinese', q: '监狱', lang: 'zh' },
  { label: 'Chinese', q: '法律援助', lang: 'zh' },
  // Very common words: thousands of matches on this corpus ("+": the count stopped at its limit).
  { label: 'common word', q: 'prisoners', lang: 'en' },
  { label: 'common word', q: 'States', lang: 'en' },
  { label: 'common word, all languages', q: 'crime', lang: null },
  { label: 'common word, all languages', q: 'the', lang: null },
];

const searchPath = ({ q, lang }: Query) => `/api/search?q=${encodeURIComponent(q)}${lang ? `&lang=${lang}` : ''}`;

interface QueryCheck {
  query: Query;
  status: number;
  total: number | string;
  medianMs: number;
}

/** Each query alone, a few times in a row: does it find anything, and how long does it take unloaded. */
async function checkQueries(base: string): Promise<QueryCheck[]> {
  const checks: QueryCheck[] = [];
  for (const query of QUERIES) {
    const times: number[] = [];
    let status = 0;
    let total: number | string = '?';
    const deadline = performance.now() + 2000;
    for (let i = 0; i < 15 && (i < 3 || performance.now() < deadline); i++) {
      const start = performance.now();
      const response = await fetch(base + searchPath(query));
      const body = await response.text();
      times.push(performance.now() - start);
      status = response.status;
      if (i === 0) {
        try {
          const json = JSON.parse(body) as { total?: number; totalExact?: boolean; correctedFrom?: string | null };
          total =
            typeof json.total === 'number' ? `${json.total}${json.totalExact === false ? '+' : ''}${json.correctedFrom ? ' (corrected)' : ''}` : '?';
        } catch {
          total = 'not JSON';
        }
      }
    }
    times.sort((a, b) => a - b);
    checks.push({ query, status, total, medianMs: percentile(times, 50) });
  }
  return checks;
}

// --- report ----------------------------------------------------------------------------------------

// Chinese characters take two columns in a terminal; without this the table's columns drift.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;
const width = (text: string) => text.length + (text.match(WIDE)?.length ?? 0);
const pad = (text: string, size: number, end: boolean) => (end ? text + ' '.repeat(Math.max(0, size - width(text))) : ' '.repeat(Math.max(0, size - width(text))) + text);

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, i === 0)).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function measureRows(measures: Measure[]): string[][] {
  return measures.map((m) => [
    m.label,
    fmt(m.requestsPerSecond, 0),
    String(m.total),
    String(m.non2xx + m.errors),
    fmt(m.p50, 1),
    fmt(m.p95, 1),
    fmt(m.p99, 1),
    fmt(m.max, 0),
    fmt(m.bytes / 1024, 1),
  ]);
}
const MEASURE_HEADERS = ['run', 'req/s', 'requests', 'non-2xx', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'KB/resp'];

export async function runCompendiumBenchmark(): Promise<void> {
  const started = performance.now();
  const place = await createPlace();
  const servers: Server[] = [];
  console.log(`\nNormHub compendium benchmark — Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})`);
  console.log(`Database: ${describePlace(place)}`);
  // Other work on the machine moves every figure below: say how busy it was.
  console.log(`Load average at start: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (1, 5, 15 min)`);
  try {
    console.log(`\n1. Filling the database to at least ${TARGET_PROVISIONS.toLocaleString('en')} provisions (seeds + ${CORPUS_DIR}, then copies under new symbols)`);
    const db = await openBenchDb(place);
    let fill: FillReport;
    try {
      fill = await fillDatabase(db);
    } finally {
      await db.close(); // PGlite serves one process: the app's child opens it next
    }
    console.log(
      table(
        ['', 'value'],
        [
          ['files per round (seeds + corpus XML)', String(fill.seedFiles)],
          ['provisions after seeds + corpus', fmt(fill.seedProvisions, 0)],
          ['time: seeds + corpus', `${fmt(fill.seedSeconds)} s`],
          ['copies of the whole set', fmt(fill.copies, 0)],
          ['time: copies', `${fmt(fill.copySeconds)} s`],
          ['provisions (rows)', String(fill.provisions)],
          ['documents (symbol × language)', String(fill.documents)],
          ['provision_search rows', fill.searchRows === null ? 'no such table' : String(fill.searchRows)],
          ['import speed', `${fmt(fill.provisions / (fill.seedSeconds + fill.copySeconds), 0)} provisions/s`],
        ],
      ),
    );
    if (fill.refused.length) console.log(`  ${fill.refused.length} source(s) refused, e.g.: ${fill.refused.slice(0, 3).join(' | ')}`);

    console.log(`\n2. Pages: the app and a bare Fastify "hello", each in its own process; autocannon here, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${DURATION_SECONDS} s`);
    const app = await startChild({ mode: 'app', place });
    servers.push(app);
    const hello = await startChild({ mode: 'hello' });
    servers.push(hello);
    const page = await chooseProvisionUrl(app.base);
    console.log(`  measured page: ${page.url} — ${page.kind}`);
    console.log(`  (tried: ${page.tried.join('; ')})`);

    const helloRun = await measure('bare Fastify "hello"', `${hello.base}/`);
    const pageRun = await measure('provision page, br (browser-like)', app.base + page.url, { headers: BROWSER_HEADERS });
    const pagePlain = await measure('provision page, uncompressed', app.base + page.url, { headers: { 'accept-language': 'en' } });
    await stopChild(hello);
    console.log(table(MEASURE_HEADERS, measureRows([helloRun, pageRun, pagePlain])));
    console.log(
      `  ratio page / hello (req/s): ${fmt(pageRun.requestsPerSecond / helloRun.requestsPerSecond, 4)} with br, ` +
        `${fmt(pagePlain.requestsPerSecond / helloRun.requestsPerSecond, 4)} uncompressed ` +
        `(hello is ${fmt(helloRun.requestsPerSecond / pageRun.requestsPerSecond, 0)}× / ${fmt(helloRun.requestsPerSecond / pagePlain.requestsPerSecond, 0)}× faster)`,
    );

    console.log('\n3. Search over HTTP (/api/search)');
    const probe = await fetch(app.base + searchPath(QUERIES[0]!));
    await probe.arrayBuffer();
    if (probe.status === 404) {
      console.log('  search is not available yet (/api/search answers 404)');
    } else {
      const checks = await checkQueries(app.base);
      console.log('  each query alone (sequential, unloaded):');
      console.log(
        table(
          ['query', 'lang', 'status', 'results', 'median ms'],
          checks.map((c) => [`${c.query.label}: ${c.query.q}`, c.query.lang ?? 'all', String(c.status), String(c.total), fmt(c.medianMs, 1)]),
        ),
      );
      const mix = await measure(`search mix (${QUERIES.length} queries, round robin)`, app.base, { paths: QUERIES.map(searchPath) });
      const common = QUERIES.filter((query) => query.label.startsWith('common word'));
      const commonRun = await measure(`common words only (${common.length} queries)`, app.base, { paths: common.map(searchPath) });
      console.log(`  under load (${CONNECTIONS} connections):`);
      console.log(table(MEASURE_HEADERS, measureRows([mix, commonRun])));
    }
    await stopChild(app);
  } finally {
    await Promise.all(servers.map(stopChild));
    await removePlace(place);
  }
  console.log(`\nCompendium benchmark done in ${fmt((performance.now() - started) / 1000, 0)} s; load average at the end: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}.`);
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) {
  await serve(JSON.parse(process.argv[serveIndex + 1]!) as ServeMode);
} else if (process.argv[1] && path.resolve(process.argv[1]) === THIS_FILE) {
  await runCompendiumBenchmark();
}
