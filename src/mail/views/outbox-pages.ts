// The outbox pages (administrators): the list of messages with its filters, and one message
// with its headers and text. The HTML version is shown as escaped source, never as markup:
// a message's HTML is not the site's, and must not run or style anything in the page.

import { html, unsafeRaw, type SafeHtml } from '../../http/html.ts';
import { renderPage } from '../../http/layout.ts';
import { featureTranslator, isLocale, languageName, textDirection, type Locale } from '../../i18n/i18n.ts';
import {
  ADMIN_STYLE,
  numberFormat,
  queryString,
  renderAdminNav,
  renderErrorSummary,
  renderPager,
  renderTextField,
  renderTimestamp,
  type FieldProblem,
} from '../../audit/views/admin-parts.ts';
import { readHeaders } from '../mail-logic.ts';
import { MAIL_MESSAGES, type MailMessageKey } from '../mail-messages.ts';
import type { MailStatus, MailTransport, OutboxMessage } from '../mail.ts';
import type { OutboxPage } from '../mail-service.ts';

const STYLE = unsafeRaw(`<style>${ADMIN_STYLE}</style>`);

export interface OutboxFormValues {
  kind: string;
  to: string;
}

export function outboxPageUrl(locale: string, values: Partial<OutboxFormValues>, page = 1): string {
  return `/${locale}/admin/outbox${queryString({ kind: values.kind, to: values.to, page: page > 1 ? page : null })}`;
}

const statusKey = (status: MailStatus) => `status.${status}` as MailMessageKey;
const transportKey = (transport: MailTransport) => `transport.${transport}` as MailMessageKey;

/** A language code named in the reader's language, marked so that a screen reader reads the code right. */
function languageLabel(code: string, locale: Locale): string {
  return isLocale(code) ? languageName(code, locale) : code;
}

export function renderOutboxPage({
  locale,
  values,
  result,
  problems,
}: {
  locale: Locale;
  values: OutboxFormValues;
  /** null when the filters were refused */
  result: OutboxPage | null;
  problems: FieldProblem[];
}): string {
  const t = featureTranslator(MAIL_MESSAGES, locale);
  const number = numberFormat(locale);
  const kinds = result?.kinds ?? [];
  const kindOptions = [...new Set([...kinds, ...(values.kind ? [values.kind] : [])])];
  const form = html`<form class="filter-form" method="get" action="/${locale}/admin/outbox" aria-label="${t('outbox.filters')}">
<div><label for="outbox-kind">${t('outbox.kind')}</label>
<select id="outbox-kind" name="kind"><option value="">${t('outbox.anyKind')}</option>${kindOptions.map(
    (kind) => html`<option value="${kind}"${kind === values.kind ? unsafeRaw(' selected') : ''}>${kind}</option>`,
  )}</select></div>
${renderTextField({ id: 'outbox-to', name: 'to', label: t('outbox.to'), value: values.to, problems, type: 'search' })}
<div class="buttons"><button type="submit">${t('outbox.apply')}</button> <a href="/${locale}/admin/outbox">${t('outbox.clear')}</a></div>
</form>`;

  let list: SafeHtml | string = '';
  if (result) {
    list =
      result.messages.length === 0
        ? html`<p>${t('outbox.none')}</p>`
        : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('outbox.date')}</th><th scope="col">${t('outbox.recipient')}</th><th scope="col">${t('outbox.kind')}</th><th scope="col">${t('outbox.language')}</th><th scope="col">${t('outbox.subject')}</th><th scope="col">${t('outbox.status')}</th></tr></thead>
<tbody>${result.messages.map(
            (message) => html`<tr>
<td>${renderTimestamp(message.createdAt, locale)}</td>
<td><span class="ltr">${message.to}</span></td>
<td>${message.kind}</td>
<td>${languageLabel(message.locale, locale)}</td>
<td><a href="/${locale}/admin/outbox/${message.id}" lang="${message.locale}" dir="${textDirection(message.locale)}">${message.subject}</a></td>
<td>${t(statusKey(message.status))}</td>
</tr>`,
          )}</tbody>
</table></div>`;
  }

  const body = html`${STYLE}
${renderAdminNav(locale, 'outbox')}
<h1>${t('outbox.title')}</h1>
<p>${t('outbox.intro')}</p>
${renderErrorSummary(locale, problems)}
${form}
${result ? html`<h2>${t('outbox.count', { count: number.format(result.total) })}</h2>` : ''}
${list}
${result ? renderPager(locale, { page: result.page, pages: result.pages, url: (page) => outboxPageUrl(locale, values, page) }) : ''}`;

  return renderPage({ locale, title: t('outbox.title'), body, localePath: (other) => outboxPageUrl(other, values, result?.page ?? 1) });
}

export function renderOutboxMessagePage({ locale, message }: { locale: Locale; message: OutboxMessage }): string {
  const t = featureTranslator(MAIL_MESSAGES, locale);
  const lang = message.locale;
  const dir = textDirection(lang);
  const row = (label: string, value: SafeHtml | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const headers = message.raw ? readHeaders(message.raw) : [];

  const content = message.raw
    ? html`<h2>${t('outbox.headers')}</h2>
<pre class="body" dir="ltr">${headers.map(({ name, value }) => `${name}: ${value}\n`).join('')}</pre>
<h2>${t('outbox.textBody')}</h2>
<pre class="body" lang="${lang}" dir="${dir}">${message.text ?? ''}</pre>
${message.html
  ? html`<details><summary>${t('outbox.htmlSource')}</summary>
<pre class="body" dir="ltr">${message.html}</pre>
</details>`
  : ''}`
    : html`<p>${t('outbox.notKept')}</p>`;

  const body = html`${STYLE}
${renderAdminNav(locale, 'outbox')}
<p><a href="/${locale}/admin/outbox">${t('outbox.back')}</a></p>
<h1 lang="${lang}" dir="${dir}">${message.subject}</h1>
<h2>${t('outbox.details')}</h2>
<dl class="meta">
${row(t('outbox.date'), renderTimestamp(message.createdAt, locale))}
${row(t('outbox.recipient'), html`<span class="ltr">${message.to}</span>`)}
${row(t('outbox.kind'), message.kind)}
${row(t('outbox.language'), languageLabel(lang, locale))}
${row(t('outbox.transport'), t(transportKey(message.transport)))}
${row(t('outbox.status'), t(statusKey(message.status)))}
${message.sentAt ? row(t('outbox.sentAt'), renderTimestamp(message.sentAt, locale)) : ''}
${message.messageId ? row(t('outbox.messageId'), html`<span class="ltr">${message.messageId}</span>`) : ''}
${message.error ? row(t('outbox.error'), html`<span class="ltr" lang="en">${message.error}</span>`) : ''}
</dl>
${content}`;

  return renderPage({ locale, title: `${message.subject} · ${t('outbox.title')}`, body, localePath: (other) => `/${other}/admin/outbox/${message.id}` });
}
