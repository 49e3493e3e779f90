import type { DocumentNode } from './document.ts';

// Stable id paths: "annex-1/sec-I/rule-3/para-1". Titled groups (hcontainers) get an id of
// their own but do not appear in their children's paths, so that a rule keeps its address
// whether or not its instrument groups rules under headings.

export function cleanNum(num: string): string {
  return num
    .replace(/^(?:rule|article|annex|chapter|section|part|principle|guideline)\b\s*/i, '')
    .replace(/[().\s]/g, '').replace(/[^\p{L}\p{N}-]/gu, '');
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
}

function segmentFor(node: DocumentNode, ordinal: (key: string) => number): string {
  const num = node.num ? cleanNum(node.num) : '';
  switch (node.kind) {
    case 'formula':
      return 'formula';
    case 'conclusions':
      return 'conclusions';
    case 'recital':
      return `recital-${ordinal('recital')}`;
    case 'paragraph':
      return num ? `para-${num}` : `p-${ordinal('p')}`;
    case 'point':
      return num ? `point-${num}` : `point-u${ordinal('point')}`;
    case 'attachment':
      return `annex-${num || ordinal('annex')}`;
    case 'section':
      return num ? `sec-${num}` : `sec-u${ordinal('sec')}`;
    case 'rule':
      return num ? `rule-${num}` : `rule-u${ordinal('rule')}`;
    case 'hcontainer': {
      if (num) return `group-${num}`;
      const slug = node.heading ? slugify(node.heading) : '';
      return slug || `group-u${ordinal('group')}`;
    }
    case 'heading':
      return `heading-${ordinal('heading')}`;
    default:
      return `${node.kind}-${ordinal(node.kind)}`;
  }
}

/** Gives every node of the tree its id path; the same tree always gets the same ids. */
export function assignNodeIds(root: DocumentNode): DocumentNode {
  root.id = '';
  assignChildren(root.children, '', new Set(), new Map());
  return root;
}

function assignChildren(children: DocumentNode[], scope: string, used: Set<string>, counters: Map<string, number>): void {
  const ordinal = (key: string) => {
    const next = (counters.get(key) ?? 0) + 1;
    counters.set(key, next);
    return next;
  };
  for (const child of children) {
    const base = segmentFor(child, ordinal);
    let segment = base;
    if (used.has(segment)) {
      // a repeated number ("1." twice): the second is "para-1-2"; the counter keeps it linear
      let n = counters.get(`dup:${base}`) ?? 2;
      while (used.has(`${base}-${n}`)) n++;
      counters.set(`dup:${base}`, n + 1);
      segment = `${base}-${n}`;
    }
    used.add(segment);
    child.id = scope ? `${scope}/${segment}` : segment;
    if (child.kind === 'hcontainer') {
      // transparent: the group's children share the scope of the group itself
      assignChildren(child.children, scope, used, counters);
    } else {
      assignChildren(child.children, child.id, new Set(), new Map());
    }
  }
}
