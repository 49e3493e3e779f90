import type { DocumentHints, ImportResult } from './document.ts';

export interface SourceFile {
  /** file name as given by the user; used in messages and to help detect the format */
  name: string;
  bytes: Uint8Array;
}

/**
 * Reads one source file of any supported format (plain text, Markdown-ish text, DOCX, PDF,
 * Akoma Ntoso XML) into documents. Refuses an empty, binary, truncated or unknown file with
 * an AppError('import.…') whose message names the file and says why.
 */
export async function parseSource(source: SourceFile, hints: DocumentHints = {}): Promise<ImportResult> {
  void source;
  void hints;
  throw new Error('not implemented yet');
}
