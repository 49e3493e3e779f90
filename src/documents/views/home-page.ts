import { html, type SafeHtml } from '../../http/html.ts';
import { renderPage } from '../../http/layout.ts';
import { featureTranslator, formatDate, languageName, textDirection, translatorFor, type Locale } from '../../i18n/i18n.ts';
import { READER_MESSAGES } from '../../compendium/reader-messages.ts';
import type { DocumentSummary } from '../documents-service.ts';

export function documentPath(locale: Locale, symbol: string, language?: string): string {
  return `/${locale}/documents/${encodeURIComponent(symbol)}${language ? `?lang=${encodeURIComponent(language)}` : ''}`;
}

export function renderDate(isoDate: string | null, locale: Locale): SafeHtml | null {
  return isoDate ? html`<time datetime="${isoDate}">${formatDate(isoDate, locale)}</time>` : null;
}

/** Text in a language other than the page's is marked so, for screen readers and fonts. */
export function inLanguage(text: string, language: string, locale: Locale): SafeHtml {
  return language === locale ? html`${text}` : html`<span lang="${language}" dir="${textDirection(language)}">${text}</span>`;
}

export function renderHomePage({ locale, documents }: { locale: Locale; documents: DocumentSummary[] }): string {
  const t = translatorFor(locale);
  const rows = documents.map(
    ({ symbol, shown, languages }) => html`<tr>
<td><a href="${documentPath(locale, symbol)}">${symbol}</a></td>
<td>${inLanguage(shown.title ?? t('document.untitled'), shown.title ? shown.language : locale, locale)}</td>
<td>${shown.body ? inLanguage(shown.body, shown.language, locale) : ''}</td>
<td>${renderDate(shown.adopted, locale)}</td>
<td>${languages.map(
      (language, index) =>
        html`${index > 0 ? ' ' : ''}<a href="${documentPath(locale, symbol, language)}" hreflang="${language}" title="${languageName(language, locale)}">${language}</a>`,
    )}</td>
</tr>`,
  );
  const rt = featureTranslator(READER_MESSAGES, locale);
  const body = html`<h1>${t('home.title')}</h1>
<p>${t('home.intro')}</p>
<nav aria-labelledby="browse-heading"><h2 id="browse-heading">${rt('home.browse')}</h2><ul>
<li><a href="/${locale}/instruments">${rt('home.catalogueLink')}</a></li>
<li><a href="/${locale}/clusters">${rt('home.clustersLink')}</a></li>
</ul></nav>
<h2 id="documents-heading">${t('home.documents')}</h2>
${
  documents.length === 0
    ? html`<p>${t('home.empty')}</p>`
    : html`<table aria-labelledby="documents-heading">
<thead><tr><th scope="col">${t('documents.symbol')}</th><th scope="col">${t('documents.title')}</th><th scope="col">${t('documents.body')}</th><th scope="col">${t('documents.date')}</th><th scope="col">${t('documents.languages')}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}`;
  return renderPage({ locale, title: t('home.title'), body });
}
