// Pages of signing in and of the links sent by mail: the sign-in form, accepting an invitation,
// asking for a password-reset link and choosing the new password, and the pages that say
// plainly why a link no longer works.

import type { FastifyRequest } from 'fastify';
import { html } from '../../http/html.ts';
import { renderPage } from '../../http/layout.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../accounts-logic.ts';
import type { LinkState, User } from '../accounts.ts';
import { accountsTranslator, roleLabel, type AccountsMessageKey } from '../accounts-messages.ts';
import { errorSummary, inputField, localeOptions, notice, postForm, selectField, type FormState } from './form-parts.ts';

export function renderLoginPage({ request, locale, form, next }: { request: FastifyRequest; locale: Locale; form: FormState; next: string | null }): string {
  const t = accountsTranslator(locale);
  const labels = { email: t('field.email'), password: t('field.password') };
  const signedIn = request.actor ? notice(t('login.alreadySignedIn', { name: request.actor.name })) : '';
  const body = html`<h1>${t('login.title')}</h1>
${signedIn}${notice(form.notice, { role: form.noticeRole ?? 'alert' })}
${errorSummary(locale, form, labels)}
${postForm(request, {
  action: `/${locale}/login`,
  body: html`${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
${inputField({ locale, form, name: 'email', label: labels.email, type: 'email', autocomplete: 'username', maxlength: 254 })}
${inputField({ locale, form, name: 'password', label: labels.password, type: 'password', autocomplete: 'current-password', maxlength: PASSWORD_MAX_LENGTH * 4 })}
<p><button type="submit">${t('login.submit')}</button></p>`,
})}
<p><a href="/${locale}/password-reset">${t('login.forgotten')}</a></p>
<p>${t('login.byInvitation')}</p>`;
  return renderPage({ locale, title: t('login.title'), body, localePath: (other) => `/${other}/login${next ? `?next=${encodeURIComponent(next)}` : ''}` });
}

function passwordHint(locale: Locale): string {
  return accountsTranslator(locale)('password.hint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
}

/** The two password fields of every form that sets one. */
function newPasswordFields(locale: Locale, form: FormState) {
  const t = accountsTranslator(locale);
  return html`${inputField({ locale, form, name: 'password', label: t('field.newPassword'), type: 'password', autocomplete: 'new-password', hint: passwordHint(locale), maxlength: PASSWORD_MAX_LENGTH * 4 })}
${inputField({ locale, form, name: 'confirmation', label: t('field.confirmation'), type: 'password', autocomplete: 'new-password', maxlength: PASSWORD_MAX_LENGTH * 4 })}`;
}

export function renderInvitationPage({ request, locale, token, user, stateName, form }: { request: FastifyRequest; locale: Locale; token: string; user: User; stateName: string | null; form: FormState }): string {
  const t = accountsTranslator(locale);
  const labels = { password: t('field.newPassword'), confirmation: t('field.confirmation'), locale: t('field.locale') };
  const role = roleLabel(user.role, locale);
  const body = html`<h1>${t('invitation.title', { name: user.name })}</h1>
<p>${stateName ? t('invitation.introForState', { role, state: stateName }) : t('invitation.intro', { role })}</p>
<p>${t('invitation.choose', { email: user.email })}</p>
${notice(form.notice, { role: 'alert' })}
${errorSummary(locale, form, labels)}
${postForm(request, {
  action: `/${locale}/invitations/${token}`,
  body: html`<input type="hidden" name="username" autocomplete="username" value="${user.email}">
${newPasswordFields(locale, form)}
${selectField({ locale, form, name: 'locale', label: labels.locale, options: localeOptions(), selected: user.locale, hint: t('field.localeHint') })}
<p><button type="submit">${t('invitation.submit')}</button></p>`,
})}`;
  return renderPage({ locale, title: t('invitation.title', { name: user.name }), body, localePath: (other) => `/${other}/invitations/${token}` });
}

/** Why an invitation or reset link no longer works, and what to do instead. */
export function renderLinkGonePage({ locale, kind, state }: { locale: Locale; kind: 'invitation' | 'reset'; state: Exclude<LinkState, 'valid'> }): string {
  const t = accountsTranslator(locale);
  const title = t(`${kind}.gone.${state}.title` as AccountsMessageKey);
  const next =
    kind === 'invitation'
      ? html`<p>${t('invitation.gone.ask')}</p>${state === 'used' ? html`<p><a href="/${locale}/login">${t('invitation.gone.signIn')}</a></p>` : ''}`
      : html`<p><a href="/${locale}/password-reset">${t('reset.gone.again')}</a></p>`;
  const body = html`<h1>${title}</h1>
<p>${t(`${kind}.gone.${state}.text` as AccountsMessageKey)}</p>
${next}`;
  return renderPage({ locale, title, body });
}

export function renderResetRequestPage({ request, locale, form }: { request: FastifyRequest; locale: Locale; form: FormState }): string {
  const t = accountsTranslator(locale);
  const labels = { email: t('field.email') };
  const body = html`<h1>${t('reset.title')}</h1>
<p>${t('reset.intro')}</p>
${notice(form.notice, { role: 'alert' })}
${errorSummary(locale, form, labels)}
${postForm(request, {
  action: `/${locale}/password-reset`,
  body: html`${inputField({ locale, form, name: 'email', label: labels.email, type: 'email', autocomplete: 'username', maxlength: 254 })}
<p><button type="submit">${t('reset.submit')}</button></p>`,
})}`;
  return renderPage({ locale, title: t('reset.title'), body, localePath: (other) => `/${other}/password-reset` });
}

/** The same answer for every address, known or not. */
export function renderResetSentPage({ locale }: { locale: Locale }): string {
  const t = accountsTranslator(locale);
  const body = html`<h1>${t('reset.sent.title')}</h1>
<p role="status">${t('reset.sent.text')}</p>
<p><a href="/${locale}/login">${t('reset.backToLogin')}</a></p>`;
  return renderPage({ locale, title: t('reset.sent.title'), body, localePath: (other) => `/${other}/password-reset` });
}

export function renderResetPasswordPage({ request, locale, token, user, form }: { request: FastifyRequest; locale: Locale; token: string; user: User; form: FormState }): string {
  const t = accountsTranslator(locale);
  const labels = { password: t('field.newPassword'), confirmation: t('field.confirmation') };
  const body = html`<h1>${t('reset.choose.title')}</h1>
<p>${t('reset.choose.intro', { email: user.email })}</p>
${notice(form.notice, { role: 'alert' })}
${errorSummary(locale, form, labels)}
${postForm(request, {
  action: `/${locale}/password-reset/${token}`,
  body: html`<input type="hidden" name="username" autocomplete="username" value="${user.email}">
${newPasswordFields(locale, form)}
<p><button type="submit">${t('reset.choose.submit')}</button></p>`,
})}`;
  return renderPage({ locale, title: t('reset.choose.title'), body, localePath: (other) => `/${other}/password-reset/${token}` });
}
