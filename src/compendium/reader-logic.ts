// Pure rules of the compendium reader: which annex holds which instrument, how a provision is
// addressed inside an instrument (its path relative to the annex, and the short form used in
// permalinks), where a citation links to, and the word-level differences between two texts.

import { diffWords } from 'diff';
import type { DocumentNode, Footnote } from '../importer/document.ts';
import { findInstrumentByName, findInstrumentCited, type Instrument } from './catalogue.ts';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/**
 * The instrument an annex holds: by the annex's heading (its title names the instrument), else
 * by the catalogue's acts (the annex of the act that adopted the text). Only top-level annexes
 * count: an annex inside an annex is an appendix of the instrument itself.
 */
export function instrumentOfAttachment(
  document: { symbol: string },
  attachment: Pick<DocumentNode, 'id' | 'heading'>,
  annexCount: number,
): Instrument | undefined {
  if (attachment.heading) {
    const named = findInstrumentByName(attachment.heading) ?? findInstrumentByName(attachment.heading.replace(/[.:;]\s*$/, ''));
    if (named) return named;
  }
  const index = /^annex-(\d+)$/.exec(attachment.id);
  if (!index) return undefined;
  const n = Number(index[1]);
  const part = annexCount <= 1 ? 'annex' : `annex ${ROMAN[n - 1] ?? n}`;
  return findInstrumentCited(document.symbol, part) ?? (annexCount <= 1 ? undefined : findInstrumentCited(document.symbol, `annex`));
}

/** The top-level annexes of a tree (attachment children of the root). */
export function topAttachments(root: DocumentNode): DocumentNode[] {
  return root.children.filter((child) => child.kind === 'attachment');
}

/** A node id relative to the annex: "annex-1/sec-I/rule-3" -> "sec-I/rule-3". */
export function relativePath(attachmentId: string, nodeId: string): string | null {
  if (nodeId === attachmentId) return '';
  return nodeId.startsWith(attachmentId + '/') ? nodeId.slice(attachmentId.length + 1) : null;
}

/**
 * How the provisions of one instrument text are addressed. The canonical form of a path is its
 * shortest trailing run of segments that no other node shares ("sec-I/rule-3" -> "rule-3",
 * "sec-I/rule-3/para-1" -> "rule-3/para-1"); the full relative path and any other unique
 * suffix are accepted too and redirect to it.
 */
export class ProvisionIndex {
  /** full relative path -> canonical short form */
  readonly canonical = new Map<string, string>();
  /** any accepted form -> full relative path */
  private readonly accepted = new Map<string, string>();
  /** full relative path -> node, in document order */
  readonly nodes = new Map<string, DocumentNode>();
  /** full relative path -> the node's parent (the annex itself for its children) */
  readonly parents = new Map<string, DocumentNode>();

  constructor(readonly attachment: DocumentNode) {
    const paths: string[] = [];
    const visit = (node: DocumentNode) => {
      for (const child of node.children) {
        const path = relativePath(attachment.id, child.id);
        if (path) {
          paths.push(path);
          this.nodes.set(path, child);
          this.parents.set(path, node);
        }
        visit(child);
      }
    };
    visit(attachment);
    const suffixCount = new Map<string, number>();
    const suffixes = (path: string) => {
      const segments = path.split('/');
      return segments.map((_, i) => segments.slice(segments.length - 1 - i).join('/'));
    };
    for (const path of paths) for (const suffix of suffixes(path)) suffixCount.set(suffix, (suffixCount.get(suffix) ?? 0) + 1);
    for (const path of paths) {
      const forms = suffixes(path);
      const short = forms.find((form) => suffixCount.get(form) === 1) ?? path;
      this.canonical.set(path, short);
      for (const form of forms) if (suffixCount.get(form) === 1) this.accepted.set(form, path);
      this.accepted.set(path, path);
    }
  }

  /** The full relative path an address designates, or undefined. */
  resolve(address: string): string | undefined {
    return this.accepted.get(address.replace(/^\/+|\/+$/g, ''));
  }
}

/** The footnotes whose markers stand in a node (its own text and heading, not its children). */
export function notesOfNode(node: DocumentNode, footnotes: Footnote[]): Footnote[] {
  const markers = new Set((node.notes ?? []).map((note) => note.marker));
  return footnotes.filter((footnote) => markers.has(footnote.marker));
}

// Keys of the catalogue that are not United Nations document symbols (Treaty Series volumes,
// sales numbers): undocs.org has nothing for them.
const NOT_UN_SYMBOL = /^(UNTS|SALES|ISBN|ILO|OAS|CoE|ETS)\b/i;
const UN_SYMBOL = /^(A|E|S|ST|CCPR|CAT|CRC|CEDAW|TD|UNEP|DP|HRC|E\/CN\.\d+|A\/CONF\.\d+)(\/[A-Za-z0-9.()\-]+)+$/;

/** The undocs.org address of a United Nations symbol, or null when the symbol is not one. */
export function undocsUrl(symbol: string): string | null {
  const base = symbol.split(',')[0]!.trim();
  if (NOT_UN_SYMBOL.test(base) || !UN_SYMBOL.test(base)) return null;
  return `https://undocs.org/${base}`;
}

/** The text of an instrument text as lines, for comparing two versions. */
export function plainLines(node: DocumentNode): string[] {
  const lines: string[] = [];
  const visit = (n: DocumentNode) => {
    const line = [n.num, n.heading, n.text].filter((part) => part).join(' ');
    if (line) lines.push(line);
    for (const child of n.children) visit(child);
  };
  visit(node);
  return lines;
}

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Word-level differences from `before` to `after`. */
export function diffTexts(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }));
}

/** The ancestors of a node inside the annex, outermost first, as full relative paths. */
export function ancestorPaths(index: ProvisionIndex, path: string): string[] {
  const out: string[] = [];
  let parent = index.parents.get(path);
  while (parent && parent !== index.attachment) {
    const parentPath = relativePath(index.attachment.id, parent.id);
    if (!parentPath) break;
    out.unshift(parentPath);
    parent = index.parents.get(parentPath);
  }
  return out;
}
