// Benchmarks: `npm run bench`. Prints figures, asserts nothing. First the import benchmark (this
// file), then the compendium benchmark (bench/compendium.ts: pages and search over HTTP).
//
// Import benchmark:
//
//  1. Throughput (MB/s of input) of each kind of input, each repeated until 20 MB went through:
//     - the five seed documents, as text (importText),
//     - every corpus XML file, in all six languages (readAkn),
//     - the PDF renderings of the English corpus files (importText), as the round-trip test makes them.
//  2. Peak memory: process.memoryUsage().rss, sampled after every import (an import is
//     synchronous, so a timer could not sample during one), and at the end of each phase.
//  3. Growth: time to import 1x, 2x, 5x, 10x and 20x the same input in one call. Linear
//     growth gives time(20x) / (20 × time(1x)) near 1; a quadratic step shows up as a ratio
//     well above 1 (near 20 for a fully quadratic one). time(20x) / (2 × time(10x)) says the
//     same from the two largest inputs, where fixed costs and timer noise weigh least.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAkn } from '../src/importer/akn-reader-logic.ts';
import { importText } from '../src/importer/text-import-logic.ts';
import { renderAknAsPdfText } from '../test/helpers/render-pdf-text.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(PROJECT_ROOT, '..', 'shared');
const CORPUS_DIR = process.env.NORMHUB_CORPUS_DIR?.trim() || path.join(SHARED, 'corpus', 'unxml');
const SEEDS_DIR = path.join(SHARED, 'seeds');
const TARGET_BYTES = 20 * 1024 * 1024;
const MB = 1024 * 1024;

interface Input {
  name: string;
  text: string;
  bytes: number;
}

type Importer = (text: string) => unknown;

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');
const input = (name: string, text: string): Input => ({ name, text, bytes: byteLength(text) });

// --- memory -------------------------------------------------------------------------------------

let peakRss = 0;
function sampleMemory(): void {
  const rss = process.memoryUsage().rss;
  if (rss > peakRss) peakRss = rss;
}
// `node --expose-gc` makes the figures steadier; without it the bench runs all the same.
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

// --- inputs ---------------------------------------------------------------------------------------

const seeds = readdirSync(SEEDS_DIR)
  .filter((f) => /^\d{3}_.*\.txt$/.test(f))
  .sort()
  .map((f) => input(f, readFileSync(path.join(SEEDS_DIR, f), 'utf8')));

const corpusDirs = readdirSync(CORPUS_DIR).sort();
const xmlFiles: Input[] = [];
for (const dir of corpusDirs) {
  for (const file of readdirSync(path.join(CORPUS_DIR, dir)).filter((f) => f.endsWith('.xml')).sort()) {
    xmlFiles.push(input(`${dir}/${file}`, readFileSync(path.join(CORPUS_DIR, dir, file), 'utf8')));
  }
}
const renderings = xmlFiles
  .filter((f) => f.name.endsWith('/en.xml'))
  .map((f) => input(f.name.replace(/\.xml$/, '.pdf.txt'), renderAknAsPdfText(f.text)));

// --- throughput -------------------------------------------------------------------------------

interface Throughput {
  label: string;
  files: number;
  passes: number;
  bytes: number;
  ms: number;
  failures: string[];
}

function throughput(label: string, inputs: Input[], importer: Importer): Throughput {
  const failures = new Set<string>();
  for (const item of inputs) run(item, importer, failures); // warm-up: JIT, caches
  collectGarbage();
  let bytes = 0;
  let ms = 0;
  let passes = 0;
  while (bytes < TARGET_BYTES && inputs.length > 0) {
    for (const item of inputs) {
      const start = performance.now();
      run(item, importer, failures);
      ms += performance.now() - start;
      bytes += item.bytes;
      sampleMemory();
    }
    passes++;
  }
  return { label, files: inputs.length, passes, bytes, ms, failures: [...failures] };
}

/** Runs one import; an importer that throws is counted, not fatal, so the bench still reports. */
function run(item: Input, importer: Importer, failures: Set<string>): void {
  try {
    importer(item.text);
  } catch (e) {
    failures.add(`${item.name}: ${(e as Error).message}`);
  }
}

// --- growth ---------------------------------------------------------------------------------------

const MULTIPLES = [1, 2, 5, 10, 20];

/** Median time of `repeat` imports of one input (fewer for the large multiples, to bound the run). */
function timeOne(text: string, importer: Importer, repeat: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    collectGarbage();
    const start = performance.now();
    try {
      importer(text);
    } catch {
      return Number.NaN;
    }
    times.push(performance.now() - start);
    sampleMemory();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

interface Growth {
  label: string;
  baseBytes: number;
  times: number[];
}

function growth(label: string, make: (k: number) => string, importer: Importer): Growth {
  timeOne(make(1), importer, 3); // warm-up
  const times = MULTIPLES.map((k) => timeOne(make(k), importer, k <= 5 ? 5 : 3));
  return { label, baseBytes: byteLength(make(1)), times };
}

// Text: the PDF rendering of the largest English resolution, k copies one after the other (the
// seeds would not do: seed 002 ends with ODS job markers, after which the importer drops the
// rest of the text on purpose, so its copies would not be read).
const largestRendering = [...renderings].sort((a, b) => b.bytes - a.bytes)[0]!;
// XML: the largest English resolution with its operative part repeated k times, a well-formed
// document k times as long in its body.
const largestEnglish = xmlFiles.filter((f) => f.name.endsWith('/en.xml')).sort((a, b) => b.bytes - a.bytes)[0]!;
const xmlTimes = (k: number) =>
  largestEnglish.text.replace(/(<mainBody>)([\s\S]*?)(<\/mainBody>)/, (_m, open: string, body: string, close: string) => open + body.repeat(k) + close);

// --- report ---------------------------------------------------------------------------------------

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'failed');

sampleMemory();
const startRss = peakRss;
console.log(`NormHub import benchmark — Node ${process.version}, ${seeds.length} seeds, ${xmlFiles.length} XML files, ${renderings.length} PDF renderings`);
console.log(`Each kind of input is repeated until ${TARGET_BYTES / MB} MB went through.\n`);

const results = [
  throughput('seeds as text (importText)', seeds, importText),
  throughput('corpus XML, 6 languages (readAkn)', xmlFiles, readAkn),
  throughput('PDF renderings of en.xml (importText)', renderings, importText),
];
const total = results.reduce((acc, r) => ({ bytes: acc.bytes + r.bytes, ms: acc.ms + r.ms }), { bytes: 0, ms: 0 });

console.log('Throughput');
console.log(
  table(
    ['input', 'files', 'passes', 'MB', 'seconds', 'MB/s', 'ms/file'],
    [
      ...results.map((r) => [
        r.label,
        String(r.files),
        String(r.passes),
        fmt(r.bytes / MB),
        fmt(r.ms / 1000, 2),
        fmt(r.bytes / MB / (r.ms / 1000)),
        fmt(r.ms / (r.files * r.passes), 2),
      ]),
      ['all', '', '', fmt(total.bytes / MB), fmt(total.ms / 1000, 2), fmt(total.bytes / MB / (total.ms / 1000)), ''],
    ],
  ),
);
for (const r of results) if (r.failures.length) console.log(`\n${r.label}: ${r.failures.length} file(s) threw:\n  ${r.failures.slice(0, 10).join('\n  ')}`);

console.log('\nGrowth (median time of one import of k times the input)');
const growths = [growth(`text: ${largestRendering.name}, k copies (importText)`, (k) => Array(k).fill(largestRendering.text).join('\n'), importText), growth(`XML: ${largestEnglish.name}, body repeated (readAkn)`, xmlTimes, readAkn)];
console.log(
  table(
    ['input', '1x KB', ...MULTIPLES.map((k) => `${k}x ms`), 't(20x)/(20×t(1x))', 't(20x)/(2×t(10x))'],
    growths.map((g) => [
      g.label,
      fmt(g.baseBytes / 1024, 0),
      ...g.times.map((t) => fmt(t)),
      fmt(g.times[4]! / (20 * g.times[0]!), 2),
      fmt(g.times[4]! / (2 * g.times[3]!), 2),
    ]),
  ),
);
console.log('  (near 1: linear growth; a quadratic step gives up to 20 in the first ratio, 2 in the second, which');
console.log('   compares the two largest inputs and so is less swayed by fixed costs and noise at 1x)');

sampleMemory();
console.log('\nMemory');
console.log(
  table(
    ['', 'MB'],
    [
      ['rss at start (inputs loaded)', fmt(startRss / MB)],
      ['peak rss (sampled after each import)', fmt(peakRss / MB)],
      ['rss at end', fmt(process.memoryUsage().rss / MB)],
    ],
  ),
);

// --- the compendium: the corpus scaled to 100,000 provisions, pages and search over HTTP ---------------
// bench/compendium.ts; run alone with `node --import tsx bench/compendium.ts`.

const { runCompendiumBenchmark } = await import('./compendium.ts');
await runCompendiumBenchmark();
