// The audit log page: a GET filter form (works without JavaScript, keeps what was typed when a
// value is refused), the entries newest first, and each entry's before and after as a table
// of the fields that changed.

import { ROLES } from '../../http/access.ts';
import { html, unsafeRaw, type SafeHtml } from '../../http/html.ts';
import { renderPage } from '../../http/layout.ts';
import { featureTranslator, type Locale } from '../../i18n/i18n.ts';
import { diffFields, type FieldChange } from '../audit-logic.ts';
import { AUDIT_MESSAGES, type AuditMessageKey } from '../audit-messages.ts';
import type { AuditRecord } from '../audit.ts';
import type { AuditPage } from '../audit-service.ts';
import { ADMIN_STYLE, numberFormat, queryString, renderAdminNav, renderErrorSummary, renderPager, renderTextField, renderTimestamp, type FieldProblem } from './admin-parts.ts';

/** The form's values as typed (strings), shown again whatever their validity. */
export interface AuditFormValues {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  state: string;
  from: string;
  to: string;
}

export const AUDIT_FORM_FIELDS: Array<keyof AuditFormValues> = ['actor', 'action', 'entityType', 'entityId', 'state', 'from', 'to'];

export interface AuditPageOptions {
  locale: Locale;
  values: AuditFormValues;
  /** null when the filters were refused */
  result: AuditPage | null;
  problems: FieldProblem[];
}

const STYLE = unsafeRaw(`<style>${ADMIN_STYLE}</style>`);

export function auditPageUrl(locale: string, values: Partial<AuditFormValues>, page = 1): string {
  return `/${locale}/admin/audit${queryString({ ...values, page: page > 1 ? page : null })}`;
}

export function renderAuditPage({ locale, values, result, problems }: AuditPageOptions): string {
  const t = featureTranslator(AUDIT_MESSAGES, locale);
  const number = numberFormat(locale);
  const input = (name: keyof AuditFormValues, label: string, options: { type?: string; hint?: string; maxlength?: number } = {}) =>
    renderTextField({ id: `audit-${name}`, name, label, value: values[name], problems, ...options });

  const form = html`<form class="filter-form" method="get" action="/${locale}/admin/audit" aria-label="${t('audit.filters')}">
${input('actor', t('audit.actor'), { hint: t('audit.actorHint') })}
${input('action', t('audit.action'), { hint: t('audit.actionHint') })}
${input('entityType', t('audit.entityType'))}
${input('entityId', t('audit.entityId'))}
${input('state', t('audit.state'), { hint: t('audit.stateHint'), maxlength: 3 })}
${input('from', t('audit.from'), { type: 'date', maxlength: 10 })}
${input('to', t('audit.to'), { type: 'date', maxlength: 10 })}
<div class="buttons"><button type="submit">${t('audit.apply')}</button> <a href="/${locale}/admin/audit">${t('audit.clear')}</a></div>
</form>`;

  let entries: SafeHtml | string = '';
  if (result) {
    entries =
      result.entries.length === 0
        ? html`<p>${t('audit.none')}</p>`
        : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('audit.when')}</th><th scope="col">${t('audit.who')}</th><th scope="col">${t('audit.what')}</th><th scope="col">${t('audit.entity')}</th><th scope="col">${t('audit.state')}</th><th scope="col">${t('audit.changes')}</th></tr></thead>
<tbody>${result.entries.map((entry) => renderEntry(entry, locale))}</tbody>
</table></div>`;
  }

  const body = html`${STYLE}
${renderAdminNav(locale, 'audit')}
<h1>${t('audit.title')}</h1>
<p>${t('audit.intro')}</p>
${renderErrorSummary(locale, problems)}
${form}
${result ? html`<h2>${t('audit.count', { count: number.format(result.total) })}</h2>` : ''}
${entries}
${result ? renderPager(locale, { page: result.page, pages: result.pages, url: (page) => auditPageUrl(locale, values, page) }) : ''}`;

  return renderPage({
    locale,
    title: t('audit.title'),
    body,
    localePath: (other) => auditPageUrl(other, values, result?.page ?? 1),
  });
}

function renderEntry(entry: AuditRecord, locale: Locale): SafeHtml {
  const t = featureTranslator(AUDIT_MESSAGES, locale);
  return html`<tr>
<td>${renderTimestamp(entry.at, locale)}</td>
<td><span class="ltr">${entry.actor.label}</span>${entry.actor.role ? html`<br><small>${roleLabel(entry.actor.role, locale)}</small>` : ''}${entry.ip ? html`<br><small>${t('audit.ip')}: <span class="ltr">${entry.ip}</span></small>` : ''}</td>
<td><code>${entry.action}</code></td>
<td>${entry.entityType}<br><span class="ltr">${entry.entityId}</span></td>
<td>${entry.stateCode ?? ''}</td>
<td>${renderChanges(diffFields(entry.before, entry.after), locale)}</td>
</tr>`;
}

/** A role named in the reader's language; a role this version does not know, as recorded. */
function roleLabel(role: string, locale: Locale): string {
  return (ROLES as readonly string[]).includes(role) ? featureTranslator(AUDIT_MESSAGES, locale)(`role.${role}` as AuditMessageKey) : role;
}

function renderChanges(changes: FieldChange[], locale: Locale): SafeHtml {
  const t = featureTranslator(AUDIT_MESSAGES, locale);
  if (changes.length === 0) return html`<small>${t('audit.nothingRecorded')}</small>`;
  const shown = changes.filter((change) => change.change !== 'same');
  const unchanged = changes.length - shown.length;
  return html`${shown.length > 0
    ? html`<table class="changes"><thead><tr><th scope="col">${t('audit.field')}</th><th scope="col">${t('audit.before')}</th><th scope="col">${t('audit.after')}</th></tr></thead><tbody>${shown.map(
        (change) =>
          html`<tr><th scope="row"><code>${change.field || '–'}</code> <small>(${t(`change.${change.change as 'added' | 'removed' | 'changed'}`)})</small></th><td class="ltr">${change.before ?? ''}</td><td class="ltr">${change.after ?? ''}</td></tr>`,
      )}</tbody></table>`
    : ''}${unchanged > 0 ? html`<small>${t('audit.unchanged', { count: numberFormat(locale).format(unchanged) })}</small>` : ''}`;
}
