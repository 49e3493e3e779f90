import type { DocumentNode, Footnote, NoteRef } from '../../importer/document.ts';
import { escapeHtml, html, SafeHtml } from '../../http/html.ts';
import { renderPage } from '../../http/layout.ts';
import { isLocale, languageName, textDirection, translatorFor, type Locale } from '../../i18n/i18n.ts';
import type { DocumentWithTree } from '../documents-store.ts';
import { documentPath, inLanguage, renderDate } from './home-page.ts';

// Kinds that open a titled part of the document and so take a heading of their own.
const CONTAINERS = new Set(['attachment', 'section', 'hcontainer', 'rule']);

interface NoteLinks {
  /** marker -> anchor of the footnote in the list, for markers whose text we have */
  anchors: Map<string, string>;
}

/** Text with its footnote markers put back where they stood, as links to the notes. */
function textWithNotes(text: string, notes: NoteRef[], links: NoteLinks): SafeHtml {
  const sorted = [...notes].sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  const plain = (slice: string) => escapeHtml(slice).replace(/\n/g, '<br>');
  for (const note of sorted) {
    const at = Math.min(Math.max(note.at, from), text.length);
    out += plain(text.slice(from, at));
    const anchor = links.anchors.get(note.marker);
    out += anchor
      ? `<sup><a href="#${escapeHtml(anchor)}">${escapeHtml(note.marker)}</a></sup>`
      : `<sup>${escapeHtml(note.marker)}</sup>`;
    from = at;
  }
  return new SafeHtml(out + plain(text.slice(from)));
}

function renderNode(node: DocumentNode, level: number, links: NoteLinks): SafeHtml {
  const notesIn = (field: 'text' | 'heading') => (node.notes ?? []).filter((note) => (note.field ?? 'text') === field);
  const heading = node.heading ? textWithNotes(node.heading, notesIn('heading'), links) : null;
  const text = node.text ? textWithNotes(node.text, notesIn('text'), links) : null;
  const num = node.num ? html`<span class="num">${node.num}</span> ` : null;
  const children = node.children.map((child) => renderNode(child, CONTAINERS.has(node.kind) ? level + 1 : level, links));
  const id = node.id || null;

  if (CONTAINERS.has(node.kind)) {
    const tag = `h${Math.min(level, 6)}`;
    const title = num || heading ? html`<${new SafeHtml(tag)}>${num}${heading}</${new SafeHtml(tag)}>` : null;
    return html`<section class="${node.kind}"${id ? html` id="${id}"` : ''}>${title}${text ? html`<p>${text}</p>` : ''}${children}</section>`;
  }
  if (node.kind === 'heading') {
    const tag = new SafeHtml(`h${Math.min(level, 6)}`);
    return html`<${tag}${id ? html` id="${id}"` : ''}>${num}${heading ?? text}</${tag}>${children}`;
  }
  return html`<div class="node ${node.kind}"${id ? html` id="${id}"` : ''}>${
    num || heading || text ? html`<p>${num}${heading ? html`<strong>${heading}</strong> ` : ''}${text}</p>` : ''
  }${children}</div>`;
}

export function renderDocumentPage({
  locale,
  document,
  languages,
}: {
  locale: Locale;
  document: DocumentWithTree;
  languages: string[];
}): string {
  const t = translatorFor(locale);
  const links: NoteLinks = { anchors: new Map() };
  document.footnotes.forEach((footnote: Footnote, index) => {
    if (footnote.text !== null && !links.anchors.has(footnote.marker)) links.anchors.set(footnote.marker, `note-${index + 1}`);
  });
  const language = document.language;
  const title = document.title ?? document.symbol;
  const content = document.root.children.map((child) => renderNode(child, 2, links));
  const notes = document.footnotes.length
    ? html`<section aria-labelledby="notes-heading">
<h2 id="notes-heading">${t('document.notes')}</h2>
<dl class="notes">${document.footnotes.map(
        (footnote, index) =>
          html`<dt${links.anchors.get(footnote.marker) === `note-${index + 1}` ? html` id="note-${index + 1}"` : ''}>${footnote.marker}</dt><dd>${
            footnote.text ?? html`<em lang="${locale}" dir="${textDirection(locale)}">${t('document.noteMissing')}</em>`
          }</dd>`,
      )}</dl>
</section>`
    : null;
  const shownElsewhere =
    language !== locale && !languages.includes(locale)
      ? html`<p role="note">${t('document.shownIn', { language: languageName(language, locale) })}</p>`
      : null;
  const others = languages.filter((other) => other !== language);
  const body = html`<p><a href="/${locale}/">${t('nav.home')}</a></p>
${shownElsewhere}
<article lang="${language}" dir="${textDirection(language)}">
<h1>${document.title ? title : document.symbol}</h1>
<dl class="meta" lang="${locale}" dir="${textDirection(locale)}">
<dt>${t('documents.symbol')}</dt><dd>${document.symbol}</dd>
${document.body ? html`<dt>${t('documents.body')}</dt><dd>${inLanguage(document.body, language, locale)}</dd>` : ''}
${document.adopted ? html`<dt>${t('document.adopted')}</dt><dd>${renderDate(document.adopted, locale)}</dd>` : ''}
${document.meeting ? html`<dt>${t('document.meeting')}</dt><dd>${inLanguage(document.meeting, language, locale)}</dd>` : ''}
${document.partOf ? html`<dt>${t('document.partOf')}</dt><dd><a href="${documentPath(locale, document.partOf)}">${document.partOf}</a></dd>` : ''}
<dt>${t('document.version')}</dt><dd>${document.version}</dd>
</dl>
${content}
${notes}
</article>
${
  others.length
    ? html`<nav aria-labelledby="languages-heading"><h2 id="languages-heading">${t('document.otherLanguages')}</h2><ul>${others.map(
        (other) =>
          html`<li><a href="${documentPath(locale, document.symbol, other)}" hreflang="${other}">${
            isLocale(other) ? languageName(other, locale) : other
          }</a></li>`,
      )}</ul></nav>`
    : ''
}`;
  return renderPage({
    locale,
    title: `${document.symbol}${document.title ? ` · ${document.title}` : ''}`,
    body,
    localePath: (other) => documentPath(other, document.symbol),
  });
}
