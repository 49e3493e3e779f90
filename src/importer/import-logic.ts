import { readAkn } from './akn-reader-logic.ts';
import type { DocumentHints, ImportResult } from './document.ts';
import { detectFormat, extractText, type SourceFormat } from './formats-logic.ts';
import { importText } from './text-import-logic.ts';

export interface SourceFile {
  /** file name as given by the user; used in messages and to help detect the format */
  name: string;
  bytes: Uint8Array;
}

export interface ParsedSource extends ImportResult {
  format: SourceFormat;
}

/**
 * Reads one source file of any supported format (plain text, Markdown-ish text, DOCX, PDF,
 * Akoma Ntoso XML) into documents. Refuses an empty, binary, truncated or unknown file with
 * an AppError('import.…') whose message names the file and says why.
 */
export async function parseSource(source: SourceFile, hints: DocumentHints = {}): Promise<ParsedSource> {
  const format = detectFormat(source);
  const { text, warnings } = await extractText(source, format);
  const result = format === 'akn' ? readAkn(text, hints, { fileName: source.name }) : importText(text, hints);
  return { format, documents: result.documents, diagnostics: [...warnings, ...result.diagnostics] };
}
