// Two language versions of one document, aligned node by node for reading side by side.
// Node ids are built to agree across the six languages (docs/import-format.md, "Ids"), so the
// id is the alignment key: a paragraph missing from one version leaves a gap in that column
// instead of shifting every later paragraph against its neighbour, which alignment by
// position would do.

import type { DocumentNode, NodeKind, NoteRef } from '../importer/document.ts';

/** One node of one language version, as a cell shows it. */
export interface AlignedCell {
  kind: NodeKind;
  num: string | null;
  heading: string | null;
  text: string | null;
  notes: NoteRef[];
  /** nesting below the root: 0 for the root's children */
  depth: number;
}

export interface AlignedRow {
  /** the node id both versions share; for a node without an id, a key made from its position */
  id: string;
  kind: NodeKind;
  depth: number;
  /** null when the node is only in the other version */
  base: AlignedCell | null;
  other: AlignedCell | null;
  /**
   * Both cells carry a number with digits and the digits differ ("5." against "6 -"): the ids
   * agree but the texts may not be the same paragraph, which a reader should be told.
   */
  numbersDiffer: boolean;
}

export interface AlignmentSummary {
  rows: number;
  both: number;
  baseOnly: number;
  otherOnly: number;
  numbersDiffer: number;
}

interface KeyedNode {
  key: string;
  cell: AlignedCell;
}

/** The nodes of a tree in reading order, root left out, each with a key unique in its tree. */
function keyedNodes(root: DocumentNode): KeyedNode[] {
  const out: KeyedNode[] = [];
  const seen = new Map<string, number>();
  const visit = (node: DocumentNode, depth: number) => {
    // A malformed tree may repeat an id or leave one empty; the second occurrence gets a key
    // of its own ("para-3#2") so that no node is lost or shown twice.
    const base = node.id || `#${out.length + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    out.push({
      key: count === 1 ? base : `${base}#${count}`,
      cell: {
        kind: node.kind,
        num: node.num ?? null,
        heading: node.heading ?? null,
        text: node.text ?? null,
        notes: node.notes ?? [],
        depth,
      },
    });
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const child of root.children) visit(child, 0);
  return out;
}

// Arabic-Indic (U+0660..) and Eastern Arabic-Indic (U+06F0..) digits read as 0-9.
function westernDigits(text: string): string {
  return text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** The digits of a number ("5." and "5 -" give "5"; "(a)" gives null: letters differ by script). */
export function numberDigits(num: string | null | undefined): string | null {
  if (!num) return null;
  const groups = westernDigits(num).match(/\d+/g);
  return groups ? groups.map((group) => String(Number(group))).join('.') : null;
}

function numbersDiffer(base: AlignedCell | null, other: AlignedCell | null): boolean {
  const a = numberDigits(base?.num);
  const b = numberDigits(other?.num);
  return a !== null && b !== null && a !== b;
}

/**
 * Rows of the two versions, one per node id, in reading order: the base version's order, with
 * the nodes only the other version has placed just before the next node both versions share.
 * Every node of either version appears in exactly one row.
 */
export function alignVersions(base: DocumentNode, other: DocumentNode): AlignedRow[] {
  const baseNodes = keyedNodes(base);
  const otherNodes = keyedNodes(other);
  const baseByKey = new Map(baseNodes.map((node) => [node.key, node]));
  const otherByKey = new Map(otherNodes.map((node) => [node.key, node]));
  const emitted = new Set<string>();
  const rows: AlignedRow[] = [];

  const emit = (key: string) => {
    const left = baseByKey.get(key)?.cell ?? null;
    const right = otherByKey.get(key)?.cell ?? null;
    const shown = (left ?? right)!;
    emitted.add(key);
    rows.push({ id: key, kind: shown.kind, depth: shown.depth, base: left, other: right, numbersDiffer: numbersDiffer(left, right) });
  };

  let j = 0;
  const flushOtherOnly = () => {
    // The other version's nodes that the base lacks, up to the next node both share.
    while (j < otherNodes.length) {
      const key = otherNodes[j]!.key;
      if (emitted.has(key)) j++;
      else if (!baseByKey.has(key)) {
        emit(key);
        j++;
      } else break;
    }
  };

  for (const { key } of baseNodes) {
    // A node the other version lacks stays beside its base neighbours (point (b) right after
    // point (a)); the other version's extra nodes wait for the next node both share.
    if (!otherByKey.has(key)) {
      emit(key);
      continue;
    }
    flushOtherOnly();
    emit(key);
    // Where the two orders agree, step past the shared node; where they cross, the other
    // version's copy was emitted with the base's and is skipped when the walk reaches it.
    if (otherNodes[j]?.key === key) j++;
  }
  flushOtherOnly();
  return rows;
}

export function summariseAlignment(rows: AlignedRow[]): AlignmentSummary {
  const summary: AlignmentSummary = { rows: rows.length, both: 0, baseOnly: 0, otherOnly: 0, numbersDiffer: 0 };
  for (const row of rows) {
    if (row.base && row.other) summary.both++;
    else if (row.base) summary.baseOnly++;
    else summary.otherOnly++;
    if (row.numbersDiffer) summary.numbersDiffer++;
  }
  return summary;
}
