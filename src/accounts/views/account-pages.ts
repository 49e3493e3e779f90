// The pages of signed-in people: their own account; the Secretariat's list of people, an
// account's page with what may be done to it, and the invitation form; a State's contact persons.

import type { FastifyRequest } from 'fastify';
import { SECRETARIAT_ROLES, STATE_ROLES, type Role } from '../../http/access.ts';
import { html, type SafeHtml } from '../../http/html.ts';
import { renderPage } from '../../http/layout.ts';
import { AUTONYMS, type Locale } from '../../i18n/i18n.ts';
import { USER_STATUSES, type PeopleFilters, type SessionPolicy, type User } from '../accounts.ts';
import type { OwnSession } from '../accounts-service.ts';
import { accountsTranslator, formatDateTime, roleLabel, statusLabel } from '../accounts-messages.ts';
import type { StateContact } from '../accounts-store.ts';
import { errorSummary, inputField, localeOptions, notice, postForm, selectField, type FormState } from './form-parts.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../accounts-logic.ts';

/** A State as forms and lists show it: its code and its name in the page's language. */
export interface StateChoice {
  code: string;
  name: string;
}

function stateText(code: string | null, states: StateChoice[]): string {
  if (!code) return '—';
  const state = states.find((candidate) => candidate.code === code);
  return state ? `${state.name} (${code})` : code;
}

function stateOptions(locale: Locale, states: StateChoice[], { none }: { none: string }): Array<[string, string]> {
  return [['', none], ...states.map((state): [string, string] => [state.code, `${state.name} (${state.code})`])];
}

export function renderAccountPage({
  request,
  locale,
  user,
  states,
  profileForm,
  passwordForm,
  sessions,
  sessionsForm,
  policy,
  saved,
}: {
  request: FastifyRequest;
  locale: Locale;
  user: User;
  states: StateChoice[];
  profileForm: FormState;
  passwordForm: FormState;
  /** the account's live sessions, this one first */
  sessions: OwnSession[];
  sessionsForm: FormState;
  policy: SessionPolicy;
  saved: string | null;
}): string {
  const t = accountsTranslator(locale);
  const profileLabels = { name: t('field.name'), locale: t('field.locale') };
  const passwordLabels = { currentPassword: t('field.currentPassword'), password: t('field.newPassword'), confirmation: t('field.confirmation') };
  const links: SafeHtml[] = [];
  if (SECRETARIAT_ROLES.includes(user.role)) links.push(html`<li><a href="/${locale}/admin/people">${t('people.title')}</a></li>`);
  if (STATE_ROLES.includes(user.role) && user.stateCode) {
    links.push(html`<li><a href="/${locale}/states/${user.stateCode}/contacts">${t('contacts.title', { state: stateText(user.stateCode, states) })}</a></li>`);
  }
  const profile = { ...profileForm, values: { name: user.name, locale: user.locale, ...profileForm.values } };
  const body = html`<h1>${t('account.title')}</h1>
${notice(saved)}
<dl class="meta">
<dt>${t('field.email')}</dt><dd>${user.email}</dd>
<dt>${t('field.role')}</dt><dd>${roleLabel(user.role, locale)}</dd>
${user.stateCode ? html`<dt>${t('field.state')}</dt><dd>${stateText(user.stateCode, states)}</dd>` : ''}
</dl>
${links.length ? html`<ul>${links}</ul>` : ''}
<h2 id="profile">${t('account.profile')}</h2>
${notice(profileForm.notice, { role: 'alert' })}
${errorSummary(locale, profileForm, profileLabels)}
${postForm(request, {
  action: `/${locale}/account`,
  label: t('account.profile'),
  body: html`${inputField({ locale, form: profile, name: 'name', label: profileLabels.name, autocomplete: 'name', maxlength: 200 })}
${selectField({ locale, form: profile, name: 'locale', label: profileLabels.locale, options: localeOptions(), hint: t('field.localeHint') })}
<p><button type="submit">${t('account.save')}</button></p>`,
})}
<h2 id="password">${t('account.password')}</h2>
${notice(passwordForm.notice, { role: 'alert' })}
${errorSummary(locale, passwordForm, passwordLabels)}
${postForm(request, {
  action: `/${locale}/account/password`,
  label: t('account.password'),
  body: html`<input type="hidden" name="username" autocomplete="username" value="${user.email}">
${inputField({ locale, form: passwordForm, name: 'currentPassword', label: passwordLabels.currentPassword, type: 'password', autocomplete: 'current-password', maxlength: PASSWORD_MAX_LENGTH * 4 })}
${inputField({ locale, form: passwordForm, name: 'password', label: passwordLabels.password, type: 'password', autocomplete: 'new-password', hint: t('password.hint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }), maxlength: PASSWORD_MAX_LENGTH * 4 })}
${inputField({ locale, form: passwordForm, name: 'confirmation', label: passwordLabels.confirmation, type: 'password', autocomplete: 'new-password', maxlength: PASSWORD_MAX_LENGTH * 4 })}
<p><button type="submit">${t('account.changePassword')}</button></p>`,
})}
${renderSessions(request, locale, user, sessions, sessionsForm, policy)}`;
  return renderPage({ locale, title: t('account.title'), body, localePath: (other) => `/${other}/account` });
}

function renderSessions(request: FastifyRequest, locale: Locale, user: User, sessions: OwnSession[], form: FormState, policy: SessionPolicy): SafeHtml {
  const t = accountsTranslator(locale);
  const label = t('field.currentPassword');
  const others = sessions.some((session) => !session.current);
  return html`<h2 id="sessions">${t('account.sessions')}</h2>
<p>${t('account.sessionsIntro', { idle: policy.idleMinutes, absolute: policy.absoluteHours })}</p>
${notice(form.notice, { role: 'alert' })}
${errorSummary(locale, form, { sessionsPassword: label })}
<table>
<thead><tr><th scope="col">${t('sessions.started')}</th><th scope="col">${t('sessions.lastSeen')}</th><th scope="col">${t('sessions.address')}</th><th scope="col">${t('sessions.browser')}</th></tr></thead>
<tbody>${sessions.map(
    (session) => html`<tr><td>${formatDateTime(session.startedAt, locale)}${session.current ? html` <strong>(${t('sessions.current')})</strong>` : ''}</td><td>${formatDateTime(session.lastSeenAt, locale)}</td><td>${session.ip ?? '—'}</td><td>${session.userAgent ? session.userAgent.slice(0, 120) : '—'}</td></tr>`,
  )}</tbody>
</table>
${
  others
    ? postForm(request, {
        action: `/${locale}/account/sessions`,
        label: t('sessions.endOthers'),
        body: html`<input type="hidden" name="username" autocomplete="username" value="${user.email}">
${inputField({ locale, form, name: 'sessionsPassword', label, type: 'password', autocomplete: 'current-password', maxlength: PASSWORD_MAX_LENGTH * 4 })}
<p><button type="submit">${t('sessions.endOthers')}</button></p>`,
      })
    : html`<p>${t('sessions.noOthers')}</p>`
}`;
}

// ---------------------------------------------------------------------------------------------
// Administration of people (Secretariat)

export function renderPeoplePage({ locale, now, people, filters, states, filterErrors }: { locale: Locale; now: Date; people: User[]; filters: PeopleFilters; states: StateChoice[]; filterErrors: FormState['errors'] }): string {
  const t = accountsTranslator(locale);
  const form: FormState = { values: { role: filters.role ?? '', state: filters.stateCode ?? '', status: filters.status ?? '' }, errors: filterErrors };
  const roles = ['admin', 'officer', 'focal_point', 'contributor', 'expert', 'observer'] as const;
  const rows = people.map(
    (person) => html`<tr>
<td><a href="/${locale}/admin/people/${person.id}">${person.name}</a></td>
<td>${person.email}</td>
<td>${roleLabel(person.role, locale)}</td>
<td>${stateText(person.stateCode, states)}</td>
<td>${statusLabel(person.status, locale)}${person.lockedUntil && person.lockedUntil.getTime() > now.getTime() ? html` (${t('people.locked')})` : ''}</td>
<td>${person.lastLoginAt ? formatDateTime(person.lastLoginAt, locale) : '—'}</td>
</tr>`,
  );
  const body = html`<h1>${t('people.title')}</h1>
<p><a href="/${locale}/admin/people/invite">${t('people.invite')}</a></p>
<form method="get" action="/${locale}/admin/people" aria-label="${t('people.filters')}">
${selectField({ locale, form, name: 'role', label: t('field.role'), options: [['', t('people.anyRole')], ...roles.map((role): [string, string] => [role, roleLabel(role, locale)])] })}
${selectField({ locale, form, name: 'state', label: t('field.state'), options: stateOptions(locale, states, { none: t('people.anyState') }) })}
${selectField({ locale, form, name: 'status', label: t('field.status'), options: [['', t('people.anyStatus')], ...USER_STATUSES.map((status): [string, string] => [status, statusLabel(status, locale)])] })}
<p><button type="submit">${t('people.filter')}</button></p>
</form>
<h2>${t('people.count', { count: people.length })}</h2>
${
  people.length === 0
    ? html`<p>${t('people.none')}</p>`
    : html`<table>
<thead><tr><th scope="col">${t('field.name')}</th><th scope="col">${t('field.email')}</th><th scope="col">${t('field.role')}</th><th scope="col">${t('field.state')}</th><th scope="col">${t('field.status')}</th><th scope="col">${t('people.lastLogin')}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
}`;
  return renderPage({ locale, title: t('people.title'), body, localePath: (other) => `/${other}/admin/people` });
}

export function renderInvitePage({ request, locale, roles, states, form }: { request: FastifyRequest; locale: Locale; roles: readonly Role[]; states: StateChoice[]; form: FormState }): string {
  const t = accountsTranslator(locale);
  const labels = { name: t('field.name'), email: t('field.email'), role: t('field.role'), stateCode: t('field.state'), locale: t('field.locale') };
  const body = html`<h1>${t('invite.title')}</h1>
<p>${t('invite.intro')}</p>
${notice(form.notice, { role: 'alert' })}
${errorSummary(locale, form, labels)}
${postForm(request, {
  action: `/${locale}/admin/people/invite`,
  body: html`${inputField({ locale, form, name: 'name', label: labels.name, maxlength: 200 })}
${inputField({ locale, form, name: 'email', label: labels.email, type: 'email', maxlength: 254 })}
${selectField({ locale, form, name: 'role', label: labels.role, options: roles.map((role): [string, string] => [role, roleLabel(role, locale)]), selected: 'focal_point' })}
${selectField({ locale, form, name: 'stateCode', label: labels.stateCode, options: stateOptions(locale, states, { none: t('invite.noState') }), hint: t('invite.stateHint') })}
${selectField({ locale, form, name: 'locale', label: labels.locale, options: localeOptions(), selected: locale, hint: t('invite.localeHint') })}
<p><button type="submit">${t('invite.submit')}</button></p>`,
})}`;
  return renderPage({ locale, title: t('invite.title'), body, localePath: (other) => `/${other}/admin/people/invite` });
}

export function renderPersonPage({
  request,
  locale,
  now,
  person,
  manageable,
  roles,
  states,
  roleForm,
  saved,
}: {
  request: FastifyRequest;
  locale: Locale;
  now: Date;
  person: User;
  manageable: boolean;
  roles: readonly Role[];
  states: StateChoice[];
  roleForm: FormState;
  saved: string | null;
}): string {
  const t = accountsTranslator(locale);
  const base = `/${locale}/admin/people/${person.id}`;
  const locked = person.lockedUntil && person.lockedUntil.getTime() > now.getTime();
  const roleValues: FormState = { ...roleForm, values: { role: person.role, stateCode: person.stateCode ?? '', ...roleForm.values } };
  const actions = !manageable
    ? html`<p>${t('person.notManageable')}</p>`
    : html`${
        person.status === 'invited'
          ? html`<h2>${t('person.invitation')}</h2>${postForm(request, { action: `${base}/resend`, label: t('person.invitation'), body: html`<p><button type="submit">${t('person.resend')}</button></p>` })}`
          : html`<h2>${t('person.access')}</h2>${postForm(request, {
              action: `${base}/status`,
              label: t('person.access'),
              body: html`<input type="hidden" name="status" value="${person.status === 'disabled' ? 'active' : 'disabled'}">
<p><button type="submit">${person.status === 'disabled' ? t('person.enable') : t('person.disable')}</button></p>`,
            })}`
      }
<h2>${t('person.role')}</h2>
${errorSummary(locale, roleForm, { role: t('field.role'), stateCode: t('field.state') })}
${postForm(request, {
  action: `${base}/role`,
  label: t('person.role'),
  body: html`${selectField({ locale, form: roleValues, name: 'role', label: t('field.role'), options: roles.map((role): [string, string] => [role, roleLabel(role, locale)]) })}
${selectField({ locale, form: roleValues, name: 'stateCode', label: t('field.state'), options: stateOptions(locale, states, { none: t('invite.noState') }), hint: t('invite.stateHint') })}
<p><button type="submit">${t('person.changeRole')}</button></p>`,
})}`;
  const body = html`<h1>${person.name}</h1>
${notice(saved)}
<dl class="meta">
<dt>${t('field.email')}</dt><dd>${person.email}</dd>
<dt>${t('field.role')}</dt><dd>${roleLabel(person.role, locale)}</dd>
<dt>${t('field.state')}</dt><dd>${stateText(person.stateCode, states)}</dd>
<dt>${t('field.locale')}</dt><dd lang="${person.locale}">${AUTONYMS[person.locale]}</dd>
<dt>${t('field.status')}</dt><dd>${statusLabel(person.status, locale)}${locked ? html` — ${t('person.lockedUntil', { until: formatDateTime(person.lockedUntil!, locale) })}` : ''}</dd>
<dt>${t('person.created')}</dt><dd>${formatDateTime(person.createdAt, locale)}</dd>
<dt>${t('people.lastLogin')}</dt><dd>${person.lastLoginAt ? formatDateTime(person.lastLoginAt, locale) : '—'}</dd>
</dl>
${actions}
<p><a href="/${locale}/admin/people">${t('person.back')}</a></p>`;
  return renderPage({ locale, title: person.name, body, localePath: (other) => `/${other}/admin/people/${person.id}` });
}

// ---------------------------------------------------------------------------------------------
// The directory

export function renderContactsPage({ locale, state, contacts }: { locale: Locale; state: StateChoice; contacts: StateContact[] }): string {
  const t = accountsTranslator(locale);
  const title = t('contacts.title', { state: state.name });
  const body = html`<h1>${title}</h1>
<p>${t('contacts.intro')}</p>
${
  contacts.length === 0
    ? html`<p>${t('contacts.none')}</p>`
    : html`<table>
<thead><tr><th scope="col">${t('field.name')}</th><th scope="col">${t('field.email')}</th><th scope="col">${t('field.role')}</th><th scope="col">${t('field.locale')}</th></tr></thead>
<tbody>${contacts.map(
        (contact) => html`<tr><td>${contact.name}</td><td><a href="mailto:${contact.email}">${contact.email}</a></td><td>${roleLabel(contact.role, locale)}</td><td lang="${contact.locale}">${AUTONYMS[contact.locale]}</td></tr>`,
      )}</tbody>
</table>`
}
<p><a href="/${locale}/states/${state.code}">${state.name}</a></p>`;
  return renderPage({ locale, title, body, localePath: (other) => `/${other}/states/${state.code}/contacts` });
}
