import type { DocumentHints, ImportResult } from './document.ts';

/** Reads plain or Markdown-ish text (from PDF or Word exports) into structured documents. */
export function importText(text: string, hints: DocumentHints = {}): ImportResult {
  void text;
  void hints;
  throw new Error('not implemented yet');
}
