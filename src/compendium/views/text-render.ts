// Renders a document tree (a whole document or an instrument's annex) for reading: every node
// with an anchor and a permalink, footnote markers as links to the note listed just under the
// provision (and back), citations as links, cross-references to the provisions they name, and
// an optional plain-language explanation under a provision. Shared by the instrument reader and
// the document reader. Every imported string goes through the `html` template (escaped).

import type { DocumentNode, Footnote, NoteRef, Reference } from '../../importer/document.ts';
import { escapeHtml, html, SafeHtml } from '../../http/html.ts';
import { textDirection, type Locale } from '../../i18n/i18n.ts';
import { undocsUrl } from '../reader-logic.ts';

/** Kinds that open a titled part and take a heading of their own. */
export const CONTAINER_KINDS = new Set(['attachment', 'section', 'hcontainer', 'rule']);

export interface TextRenderOptions {
  locale: Locale;
  /** language of the text */
  language: string;
  footnotes: Footnote[];
  importedSymbols: Set<string>;
  /** the element id of a node (its anchor) */
  anchorOf: (node: DocumentNode) => string;
  /** the permalink of a node, or null */
  permalinkOf: (node: DocumentNode) => string | null;
  permalinkLabel: string;
  notesLabel: string;
  backLabel: string;
  explanationLabel?: string;
  explanationOf?: (node: DocumentNode) => { language: string; text: string } | null;
  /**
   * Where a footnote marker links, when not to the note under the provision (the document
   * reader keeps its list of notes at the end as well): markers then carry no id, and a note
   * under the provision links back to the provision itself.
   */
  markerHref?: (marker: string) => string | null;
  /** put a container's permalink after its heading instead of inside it */
  permalinkAfterHeading?: boolean;
  /** extra content under a provision (incoming cross-references) */
  extraOf?: (node: DocumentNode) => SafeHtml | null;
}

export function documentHref(locale: Locale, symbol: string, language?: string): string {
  return `/${locale}/documents/${encodeURIComponent(symbol)}${language ? `?lang=${encodeURIComponent(language)}` : ''}`;
}

/** Where a citation of `symbol` leads: inside NormHub when imported, else undocs.org for a UN symbol. */
export function citationHref(locale: Locale, symbol: string, imported: Set<string>): string | null {
  if (imported.has(symbol)) return documentHref(locale, symbol);
  return undocsUrl(symbol);
}

export function crossReferenceHref(locale: Locale, ref: Reference): string | null {
  if (!ref.instrument) return null;
  const first = ref.provisions?.[0];
  return `/${locale}/instruments/${encodeURIComponent(ref.instrument)}${first ? `#${encodeURIComponent(first)}` : ''}`;
}

function referenceHref(ref: Reference, options: TextRenderOptions): string | null {
  if (ref.kind === 'crossReference') return crossReferenceHref(options.locale, ref) ?? (ref.symbol ? citationHref(options.locale, ref.symbol, options.importedSymbols) : null);
  return ref.symbol ? citationHref(options.locale, ref.symbol, options.importedSymbols) : null;
}

export function noteId(node: DocumentNode, marker: string): string {
  return `fn-${node.id}-${marker}`;
}

function noteRefId(node: DocumentNode, marker: string): string {
  return `fnref-${node.id}-${marker}`;
}

/** A text with its note markers and references put back where they stand. */
export function richText(node: DocumentNode, field: 'text' | 'heading', options: TextRenderOptions, withLinks = true): SafeHtml {
  const text = (field === 'text' ? node.text : node.heading) ?? '';
  const notes: NoteRef[] = (node.notes ?? []).filter((note) => (note.field ?? 'text') === field).sort((a, b) => a.at - b.at);
  // A reference whose offsets do not hold its words (a hand-made or damaged tree) is placed by
  // its words instead, or left unlinked: a link must never cut through other words.
  const refs = withLinks
    ? (node.refs ?? [])
        .filter((ref) => (ref.field ?? 'text') === field && ref.text)
        .map((ref) => {
          if (text.slice(ref.start, ref.end) === ref.text) return ref;
          const start = text.indexOf(ref.text);
          return start < 0 ? null : { ...ref, start, end: start + ref.text.length };
        })
        .filter((ref): ref is Reference => ref !== null)
        .sort((a, b) => a.start - b.start)
    : [];
  const known = new Set(options.footnotes.filter((footnote) => footnote.text !== null).map((footnote) => footnote.marker));
  const plain = (slice: string) => escapeHtml(slice).replace(/\n/g, '<br>');
  // Cut points: every note position, and ref boundaries (refs that overlap an earlier one are dropped).
  const spans: Reference[] = [];
  let lastEnd = 0;
  for (const ref of refs) if (ref.start >= lastEnd) (spans.push(ref), (lastEnd = ref.end));
  let out = '';
  let position = 0;
  let noteIndex = 0;
  const emitNotesUpTo = (limit: number, inclusive: boolean) => {
    while (noteIndex < notes.length && (inclusive ? notes[noteIndex]!.at <= limit : notes[noteIndex]!.at < limit)) {
      const note = notes[noteIndex++]!;
      const at = Math.min(Math.max(note.at, position), text.length);
      out += plain(text.slice(position, at));
      position = at;
      const target = options.markerHref ? options.markerHref(note.marker) : known.has(note.marker) ? `#${noteId(node, note.marker)}` : null;
      out += !target
        ? `<sup>${escapeHtml(note.marker)}</sup>`
        : options.markerHref
          ? `<sup><a href="${escapeHtml(target)}">${escapeHtml(note.marker)}</a></sup>`
          : `<sup><a id="${escapeHtml(noteRefId(node, note.marker))}" href="${escapeHtml(target)}">${escapeHtml(note.marker)}</a></sup>`;
    }
  };
  for (const ref of spans) {
    emitNotesUpTo(ref.start, true);
    out += plain(text.slice(position, ref.start));
    const href = referenceHref(ref, options);
    const words = plain(text.slice(ref.start, ref.end));
    out += href
      ? `<a href="${escapeHtml(href)}" class="${ref.kind === 'crossReference' ? 'xref' : 'cite'}"${href.startsWith('https://') ? ' rel="external"' : ''}>${words}</a>`
      : words;
    position = ref.end;
  }
  emitNotesUpTo(text.length, true);
  out += plain(text.slice(position));
  return new SafeHtml(out);
}

/** The notes whose markers stand in this node, listed under it, each linking back to its marker. */
export function nodeNotes(node: DocumentNode, options: TextRenderOptions): SafeHtml | null {
  const markers = [...new Set((node.notes ?? []).map((note) => note.marker))];
  const notes = markers
    .map((marker) => options.footnotes.find((footnote) => footnote.marker === marker && footnote.text !== null))
    .filter((footnote): footnote is Footnote => !!footnote);
  if (notes.length === 0) return null;
  return html`<div class="fn" role="note" aria-label="${options.notesLabel}"><ol>${notes.map(
    (footnote) =>
      // value must be an integer (HTML): a marker such as "*" or "a" leaves the list's own count.
      html`<li id="${noteId(node, footnote.marker)}"${/^\d+$/.test(footnote.marker) ? html` value="${footnote.marker}"` : ''}><span class="num">${footnote.marker}</span> ${richText(
        { kind: 'paragraph', id: `${node.id}-note-${footnote.marker}`, text: footnote.text, refs: footnote.refs, children: [] },
        'text',
        options,
      )} <a href="#${options.markerHref ? options.anchorOf(node) : noteRefId(node, footnote.marker)}" aria-label="${options.backLabel}">↩</a></li>`,
  )}</ol></div>`;
}

function permalink(node: DocumentNode, options: TextRenderOptions): SafeHtml | null {
  const href = options.permalinkOf(node);
  if (!href) return null;
  const label = [node.num, node.heading].filter(Boolean).join(' ') || node.id;
  return html` <a class="pl" href="${href}">#<span class="vh">${options.permalinkLabel}: ${label}</span></a>`;
}

function explanation(node: DocumentNode, options: TextRenderOptions): SafeHtml | null {
  const found = options.explanationOf?.(node);
  if (!found || !options.explanationLabel) return null;
  const marked = found.language !== options.locale;
  return html`<details class="explain"><summary>${options.explanationLabel}</summary><p${
    marked ? html` lang="${found.language}" dir="${textDirection(found.language)}"` : ''
  }>${found.text}</p></details>`;
}

export function renderNode(node: DocumentNode, level: number, options: TextRenderOptions): SafeHtml {
  const heading = node.heading ? richText(node, 'heading', options) : null;
  const text = node.text ? richText(node, 'text', options) : null;
  const num = node.num ? html`<span class="num">${node.num}</span> ` : null;
  const nextLevel = CONTAINER_KINDS.has(node.kind) ? level + 1 : level;
  const children = node.children.map((child) => renderNode(child, nextLevel, options));
  const id = node.id ? options.anchorOf(node) : null;
  const after = [nodeNotes(node, options), explanation(node, options), options.extraOf?.(node) ?? null];

  if (CONTAINER_KINDS.has(node.kind)) {
    const tag = new SafeHtml(`h${Math.min(level, 6)}`);
    const title =
      num || heading
        ? options.permalinkAfterHeading
          ? html`<${tag}>${num}${heading}</${tag}>${permalink(node, options)}`
          : html`<${tag}>${num}${heading}${permalink(node, options)}</${tag}>`
        : null;
    return html`<section class="${node.kind}"${id ? html` id="${id}"` : ''}>${title}${text ? html`<p>${text}${title ? '' : permalink(node, options)}</p>` : ''}${after}${children}</section>`;
  }
  if (node.kind === 'heading') {
    return html`<p class="hd"${id ? html` id="${id}"` : ''}><em>${num}${heading ?? text}</em></p>${after}${children}`;
  }
  return html`<div class="node ${node.kind}"${id ? html` id="${id}"` : ''}>${
    num || heading || text ? html`<p>${num}${heading ? html`<strong>${heading}</strong> ` : ''}${text}${permalink(node, options)}</p>` : ''
  }${after}${children}</div>`;
}

/** A table of contents: the containers (annexes, sections, groups, rules) as nested lists. */
export function tableOfContents(nodes: DocumentNode[], hrefOf: (node: DocumentNode) => string, depth = 0): SafeHtml | null {
  const items = nodes
    .filter((node) => CONTAINER_KINDS.has(node.kind) && (node.num || node.heading))
    .map((node) => {
      const inner = depth < 3 ? tableOfContents(node.children, hrefOf, depth + 1) : null;
      const label = [node.num, node.heading].filter(Boolean).join(' ');
      return html`<li><a href="${hrefOf(node)}">${label.length > 120 ? label.slice(0, 117) + '…' : label}</a>${inner}</li>`;
    });
  return items.length ? html`<ol class="toc">${items}</ol>` : null;
}

/** Styles of the reader, inserted once in the page body (the frame's stylesheet is shared). */
export const READER_STYLE = new SafeHtml(
  '<style>.pl{text-decoration:none;margin-inline-start:.3em;font-size:.85em}.fn{font-size:.9em;border-inline-start:2px solid var(--line);padding-inline-start:.6rem;margin:.3rem 0}.fn ol{margin:0;padding-inline-start:1.2rem}.explain{margin:.3rem 0 .8rem;padding:.3rem .6rem;border:1px solid var(--line)}.hd{color:var(--muted)}.toc{padding-inline-start:1.2rem}ins{background:#d7f5dd;color:#0b3d16}del{background:#fbe0e0;color:#5a0a0a}.diff{white-space:pre-wrap;border:1px solid var(--line);padding:.5rem}</style>',
);
