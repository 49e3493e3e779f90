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
