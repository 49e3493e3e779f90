import type { DocumentNode } from './document.ts';

// Stable id paths: "annex-1/sec-I/rule-3/para-1". Titled groups (hcontainers) get an id of
// their own but do not appear in their children's paths, so that a rule keeps its address
// whether or not its instrument groups rules under headings. The six language versions of a
// document get the same ids: numbers are written the English way whatever the script.

const LEADING_WORD = /^(?:rule|article|annex|chapter|section|part|principle|guideline|règle|regla|правило|القاعدة|المرفق|规则|附件|annexe|anexo|приложение)\b\s*/iu;

const ARABIC_ORDINALS: Record<string, string> = {
  أولا: 'I', ثانيا: 'II', ثالثا: 'III', رابعا: 'IV', خامسا: 'V', سادسا: 'VI', سابعا: 'VII', ثامنا: 'VIII', تاسعا: 'IX', عاشرا: 'X',
};
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];
/** Arabic list letters follow the abjad order: (أ) is (a), (ب) is (b), (ج) is (c) … */
const ARABIC_LETTERS = ['أ', 'ب', 'ج', 'د', 'ه', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق', 'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض'];
/** Cyrillic letters typed for Latin ones in list labels ("с)" for "c)"). */
const CYRILLIC_LOOKALIKES: Record<string, string> = { а: 'a', в: 'b', с: 'c', е: 'e', о: 'o', р: 'p', х: 'x', у: 'y', к: 'k', м: 'm', т: 't', н: 'h', і: 'i' };

export function cleanNum(num: string): string {
  const bare = num
    .replace(LEADING_WORD, '')
    .replace(/[٠-٩]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[\u064B-\u065F\u0640]/g, '') // tanween and tatweel: "أولاً" is "أولا"
    .replace(/[().\s]/g, '')
    .replace(/[^\p{L}\p{N}-]/gu, '')
    .replace(/^-+|-+$/g, '');
  if (ARABIC_ORDINALS[bare]) return ARABIC_ORDINALS[bare];
  const chinese = CHINESE_NUMERALS.indexOf(bare);
  if (chinese >= 0) return ROMAN[chinese];
  const arabicLetter = ARABIC_LETTERS.indexOf(bare.replace('هـ', 'ه'));
  if (arabicLetter >= 0) return String.fromCharCode(97 + arabicLetter);
  if (/^[авсеорхукмтні]$/.test(bare)) return CYRILLIC_LOOKALIKES[bare];
  return bare;
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
    case 'hcontainer':
      // Titled groups without a number are counted, not named, so that ids agree across languages.
      return num ? `group-${num}` : `group-u${ordinal('group')}`;
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
