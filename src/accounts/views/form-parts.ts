// The pieces every form of accounts is made of, so that they all behave alike: a summary of the
// problems at the top (each a link to its field, focusable, announced), each field with its label,
// its hint and its problem tied to it (aria-describedby, aria-invalid), and the CSRF field.

import type { FastifyRequest } from 'fastify';
import { csrfField } from '../../http/csrf.ts';
import { html, type SafeHtml } from '../../http/html.ts';
import { AUTONYMS, LOCALES, type Locale } from '../../i18n/i18n.ts';
import type { FieldErrors } from '../accounts.ts';
import { accountsTranslator, type AccountsMessageKey } from '../accounts-messages.ts';

export interface FormState {
  /** what was typed, shown again (never passwords) */
  values: Record<string, string>;
  /** field → message key */
  errors: FieldErrors;
  /** a word above the form (a refused CSRF token, a failed sign-in), already in the reader's language */
  notice?: string | null;
  /** how the notice is announced: 'alert' (a problem, the default) or 'status' (news) */
  noticeRole?: 'status' | 'alert';
}

/** The values of a posted form as text, ready to be shown again; passwords are dropped. */
export function typedValues(body: unknown, { except = [] }: { except?: string[] } = {}): Record<string, string> {
  const values: Record<string, string> = {};
  if (!body || typeof body !== 'object') return values;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf' || except.includes(name) || /password|confirmation/i.test(name)) continue;
    if (typeof value === 'string') values[name] = value.slice(0, 1000);
  }
  return values;
}

export function errorSummary(locale: Locale, form: FormState, labels: Record<string, string>): SafeHtml | '' {
  const t = accountsTranslator(locale);
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return '';
  return html`<div class="problems" role="alert" tabindex="-1" id="problems">
<h2>${t('form.problems')}</h2>
<ul>${entries.map(([field, key]) => html`<li><a href="#field-${field}">${labels[field] ? `${labels[field]}: ` : ''}${t(key as AccountsMessageKey)}</a></li>`)}</ul>
</div>`;
}

export function notice(text: string | null | undefined, { role = 'status' }: { role?: 'status' | 'alert' } = {}): SafeHtml | '' {
  return text ? html`<p class="notice" role="${role}">${text}</p>` : '';
}

interface FieldOptions {
  locale: Locale;
  form: FormState;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  maxlength?: number;
  /** shown instead of what was typed (a fixed value) */
  value?: string;
}

/** A labelled input with its hint and problem; passwords are never filled in again. */
export function inputField({ locale, form, name, label, type = 'text', autocomplete, hint, required = true, maxlength, value }: FieldOptions): SafeHtml {
  const t = accountsTranslator(locale);
  const id = `field-${name}`;
  const error = form.errors[name];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const shown = type === 'password' ? '' : (value ?? form.values[name] ?? '');
  return html`<p class="field">
<label for="${id}">${label}</label>
${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}
${error ? html`<span class="error" id="${id}-error">${t(error as AccountsMessageKey)}</span>` : ''}
<input id="${id}" name="${name}" type="${type}"${shown ? html` value="${shown}"` : ''}${autocomplete ? html` autocomplete="${autocomplete}"` : ''}${required ? html` required` : ''}${maxlength ? html` maxlength="${maxlength}"` : ''}${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}${type === 'email' ? html` spellcheck="false" autocapitalize="none"` : ''}>
</p>`;
}

/** A labelled select; `options` are [value, label] pairs. */
export function selectField({ locale, form, name, label, options, hint, selected }: { locale: Locale; form: FormState; name: string; label: string; options: Array<[string, string]>; hint?: string; selected?: string }): SafeHtml {
  const t = accountsTranslator(locale);
  const id = `field-${name}`;
  const error = form.errors[name];
  const current = form.values[name] ?? selected ?? '';
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<p class="field">
<label for="${id}">${label}</label>
${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}
${error ? html`<span class="error" id="${id}-error">${t(error as AccountsMessageKey)}</span>` : ''}
<select id="${id}" name="${name}"${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}>
${options.map(([value, text]) => html`<option value="${value}"${value === current ? html` selected` : ''}>${text}</option>`)}
</select>
</p>`;
}

/** The six interface languages, each named in itself. */
export function localeOptions(): Array<[string, string]> {
  return LOCALES.map((code) => [code, AUTONYMS[code]]);
}

/** `<form method="post">` with its CSRF field. */
export function postForm(request: FastifyRequest, { action, label, body }: { action: string; label?: string; body: SafeHtml | SafeHtml[] }): SafeHtml {
  return html`<form method="post" action="${action}"${label ? html` aria-label="${label}"` : ''} novalidate>
${csrfField(request)}
${body}
</form>`;
}
