// HTTP of signing in and out, and of the links sent by mail (invitations, password resets).
//
//   GET  /:locale/login                  the sign-in form (?next=/same/site/path)
//   POST /:locale/login                  303 to `next` (same site only) with a new session cookie; 401 the form again
//   POST /:locale/logout                 ends the session (server side), 303 to the sign-in page
//   GET  /:locale/invitations/:token     the form to open an invited account; 410/404 a page that says why not
//   POST /:locale/invitations/:token     sets password and language, signs in, 303 to the account page
//   GET  /:locale/password-reset         asks for an email address
//   POST /:locale/password-reset         the same answer for every address (no enumeration); 429 when too many
//   GET  /:locale/password-reset/:token  the form to choose a new password
//   POST /:locale/password-reset/:token  sets it, ends every session, 303 to the sign-in page
//
// Forms that fail are shown again with what was typed (never passwords); a refused CSRF token
// shows them again too (`formRoute`, src/http/csrf.ts). Bodies of these forms are small: 16 KiB.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { PUBLIC } from '../http/access.ts';
import { formRoute } from '../http/csrf.ts';
import { isLocale, type Locale } from '../i18n/i18n.ts';
import { findState, stateName } from '../states/states-service.ts';
import { safeNextPath } from './accounts-logic.ts';
import {
  acceptInvitationFormSchema,
  isFieldError,
  loginFormSchema,
  newPasswordFormSchema,
  parseForm,
  passwordResetRequestSchema,
  type AccountsContext,
  type LinkState,
} from './accounts.ts';
import { accountsTranslator } from './accounts-messages.ts';
import { acceptInvitation, readInvitation } from './invitations-service.ts';
import { signIn } from './login-service.ts';
import { completePasswordReset, readPasswordReset, requestPasswordReset, type Defer } from './password-reset-service.ts';
import { clearSessionCookie, readSessionToken, setSessionCookie } from './session-cookie.ts';
import { endSession } from './sessions-service.ts';
import { renderInvitationPage, renderLinkGonePage, renderLoginPage, renderResetPasswordPage, renderResetRequestPage, renderResetSentPage } from './views/session-pages.ts';
import { typedValues, type FormState } from './views/form-parts.ts';

/** Sign-in, invitation and reset forms are a few fields: anything bigger is not one of them. */
export const AUTH_FORM_BODY_LIMIT = 16 * 1024;

export interface AccountRoutesDeps {
  accounts: AccountsContext;
  /** cookies Secure and `__Host-` (the site is on HTTPS) */
  secure: boolean;
  /** work after the answer (the password-reset mail) */
  defer: Defer;
}

type LocaleParams = { Params: { locale: string } };
type TokenParams = { Params: { locale: string; token: string } };

export function pageLocale(value: string): Locale {
  if (!isLocale(value)) throw new AppError('page.not_found', `There is no interface language "${value.slice(0, 20)}".`);
  return value;
}

/** Pages with a form or a token: never kept by a cache, and never named to another site. */
function privatePage(reply: FastifyReply, locale: Locale, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('content-language', locale).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

function goneStatus(state: Exclude<LinkState, 'valid'>): number {
  return state === 'unknown' ? 404 : 410;
}

function requestInfo(request: FastifyRequest): { ip: string | null; userAgent: string | null } {
  return { ip: request.ip ?? null, userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null };
}

function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

export function registerSessionRoutes(app: FastifyInstance, { accounts, secure, defer }: AccountRoutesDeps): void {
  // ---------------------------------------------------------------------------------------------
  // Sign in and out

  const DONE_NOTICES = { 'signed-out': 'login.signedOut', reset: 'login.resetDone' } as const;

  app.get<LocaleParams & { Querystring: { next?: string; done?: string } }>('/:locale/login', PUBLIC, async (request, reply) => {
    const locale = pageLocale(request.params.locale);
    const next = safeNextPath(request.query.next, '') || null;
    const done = DONE_NOTICES[request.query.done as keyof typeof DONE_NOTICES];
    const form: FormState = { values: {}, errors: {}, notice: done ? accountsTranslator(locale)(done) : null, noticeRole: 'status' };
    return privatePage(reply, locale).send(renderLoginPage({ request, locale, form, next }));
  });

  const reshowLogin = (request: FastifyRequest, reply: FastifyReply, notice: string) => {
    const locale = pageLocale((request.params as { locale: string }).locale);
    const next = safeNextPath(field(request.body, 'next'), '') || null;
    return privatePage(reply, locale, 403).send(renderLoginPage({ request, locale, form: { values: typedValues(request.body), errors: {}, notice }, next }));
  };

  app.post<LocaleParams>('/:locale/login', formRoute(PUBLIC, reshowLogin, { bodyLimit: AUTH_FORM_BODY_LIMIT }), async (request, reply) => {
    const locale = pageLocale(request.params.locale);
    const t = accountsTranslator(locale);
    const next = safeNextPath(field(request.body, 'next'), '') || null;
    const parsed = parseForm(loginFormSchema, request.body);
    if (!parsed.ok) {
      return privatePage(reply, locale, 400).send(renderLoginPage({ request, locale, form: { values: typedValues(request.body), errors: parsed.errors }, next }));
    }
    const result = await signIn(accounts, { email: parsed.value.email, password: parsed.value.password, ...requestInfo(request), presentedToken: readSessionToken(request, secure) });
    if (!result.ok) {
      const notice = result.reason === 'locked' ? t('login.locked', { minutes: result.minutes }) : t('login.invalid');
      return privatePage(reply, locale, 401).send(renderLoginPage({ request, locale, form: { values: typedValues(request.body), errors: {}, notice }, next }));
    }
    // A new session, always: whatever cookie came with the request has been ended (fixation).
    setSessionCookie(reply, result.session.token, secure);
    return reply.header('cache-control', 'no-store').redirect(next ?? `/${result.user.locale}/account`, 303);
  });

  // Someone whose session has already ended (idle) and who presses "Sign out" is where they
  // wanted to be: their token, made for the old session, is refused, and they are simply sent on.
  // With a live session, a refused token is a refusal (403): nobody signs anyone out from elsewhere.
  const alreadySignedOut = (request: FastifyRequest, reply: FastifyReply) => {
    if (request.actor) return false;
    const locale = pageLocale((request.params as { locale: string }).locale);
    clearSessionCookie(reply, secure);
    return reply.code(303).header('cache-control', 'no-store').redirect(`/${locale}/login?done=signed-out`, 303);
  };

  app.post<LocaleParams>('/:locale/logout', formRoute(PUBLIC, alreadySignedOut, { bodyLimit: AUTH_FORM_BODY_LIMIT }), async (request, reply) => {
    const locale = pageLocale(request.params.locale);
    if (request.actor) await endSession(accounts, { actor: request.actor, ip: request.ip ?? null });
    clearSessionCookie(reply, secure);
    return reply.header('cache-control', 'no-store').redirect(`/${locale}/login?done=signed-out`, 303);
  });

  // ---------------------------------------------------------------------------------------------
  // Invitations

  async function showInvitation(request: FastifyRequest<TokenParams>, reply: FastifyReply, form: FormState, status: number) {
    const locale = pageLocale(request.params.locale);
    const { state, user } = await readInvitation(accounts, request.params.token);
    if (state !== 'valid' || !user) return privatePage(reply, locale, goneStatus(state as Exclude<LinkState, 'valid'>)).send(renderLinkGonePage({ locale, kind: 'invitation', state: state as Exclude<LinkState, 'valid'> }));
    const actsFor = user.stateCode ? await findState(accounts.db, user.stateCode) : null;
    return privatePage(reply, locale, status).send(
      renderInvitationPage({ request, locale, token: request.params.token, user, stateName: actsFor ? stateName(actsFor, locale) : null, form }),
    );
  }

  app.get<TokenParams>('/:locale/invitations/:token', PUBLIC, async (request, reply) => showInvitation(request, reply, { values: {}, errors: {} }, 200));

  app.post<TokenParams>(
    '/:locale/invitations/:token',
    formRoute(PUBLIC, (request, reply, notice) => showInvitation(request as FastifyRequest<TokenParams>, reply, { values: typedValues(request.body), errors: {}, notice }, 403), {
      bodyLimit: AUTH_FORM_BODY_LIMIT,
    }),
    async (request, reply) => {
      const locale = pageLocale(request.params.locale);
      const parsed = parseForm(acceptInvitationFormSchema, request.body);
      if (!parsed.ok) return showInvitation(request, reply, { values: typedValues(request.body), errors: parsed.errors }, 400);
      try {
        const { user, session } = await acceptInvitation(accounts, {
          token: request.params.token,
          password: parsed.value.password,
          confirmation: parsed.value.confirmation,
          locale: parsed.value.locale,
          ...requestInfo(request),
          presentedToken: readSessionToken(request, secure),
        });
        setSessionCookie(reply, session.token, secure);
        return reply.header('cache-control', 'no-store').redirect(`/${user.locale}/account?done=welcome`, 303);
      } catch (error) {
        if (isFieldError(error)) return showInvitation(request, reply, { values: typedValues(request.body), errors: { [error.params.field]: error.params.key } }, 400);
        if (error instanceof AppError && error.code === 'invitation.gone') {
          const state = error.params.state as Exclude<LinkState, 'valid'>;
          return privatePage(reply, locale, goneStatus(state)).send(renderLinkGonePage({ locale, kind: 'invitation', state }));
        }
        throw error;
      }
    },
  );

  // ---------------------------------------------------------------------------------------------
  // Password reset

  app.get<LocaleParams>('/:locale/password-reset', PUBLIC, async (request, reply) => {
    const locale = pageLocale(request.params.locale);
    return privatePage(reply, locale).send(renderResetRequestPage({ request, locale, form: { values: {}, errors: {} } }));
  });

  const reshowResetRequest = (request: FastifyRequest, reply: FastifyReply, notice: string) => {
    const locale = pageLocale((request.params as { locale: string }).locale);
    return privatePage(reply, locale, 403).send(renderResetRequestPage({ request, locale, form: { values: typedValues(request.body), errors: {}, notice } }));
  };

  app.post<LocaleParams>('/:locale/password-reset', formRoute(PUBLIC, reshowResetRequest, { bodyLimit: AUTH_FORM_BODY_LIMIT }), async (request, reply) => {
    const locale = pageLocale(request.params.locale);
    const parsed = parseForm(passwordResetRequestSchema, request.body);
    if (!parsed.ok) return privatePage(reply, locale, 400).send(renderResetRequestPage({ request, locale, form: { values: typedValues(request.body), errors: parsed.errors } }));
    await requestPasswordReset(accounts, defer, { email: parsed.value.email, locale, ip: request.ip ?? null });
    return privatePage(reply, locale).send(renderResetSentPage({ locale }));
  });

  async function showResetForm(request: FastifyRequest<TokenParams>, reply: FastifyReply, form: FormState, status: number) {
    const locale = pageLocale(request.params.locale);
    const { state, user } = await readPasswordReset(accounts, request.params.token);
    if (state !== 'valid' || !user) return privatePage(reply, locale, goneStatus(state as Exclude<LinkState, 'valid'>)).send(renderLinkGonePage({ locale, kind: 'reset', state: state as Exclude<LinkState, 'valid'> }));
    return privatePage(reply, locale, status).send(renderResetPasswordPage({ request, locale, token: request.params.token, user, form }));
  }

  app.get<TokenParams>('/:locale/password-reset/:token', PUBLIC, async (request, reply) => showResetForm(request, reply, { values: {}, errors: {} }, 200));

  app.post<TokenParams>(
    '/:locale/password-reset/:token',
    formRoute(PUBLIC, (request, reply, notice) => showResetForm(request as FastifyRequest<TokenParams>, reply, { values: {}, errors: {}, notice }, 403), {
      bodyLimit: AUTH_FORM_BODY_LIMIT,
    }),
    async (request, reply) => {
      const locale = pageLocale(request.params.locale);
      const parsed = parseForm(newPasswordFormSchema, request.body);
      if (!parsed.ok) return showResetForm(request, reply, { values: {}, errors: parsed.errors }, 400);
      try {
        await completePasswordReset(accounts, { token: request.params.token, password: parsed.value.password, confirmation: parsed.value.confirmation, ip: request.ip ?? null });
      } catch (error) {
        if (isFieldError(error)) return showResetForm(request, reply, { values: {}, errors: { [error.params.field]: error.params.key } }, 400);
        if (error instanceof AppError && error.code === 'password_reset.gone') {
          const state = error.params.state as Exclude<LinkState, 'valid'>;
          return privatePage(reply, locale, goneStatus(state)).send(renderLinkGonePage({ locale, kind: 'reset', state }));
        }
        throw error;
      }
      // Every session of the account has ended, this browser's included.
      clearSessionCookie(reply, secure);
      return reply.header('cache-control', 'no-store').redirect(`/${locale}/login?done=reset`, 303);
    },
  );
}
