import type { DocumentNode, Footnote } from '../../importer/document.ts';
import { html, type SafeHtml } from '../../http/html.ts';
import { featureTranslator } from '../../i18n/i18n.ts';
import { READER_MESSAGES } from '../../compendium/reader-messages.ts';
import { READER_STYLE, renderNode, tableOfContents, type TextRenderOptions } from '../../compendium/views/text-render.ts';
import { renderPage } from '../../http/layout.ts';
import { isLocale, languageName, textDirection, translatorFor, type Locale } from '../../i18n/i18n.ts';
import { COMPARE_MESSAGES } from '../compare-messages.ts';
import { DOCUMENT_MESSAGES, type DocumentMessageKey } from '../documents-messages.ts';
import type { ExportFormat } from '../documents-service.ts';
import type { DocumentWithTree } from '../documents-store.ts';
import { comparePath } from './compare-page.ts';
import { documentPath, inLanguage, renderDate } from './home-page.ts';

/** The file each download format gives, for the link's label and type hint, in the order offered (plain text first: what most readers want to keep). */
const DOWNLOADS: Record<ExportFormat, { label: DocumentMessageKey; type: string; extension: string }> = {
  text: { label: 'document.download.text', type: 'text/plain', extension: 'txt' },
  akn: { label: 'document.download.akn', type: 'application/akn+xml', extension: 'xml' },
  json: { label: 'document.download.json', type: 'application/json', extension: 'json' },
};

/** The API address that downloads this language version of a document in `format`. */
export function documentDownloadPath(symbol: string, language: string, format: ExportFormat): string {
  return `/api/documents/${encodeURIComponent(symbol)}?lang=${encodeURIComponent(language)}&format=${format}`;
}

/** Links to the files of this language version. */
function renderDownloads(locale: Locale, document: DocumentWithTree): SafeHtml {
  const t = featureTranslator(DOCUMENT_MESSAGES, locale);
  const formats = Object.keys(DOWNLOADS) as ExportFormat[];
  return html`<section aria-labelledby="downloads-heading" lang="${locale}" dir="${textDirection(locale)}">
<h2 id="downloads-heading">${t('document.downloads')}</h2>
<ul class="downloads">${formats.map(
    (format) =>
      html`<li><a href="${documentDownloadPath(document.symbol, document.language, format)}" type="${DOWNLOADS[format].type}" download>${t(DOWNLOADS[format].label)}</a> (.${DOWNLOADS[format].extension})</li>`,
  )}</ul>
</section>`;
}

export function renderDocumentPage({
  locale,
  document,
  languages,
  importedSymbols = new Set(),
}: {
  locale: Locale;
  document: DocumentWithTree;
  languages: string[];
  /** symbols cited by the document that NormHub holds, for citation links */
  importedSymbols?: Set<string>;
}): string {
  const t = translatorFor(locale);
  const language = document.language;
  const title = document.title ?? document.symbol;
  const options = documentTextOptions(locale, document, importedSymbols);
  const toc = tableOfContents(document.root.children, (node) => `#${node.id}`);
  const content = html`${READER_STYLE}${
    toc ? html`<nav aria-labelledby="toc-heading" lang="${locale}" dir="${textDirection(locale)}"><h2 id="toc-heading">${featureTranslator(READER_MESSAGES, locale)('instrument.contents')}</h2><div lang="${language}" dir="${textDirection(language)}">${toc}</div></nav>` : ''
  }${document.root.children.map((child) => renderNode(child, 2, options))}`;
  const notes = document.footnotes.length
    ? html`<section aria-labelledby="notes-heading">
<h2 id="notes-heading">${t('document.notes')}</h2>
<dl class="notes">${document.footnotes.map(
        (footnote, index) =>
          html`<dt id="note-${index + 1}">${footnote.marker}</dt><dd>${
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
${renderDownloads(locale, document)}
${
  others.length
    ? html`<nav aria-labelledby="languages-heading"><h2 id="languages-heading">${t('document.otherLanguages')}</h2><ul>${others.map(
        (other) =>
          html`<li><a href="${documentPath(locale, document.symbol, other)}" hreflang="${other}">${
            isLocale(other) ? languageName(other, locale) : other
          }</a></li>`,
      )}</ul>
<p><a href="${comparePath(locale, document.symbol, { base: language })}">${featureTranslator(COMPARE_MESSAGES, locale)('compare.link')}</a></p></nav>`
    : ''
}`;
  return renderPage({
    locale,
    title: `${document.symbol}${document.title ? ` · ${document.title}` : ''}`,
    body,
    localePath: (other) => documentPath(other, document.symbol),
  });
}

/** Permalink of a node of a document: /{locale}/documents/{symbol}/{nodeId}. */
export function documentNodePath(locale: Locale, symbol: string, nodeId: string, language?: string): string {
  return `/${locale}/documents/${encodeURIComponent(symbol)}/${nodeId.split('/').map(encodeURIComponent).join('/')}${
    language ? `?lang=${encodeURIComponent(language)}` : ''
  }`;
}

export function documentTextOptions(locale: Locale, document: DocumentWithTree, importedSymbols: Set<string>, { notesAtEnd = true } = {}): TextRenderOptions {
  const rt = featureTranslator(READER_MESSAGES, locale);
  return {
    locale,
    language: document.language,
    footnotes: document.footnotes,
    importedSymbols,
    anchorOf: (node) => node.id,
    permalinkOf: (node) => (node.id && node.kind !== 'heading' ? documentNodePath(locale, document.symbol, node.id, document.language) : null),
    permalinkLabel: rt('instrument.permalink'),
    notesLabel: rt('instrument.notes'),
    backLabel: rt('instrument.backToText'),
    // The notes stay listed at the end of the document too; markers lead there.
    markerHref: notesAtEnd ? (marker) => {
      const index = document.footnotes.findIndex((footnote) => footnote.marker === marker && footnote.text !== null);
      return index < 0 ? null : `#note-${index + 1}`;
    } : undefined,
    permalinkAfterHeading: true,
  };
}

/** One node of a document with its context: the way back to the document, its notes, its citations. */
export function renderDocumentNodePage({
  locale,
  document,
  node,
  ancestors,
  importedSymbols,
}: {
  locale: Locale;
  document: DocumentWithTree;
  node: DocumentNode;
  ancestors: DocumentNode[];
  importedSymbols: Set<string>;
}): string {
  const language = document.language;
  const options = documentTextOptions(locale, document, importedSymbols, { notesAtEnd: false });
  const label = (entry: DocumentNode) => [entry.num, entry.heading].filter(Boolean).join(' ') || entry.id.split('/').pop()!;
  const body: SafeHtml = html`${READER_STYLE}<nav aria-label="breadcrumb"><ol class="crumbs">
<li><a href="${documentPath(locale, document.symbol, language)}">${document.symbol}</a></li>
${ancestors.map((entry) => html`<li><a href="${documentNodePath(locale, document.symbol, entry.id, language)}" lang="${language}" dir="${textDirection(language)}">${label(entry)}</a></li>`)}
<li><span aria-current="page" lang="${language}" dir="${textDirection(language)}">${label(node)}</span></li></ol></nav>
<h1>${document.symbol}: <span lang="${language}" dir="${textDirection(language)}">${label(node)}</span></h1>
<article lang="${language}" dir="${textDirection(language)}">${renderNode(node, 2, options)}</article>
<p><a href="${documentPath(locale, document.symbol, language)}#${node.id}">${document.symbol}</a></p>`;
  return renderPage({ locale, title: `${document.symbol} ${label(node)}`, body, localePath: (other) => documentNodePath(other, document.symbol, node.id) });
}
