// The structured form of an imported United Nations document.
// Node kinds follow Akoma Ntoso; docs/import-format.md documents the JSON contract.

export const NODE_KINDS = [
  'document', // the root of every tree
  'formula', // "The General Assembly,"
  'recital', // a preambular paragraph
  'paragraph', // an operative paragraph, numbered or not
  'point', // (a), (i)
  'attachment', // an annex, or a draft resolution carried inside a resolution
  'section', // I., II., A., B.
  'hcontainer', // a titled group such as "1. Basic principle" or "Preliminary observations"
  'rule', // "Rule 1"
  'heading', // a heading line inside a group, such as a cross-reference note
  'conclusions', // "46th plenary meeting / 26 July 2012"
] as const;

export type NodeKind = (typeof NODE_KINDS)[number];

/** A footnote marker standing in a node's text: `at` is the offset in `text` just after which the marker stood. */
export interface NoteRef {
  marker: string;
  at: number;
  /** where the marker stood: the node's text (the default) or its heading */
  field?: 'text' | 'heading';
}

/** A reference found in a node's text (or heading), with its span in that text. */
export interface Reference {
  kind: 'citation' | 'crossReference';
  /** the words as they stand in the text */
  text: string;
  start: number;
  end: number;
  /** normalised target: a document symbol such as "A/RES/45/110" or "E/RES/1984/47" for a citation */
  symbol: string | null;
  /** part of the target document, when the citation names one: "annex", "chap. I, resolution 1" */
  pinpoint?: string | null;
  /** for a cross-reference: how the node relates to its target ("supplements") */
  relation?: string | null;
  /** catalogue id of the instrument cited, when known ("standard-minimum-rules") */
  instrument?: string | null;
  /** provisions of the target named by a cross-reference: ["rule-22", "rule-23"] */
  provisions?: string[];
  /** for a Treaty Series citation */
  volume?: string | null;
  field?: 'text' | 'heading';
}

export interface DocumentNode {
  kind: NodeKind;
  /** stable id path inside the document, such as "annex-1/sec-I/rule-3/para-1"; "" for the root */
  id: string;
  num?: string | null;
  heading?: string | null;
  text?: string | null;
  notes?: NoteRef[];
  refs?: Reference[];
  children: DocumentNode[];
}

export interface Footnote {
  marker: string;
  /** null when the source carries the marker but not the footnote's text */
  text: string | null;
  refs?: Reference[];
}

export type DocumentType =
  | 'resolution'
  | 'decision'
  | 'draftResolution'
  | 'draftDecision'
  | 'report'
  | 'declaration'
  | 'other';

export interface ImportedDocument {
  symbol: string | null;
  title: string | null;
  /** the adopting or issuing body: "General Assembly", "Economic and Social Council", ... */
  body: string | null;
  /** date of adoption, YYYY-MM-DD */
  adopted: string | null;
  /** ISO 639-1 code: ar, en, es, fr, ru, zh */
  language: string | null;
  /** the meeting of adoption: "46th plenary meeting" */
  meeting?: string | null;
  type?: DocumentType | null;
  /** symbol of the document this one is part of (a draft resolution inside a Commission report) */
  partOf?: string | null;
  root: DocumentNode;
  footnotes: Footnote[];
}

export interface Diagnostic {
  /** 1-based line of the source; 0 when the problem concerns the whole file */
  line: number;
  message: string;
}

export interface ImportResult {
  documents: ImportedDocument[];
  diagnostics: Diagnostic[];
}

/** What the caller knows of a document that its text may not say. */
export interface DocumentHints {
  symbol?: string | null;
  title?: string | null;
  body?: string | null;
  adopted?: string | null;
  language?: string | null;
}

export function createNode(kind: NodeKind, fields: Partial<Omit<DocumentNode, 'kind' | 'children'>> = {}): DocumentNode {
  return { kind, id: '', ...fields, children: [] };
}

/** Visits every node of a tree, parents before children. */
export function* walkNodes(node: DocumentNode, parents: DocumentNode[] = []): Generator<[DocumentNode, DocumentNode[]]> {
  yield [node, parents];
  for (const child of node.children) yield* walkNodes(child, [...parents, node]);
}

export function countNodes(root: DocumentNode, kind: NodeKind): number {
  let count = 0;
  for (const [node] of walkNodes(root)) if (node.kind === kind) count++;
  return count;
}

export function findNode(root: DocumentNode, id: string): DocumentNode | undefined {
  for (const [node] of walkNodes(root)) if (node.id === id) return node;
  return undefined;
}
