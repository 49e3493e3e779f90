// The search page: a GET form (works without JavaScript), the filters as form fields, the
// results with their snippets, and links to the other pages of results.

import { listClusters, listInstruments } from '../../compendium/catalogue.ts';
import { html, unsafeRaw, type SafeHtml } from '../../http/html.ts';
import { renderPage } from '../../http/layout.ts';
import { featureTranslator, languageName, textDirection, type Locale } from '../../i18n/i18n.ts';
import { SEARCH_MESSAGES, type SearchMessageKey } from '../search-messages.ts';
import { MAX_QUERY_LENGTH, SEARCH_KINDS, SEARCH_LANGUAGES, type SearchFilters, type SearchResponse } from '../search.ts';

/** The bodies documents name, as stored (English) and as shown. */
const BODIES: Record<string, Record<Locale, string>> = {
  'General Assembly': { en: 'General Assembly', fr: 'Assemblée générale', es: 'Asamblea General', ru: 'Генеральная Ассамблея', ar: 'الجمعية العامة', zh: '大会' },
  'Economic and Social Council': {
    en: 'Economic and Social Council',
    fr: 'Conseil économique et social',
    es: 'Consejo Económico y Social',
    ru: 'Экономический и Социальный Совет',
    ar: 'المجلس الاقتصادي والاجتماعي',
    zh: '经济及社会理事会',
  },
  'Commission on Crime Prevention and Criminal Justice': {
    en: 'Commission on Crime Prevention and Criminal Justice',
    fr: 'Commission pour la prévention du crime et la justice pénale',
    es: 'Comisión de Prevención del Delito y Justicia Penal',
    ru: 'Комиссия по предупреждению преступности и уголовному правосудию',
    ar: 'لجنة منع الجريمة والعدالة الجنائية',
    zh: '预防犯罪和刑事司法委员会',
  },
};

/** A colon as each language writes it before a list ("Par langue : ", "按语言："). */
const COLON: Record<Locale, string> = { ar: ': ', en: ': ', es: ': ', fr: '\u00a0: ', ru: ': ', zh: '：' };

const STYLE = unsafeRaw(`<style>
form.search-form[role=search]{display:grid;grid-template-columns:minmax(0,1fr);gap:.5rem;margin-block:1rem}
.search-form .line{display:flex;flex-wrap:wrap;gap:.5rem}
.search-form input[type=search]{flex:1 1 16rem;width:auto;font:inherit;padding:.3rem}
.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.5rem 1rem}
.filters label{display:block;font-size:.9em}
.filters select,.filters input{font:inherit;max-width:100%}
.results{padding-inline-start:1.5rem}
.results li{margin-block:1rem}
.results h3{font-size:1rem;margin:0}
.results p{margin:.2rem 0}
.meta-line{font-size:.9em;color:#555}
mark{background:#ffe58a;color:#000}
.pager ul{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;padding:0}
@media (prefers-color-scheme:dark){.meta-line{color:#bbb}}
</style>`);

export interface SearchPageOptions {
  locale: Locale;
  /** the query as typed (already length-checked) */
  query: string;
  filters: SearchFilters;
  response: SearchResponse | null;
  /** a message about the request (a query too long...), shown instead of results */
  error: string | null;
}

export function searchPageUrl(locale: string, query: string, filters: Partial<SearchFilters>, page = 1): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (filters.language) params.set('lang', filters.language);
  for (const kind of filters.kinds ?? []) params.append('kind', kind);
  if (filters.symbol) params.set('symbol', filters.symbol);
  if (filters.instrument) params.set('instrument', filters.instrument);
  if (filters.cluster) params.set('cluster', filters.cluster);
  if (filters.category) params.set('category', filters.category);
  if (filters.body) params.set('body', filters.body);
  if (filters.yearFrom) params.set('from', String(filters.yearFrom));
  if (filters.yearTo) params.set('to', String(filters.yearTo));
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `/${locale}/search${search ? `?${search}` : ''}`;
}

export function renderSearchPage({ locale, query, filters, response, error }: SearchPageOptions): string {
  const t = featureTranslator(SEARCH_MESSAGES, locale);
  const title = query ? t('search.titleFor', { query }) : t('search.title');
  const number = new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale);
  const option = (value: string, label: string, selected: boolean, lang?: string) =>
    html`<option value="${value}"${selected ? unsafeRaw(' selected') : ''}${lang && lang !== locale ? html` lang="${lang}"` : ''}>${label}</option>`;

  const filtersOpen = Boolean(
    filters.language || filters.kinds.length || filters.symbol || filters.instrument || filters.cluster || filters.body || filters.yearFrom || filters.yearTo,
  );
  const form = html`<form class="search-form" role="search" aria-label="${t('search.label')}" method="get" action="/${locale}/search">
<label for="search-q">${t('search.label')}</label>
<div class="line">
<input type="search" id="search-q" name="q" value="${query}" maxlength="${MAX_QUERY_LENGTH}" aria-describedby="search-hint">
<button type="submit">${t('search.submit')}</button>
</div>
<p id="search-hint" class="meta-line">${t('search.hint')}</p>
<details${filtersOpen ? unsafeRaw(' open') : ''}>
<summary>${t('search.filters')}</summary>
<div class="filters">
<div><label for="search-lang">${t('search.language')}</label>
<select id="search-lang" name="lang">${option('', t('search.anyLanguage'), !filters.language)}${SEARCH_LANGUAGES.map((language) =>
    option(language, languageName(language, locale), filters.language === language),
  )}</select></div>
<div><label for="search-kind">${t('search.kind')}</label>
<select id="search-kind" name="kind">${option('', t('search.anyKind'), filters.kinds.length === 0)}${SEARCH_KINDS.map((kind) =>
    option(kind, t(`kind.${kind}` as SearchMessageKey), filters.kinds.includes(kind)),
  )}</select></div>
<div><label for="search-instrument">${t('search.instrument')}</label>
<select id="search-instrument" name="instrument">${option('', t('search.anyInstrument'), !filters.instrument)}${listInstruments().map((instrument) =>
    option(instrument.id, instrument.shortNames[0] ?? instrument.name, filters.instrument === instrument.id, 'en'),
  )}</select></div>
<div><label for="search-cluster">${t('search.cluster')}</label>
<select id="search-cluster" name="cluster">${option('', t('search.anyCluster'), !filters.cluster)}${listClusters().map((cluster) =>
    option(cluster.id, cluster.label, filters.cluster === cluster.id, 'en'),
  )}</select></div>
<div><label for="search-body">${t('search.body')}</label>
<select id="search-body" name="body">${option('', t('search.anyBody'), !filters.body)}${Object.entries(BODIES).map(([value, labels]) =>
    option(value, labels[locale], filters.body === value),
  )}</select></div>
<div><label for="search-symbol">${t('search.symbol')}</label>
<input id="search-symbol" name="symbol" value="${filters.symbol ?? ''}" maxlength="200"></div>
<div><label for="search-from">${t('search.yearFrom')}</label>
<input id="search-from" name="from" type="number" min="1900" max="2100" value="${filters.yearFrom ?? ''}"></div>
<div><label for="search-to">${t('search.yearTo')}</label>
<input id="search-to" name="to" type="number" min="1900" max="2100" value="${filters.yearTo ?? ''}"></div>
</div>
</details>
</form>`;

  let results: SafeHtml | string = '';
  if (error) {
    results = html`<p role="alert">${error}</p>`;
  } else if (response) {
    const notices: SafeHtml[] = [];
    if (response.loose) notices.push(html`<p>${t('search.loose', { query: response.query })}</p>`);
    if (response.correctedFrom && response.suggestion) {
      notices.push(html`<p>${t('search.showingFor', { query: response.correctedFrom, suggestion: response.suggestion })}</p>`);
    } else if (response.suggestion) {
      notices.push(
        html`<p>${t('search.didYouMean', { suggestion: '\u0000' }).split('\u0000').map((part, i) =>
          i === 0 ? part : html`<a href="${searchPageUrl(locale, response.suggestion!, filters)}">${response.suggestion}</a>${part}`,
        )}</p>`,
      );
    }
    const count =
      response.total === 0
        ? t('search.none')
        : response.totalExact
          ? t('search.count', { count: number.format(response.total) })
          : t('search.countMore', { count: number.format(response.total) });
    const beyond = response.total > 0 && response.results.length === 0;
    // Where the results are, by language: one link each narrows the search to that language.
    const languageCounts = Object.entries(response.facets.languages).sort(([a], [b]) => a.localeCompare(b));
    const facets =
      !filters.language && languageCounts.length > 1
        ? html`<nav aria-label="${t('search.byLanguage')}"><p>${t('search.byLanguage')}${COLON[locale]}${languageCounts.map(([language, n], i) =>
            // counts of the first MAX_COUNTED only would mislead: past it, the links alone
            html`${i > 0 ? ' · ' : ''}<a href="${searchPageUrl(locale, response.correctedFrom ? response.suggestion ?? query : query, { ...filters, language })}">${languageName(language, locale)}</a>${
              response.totalExact ? ` (${number.format(n)})` : ''
            }`,
          )}</p></nav>`
        : '';
    const items = response.results.map((result) => {
      const kind = t(`kind.${result.kind}` as SearchMessageKey) || result.kind;
      const label = [kind, result.num, result.heading && result.kind !== 'attachment' ? result.heading : null].filter(Boolean).join(' ');
      return html`<li>
<h3><a href="${result.url}">${result.symbol} · ${label}</a></h3>
<p lang="${result.language}" dir="${textDirection(result.language)}">${unsafeRaw(result.snippetHtml)}</p>
<p class="meta-line">${result.documentTitle ? html`<span lang="${result.language}" dir="${textDirection(result.language)}">${result.documentTitle}</span> · ` : ''}${t('search.in')} ${languageName(result.language, locale)}${result.adopted ? ` · ${result.adopted}` : ''}</p>
</li>`;
    });
    const page = response.page;
    const pager =
      response.pages > 1
        ? html`<nav class="pager" aria-label="${t('search.pages')}"><ul>
${page > 1 ? html`<li><a rel="prev" href="${searchPageUrl(locale, query, filters, Math.min(page - 1, response.pages))}">${t('search.previous')}</a></li>` : ''}
<li>${t('search.pageOf', { page: number.format(page), pages: number.format(response.pages) })}</li>
${page < response.pages ? html`<li><a rel="next" href="${searchPageUrl(locale, query, filters, page + 1)}">${t('search.next')}</a></li>` : ''}
</ul></nav>`
        : '';
    results = html`${notices}
<p role="status">${count}</p>
${response.totalExact ? '' : html`<p>${t('search.countMoreHint', { count: number.format(response.total) })}</p>`}
${facets}
${beyond ? html`<p><a href="${searchPageUrl(locale, query, filters, response.pages)}">${t('search.beyondLast', { pages: number.format(response.pages) })}</a></p>` : ''}
${items.length ? html`<h2>${t('search.results')}</h2>
<ol class="results" start="${(page - 1) * response.pageSize + 1}">${items}</ol>` : ''}
${pager}`;
  }

  const body = html`${STYLE}<h1>${t('search.title')}</h1>
${form}
${results}`;
  return renderPage({ locale, title, body, localePath: (other) => searchPageUrl(other, query, filters), searchQuery: query });
}
