// HTTP of accounts once signed in: one's own account, the Secretariat's administration of
// people, and the directory of contact persons per State. Sign-in and the mailed links are in
// session-routes.ts; `registerAccountRoutes` registers both.
//
//   GET  /:locale/account                       name, language, password forms   (signed in)
//   POST /:locale/account                       name and language
//   POST /:locale/account/password              a new password, given the current one
//   POST /:locale/account/sessions              signs out every other session, given the current password
//   GET  /:locale/admin/people                  accounts, filtered by role, State, status (admin, officer)
//   GET  /:locale/admin/people/invite           the invitation form
//   POST /:locale/admin/people/invite           creates the account, mails the link, 303 to its page
//   GET  /:locale/admin/people/:id              one account, and what may be done to it
//   POST /:locale/admin/people/:id/resend       a new invitation link
//   POST /:locale/admin/people/:id/status       status=active|disabled
//   POST /:locale/admin/people/:id/role         role and State
//   GET  /:locale/states/:code/contacts         a State's focal points and contributors (Secretariat; the State's own people)
//   GET  /api/states/:code/contacts             the same, JSON
//   GET  /api/states/:code/focal-point          public: { state, hasFocalPoint }

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { allowRoles, PUBLIC, SIGNED_IN, type Actor, type Role } from '../http/access.ts';
import { formRoute } from '../http/csrf.ts';
import type { Locale } from '../i18n/i18n.ts';
import { findState, listStates, stateName } from '../states/states-service.ts';
import {
  changeOwnPassword,
  changePersonRole,
  endOwnOtherSessions,
  listOwnSessions,
  listPeople,
  listStateContacts,
  readOwnAccount,
  readPerson,
  setPersonStatus,
  stateHasFocalPoint,
  updateOwnProfile,
} from './accounts-service.ts';
import {
  accountFormSchema,
  changePasswordFormSchema,
  inviteFormSchema,
  isFieldError,
  parseForm,
  peopleFiltersSchema,
  roleChangeFormSchema,
  rolesInvitableBy,
  type InviteInput,
  type PeopleFilters,
} from './accounts.ts';
import { accountsTranslator, type AccountsMessageKey } from './accounts-messages.ts';
import { inviteUser, resendInvitation } from './invitations-service.ts';
import { pageLocale, registerSessionRoutes, type AccountRoutesDeps } from './session-routes.ts';
import { renderAccountPage, renderContactsPage, renderInvitePage, renderPeoplePage, renderPersonPage, type StateChoice } from './views/account-pages.ts';
import { typedValues, type FormState } from './views/form-parts.ts';

export type { AccountRoutesDeps } from './session-routes.ts';

const SECRETARIAT = allowRoles(['admin', 'officer']);
const DIRECTORY = allowRoles(['admin', 'officer', 'focal_point', 'contributor'], { stateParam: 'code' });
/** Account and administration forms: a few fields; the invitation has the longest. */
const FORM_BODY_LIMIT = 32 * 1024;

type LocaleParams = { Params: { locale: string } };
type PersonParams = { Params: { locale: string; id: string } };
type StateParams = { Params: { locale: string; code: string } };

function page(reply: FastifyReply, locale: Locale, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('content-language', locale);
}

function signedInActor(request: FastifyRequest): Actor {
  // The route's access rule has admitted only signed-in people; this says so to the type checker.
  if (!request.actor) throw new AppError('auth.unauthenticated', 'Sign in first.');
  return request.actor;
}

async function stateChoices(accounts: AccountRoutesDeps['accounts'], locale: Locale): Promise<StateChoice[]> {
  const states = await listStates(accounts.db);
  const collator = new Intl.Collator(locale);
  return states.map((state) => ({ code: state.alpha3, name: stateName(state, locale) })).sort((a, b) => collator.compare(a.name, b.name));
}

export function registerAccountRoutes(app: FastifyInstance, deps: AccountRoutesDeps): void {
  registerSessionRoutes(app, deps);
  const { accounts } = deps;

  // ---------------------------------------------------------------------------------------------
  // One's own account

  const ACCOUNT_DONE: Record<string, AccountsMessageKey> = {
    profile: 'account.saved',
    password: 'account.passwordChanged',
    welcome: 'account.welcome',
    sessions: 'account.sessionsEnded',
  };
  const EMPTY: FormState = { values: {}, errors: {} };

  async function showAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    { profileForm, passwordForm, sessionsForm, saved, status }: { profileForm?: FormState; passwordForm?: FormState; sessionsForm?: FormState; saved?: string | null; status: number },
  ) {
    const locale = pageLocale((request.params as { locale: string }).locale);
    const actor = signedInActor(request);
    const user = await readOwnAccount(accounts, actor);
    const state = user.stateCode ? await findState(accounts.db, user.stateCode) : null;
    const states = state ? [{ code: state.alpha3, name: stateName(state, locale) }] : [];
    return page(reply, locale, status).send(
      renderAccountPage({
        request,
        locale,
        user,
        states,
        profileForm: profileForm ?? EMPTY,
        passwordForm: passwordForm ?? EMPTY,
        sessions: await listOwnSessions(accounts, actor),
        sessionsForm: sessionsForm ?? EMPTY,
        policy: accounts.sessionPolicy,
        saved: saved ?? null,
      }),
    );
  }

  app.get<LocaleParams & { Querystring: { done?: string } }>('/:locale/account', SIGNED_IN, async (request, reply) => {
    const locale = pageLocale(request.params.locale);
    const done = ACCOUNT_DONE[String(request.query.done ?? '')];
    return showAccount(request, reply, { saved: done ? accountsTranslator(locale)(done) : null, status: 200 });
  });

  app.post<LocaleParams>(
    '/:locale/account',
    formRoute(SIGNED_IN, (request, reply, notice) => showAccount(request, reply, { profileForm: { values: typedValues(request.body), errors: {}, notice }, status: 403 }), { bodyLimit: FORM_BODY_LIMIT }),
    async (request, reply) => {
      const parsed = parseForm(accountFormSchema, request.body);
      if (!parsed.ok) return showAccount(request, reply, { profileForm: { values: typedValues(request.body), errors: parsed.errors }, status: 400 });
      const user = await updateOwnProfile(accounts, signedInActor(request), { name: parsed.value.name, locale: parsed.value.locale, ip: request.ip ?? null });
      return reply.redirect(`/${user.locale}/account?done=profile`, 303);
    },
  );

  app.post<LocaleParams>(
    '/:locale/account/password',
    formRoute(SIGNED_IN, (request, reply, notice) => showAccount(request, reply, { passwordForm: { values: {}, errors: {}, notice }, status: 403 }), { bodyLimit: FORM_BODY_LIMIT }),
    async (request, reply) => {
      const locale = pageLocale(request.params.locale);
      const parsed = parseForm(changePasswordFormSchema, request.body);
      if (!parsed.ok) return showAccount(request, reply, { passwordForm: { values: {}, errors: parsed.errors }, status: 400 });
      try {
        await changeOwnPassword(accounts, signedInActor(request), { ...parsed.value, ip: request.ip ?? null });
      } catch (error) {
        if (isFieldError(error)) return showAccount(request, reply, { passwordForm: { values: {}, errors: { [error.params.field]: error.params.key } }, status: 400 });
        throw error;
      }
      return reply.redirect(`/${locale}/account?done=password`, 303);
    },
  );

  app.post<LocaleParams>(
    '/:locale/account/sessions',
    formRoute(SIGNED_IN, (request, reply, notice) => showAccount(request, reply, { sessionsForm: { values: {}, errors: {}, notice }, status: 403 }), { bodyLimit: FORM_BODY_LIMIT }),
    async (request, reply) => {
      const locale = pageLocale(request.params.locale);
      const password = (request.body as Record<string, unknown> | undefined)?.sessionsPassword;
      if (typeof password !== 'string' || password === '') return showAccount(request, reply, { sessionsForm: { values: {}, errors: { sessionsPassword: 'field.required' } }, status: 400 });
      try {
        await endOwnOtherSessions(accounts, signedInActor(request), { currentPassword: password, ip: request.ip ?? null });
      } catch (error) {
        if (isFieldError(error)) return showAccount(request, reply, { sessionsForm: { values: {}, errors: { [error.params.field]: error.params.key } }, status: 400 });
        throw error;
      }
      return reply.redirect(`/${locale}/account?done=sessions#sessions`, 303);
    },
  );

  // ---------------------------------------------------------------------------------------------
  // Administration of people

  app.get<LocaleParams & { Querystring: Record<string, string | undefined> }>('/:locale/admin/people', SECRETARIAT, async (request, reply) => {
    const locale = pageLocale(request.params.locale);
    const parsed = parseForm(peopleFiltersSchema, request.query);
    const filters: PeopleFilters = parsed.ok ? { role: parsed.value.role as Role | null, stateCode: parsed.value.state, status: parsed.value.status as PeopleFilters['status'] } : { role: null, stateCode: null, status: null };
    const people = await listPeople(accounts, request.actor, filters);
    reply.header('cache-control', 'no-store');
    return page(reply, locale, parsed.ok ? 200 : 400).send(
      renderPeoplePage({ locale, now: accounts.now(), people, filters, states: await stateChoices(accounts, locale), filterErrors: parsed.ok ? {} : parsed.errors }),
    );
  });

  async function showInviteForm(request: FastifyRequest, reply: FastifyReply, form: FormState, status: number) {
    const locale = pageLocale((request.params as { locale: string }).locale);
    const roles = rolesInvitableBy(signedInActor(request).role);
    return page(reply, locale, status).send(renderInvitePage({ request, locale, roles, states: await stateChoices(accounts, locale), form }));
  }

  app.get<LocaleParams>('/:locale/admin/people/invite', SECRETARIAT, async (request, reply) => showInviteForm(request, reply, { values: {}, errors: {} }, 200));

  app.post<LocaleParams>(
    '/:locale/admin/people/invite',
    formRoute(SECRETARIAT, (request, reply, notice) => showInviteForm(request, reply, { values: typedValues(request.body), errors: {}, notice }, 403), { bodyLimit: FORM_BODY_LIMIT }),
    async (request, reply) => {
      const locale = pageLocale(request.params.locale);
      const actor = signedInActor(request);
      const parsed = parseForm(inviteFormSchema, request.body);
      if (!parsed.ok) return showInviteForm(request, reply, { values: typedValues(request.body), errors: parsed.errors }, 400);
      const input = parsed.value as InviteInput;
      if (!rolesInvitableBy(actor.role).includes(input.role)) return showInviteForm(request, reply, { values: typedValues(request.body), errors: { role: 'field.roleNotAllowed' } }, 403);
      try {
        const sent = await inviteUser(accounts, { actor, ip: request.ip ?? null }, input);
        return reply.redirect(`/${locale}/admin/people/${sent.user.id}?done=${sent.mailError ? 'mail-failed' : 'invited'}`, 303);
      } catch (error) {
        if (isFieldError(error)) return showInviteForm(request, reply, { values: typedValues(request.body), errors: { [error.params.field]: error.params.key } }, 400);
        throw error;
      }
    },
  );

  const PERSON_DONE: Record<string, AccountsMessageKey> = {
    invited: 'person.invited',
    resent: 'person.resent',
    'mail-failed': 'person.mailFailed',
    enabled: 'person.enabled',
    disabled: 'person.disabled',
    role: 'person.roleChanged',
  };

  async function showPerson(request: FastifyRequest, reply: FastifyReply, { roleForm, saved, status }: { roleForm?: FormState; saved?: string | null; status: number }) {
    const { locale: localeParam, id } = request.params as { locale: string; id: string };
    const locale = pageLocale(localeParam);
    const actor = signedInActor(request);
    const { user, manageable } = await readPerson(accounts, actor, id);
    reply.header('cache-control', 'no-store');
    return page(reply, locale, status).send(
      renderPersonPage({
        request,
        locale,
        now: accounts.now(),
        person: user,
        manageable,
        roles: rolesInvitableBy(actor.role),
        states: await stateChoices(accounts, locale),
        roleForm: roleForm ?? { values: {}, errors: {} },
        saved: saved ?? null,
      }),
    );
  }

  app.get<PersonParams & { Querystring: { done?: string } }>('/:locale/admin/people/:id', SECRETARIAT, async (request, reply) => {
    const locale = pageLocale(request.params.locale);
    const done = PERSON_DONE[String(request.query.done ?? '')];
    return showPerson(request, reply, { saved: done ? accountsTranslator(locale)(done) : null, status: 200 });
  });

  const reshowPerson = (request: FastifyRequest, reply: FastifyReply, notice: string) => showPerson(request, reply, { saved: notice, status: 403 });

  app.post<PersonParams>('/:locale/admin/people/:id/resend', formRoute(SECRETARIAT, reshowPerson, { bodyLimit: FORM_BODY_LIMIT }), async (request, reply) => {
    const locale = pageLocale(request.params.locale);
    const sent = await resendInvitation(accounts, { actor: signedInActor(request), ip: request.ip ?? null }, request.params.id);
    return reply.redirect(`/${locale}/admin/people/${sent.user.id}?done=${sent.mailError ? 'mail-failed' : 'resent'}`, 303);
  });

  app.post<PersonParams>('/:locale/admin/people/:id/status', formRoute(SECRETARIAT, reshowPerson, { bodyLimit: FORM_BODY_LIMIT }), async (request, reply) => {
    const locale = pageLocale(request.params.locale);
    const status = (request.body as Record<string, unknown> | undefined)?.status;
    if (status !== 'active' && status !== 'disabled') throw new AppError('request.invalid', 'status must be active or disabled.');
    const user = await setPersonStatus(accounts, request.actor, request.params.id, { status, ip: request.ip ?? null });
    return reply.redirect(`/${locale}/admin/people/${user.id}?done=${status === 'active' ? 'enabled' : 'disabled'}`, 303);
  });

  app.post<PersonParams>(
    '/:locale/admin/people/:id/role',
    formRoute(SECRETARIAT, (request, reply, notice) => showPerson(request, reply, { roleForm: { values: typedValues(request.body), errors: {} }, saved: notice, status: 403 }), { bodyLimit: FORM_BODY_LIMIT }),
    async (request, reply) => {
      const locale = pageLocale(request.params.locale);
      const parsed = parseForm(roleChangeFormSchema, request.body);
      if (!parsed.ok) return showPerson(request, reply, { roleForm: { values: typedValues(request.body), errors: parsed.errors }, status: 400 });
      try {
        const user = await changePersonRole(accounts, request.actor, request.params.id, { role: parsed.value.role as Role, stateCode: parsed.value.stateCode, ip: request.ip ?? null });
        return reply.redirect(`/${locale}/admin/people/${user.id}?done=role`, 303);
      } catch (error) {
        if (isFieldError(error)) return showPerson(request, reply, { roleForm: { values: typedValues(request.body), errors: { [error.params.field]: error.params.key } }, status: 400 });
        throw error;
      }
    },
  );

  // ---------------------------------------------------------------------------------------------
  // The directory of contact persons per State

  app.get<StateParams>('/:locale/states/:code/contacts', DIRECTORY, async (request, reply) => {
    const locale = pageLocale(request.params.locale);
    const { stateCode, contacts } = await listStateContacts(accounts, request.actor, request.params.code);
    const state = await findState(accounts.db, stateCode);
    return page(reply, locale).send(renderContactsPage({ locale, state: { code: stateCode, name: state ? stateName(state, locale) : stateCode }, contacts }));
  });

  app.get<{ Params: { code: string } }>('/api/states/:code/contacts', DIRECTORY, async (request) => {
    const { stateCode, contacts } = await listStateContacts(accounts, request.actor, request.params.code);
    return { state: stateCode, contacts };
  });

  app.get<{ Params: { code: string } }>('/api/states/:code/focal-point', PUBLIC, async (request, reply) => {
    const state = await findState(accounts.db, request.params.code);
    if (!state) throw new AppError('state.not_found', `No State has the code ${request.params.code.slice(0, 20)}.`, { code: request.params.code.slice(0, 20) });
    reply.header('cache-control', 'public, max-age=60');
    return { state: state.alpha3, hasFocalPoint: await stateHasFocalPoint(accounts.db, state.alpha3) };
  });
}
