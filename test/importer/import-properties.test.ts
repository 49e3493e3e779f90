// Properties of the importer on inputs nobody wrote by hand: random text, the seed documents
// mangled, random bytes. Whatever it is given, the importer
//   - never throws (parseSource may refuse a file, with an AppError 'import.…'),
//   - never hangs: each run happens in a worker thread that is killed after HANG_MS, and a
//     200 KB input must finish within LARGE_INPUT_MS (a generous bound that only catches
//     runaway behaviour; throughput belongs to `npm run bench`),
//   - keeps every word of the input (see missingWords for the noise it may drop on purpose).
// fast-check runs with a fixed seed, so a failure is reproducible as is.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import type { ImportResult } from '../../src/importer/document.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = path.resolve(HERE, '..', '..');
const SEEDS_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'seeds');
// A fixed seed: the same runs every time. includeErrorInReport: the report says why a run failed.
const FC_PARAMS = { seed: 20_240_611, includeErrorInReport: true };
const HANG_MS = 15_000;
const LARGE_INPUT_MS = 2_000;
const LARGE_INPUT_BYTES = 200 * 1024;
/** A cover-page field line, as an ODS export prints it (lower-cased). */
const COVER_PAGE_FIELD = /distr\.:|^agenda item|session$|^\d{1,2} \p{L}+ \d{4}\S|^united nations.*\/res\//u;

// ---------------------------------------------------------------------------------------------
// Running the importer in a worker, so that an endless loop can be stopped and reported
// instead of freezing the test run.

type Request = { fn: 'importText'; text: string } | { fn: 'parseSource'; name: string; bytes: Uint8Array };

type Outcome =
  | { kind: 'result'; result: ImportResult; ms: number }
  | { kind: 'error'; error: { name: string; code?: string; message: string; stack?: string }; ms: number }
  | { kind: 'hang' };

// The worker is a small script evaluated in its own thread. It registers tsx (workers do not
// inherit the loader hooks of `--import tsx`), loads the importer and answers requests.
function workerSource(): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const textImport = pathToFileURL(path.join(PROJECT_ROOT, 'src/importer/text-import-logic.ts')).href;
  const sourceImport = pathToFileURL(path.join(PROJECT_ROOT, 'src/importer/import-logic.ts')).href;
  return `
    const { parentPort } = require('node:worker_threads');
    const { performance } = require('node:perf_hooks');
    (async () => {
      const { register } = await import(${JSON.stringify(tsxApi)});
      register();
      const { importText } = await import(${JSON.stringify(textImport)});
      const { parseSource } = await import(${JSON.stringify(sourceImport)});
      parentPort.on('message', async (req) => {
        const start = performance.now();
        try {
          const result = req.fn === 'importText' ? importText(req.text) : await parseSource({ name: req.name, bytes: req.bytes });
          parentPort.postMessage({ kind: 'result', result, ms: performance.now() - start });
        } catch (e) {
          const error = { name: String(e?.name), code: e?.code, message: String(e?.message ?? e), stack: String(e?.stack) };
          parentPort.postMessage({ kind: 'error', error, ms: performance.now() - start });
        }
      });
      parentPort.postMessage({ kind: 'ready' });
    })().catch((e) => parentPort.postMessage({ kind: 'loadError', message: String(e?.stack ?? e) }));
  `;
}

class ImporterWorker {
  private worker: Worker | null = null;

  private async start(): Promise<Worker> {
    const worker = new Worker(workerSource(), { eval: true });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { kind: string; message?: string }) =>
        m.kind === 'ready' ? resolve() : reject(new Error(`the importer did not load in the worker: ${m.message}`)),
      );
      worker.once('error', reject);
    });
    return worker;
  }

  async run(request: Request): Promise<Outcome> {
    this.worker ??= await this.start();
    const worker = this.worker;
    return new Promise<Outcome>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const onMessage = (m: Outcome) => {
        done();
        resolve(m);
      };
      const onError = (e: Error) => {
        done();
        this.worker = null;
        reject(e);
      };
      const timer = setTimeout(() => {
        done();
        this.worker = null;
        void worker.terminate();
        resolve({ kind: 'hang' });
      }, HANG_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(request);
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

const importer = new ImporterWorker();
before(() => importer.run({ fn: 'importText', text: 'warm-up' }));
after(() => importer.stop());

function describeInput(text: string): string {
  // NORMHUB_DUMP_INPUT=file writes the failing input out whole, to reproduce it by hand.
  if (process.env.NORMHUB_DUMP_INPUT) writeFileSync(process.env.NORMHUB_DUMP_INPUT, text);
  return text.length > 300 ? `${JSON.stringify(text.slice(0, 300))}… (${text.length} chars)` : JSON.stringify(text);
}

/** The import must end, without an exception, and return documents. */
function expectResult(outcome: Outcome, input: string): ImportResult {
  assert.notEqual(outcome.kind, 'hang', `importText did not finish within ${HANG_MS} ms on ${describeInput(input)}`);
  if (outcome.kind === 'error') assert.fail(`importText threw ${outcome.error.name}: ${outcome.error.message}\n${outcome.error.stack}`);
  assert.ok(outcome.kind === 'result' && Array.isArray(outcome.result.documents) && Array.isArray(outcome.result.diagnostics));
  return outcome.result;
}

// ---------------------------------------------------------------------------------------------
// Keeping words.

/**
 * Words (two letters or more) of `input` that appear nowhere in the imported documents (node
 * texts, headings, nums, footnotes, metadata: every string of the output). Compared after NFKC
 * and lower-casing. Not required to survive, because the importer removes them on purpose:
 *   - ODS markers ("<<ODS JOB NO>>"), markup tags ("<sup>") and Word comment anchors ("[DU1]");
 *   - lines that hold only a document symbol: page headers ("A/RES/75/58", "E/RES/2012/13");
 *   - the cover-page fields that a Word export of ODS leaves after its job markers ("United
 *     NationsA/RES/65/230General AssemblyDistr.: General", "1 April 2011Sixty-fifth session",
 *     "Agenda item 105", seed 002): such lines after the first ODS marker are noise wherever
 *     they stand; every other line after the marker must be kept.
 * Page numbers, job numbers ("10-52634 (E)"), footnote marker digits and Markdown emphasis hold no
 * word. A word may also come out joined to its neighbour when only non-letters stood between
 * them: "inter-\nnational" becomes "international", a line break inside Chinese text or an
 * invisible character (ZWSP, soft hyphen) may vanish, a footnote marker between two halves of a
 * word ("conferenc<sup>1</sup>e") may go with whatever it held; such a word counts as kept when
 * its join with the next or previous word, or the one after that, is in the output.
 */
function missingWords(input: string, result: ImportResult): string[] {
  const canon = (s: string) => s.normalize('NFKC').toLowerCase();
  const outputStrings: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') outputStrings.push(canon(value));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(result.documents);
  const outputWords = new Set(outputStrings.flatMap((s) => s.match(/\p{L}+/gu) ?? []));
  const outputLetters = [...outputWords].join('\n'); // "contains x" = x lies inside one output word

  const lines = canon(input).split('\n');
  const odsAt = lines.findIndex((line) => line.includes('<<ods'));
  const body = odsAt < 0 ? lines : lines.filter((line, index) => index < odsAt || !COVER_PAGE_FIELD.test(line.trim()));
  const kept = body
    .join('\n')
    .replace(/<<[^<>\n]*>>/g, ' ')
    .replace(/<\/?[a-z][^<>\n]*>/g, ' ')
    .replace(/\[du\d+\]/g, ' ')
    .replace(/^[ \t]*[a-z]{1,4}(?:\/[a-z0-9.()-]+)+[ \t\r]*$/gm, ' ');
  const tokens = [...kept.matchAll(/\p{L}+/gu)].map((m) => m[0]);
  const missing = new Set<string>();
  tokens.forEach((word, i) => {
    if ([...word].length < 2 || outputWords.has(word)) return;
    const joined = [tokens[i - 1], tokens[i + 1], tokens[i - 2], tokens[i + 2]].some(
      (other, k) => other !== undefined && outputLetters.includes(k % 2 === 0 ? other + word : word + other),
    );
    if (!joined) missing.add(word);
  });
  return [...missing];
}

function expectWordsKept(input: string, result: ImportResult): void {
  const missing = missingWords(input, result);
  assert.deepEqual(missing.slice(0, 20), [], `words lost (${missing.length}) importing ${describeInput(input)}`);
}

// ---------------------------------------------------------------------------------------------
// Generators.

/**
 * A generated input with the recipe that made it. fast-check prints the recipe and the start of
 * the text in its report instead of up to 200 KB of text; the recipe is enough to rebuild it.
 */
interface Sample {
  text: string;
  recipe: string;
  [fc.toStringMethod]: () => string;
}

function sample(text: string, recipe: string): Sample {
  return { text, recipe, [fc.toStringMethod]: () => `${recipe}: ${describeInput(text)}` };
}

const seeds = readdirSync(SEEDS_DIR)
  .filter((f) => /^\d{3}_.*\.txt$/.test(f))
  .sort()
  .map((f) => readFileSync(path.join(SEEDS_DIR, f), 'utf8'));

// Words of the six official languages, so that scripts other than Latin go through every path.
const WORDS = [
  'resolution', 'General', 'Assembly', 'Member', 'States', 'Recalling', 'Requests', 'Secretary-General', 'annex', 'prisoners',
  'Décide', 'également', 'según', 'Asamblea', 'общая', 'Ассамблея', 'резолюция', 'Генеральный', 'секретарь',
  'الجمعية', 'العامة', 'قرار', 'الأمين', 'العام', 'تقرير', '大会', '决议', '秘书长', '会员国', '刑事司法', '预防犯罪',
];
const STRUCTURE = [
  'The General Assembly,', 'Recalling', '1. ', '12.', '(a) ', '(iv) ', 'I. ', 'A. ', 'Annex', 'Rule 1', 'Draft resolution II',
  '46th plenary meeting', '26 July 2012', '_______________', '___', '____________________', '¹', '²³', '<sup>179</sup>', '*',
  '**', '_', '# ', '## ', '- ', '- 2. ', '> ', 'A/RES/75/58', 'E/RES/2012/13', '10-52634 (E)', '*1052634*',
  '<<ODS JOB NO>>', '<<ODS DOC SYMBOL1>>', '\f', '\u00a0', '\u200b', '\u00ad', '\ufeff', '\u200f', '\u0000', '\u001b',
];
const SEPARATORS = [' ', ' ', ' ', '\n', '\n\n', '\t', '\r\n', ', ', '. ', '; ', ': ', '-\n', '\n\n\n\n'];

const randomWord = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzÀéçñßøΩЖжبي中文'), minLength: 2, maxLength: 14 });
const randomText = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
      { weight: 4, arbitrary: randomWord },
      { weight: 6, arbitrary: fc.constantFrom(...SEPARATORS) },
      { weight: 3, arbitrary: fc.constantFrom(...STRUCTURE) },
      { weight: 1, arbitrary: fc.nat(999).map(String) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    ),
    { maxLength: 600 },
  )
  .map((parts) => parts.join(''));

/** A small deterministic generator, so that one integer drawn by fast-check drives a whole mutation (and shrinks). */
function prng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % 4294967296) % Math.max(1, n);
  };
}

const INSERTS = [...WORDS, ...STRUCTURE, '7', '10', '2012', '*word*', '**bold**', '_em_', 'زمن', '条约', 'договор', '\t', '  ', '\r'];

const MUTATIONS: Record<string, (lines: string[], r: (n: number) => number) => string[]> = {
  // keeps a window of the document, so most runs stay small and fast
  window: (lines, r) => {
    const start = r(lines.length);
    return lines.slice(start, start + 40 + r(300));
  },
  shuffleLines: (lines, r) => {
    const out = [...lines];
    for (let i = out.length - 1; i > 0; i--) {
      const j = r(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  },
  dropLines: (lines, r) => lines.filter(() => r(5) !== 0),
  insertCharacters: (lines, r) =>
    lines.map((line) => {
      if (r(3) !== 0) return line;
      const at = r(line.length + 1);
      return line.slice(0, at) + INSERTS[r(INSERTS.length)]! + line.slice(at);
    }),
  duplicateParagraphs: (lines, r) => lines.flatMap((line) => (r(8) === 0 ? [line, '', line] : [line])),
  markdown: (lines, r) =>
    lines.map((line) => {
      const k = r(8);
      if (k === 0) return `*${line}*`;
      if (k === 1) return `- ${line}`;
      if (k === 2) return `# ${line}`;
      if (k === 3) return line.replace(/^(\s*)(\S+)/, '$1**$2**');
      return line;
    }),
  tabs: (lines, r) => lines.map((line) => (r(2) === 0 ? line.replace(/^ +/, '\t') : line.replace(/ /g, r(10) === 0 ? '\t' : ' '))),
  crlf: (lines) => lines.map((line) => `${line}\r`),
  longLines: (lines, r) => {
    const out: string[] = [];
    for (let i = 0; i < lines.length; ) {
      const n = 1 + r(60);
      out.push(lines.slice(i, i + n).join(' '));
      i += n;
    }
    return out;
  },
  otherScripts: (lines, r) =>
    lines.map((line) => (r(4) === 0 ? `${line} ${WORDS.slice(10)[r(WORDS.length - 10)]} ${WORDS.slice(10)[r(WORDS.length - 10)]}` : line)),
  straySeparators: (lines, r) => lines.flatMap((line) => (r(15) === 0 ? ['_______________', line] : [line])),
  strayDigits: (lines, r) =>
    lines.map((line) => {
      const k = r(6);
      if (k === 0) return `${line}${r(40)}`;
      if (k === 1) return `${r(200)}`;
      if (k === 2) return line.replace(/(\p{L})(\s)/u, `$1${1 + r(30)}$2`);
      return line;
    }),
  truncate: (lines, r) => lines.slice(0, r(lines.length + 1)),
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

function mangle(seed: string, ops: Array<[string, number]>): string {
  let lines = seed.split('\n');
  for (const [name, r] of ops) lines = MUTATIONS[name]!(lines, prng(r));
  return lines.join('\n');
}

const mutation = fc.tuple(fc.constantFrom(...MUTATION_NAMES), fc.nat());
const mangledSeed = fc
  .tuple(fc.nat(seeds.length - 1), fc.nat(), fc.array(mutation, { maxLength: 6 }))
  .map(([i, r, ops]) => {
    const recipe: Array<[string, number]> = [['window', r], ...ops];
    return sample(mangle(seeds[i]!, recipe), `seed ${i} mangled by ${JSON.stringify(recipe)}`);
  });

// 200 KB inputs: whole seeds, mangled and concatenated, or a pathological pattern repeated
// (long runs of brackets, numbers, separators, lines without a space) that tends to trip regular
// expressions and loops that look back or ahead.
const PATTERNS = [
  '(', '(a)', '(a) ', '1.', '1. ', '1.1.1.', 'a', 'aaaa ', 'word-', '-\n', '\n', ' \n', '\t', '*', '**a', '_', '__', '<sup>',
  '<sup>1', '<<', '<<ODS', '¹', '_______________\n', '_______________\n1 ', 'A/RES/75/58\n\n2\n\n', 'Annex\n', '1\n', '12 ',
  'word1 ', 'The General Assembly,\n', 'Recalling ', '中', 'ا', 'Ж', '\r', '\f', '- ', '# ', '|', '[', '.', ',\n', '"', '“',
];
const largeInput = fc.oneof(
  fc.tuple(fc.nat(), fc.array(mutation, { maxLength: 4 })).map(([r, ops]) => {
    let text = '';
    for (let i = 0; text.length < LARGE_INPUT_BYTES; i++) text += `${mangle(seeds[(r + i) % seeds.length]!, ops)}\n\n`;
    return sample(text, `seeds from ${r % seeds.length} on, each mangled by ${JSON.stringify(ops)}`);
  }),
  fc.array(fc.constantFrom(...PATTERNS), { minLength: 1, maxLength: 4 }).map((parts) => {
    const unit = parts.join('');
    return sample(unit.repeat(Math.ceil(LARGE_INPUT_BYTES / unit.length)), `${JSON.stringify(unit)} repeated`);
  }),
);

// ---------------------------------------------------------------------------------------------

test('importText never throws and keeps every word of random text', async () => {
  await fc.assert(
    fc.asyncProperty(randomText, async (text) => {
      const result = expectResult(await importer.run({ fn: 'importText', text }), text);
      expectWordsKept(text, result);
    }),
    { ...FC_PARAMS, numRuns: 200 },
  );
});

test('importText never throws and keeps every word of mangled seed documents', async () => {
  assert.equal(seeds.length, 5, `the five seed documents are expected in ${SEEDS_DIR}`);
  await fc.assert(
    fc.asyncProperty(mangledSeed, async ({ text }) => {
      const result = expectResult(await importer.run({ fn: 'importText', text }), text);
      expectWordsKept(text, result);
    }),
    { ...FC_PARAMS, numRuns: 150 },
  );
});

test('importText keeps every word of each seed document as it is', async () => {
  for (const text of seeds) expectWordsKept(text, expectResult(await importer.run({ fn: 'importText', text }), text));
});

test(`importText finishes a ${LARGE_INPUT_BYTES / 1024} KB input within ${LARGE_INPUT_MS} ms`, async () => {
  await fc.assert(
    fc.asyncProperty(largeInput, async ({ text }) => {
      const outcome = await importer.run({ fn: 'importText', text });
      expectResult(outcome, text);
      assert.ok(outcome.kind === 'result' && outcome.ms < LARGE_INPUT_MS, `took ${outcome.kind === 'result' ? Math.round(outcome.ms) : '?'} ms on ${describeInput(text)}`);
    }),
    // No shrinking: each attempt costs up to HANG_MS, and the recipe already names the input.
    { ...FC_PARAMS, numRuns: 100, endOnFailure: true },
  );
});

// Bytes as a user may upload them: text in UTF-8 or UTF-16, random bytes, truncated PDF or
// DOCX or XML, under a name that matches the content or not.
const NAMES = ['resolution.txt', 'notes.md', 'A-RES-75-58.xml', 'report.pdf', 'report.docx', 'scan.bin', 'README', '.txt', 'données ğ.TXT'];
const encoder = new TextEncoder();
function utf16(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}
const corpusXml = (() => {
  const dir = path.resolve(PROJECT_ROOT, '..', 'shared', 'corpus', 'unxml');
  return readdirSync(dir).sort().slice(0, 3).map((d) => readFileSync(path.join(dir, d, 'en.xml'), 'utf8'));
})();
const withPrefix = (prefix: string) => fc.uint8Array({ maxLength: 3000 }).map((b) => new Uint8Array([...encoder.encode(prefix), ...b]));
const content = (bytes: Uint8Array, recipe: string) => ({ bytes, recipe });
const fileContent = fc.oneof(
  fc.uint8Array({ maxLength: 4000 }).map((b) => content(b, 'random bytes')),
  randomText.map((t) => content(encoder.encode(t), `UTF-8 of ${describeInput(t)}`)),
  mangledSeed.map((t) => content(encoder.encode(t.text), `UTF-8 of ${t.recipe}`)),
  mangledSeed.map((t) => content(utf16(t.text), `UTF-16LE with BOM of ${t.recipe}`)),
  withPrefix('%PDF-1.4\n').map((b) => content(b, 'PDF signature, then random bytes')),
  withPrefix('PK\u0003\u0004').map((b) => content(b, 'zip signature, then random bytes')),
  fc.tuple(fc.nat(corpusXml.length - 1), fc.nat()).map(([i, cut]) =>
    content(encoder.encode(corpusXml[i]!.slice(0, cut % corpusXml[i]!.length)), `corpus XML ${i} cut at ${cut % corpusXml[i]!.length}`),
  ),
  fc.constant(content(new Uint8Array(0), 'empty')),
);
const sourceFile = fc.tuple(fc.constantFrom(...NAMES), fileContent).map(([name, { bytes, recipe }]) => ({
  name,
  bytes,
  [fc.toStringMethod]: () => `${name}: ${recipe} (${bytes.length} bytes, starting ${JSON.stringify(Buffer.from(bytes.slice(0, 80)).toString('latin1'))})`,
}));

test('parseSource never throws anything but an AppError import.… on any bytes', async () => {
  await fc.assert(
    fc.asyncProperty(sourceFile, async ({ name, bytes }) => {
      const outcome = await importer.run({ fn: 'parseSource', name, bytes });
      const what = `${name} (${bytes.length} bytes: ${JSON.stringify(Buffer.from(bytes.slice(0, 60)).toString('latin1'))})`;
      assert.notEqual(outcome.kind, 'hang', `parseSource did not finish within ${HANG_MS} ms on ${what}`);
      if (outcome.kind === 'error') {
        assert.equal(outcome.error.name, 'AppError', `parseSource threw ${outcome.error.name} on ${what}: ${outcome.error.message}\n${outcome.error.stack}`);
        assert.match(outcome.error.code ?? '', /^import\./, `error code of ${what}`);
        assert.ok(outcome.error.message.includes(name), `the refusal of ${what} should name the file: ${outcome.error.message}`);
      } else if (outcome.kind === 'result') {
        assert.ok(Array.isArray(outcome.result.documents) && Array.isArray(outcome.result.diagnostics));
      }
    }),
    { ...FC_PARAMS, numRuns: 150 },
  );
});
