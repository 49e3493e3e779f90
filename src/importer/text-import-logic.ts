import { walkNodes, type Diagnostic, type DocumentHints, type DocumentNode, type Footnote, type ImportedDocument, type ImportResult, type NoteRef } from './document.ts';
import { extractNoteRefs, markBareDigitMarkers, recoverMarkersGluedToNumbers, splitFootnotes, type FootnoteDefinition } from './footnotes-logic.ts';
import { assignNodeIds } from './node-ids-logic.ts';
import { annotateReferences } from './references-logic.ts';
import { buildBlocks } from './text-blocks-logic.ts';
import { cleanupText } from './text-cleanup-logic.ts';
import { buildDocuments } from './text-tree-logic.ts';

/**
 * Reads plain or Markdown-ish text (from PDF or Word exports) into structured documents.
 * Never throws on any text: what it does not understand is kept as text in the nearest
 * node and reported in `diagnostics` with its line number.
 */
export function importText(text: string, hints: DocumentHints = {}): ImportResult {
  const { lines, headerSymbols } = cleanupText(text, hints.symbol);
  const { body, definitions } = splitFootnotes(lines);

  // Bare digits are markers only where the notes themselves are numbered in plain digits.
  const plainNumbers = new Set(definitions.filter((note) => note.style === 'numbered').map((note) => note.marker));
  const markedBody = plainNumbers.size
    ? recoverMarkersGluedToNumbers(
        markBareDigitMarkers(body, plainNumbers),
        [...plainNumbers],
      )
    : body;

  const blocks = buildBlocks(markedBody);
  const tree = buildDocuments(blocks, hints);
  const diagnostics: Diagnostic[] = [...tree.diagnostics];
  const language = hints.language ?? detectLanguage(text);

  const documents = tree.documents.map(({ doc, printedNumber }, index) => {
    if (index === 0) {
      // What the text says wins; the hints fill in what it does not say.
      doc.body ??= hints.body ?? null;
      doc.symbol ??= symbolFromNumber(printedNumber, doc.body) ?? headerSymbols[0] ?? hints.symbol ?? null;
      doc.title ??= hints.title ?? null;
      doc.adopted ??= hints.adopted ?? null;
    }
    doc.language = language;
    doc.type ??= typeFromSymbol(doc.symbol);
    moveMarkersToNotes(doc.root);
    return doc;
  });

  attachFootnotes(documents, definitions, diagnostics);
  for (const doc of documents) {
    annotateReferences(doc);
    assignNodeIds(doc.root);
  }
  diagnostics.sort((a, b) => a.line - b.line);
  // A report whose text starts with its first draft has nothing of its own; every other document is kept.
  const kept = documents.filter((doc, index) => doc.root.children.length > 0 || doc.title || index > 0 || documents.length === 1);
  return { documents: kept, diagnostics };
}

function symbolFromNumber(number: string | null, body: string | null): string | null {
  if (!number) return null;
  if (body === 'General Assembly') return `A/RES/${number}`;
  if (body === 'Economic and Social Council') return `E/RES/${number}`;
  return null;
}

function typeFromSymbol(symbol: string | null): ImportedDocument['type'] {
  if (!symbol) return null;
  if (/\/RES\//.test(symbol)) return 'resolution';
  if (/\/DEC\//.test(symbol)) return 'decision';
  return 'other';
}

/** Marker tokens leave the text and become NoteRefs at the offsets where they stood. */
function moveMarkersToNotes(root: DocumentNode): void {
  for (const [node] of walkNodes(root)) {
    const notes: NoteRef[] = [];
    if (node.text) {
      const extracted = extractNoteRefs(node.text);
      node.text = extracted.text.trim();
      notes.push(...extracted.notes.map((note) => ({ ...note, at: Math.min(note.at, node.text!.length) })));
    }
    if (node.heading) {
      const extracted = extractNoteRefs(node.heading);
      node.heading = extracted.text.trim();
      notes.push(...extracted.notes.map((note) => ({ ...note, at: Math.min(note.at, node.heading!.length), field: 'heading' as const })));
    }
    if (notes.length) node.notes = notes;
  }
}

/** Each document lists the footnotes its nodes refer to, in the order of first reference. */
function attachFootnotes(documents: ImportedDocument[], definitions: FootnoteDefinition[], diagnostics: Diagnostic[]): void {
  const byMarker = new Map<string, FootnoteDefinition>();
  for (const definition of definitions) {
    if (byMarker.has(definition.marker)) {
      diagnostics.push({ line: definition.line, message: `footnote ${definition.marker} is defined twice; both texts are kept` });
      byMarker.get(definition.marker)!.text += ` ${definition.text}`;
      continue;
    }
    byMarker.set(definition.marker, definition);
  }
  const referenced = new Set<string>();
  for (const doc of documents) {
    const footnotes: Footnote[] = [];
    const seen = new Set<string>();
    for (const [node] of walkNodes(doc.root)) {
      for (const note of node.notes ?? []) {
        if (seen.has(note.marker)) continue;
        seen.add(note.marker);
        referenced.add(note.marker);
        const definition = byMarker.get(note.marker);
        footnotes.push({ marker: note.marker, text: definition?.text ?? null });
      }
    }
    doc.footnotes = footnotes;
  }
  if (!documents.length) return;
  for (const definition of byMarker.values()) {
    if (referenced.has(definition.marker)) continue;
    diagnostics.push({ line: definition.line, message: `footnote ${definition.marker} has no marker in the text; it is kept with the document` });
    documents[0].footnotes.push({ marker: definition.marker, text: definition.text });
  }
}

/** A coarse guess from the script and a few frequent words; callers can say the language. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, 20000);
  const count = (pattern: RegExp) => (sample.match(pattern) ?? []).length;
  const scripts: Array<[string, number]> = [
    ['ar', count(/[\u0600-\u06FF]/g)],
    ['zh', count(/[\u4E00-\u9FFF]/g)],
    ['ru', count(/[\u0400-\u04FF]/g)],
    ['latin', count(/[A-Za-z]/g)],
  ];
  scripts.sort((a, b) => b[1] - a[1]);
  if (scripts[0][0] !== 'latin') return scripts[0][0];
  const words: Array<[string, RegExp]> = [
    ['en', /\b(?:the|and|of|to)\b/g],
    ['fr', /\b(?:le|la|les|des|et|du)\b/g],
    ['es', /\b(?:el|los|las|del|y|que)\b/g],
  ];
  const scored = words.map(([language, pattern]) => [language, count(pattern)] as const).sort((a, b) => b[1] - a[1]);
  return scored[0][1] > 0 ? scored[0][0] : 'en';
}
