import { findCitations, findCrossReferences } from './citations-logic.ts';
import type { DocumentNode, ImportedDocument, Reference } from './document.ts';
import { classifyBlock } from './text-classify-logic.ts';

/**
 * Finds citations and cross-references in every node and footnote of a document. "Its
 * resolution 65/230" means the body that speaks: the document's own, or the body of the
 * formula that opens the draft or annex the words stand in.
 */
export function annotateReferences(doc: ImportedDocument): void {
  annotateNode(doc.root, doc.body);
  let previousSymbol: string | null = null;
  for (const footnote of doc.footnotes) {
    if (!footnote.text) continue;
    const refs = findCitations(footnote.text, { body: doc.body, previousSymbol });
    if (refs.length) {
      footnote.refs = refs.map((ref) => ({ ...ref, field: 'text' as const }));
      previousSymbol = refs[refs.length - 1].symbol ?? previousSymbol;
    }
  }
}

function annotateNode(node: DocumentNode, inheritedBody: string | null): void {
  const body = speakingBody(node) ?? inheritedBody;
  const found: Reference[] = [];
  if (node.text) {
    if (node.kind === 'heading' && node.text.startsWith('[')) found.push(...findCrossReferences(node.text).map((ref) => ({ ...ref, field: 'text' as const })));
    found.push(...findCitations(node.text, { body }).map((ref) => ({ ...ref, field: 'text' as const })));
  }
  if (node.heading) found.push(...findCitations(node.heading, { body }).map((ref) => ({ ...ref, field: 'heading' as const })));
  if (found.length) node.refs = [...(node.refs ?? []), ...found];
  for (const child of node.children) annotateNode(child, body);
}

/** The body named by a container's own formula ("The General Assembly,"), if it has one. */
function speakingBody(node: DocumentNode): string | null {
  const formula = node.children.find((child) => child.kind === 'formula');
  if (!formula?.text) return null;
  const cls = classifyBlock(formula.text);
  return cls.type === 'formula' ? cls.body : null;
}

/** Kinds that hold a titled group of provisions, for which a leading note can speak. */
const GROUP_KINDS = new Set<DocumentNode['kind']>(['hcontainer', 'section']);

/**
 * The node a cross-reference note speaks for. The Bangkok Rules set notes such as
 * "[Supplements rules 22-26 of the Standard Minimum Rules …]" as heading lines under a group's
 * title: a note that leads a titled group (only other notes before it) speaks for the whole
 * group ("6. Health-care services", rules 6 to 18), or for its one provision when the group holds
 * only one ("5. Personal hygiene": rule 5); any other note speaks for the rule or group after it,
 * else for the group it ends. A reference in a provision's own words speaks for that provision.
 */
export function nodeDescribedByNote(note: DocumentNode, parent: DocumentNode | null): DocumentNode {
  if (note.kind !== 'heading' || !parent) return note;
  const siblings = parent.children;
  const at = siblings.indexOf(note);
  if (at < 0) return note;
  const provisions = siblings.filter((sibling) => sibling.kind !== 'heading');
  const leads = siblings.slice(0, at).every((sibling) => sibling.kind === 'heading');
  if (leads && GROUP_KINDS.has(parent.kind)) return provisions.length === 1 ? provisions[0]! : parent;
  const next = siblings.slice(at + 1).find((sibling) => sibling.kind !== 'heading');
  if (next) return next;
  return parent.kind === 'document' || parent.kind === 'attachment' ? note : parent;
}

/** Every note of a tree (a heading line, or a node whose words hold a cross-reference) with its parent and the node it speaks for. */
export function listNotes(root: DocumentNode): Array<{ note: DocumentNode; parent: DocumentNode | null; describes: DocumentNode }> {
  const found: Array<{ note: DocumentNode; parent: DocumentNode | null; describes: DocumentNode }> = [];
  const visit = (node: DocumentNode, parent: DocumentNode | null) => {
    if (node.kind === 'heading' || node.refs?.some((ref) => ref.kind === 'crossReference')) {
      found.push({ note: node, parent, describes: nodeDescribedByNote(node, parent) });
    }
    for (const child of node.children) visit(child, node);
  };
  visit(root, null);
  return found;
}
