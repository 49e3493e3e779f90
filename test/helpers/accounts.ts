// Accounts for tests, made through the real services and signed in through the real forms.
//
//   const { user, email, password } = await createAccount(db, { role: 'focal_point', stateCode: 'KEN' });
//   const session = await signIn(app, { email, password });          // { cookie, csrfToken }
//   await postForm(app, '/en/logout', { session, fields: {} });      // the CSRF field is added
//   const page = await app.inject({ url: '/en/account', headers: { cookie: session.cookie } });
//
// For a page that does not care how its actor signed in, `actorFor(user)` with
// `buildApp({ db, resolveActor: async () => actor })` is quicker; the CSRF check still applies to
// POSTs then (use `formSession(app, url, { cookie })` to get a token for that page).

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEFAULT_SESSION_POLICY, type AccountsContext, type User } from '../../src/accounts/accounts.ts';
import { acceptInvitation, inviteUser } from '../../src/accounts/invitations-service.ts';
import { endOtherSessions } from '../../src/accounts/sessions-service.ts';
import type { Db } from '../../src/db/db.ts';
import type { Actor, Role } from '../../src/http/access.ts';
import type { Locale } from '../../src/i18n/i18n.ts';
import { createMailer } from '../../src/mail/mail-service.ts';

/** A password that passes the rules (and is in no common list). */
export const TEST_PASSWORD = 'quiet river under 7 lanterns';

let counter = 0;

/** An accounts context on `db`, mail kept in the outbox, for calling services directly. */
export function testAccountsContext(db: Db, overrides: Partial<AccountsContext> = {}): AccountsContext {
  return {
    db,
    now: () => new Date(),
    sessionPolicy: DEFAULT_SESSION_POLICY,
    publicUrl: 'http://localhost:3000',
    mailer: createMailer({ db }),
    log: { info: () => {}, warn: () => {}, error: () => {} },
    ...overrides,
  };
}

export interface TestAccount {
  user: User;
  email: string;
  password: string;
}

/**
 * An active account with a known password: invited (as the command line invites) and accepted,
 * through the same services as the web. Focal points and contributors need a State (alpha-3).
 */
export async function createAccount(
  db: Db,
  {
    role,
    stateCode = null,
    email,
    password = TEST_PASSWORD,
    name,
    locale = 'en',
  }: { role: Role; stateCode?: string | null; email?: string; password?: string; name?: string; locale?: Locale },
  context: Partial<AccountsContext> = {},
): Promise<TestAccount> {
  counter += 1;
  const address = email ?? `${role.replace('_', '-')}-${counter}-${process.pid}@example.org`;
  const ctx = testAccountsContext(db, context);
  const invitation = await inviteUser(ctx, { actor: null, label: 'test' }, { email: address, name: name ?? `Test ${role} ${counter}`, role, stateCode, locale });
  const token = invitation.invitationUrl.split('/').pop()!;
  const { user } = await acceptInvitation(ctx, { token, password, confirmation: password, locale, ip: null, userAgent: 'test' });
  // Accepting signs the invitee in; that session belongs to no browser here: tests sign in through the form.
  await endOtherSessions(db, user.id, null);
  return { user, email: address, password };
}

/** The Actor a resolver would give for an account (for `buildApp({ resolveActor })`). */
export function actorFor(user: User, sessionId = `test-session-${user.id}`): Actor {
  return { userId: user.id, email: user.email, name: user.name, role: user.role, stateCode: user.stateCode, locale: user.locale, sessionId };
}

export interface TestSession {
  /** the Cookie header to send: the session cookie (when signed in) and the CSRF secret cookie */
  cookie: string;
  /** a CSRF token valid for this cookie, for the `_csrf` field or the x-csrf-token header */
  csrfToken: string;
}

/** Merges the Set-Cookie of a response into a Cookie header (a cleared cookie is dropped). */
export function mergeCookies(cookie: string, response: LightMyRequestResponse): string {
  const jar = new Map(
    cookie
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)] as [string, string]),
  );
  for (const set of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
    const cleared = set.value === '' || set.maxAge === 0 || (set.expires !== undefined && set.expires.getTime() <= Date.now());
    if (cleared) jar.delete(set.name);
    else jar.set(set.name, set.value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The `_csrf` value of the first form of a page. */
export function csrfTokenOf(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match) throw new Error('The page has no form with a CSRF field.');
  return match[1]!;
}

/** Opens a page with a form (as `cookie`) and returns the cookie and token to post it with. */
export async function formSession(app: FastifyInstance, url: string, { cookie = '' }: { cookie?: string } = {}): Promise<TestSession> {
  const page = await app.inject({ url, headers: cookie ? { cookie } : {} });
  if (page.statusCode !== 200) throw new Error(`${url} answered ${page.statusCode}`);
  return { cookie: mergeCookies(cookie, page), csrfToken: csrfTokenOf(page.body) };
}

/** POSTs a form the way a browser does (urlencoded), with the session's cookie and CSRF token. */
export function postForm(
  app: FastifyInstance,
  url: string,
  { session, fields, csrf = true }: { session: TestSession; fields: Record<string, string>; csrf?: boolean },
): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams({ ...(csrf ? { _csrf: session.csrfToken } : {}), ...fields }).toString();
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body,
  });
}

/**
 * Signs in through the sign-in form, as a browser would: the form's page, then the POST.
 * Returns the cookies of the signed-in browser and a CSRF token bound to the new session.
 */
export async function signIn(
  app: FastifyInstance,
  { email, password, locale = 'en', cookie = '', ip }: { email: string; password: string; locale?: Locale; cookie?: string; ip?: string },
): Promise<TestSession> {
  const form = await formSession(app, `/${locale}/login`, { cookie });
  const response = await app.inject({
    method: 'POST',
    url: `/${locale}/login`,
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: form.csrfToken, email, password }).toString(),
    ...(ip ? { remoteAddress: ip } : {}),
  });
  if (response.statusCode !== 303) throw new Error(`Sign-in as ${email} answered ${response.statusCode}`);
  const signedIn = mergeCookies(form.cookie, response);
  // A token made for the new session (tokens are bound to the session they were made in).
  return formSession(app, `/${locale}/account`, { cookie: signedIn });
}

/** The session cookie's value in a Cookie header. */
export function sessionCookieValue(cookie: string): string | undefined {
  return /(?:^|;\s*)(?:__Host-)?normhub_session=([^;]+)/.exec(cookie)?.[1];
}
