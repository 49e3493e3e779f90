// Two language versions of a document side by side: a table with one row per node id, each
// cell in its own language and direction (Arabic right to left inside a left-to-right page and
// the reverse), the footnotes of each version under the table, and a plain GET form to choose
// the two languages.

import type { Footnote, NoteRef } from '../../importer/document.ts';
import { escapeHtml, html, SafeHtml } from '../../http/html.ts';
import { renderPage } from '../../http/layout.ts';
import { featureTranslator, languageName, textDirection, type Locale } from '../../i18n/i18n.ts';
import type { AlignedCell, AlignedRow } from '../compare-logic.ts';
import { summariseAlignment } from '../compare-logic.ts';
import { COMPARE_MESSAGES, type CompareMessageKey } from '../compare-messages.ts';
import type { DocumentWithTree } from '../documents-store.ts';
import { documentPath } from './home-page.ts';

/** The side-by-side page of a document: `/{locale}/documents/{symbol}/compare?base=en&with=ar`. */
export function comparePath(locale: Locale, symbol: string, languages: { base?: string | null; with?: string | null } = {}): string {
  const query = [
    languages.base ? `base=${encodeURIComponent(languages.base)}` : null,
    languages.with ? `with=${encodeURIComponent(languages.with)}` : null,
  ].filter(Boolean);
  return `/${locale}/documents/${encodeURIComponent(symbol)}/compare${query.length ? `?${query.join('&')}` : ''}`;
}

/** Why the page shows no table; the route chooses the status (400 or 404, 200 for singleLanguage). */
export type CompareProblem =
  | { kind: 'unknownLanguage'; code: string }
  | { kind: 'missingVersion'; language: string }
  | { kind: 'sameLanguage'; language: string }
  | { kind: 'singleLanguage'; language: string };

export interface CompareView {
  locale: Locale;
  symbol: string;
  /** the languages the document exists in */
  languages: string[];
  /** what the form shows as chosen */
  base: string | null;
  other: string | null;
  comparison?: { baseDocument: DocumentWithTree; otherDocument: DocumentWithTree; rows: AlignedRow[] };
  problem?: CompareProblem;
}

type Side = 'base' | 'other';
type Translate = (key: CompareMessageKey, params?: Record<string, string | number>) => string;

/** marker -> anchor of the note's text in that side's list (the first note with that marker and a text) */
function noteAnchors(footnotes: Footnote[], side: Side): Map<string, string> {
  const anchors = new Map<string, string>();
  footnotes.forEach((footnote, index) => {
    if (footnote.text !== null && !anchors.has(footnote.marker)) anchors.set(footnote.marker, `${side}-note-${index + 1}`);
  });
  return anchors;
}

/** Text with its footnote markers back where they stood, linked to the note under the table. */
function textWithNotes(text: string, notes: NoteRef[], anchors: Map<string, string>): SafeHtml {
  const sorted = [...notes].sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  const plain = (slice: string) => escapeHtml(slice).replace(/\n/g, '<br>');
  for (const note of sorted) {
    const at = Math.min(Math.max(note.at, from), text.length);
    out += plain(text.slice(from, at));
    const anchor = anchors.get(note.marker);
    out += anchor ? `<sup><a href="#${escapeHtml(anchor)}">${escapeHtml(note.marker)}</a></sup>` : `<sup>${escapeHtml(note.marker)}</sup>`;
    from = at;
  }
  return new SafeHtml(out + plain(text.slice(from)));
}

function renderCell(cell: AlignedCell | null, language: string, anchors: Map<string, string>, missing: string): SafeHtml {
  // An empty cell speaks the page's language, so it carries no lang of its own.
  if (!cell) return html`<td><em>${missing}</em></td>`;
  const notesIn = (field: 'text' | 'heading') => cell.notes.filter((note) => (note.field ?? 'text') === field);
  const num = cell.num ? html`<span class="num">${cell.num}</span> ` : '';
  const heading = cell.heading ? html`<strong>${textWithNotes(cell.heading, notesIn('heading'), anchors)}</strong>${cell.text ? html`<br>` : ''}` : '';
  const text = cell.text ? textWithNotes(cell.text, notesIn('text'), anchors) : '';
  const indent = Math.min(cell.depth, 4);
  return html`<td lang="${language}" dir="${textDirection(language)}"><div${
    indent ? html` style="padding-inline-start:${indent}rem"` : ''
  }>${num}${heading}${text}</div></td>`;
}

function renderNotes(document: DocumentWithTree, side: Side, locale: Locale, t: Translate): SafeHtml | '' {
  if (document.footnotes.length === 0) return '';
  const anchors = noteAnchors(document.footnotes, side);
  const language = document.language;
  return html`<section aria-labelledby="${side}-notes-heading">
<h2 id="${side}-notes-heading">${t('compare.notesIn', { language: languageName(language, locale) })}</h2>
<dl class="notes" lang="${language}" dir="${textDirection(language)}">${document.footnotes.map((footnote, index) => {
    const id = anchors.get(footnote.marker) === `${side}-note-${index + 1}` ? `${side}-note-${index + 1}` : null;
    return html`<dt${id ? html` id="${id}"` : ''}>${footnote.marker}</dt><dd>${
      footnote.text ?? html`<em lang="${locale}" dir="${textDirection(locale)}">${t('compare.noteMissing')}</em>`
    }</dd>`;
  })}</dl>
</section>`;
}

function renderForm(view: CompareView, t: Translate): SafeHtml {
  const options = (chosen: string | null) =>
    view.languages.map((language) => html`<option value="${language}"${language === chosen ? ' selected' : ''}>${languageName(language, view.locale)}</option>`);
  return html`<form method="get" action="${comparePath(view.locale, view.symbol)}">
<fieldset><legend>${t('compare.form.legend')}</legend>
<label for="compare-base">${t('compare.form.base')}</label> <select id="compare-base" name="base">${options(view.base)}</select>
<label for="compare-with">${t('compare.form.with')}</label> <select id="compare-with" name="with">${options(view.other)}</select>
<button type="submit">${t('compare.form.submit')}</button>
</fieldset>
</form>`;
}

function problemMessages(view: CompareView, problem: CompareProblem, t: Translate) {
  const name = (language: string) => languageName(language, view.locale);
  const available = t('compare.available', { languages: view.languages.map(name).join(', ') });
  switch (problem.kind) {
    case 'unknownLanguage':
      return { title: t('compare.error.unknownLanguage.title'), text: `${t('compare.error.unknownLanguage.text', { code: problem.code })} ${available}` };
    case 'missingVersion':
      return {
        title: t('compare.error.missingVersion.title'),
        text: `${t('compare.error.missingVersion.text', { symbol: view.symbol, language: name(problem.language) })} ${available}`,
      };
    case 'sameLanguage':
      return { title: t('compare.error.sameLanguage.title'), text: t('compare.error.sameLanguage.text', { language: name(problem.language) }) };
    case 'singleLanguage':
      return { title: view.symbol, text: t('compare.singleLanguage', { symbol: view.symbol, language: name(problem.language) }) };
  }
}

export function renderComparePage(view: CompareView): string {
  const { locale, symbol } = view;
  const t = featureTranslator(COMPARE_MESSAGES, locale);
  const name = (language: string) => languageName(language, locale);
  const back = html`<p><a href="${documentPath(locale, symbol)}">${t('compare.backToDocument')}</a></p>`;
  const localePath = (other: Locale) => comparePath(other, symbol, { base: view.base, with: view.other });

  if (view.problem || !view.comparison) {
    const { title, text } = view.problem ? problemMessages(view, view.problem, t) : { title: symbol, text: '' };
    const body = html`${back}
<h1>${title}</h1>
<p role="alert">${text}</p>
${view.languages.length > 1 ? renderForm(view, t) : ''}`;
    return renderPage({ locale, title, body, localePath });
  }

  const { baseDocument, otherDocument, rows } = view.comparison;
  const base = baseDocument.language;
  const other = otherDocument.language;
  const anchors = { base: noteAnchors(baseDocument.footnotes, 'base'), other: noteAnchors(otherDocument.footnotes, 'other') };
  const summary = summariseAlignment(rows);
  const missing = t('compare.missingCell');
  const title = t('compare.title', { symbol, base: name(base), other: name(other) });

  const bodyRows = rows.map((row) => {
    const shownIn = row.base ? base : other;
    const flags = [
      !row.other ? html`<br><strong>${t('compare.onlyIn', { language: name(base) })}</strong>` : '',
      !row.base ? html`<br><strong>${t('compare.onlyIn', { language: name(other) })}</strong>` : '',
      row.numbersDiffer ? html`<br><strong>${t('compare.numbersDiffer')}</strong>` : '',
    ];
    return html`<tr${row.base && row.other ? '' : html` class="unaligned"`}><th scope="row"><a href="${documentPath(locale, symbol, shownIn)}#${row.id}" dir="ltr">${row.id}</a>${flags}</th>${renderCell(
      row.base,
      base,
      anchors.base,
      missing,
    )}${renderCell(row.other, other, anchors.other, missing)}</tr>
`;
  });
  const titleCell = (document: DocumentWithTree) =>
    document.title ? html`<td lang="${document.language}" dir="${textDirection(document.language)}"><strong>${document.title}</strong></td>` : html`<td></td>`;

  const body = html`${back}
<h1>${title}</h1>
<p>${t('compare.intro')}</p>
${renderForm(view, t)}
<p>${t('compare.summary', { rows: summary.rows, both: summary.both, baseOnly: summary.baseOnly, otherOnly: summary.otherOnly, base: name(base), other: name(other) })}</p>
<table class="compare" style="table-layout:fixed">
<caption class="vh">${t('compare.tableCaption', { symbol, base: name(base), other: name(other) })}</caption>
<colgroup><col style="width:8rem"><col><col></colgroup>
<thead><tr><th scope="col">${t('compare.column.reference')}</th><th scope="col">${name(base)}</th><th scope="col">${name(other)}</th></tr></thead>
<tbody>
<tr><th scope="row">${t('compare.row.title')}</th>${titleCell(baseDocument)}${titleCell(otherDocument)}</tr>
${bodyRows}</tbody>
</table>
${renderNotes(baseDocument, 'base', locale, t)}
${renderNotes(otherDocument, 'other', locale, t)}`;
  return renderPage({ locale, title, body, localePath });
}
