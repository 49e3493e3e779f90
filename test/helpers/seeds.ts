import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocumentHints } from '../../src/importer/document.ts';

const seedsDir = fileURLToPath(new URL('../../corpus/seeds/', import.meta.url));

interface ManifestEntry extends DocumentHints {
  file: string;
}

const manifest: { files: ManifestEntry[] } = JSON.parse(readFileSync(`${seedsDir}manifest.json`, 'utf8'));

/** A bundled seed document: its text and what the manifest says that its text does not. */
export function readSeed(prefix: '000' | '001' | '002' | '003' | '004'): { text: string; hints: DocumentHints; file: string } {
  const entry = manifest.files.find((file) => file.file.startsWith(prefix));
  if (!entry) throw new Error(`no seed ${prefix} in the manifest`);
  const { file, ...hints } = entry;
  return { text: readFileSync(`${seedsDir}${file}`, 'utf8'), hints, file };
}
