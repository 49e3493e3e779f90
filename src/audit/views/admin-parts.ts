// Pieces the administrators' pages share (the outbox and the audit log): the links between
// them, the error summary of a filter form, the pager and times in UTC.

import { html, type SafeHtml } from '../../http/html.ts';
import { featureTranslator, type Locale } from '../../i18n/i18n.ts';
import { MAIL_MESSAGES } from '../../mail/mail-messages.ts';

export const ADMIN_STYLE = `.admin-nav ul,.pager ul{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1rem;padding:0}
.filter-form{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.5rem 1rem;align-items:end;margin-block:1rem}
.filter-form label{display:block;font-size:.9em}
.filter-form input,.filter-form select{font:inherit;max-width:100%;box-sizing:border-box;width:100%}
.filter-form .hint{display:block;font-size:.8em;color:var(--muted)}
.filter-form .buttons{display:flex;gap:.75rem;align-items:center}
.field-error{color:#b00020;font-weight:600;display:block}
[aria-invalid=true]{border:2px solid #b00020}
.error-summary{border:3px solid #b00020;padding:.5rem 1rem;margin-block:1rem}
.error-summary h2{margin:.25rem 0;font-size:1.1rem}
.table-wrap{overflow-x:auto}
pre.body{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--line);padding:.75rem;max-width:100%}
table.changes{font-size:.9em}
table.changes td,table.changes th{padding:.15rem .3rem}
.ltr{direction:ltr;unicode-bidi:isolate}
@media (prefers-color-scheme:dark){.field-error{color:#ff8a80}[aria-invalid=true]{border-color:#ff8a80}.error-summary{border-color:#ff8a80}}`;

/** The administrators' sections, the current one marked. */
export function renderAdminNav(locale: Locale, current: 'outbox' | 'audit'): SafeHtml {
  const t = featureTranslator(MAIL_MESSAGES, locale);
  const link = (section: 'outbox' | 'audit', label: string) =>
    html`<li><a href="/${locale}/admin/${section}"${section === current ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<nav class="admin-nav" aria-label="${t('admin.nav')}"><ul>${link('outbox', t('admin.outbox'))}${link('audit', t('admin.audit'))}</ul></nav>`;
}

export interface FieldProblem {
  /** the id of the input it is about; '' for a problem of the address itself (?page=) */
  field: string;
  message: string;
}

/** The summary at the top of a form that was refused, each problem a link to its field. */
export function renderErrorSummary(locale: Locale, problems: FieldProblem[]): SafeHtml | '' {
  if (problems.length === 0) return '';
  const t = featureTranslator(MAIL_MESSAGES, locale);
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${t('form.problem')}</h2>
<ul>${problems.map((problem) => html`<li>${problem.field ? html`<a href="#${problem.field}">${problem.message}</a>` : problem.message}</li>`)}</ul>
</div>`;
}

/** One labelled input of a filter form, with its hint, and its problem when the form was refused. */
export function renderTextField({
  id,
  name,
  label,
  value,
  problems,
  hint,
  type = 'text',
  maxlength = 200,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  problems: FieldProblem[];
  hint?: string;
  type?: string;
  maxlength?: number;
}): SafeHtml {
  const problem = problems.find((candidate) => candidate.field === id);
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ');
  return html`<div><label for="${id}">${label}</label>${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}${
    problem ? html`<span class="field-error" id="${id}-error">${problem.message}</span>` : ''
  }
<input id="${id}" name="${name}" type="${type}" value="${value}" maxlength="${maxlength}"${problem ? html` aria-invalid="true"` : ''}${
    describedBy ? html` aria-describedby="${describedBy}"` : ''
  }></div>`;
}

export function renderPager(locale: Locale, { page, pages, url }: { page: number; pages: number; url: (page: number) => string }): SafeHtml | '' {
  if (pages <= 1 && page <= 1) return '';
  const t = featureTranslator(MAIL_MESSAGES, locale);
  const number = numberFormat(locale);
  return html`<nav class="pager" aria-label="${t('pager.label')}"><ul>
${page > 1 ? html`<li><a rel="prev" href="${url(Math.min(page - 1, pages))}">${t('pager.previous')}</a></li>` : ''}
<li>${t('pager.pageOf', { page: number.format(page), pages: number.format(pages) })}</li>
${page < pages ? html`<li><a rel="next" href="${url(page + 1)}">${t('pager.next')}</a></li>` : ''}
</ul></nav>`;
}

export function numberFormat(locale: Locale): Intl.NumberFormat {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale);
}

/** A moment in UTC, written the locale's way, in a <time> element a program can read. */
export function renderTimestamp(iso: string, locale: Locale): SafeHtml {
  const tag = locale === 'ar' ? 'ar-u-nu-latn' : locale === 'en' ? 'en-GB' : locale;
  const text = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
  return html`<time datetime="${iso}">${text}</time>`;
}

/** A query string of the non-empty values, for links that keep the filters. */
export function queryString(values: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
