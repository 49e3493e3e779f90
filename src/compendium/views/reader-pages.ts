// Pages of the compendium: the catalogue, the categories and clusters, an instrument's reader
// and one provision's permalink page.

import { html, type SafeHtml } from '../../http/html.ts';
import { renderPage } from '../../http/layout.ts';
import { featureTranslator, languageName, textDirection, translatorFor, type Locale } from '../../i18n/i18n.ts';
import type { DocumentNode } from '../../importer/document.ts';
import { findInstrument, listCategories, listClusters, type Category, type Cluster, type Instrument } from '../catalogue.ts';
import { READER_MESSAGES } from '../reader-messages.ts';
import type { CatalogueEntry, CrossReferenceIn, InstrumentReading, ProvisionReading } from '../reader-service.ts';
import { undocsUrl } from '../reader-logic.ts';
import { citationHref, documentHref, READER_STYLE, renderNode, tableOfContents, type TextRenderOptions } from './text-render.ts';

type T = ReturnType<typeof featureTranslator<keyof (typeof READER_MESSAGES)['en']>>;

/** English catalogue text on a page in another language is marked as English. */
function english(text: string, locale: Locale): SafeHtml {
  return locale === 'en' ? html`${text}` : html`<span lang="en" dir="ltr">${text}</span>`;
}

export function instrumentPath(locale: Locale, id: string, provision?: string, query?: string): string {
  return `/${locale}/instruments/${encodeURIComponent(id)}${provision ? `/${provision.split('/').map(encodeURIComponent).join('/')}` : ''}${query ?? ''}`;
}

function instrumentLabel(instrument: Instrument): string {
  return instrument.shortNames[0] ?? instrument.name;
}

function actLink(symbol: string, locale: Locale, imported: Set<string>): SafeHtml {
  if (imported.has(symbol)) return html`<a href="${documentHref(locale, symbol)}">${symbol}</a>`;
  const external = undocsUrl(symbol);
  return external ? html`<a href="${external}" rel="external">${symbol}</a>` : html`${symbol}`;
}

export function renderCataloguePage({
  locale,
  entries,
  category,
  importedSymbols,
}: {
  locale: Locale;
  entries: CatalogueEntry[];
  category: Category | null;
  importedSymbols: Set<string>;
}): string {
  const t = featureTranslator(READER_MESSAGES, locale);
  const categories = listCategories().filter((candidate) => !category || candidate.id === category.id);
  const groups = categories.map((group) => {
    const rows = entries.filter((entry) => entry.instrument.category === group.id);
    return html`<section aria-labelledby="cat-${group.id}"><h2 id="cat-${group.id}">(${group.letter}) ${english(group.label, locale)}</h2>
<table><thead><tr><th scope="col">${t('catalogue.name')}</th><th scope="col">${t('catalogue.adoptedBy')}</th><th scope="col">${t('catalogue.year')}</th><th scope="col">${t('catalogue.supersededBy')}</th><th scope="col">${t('catalogue.text')}</th></tr></thead>
<tbody>${rows.map(({ instrument, languages }) => {
      const successor = instrument.supersededBy ? findInstrument(instrument.supersededBy) : undefined;
      const acts = instrument.adoptions.map((adoption) => adoption.symbol).filter((symbol): symbol is string => !!symbol);
      return html`<tr><td><a href="${instrumentPath(locale, instrument.id)}">${english(instrument.name, locale)}</a></td>
<td>${acts.map((symbol, index) => html`${index ? ', ' : ''}${actLink(symbol, locale, importedSymbols)}`)}</td>
<td>${instrument.year ?? ''}</td>
<td>${successor ? html`<a href="${instrumentPath(locale, successor.id)}">${english(instrumentLabel(successor), locale)}</a>` : ''}</td>
<td>${languages.length ? html`${t('catalogue.textAvailable')} (${languages.join(', ')})` : t('catalogue.textMissing')}</td></tr>`;
    })}</tbody></table></section>`;
  });
  const filter = html`<form method="get" action="/${locale}/instruments"><label for="category">${t('catalogue.filter')}</label>
<select id="category" name="category"><option value="">${t('catalogue.all')}</option>${listCategories().map(
    (option) => html`<option value="${option.id}"${category?.id === option.id ? ' selected' : ''}>(${option.letter}) ${option.label}</option>`,
  )}</select> <button type="submit">${t('instrument.show')}</button></form>`;
  const body = html`<h1>${t('catalogue.title')}</h1><p>${t('catalogue.intro')}</p>${filter}${groups}`;
  return renderPage({ locale, title: t('catalogue.title'), body, localePath: (other) => `/${other}/instruments${category ? `?category=${category.id}` : ''}` });
}

function instrumentList(locale: Locale, entries: CatalogueEntry[]): SafeHtml {
  return html`<ul>${entries.map(
    ({ instrument, languages }) =>
      html`<li><a href="${instrumentPath(locale, instrument.id)}">${english(instrument.name, locale)}</a>${languages.length ? ` (${languages.join(', ')})` : ''}</li>`,
  )}</ul>`;
}

export function renderClustersPage({ locale, entries }: { locale: Locale; entries: CatalogueEntry[] }): string {
  const t = featureTranslator(READER_MESSAGES, locale);
  const body = html`<h1>${t('clusters.title')}</h1>
<h2>${t('clusters.categories')}</h2><p>${t('clusters.categoriesIntro')}</p>
<ol type="a">${listCategories().map(
    (category) =>
      html`<li><a href="/${locale}/instruments?category=${category.id}">${english(category.label, locale)}</a>: <q>${english(category.text, locale)}</q> (${
        entries.filter((entry) => entry.instrument.category === category.id).length
      })</li>`,
  )}</ol>
<h2>${t('clusters.clusters')}</h2><p>${t('clusters.clustersIntro')}</p>
<ol type="a">${listClusters().map(
    (cluster) =>
      html`<li><a href="/${locale}/clusters/${cluster.id}">${english(cluster.label, locale)}</a>: <q>${english(cluster.text, locale)}</q> (${
        entries.filter((entry) => entry.instrument.clusters.includes(cluster.id)).length
      })</li>`,
  )}</ol>`;
  return renderPage({ locale, title: t('clusters.title'), body, localePath: (other) => `/${other}/clusters` });
}

export function renderClusterPage({ locale, cluster, entries }: { locale: Locale; cluster: Cluster; entries: CatalogueEntry[] }): string {
  const t = featureTranslator(READER_MESSAGES, locale);
  const members = entries.filter((entry) => entry.instrument.clusters.includes(cluster.id));
  const body = html`<p><a href="/${locale}/clusters">${t('clusters.title')}</a></p>
<h1>(${cluster.letter}) ${english(cluster.label, locale)}</h1>
<h2>${t('clusters.officialText')}</h2><blockquote${locale === 'en' ? '' : html` lang="en" dir="ltr"`}><p>${cluster.text}</p><footer>E/RES/2003/30, annex, para. 8 (${cluster.letter})</footer></blockquote>
<h2>${t('clusters.instruments')}</h2>${instrumentList(locale, members)}`;
  return renderPage({ locale, title: cluster.label, body, localePath: (other) => `/${other}/clusters/${cluster.id}` });
}

function textLabel(summary: { symbol: string; language: string }, locale: Locale): string {
  return `${summary.symbol} (${languageName(summary.language, locale)})`;
}

function incomingLink(ref: CrossReferenceIn, locale: Locale, t: T): SafeHtml {
  const href = ref.sourceInstrumentId
    ? instrumentPath(locale, ref.sourceInstrumentId, ref.sourcePath ?? undefined)
    : `/${locale}/documents/${encodeURIComponent(ref.symbol)}/${ref.nodeId.split('/').map(encodeURIComponent).join('/')}`;
  const source = ref.sourceInstrumentId ? findInstrument(ref.sourceInstrumentId) : undefined;
  const name = source ? instrumentLabel(source) : null;
  const label = !name
    ? ref.symbol
    : ref.sourceRange
      ? // a group of rules: "Bangkok Rules 6–18"
        ref.sourceRange[0] === ref.sourceRange[1]
        ? `${name.replace(/ Rules$/, ' Rule')} ${ref.sourceRange[0]}`
        : `${name} ${ref.sourceRange[0]}–${ref.sourceRange[1]}`
      : ref.sourceNum
        ? // "Supplemented by Bangkok Rules Rule 5" reads badly: the number keeps its own word.
          `${name.replace(/ Rules$/, '')} ${ref.sourceNum}`
        : ref.sourceTitle
          ? `${name}, ${ref.sourceTitle}`
          : name;
  const key = ref.relation === 'supplements' ? 'instrument.relation.supplements' : 'instrument.relation.other';
  return html`<a href="${href}">${t(key, { source: label })}</a>`;
}

function textOptions(locale: Locale, reading: InstrumentReading, t: T, explanations = true): TextRenderOptions {
  const text = reading.text!;
  const instrumentId = reading.instrument.id;
  const incomingBy = new Map<string, CrossReferenceIn[]>();
  for (const ref of reading.incoming) incomingBy.set(ref.provision, [...(incomingBy.get(ref.provision) ?? []), ref]);
  const pathOf = (node: DocumentNode) => {
    const full = node.id.startsWith(text.attachment.id + '/') ? node.id.slice(text.attachment.id.length + 1) : null;
    return full;
  };
  return {
    locale,
    language: text.summary.language,
    footnotes: text.footnotes,
    importedSymbols: reading.importedSymbols,
    anchorOf: (node) => {
      const full = pathOf(node);
      return full ? (text.index.canonical.get(full) ?? full) : node.id;
    },
    permalinkOf: (node) => {
      const full = pathOf(node);
      return full && node.kind !== 'heading' ? instrumentPath(locale, instrumentId, text.index.canonical.get(full) ?? full) : null;
    },
    permalinkLabel: t('instrument.permalink'),
    notesLabel: t('instrument.notes'),
    backLabel: t('instrument.backToText'),
    explanationLabel: explanations ? t('instrument.explanation') : undefined,
    explanationOf: (node) => {
      const full = pathOf(node);
      return full ? (reading.explanations.get(full) ?? null) : null;
    },
    extraOf: (node) => {
      const full = pathOf(node);
      const short = full ? (text.index.canonical.get(full) ?? full) : null;
      const refs = short ? incomingBy.get(short) : undefined;
      return refs?.length ? html`<ul class="xin">${refs.map((ref) => html`<li>${incomingLink(ref, locale, t)}</li>`)}</ul>` : null;
    },
  };
}

function metadata(locale: Locale, instrument: Instrument, reading: InstrumentReading, t: T): SafeHtml {
  const successor = instrument.supersededBy ? findInstrument(instrument.supersededBy) : undefined;
  const clusters = listClusters().filter((cluster) => instrument.clusters.includes(cluster.id));
  const category = listCategories().find((candidate) => candidate.id === instrument.category);
  return html`<dl class="meta">
<dt>${t('instrument.body')}</dt><dd>${english(instrument.body, locale)}${instrument.year ? `, ${instrument.year}` : ''}</dd>
<dt>${t('catalogue.adoptedBy')}</dt><dd>${instrument.adoptions
    .filter((adoption) => adoption.symbol)
    .map((adoption, index) => html`${index ? ', ' : ''}${actLink(adoption.symbol!, locale, reading.importedSymbols)}${adoption.part ? ` (${adoption.part})` : ''}`)}</dd>
${successor ? html`<dt>${t('catalogue.supersededBy')}</dt><dd><a href="${instrumentPath(locale, successor.id)}">${english(successor.name, locale)}</a></dd>` : ''}
${category ? html`<dt>${t('catalogue.category')}</dt><dd><a href="/${locale}/instruments?category=${category.id}">(${category.letter}) ${english(category.label, locale)}</a></dd>` : ''}
<dt>${t('instrument.clusters')}</dt><dd>${clusters.map((cluster, index) => html`${index ? ', ' : ''}<a href="/${locale}/clusters/${cluster.id}">${english(cluster.label, locale)}</a>`)}</dd>
</dl>`;
}

function versionChooser(locale: Locale, reading: InstrumentReading, t: T): SafeHtml | null {
  if (reading.texts.length < 2 || !reading.text) return null;
  const current = reading.text.summary;
  const sameLanguage = reading.texts.filter((text) => text.language === current.language && text.documentId !== current.documentId);
  return html`<form method="get" action="${instrumentPath(locale, reading.instrument.id)}" class="versions">
<fieldset><legend>${t('instrument.versions')}</legend>
<label for="text-from">${t('instrument.versionChooser')}</label>
<select id="text-from" name="from">${[...new Map(reading.texts.map((text) => [text.symbol, text])).values()].map(
    (text) => html`<option value="${text.symbol}"${text.symbol === current.symbol ? ' selected' : ''}>${text.symbol}</option>`,
  )}</select>
<label for="text-lang">${translatorFor(locale)('nav.languages')}</label>
<select id="text-lang" name="lang">${[...new Set(reading.texts.map((text) => text.language))].map(
    (language) => html`<option value="${language}"${language === current.language ? ' selected' : ''}>${languageName(language, locale)}</option>`,
  )}</select>
${
  sameLanguage.length
    ? html`<label for="text-compare">${t('instrument.compareWith')}</label>
<select id="text-compare" name="compare"><option value="">${t('instrument.noCompare')}</option>${sameLanguage.map(
        (text) => html`<option value="${text.symbol}"${reading.comparison?.from.symbol === text.symbol ? ' selected' : ''}>${text.symbol}</option>`,
      )}</select>`
    : ''
}
<button type="submit">${t('instrument.show')}</button></fieldset></form>`;
}

function comparisonSection(locale: Locale, reading: InstrumentReading, t: T): SafeHtml | null {
  const comparison = reading.comparison;
  if (!comparison) return null;
  const changed = comparison.parts.some((part) => part.kind !== 'same');
  const from = comparison.from.symbol;
  const to = comparison.to.symbol;
  return html`<section aria-labelledby="diff-heading"><h2 id="diff-heading">${t('instrument.differences', { from, to })}</h2>
<p>${t('instrument.differencesIntro', { from, to })}</p>
${
  changed
    ? html`<div class="diff" lang="${comparison.to.language}" dir="${textDirection(comparison.to.language)}">${comparison.parts.map((part) =>
        part.kind === 'same'
          ? html`${part.text}`
          : part.kind === 'added'
            ? html`<ins><span class="vh">[${t('instrument.added')}: </span>${part.text}<span class="vh">]</span></ins>`
            : html`<del><span class="vh">[${t('instrument.removed')}: </span>${part.text}<span class="vh">]</span></del>`,
      )}</div>`
    : html`<p>${t('instrument.noDifferences')}</p>`
}</section>`;
}

function incomingSection(locale: Locale, reading: InstrumentReading, t: T): SafeHtml | null {
  if (reading.incoming.length === 0) return null;
  const byProvision = new Map<string, CrossReferenceIn[]>();
  for (const ref of reading.incoming) byProvision.set(ref.provision, [...(byProvision.get(ref.provision) ?? []), ref]);
  const ordered = [...byProvision.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  return html`<section aria-labelledby="incoming-heading"><h2 id="incoming-heading">${t('instrument.incoming')}</h2>
<dl class="incoming">${ordered.map(
    ([provision, refs]) =>
      html`<dt id="${reading.text ? `in-${provision}` : provision}">${provision.replace(/-/g, ' ')}</dt>${refs.map((ref) => html`<dd>${incomingLink(ref, locale, t)}</dd>`)}`,
  )}</dl></section>`;
}

export function renderInstrumentPage({ locale, reading, query }: { locale: Locale; reading: InstrumentReading; query: string }): string {
  const t = featureTranslator(READER_MESSAGES, locale);
  const { instrument, text } = reading;
  let content: SafeHtml;
  if (text) {
    const options = textOptions(locale, reading, t);
    const language = text.summary.language;
    const toc = tableOfContents(text.attachment.children, (node) => `#${options.anchorOf(node)}`);
    content = html`${language !== locale && language !== 'en' ? '' : ''}${
      language !== locale ? html`<p role="note">${t('instrument.shownIn', { language: languageName(language, locale) })}</p>` : ''
    }
${versionChooser(locale, reading, t)}
${comparisonSection(locale, reading, t)}
${toc ? html`<nav aria-labelledby="toc-heading"><h2 id="toc-heading">${t('instrument.contents')}</h2>${toc}</nav>` : ''}
<article lang="${language}" dir="${textDirection(language)}">
<p><a href="${documentHref(locale, text.summary.symbol, language)}">${text.summary.symbol}</a>, ${text.attachment.num ?? ''}</p>
${text.attachment.heading ? html`<h2>${text.attachment.heading}</h2>` : ''}
${text.attachment.children.map((child) => renderNode(child, 3, options))}
</article>`;
  } else {
    content = html`<p>${t('instrument.noText')}</p>`;
  }
  const body = html`${READER_STYLE}<p><a href="/${locale}/instruments">${t('catalogue.title')}</a></p>
<h1>${english(instrument.name, locale)}</h1>
<h2 class="vh">${t('instrument.metadata')}</h2>
${metadata(locale, instrument, reading, t)}
${incomingSection(locale, reading, t)}
${content}`;
  return renderPage({ locale, title: instrumentLabel(instrument), body, localePath: (other) => instrumentPath(other, instrument.id, undefined, query) });
}

export function renderProvisionPage({ locale, reading }: { locale: Locale; reading: ProvisionReading }): string {
  const t = featureTranslator(READER_MESSAGES, locale);
  const { instrument, node } = reading;
  const text = reading.text!;
  const options = textOptions(locale, reading, t);
  const language = text.summary.language;
  // An unnumbered paragraph (a recital) is named by its first words.
  const label = (entry: DocumentNode) =>
    [entry.num, entry.heading].filter(Boolean).join(' ') ||
    (entry.text ? entry.text.split(/\s+/).slice(0, 6).join(' ') + (entry.text.split(/\s+/).length > 6 ? ' …' : '') : entry.id.split('/').pop()!);
  const query = reading.text && !reading.text.summary.isPrimary ? `?from=${encodeURIComponent(text.summary.symbol)}&lang=${language}` : '';
  const crumbs = html`<nav aria-label="breadcrumb"><ol class="crumbs">
<li><a href="/${locale}/instruments">${t('catalogue.title')}</a></li>
<li><a href="${instrumentPath(locale, instrument.id)}">${english(instrumentLabel(instrument), locale)}</a></li>
${reading.ancestors.map((entry) => html`<li><a href="${instrumentPath(locale, instrument.id, entry.canonical)}" lang="${language}" dir="${textDirection(language)}">${label(entry.node)}</a></li>`)}
<li><span aria-current="page" lang="${language}" dir="${textDirection(language)}">${label(node)}</span></li></ol></nav>`;
  const steps = html`<nav aria-label="${t('provision.previous')} / ${t('provision.next')}"><ul class="steps">
${reading.previous ? html`<li><a rel="prev" href="${instrumentPath(locale, instrument.id, reading.previous.canonical, query)}">${t('provision.previous')}: <span lang="${language}" dir="${textDirection(language)}">${label(reading.previous.node)}</span></a></li>` : ''}
<li><a href="${instrumentPath(locale, instrument.id)}#${reading.canonical}">${t('provision.inInstrument')}</a></li>
${reading.next ? html`<li><a rel="next" href="${instrumentPath(locale, instrument.id, reading.next.canonical, query)}">${t('provision.next')}: <span lang="${language}" dir="${textDirection(language)}">${label(reading.next.node)}</span></a></li>` : ''}
</ul></nav>`;
  // The documents the provision cites (in its text, its points and its notes), each once.
  const cited = new Map<string, string | null>();
  const visit = (entry: DocumentNode) => {
    for (const ref of entry.refs ?? []) if (ref.kind === 'citation' && ref.symbol && !cited.has(ref.symbol)) cited.set(ref.symbol, citationHref(locale, ref.symbol, reading.importedSymbols));
    for (const marker of entry.notes ?? []) {
      const footnote = text.footnotes.find((candidate) => candidate.marker === marker.marker);
      for (const ref of footnote?.refs ?? []) if (ref.kind === 'citation' && ref.symbol && !cited.has(ref.symbol)) cited.set(ref.symbol, citationHref(locale, ref.symbol, reading.importedSymbols));
    }
    entry.children.forEach(visit);
  };
  visit(node);
  const citations = cited.size
    ? html`<section aria-labelledby="cited-heading"><h2 id="cited-heading">${t('instrument.citations')}</h2><ul>${[...cited].map(
        ([symbol, href]) => html`<li>${href ? html`<a href="${href}"${href.startsWith('https://') ? html` rel="external"` : ''}>${symbol}</a>` : symbol}</li>`,
      )}</ul></section>`
    : null;
  const body = html`${READER_STYLE}${crumbs}
<h1>${english(instrumentLabel(instrument), locale)}: <span lang="${language}" dir="${textDirection(language)}">${label(node)}</span></h1>
${language !== locale ? html`<p role="note">${t('instrument.shownIn', { language: languageName(language, locale) })}</p>` : ''}
<article lang="${language}" dir="${textDirection(language)}">
${reading.notes.map((note) => renderNode(note, 2, options))}
${renderNode(node, 2, options)}
</article>
${citations}
<p>${t('provision.source')}: <a href="${documentHref(locale, text.summary.symbol, language)}">${text.summary.symbol}</a></p>
${steps}`;
  return renderPage({
    locale,
    title: `${instrumentLabel(instrument)} ${label(node)}`,
    body,
    localePath: (other) => instrumentPath(other, instrument.id, reading.canonical),
  });
}
