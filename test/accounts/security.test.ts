// Hostile input is refused cleanly: forged or missing CSRF tokens on every POST of the
// application (found from its routes, so a new one is covered the day it is added), tokens of
// another session, oversize bodies; and every answer carries the security headers, the
// router's refusals too; cookies are Secure and __Host- on https.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { inviteUser } from '../../src/accounts/invitations-service.ts';
import { issuePasswordReset } from '../../src/accounts/password-reset-service.ts';
import { createAccount, formSession, mergeCookies, postForm, sessionCookieValue, signIn, testAccountsContext, type TestAccount, type TestSession } from '../helpers/accounts.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

let db: TestDb;
let app: FastifyInstance;
let admin: TestAccount;
let adminSession: TestSession;

before(async () => {
  db = await createTestDb();
  app = await buildApp({ db });
  admin = await createAccount(db, { role: 'admin' });
  adminSession = await signIn(app, admin);
});
after(async () => {
  await app.close();
  await db.close();
});

/** A concrete address for a route pattern: every parameter given a plausible value. */
function concrete(url: string, values: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_, name: string) => values[name] ?? 'x');
}

function isCsrfRefusal(response: { statusCode: number; body: string; headers: Record<string, unknown> }): boolean {
  if (response.statusCode !== 403) return false;
  if (String(response.headers['content-type']).startsWith('application/problem+json')) return JSON.parse(response.body).code === 'csrf.forbidden';
  return /The form has expired|the form could not be accepted because it had expired/.test(response.body);
}

describe('CSRF', () => {
  test('every unsafe route of the application refuses a request without a token, or with a forged one, and changes nothing', async () => {
    const unsafe = app.routeAccess().filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method));
    assert.ok(unsafe.length >= 10, `the application's forms are found (${unsafe.length})`);
    // live links, so that the forms behind them exist and only the token can refuse them
    const ctx = testAccountsContext(db);
    const invited = await inviteUser(ctx, { actor: null, label: 'test' }, { email: 'csrf-invitee@example.org', name: 'Invitee', role: 'observer', stateCode: null, locale: 'en' });
    const resetOwner = await createAccount(db, { role: 'observer' });
    await issuePasswordReset(ctx, { email: resetOwner.email, locale: 'en', ip: null });
    const { rows: [mail] } = await db.query<{ text_body: string }>("select text_body from mail_outbox where kind = 'password-reset' and to_address = $1", [resetOwner.email]);
    const tokens: Record<string, string> = {
      invitations: invited.invitationUrl.split('/').pop()!,
      'password-reset': /password-reset\/([A-Za-z0-9_-]{43})/.exec(mail!.text_body)![1]!,
    };
    const valuesFor = (url: string) => ({ locale: 'en', token: tokens[url.split('/')[2]!] ?? 'A'.repeat(43), id: resetOwner.user.id, code: 'KEN' });

    const auditBefore = (await db.query<{ count: string }>('select count(*) as count from audit_log')).rows[0]!.count;
    for (const route of unsafe) {
      const url = concrete(route.url, valuesFor(route.url));
      for (const token of [null, 'forged-token', adminSession.csrfToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))]) {
        const response = await app.inject({
          method: route.method,
          url,
          headers: { cookie: adminSession.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ ...(token ? { _csrf: token } : {}), email: admin.email, password: admin.password, name: 'Changed', locale: 'fr', status: 'disabled', role: 'observer' }).toString(),
        });
        assert.ok(isCsrfRefusal(response), `${route.method} ${route.url} with ${token ?? 'no token'}: ${response.statusCode}`);
      }
    }
    // nothing was written, and the session is still there (sign-out was refused too)
    assert.equal((await db.query<{ count: string }>('select count(*) as count from audit_log')).rows[0]!.count, auditBefore);
    assert.equal((await app.inject({ url: '/en/account', headers: { cookie: adminSession.cookie } })).statusCode, 200);
    const { rows } = await db.query<{ name: string; status: string }>('select name, status from users where id = $1', [resetOwner.user.id]);
    assert.equal(rows[0]!.status, 'active');
    assert.notEqual(rows[0]!.name, 'Changed');
    assert.equal((await app.inject(`/en/invitations/${tokens.invitations}`)).statusCode, 200, 'the invitation is still unused');
  });

  test('the refused form comes back with what was typed (never the password), a fresh token, and a word on why', async () => {
    const form = await formSession(app, '/fr/login');
    const response = await postForm(app, '/fr/login', { session: { ...form, csrfToken: 'stale' }, fields: { email: 'kofi@example.org', password: 'typed secret words' } });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /<html lang="fr"/);
    assert.match(response.body, /le formulaire n’a pas pu être accepté car il avait expiré/);
    assert.match(response.body, /value="kofi@example.org"/);
    assert.doesNotMatch(response.body, /typed secret words/);
    // the token it carries now works
    const retried = await postForm(app, '/fr/login', { session: { cookie: mergeCookies(form.cookie, response), csrfToken: /name="_csrf" value="([^"]+)"/.exec(response.body)![1]! }, fields: { email: admin.email, password: admin.password } });
    assert.equal(retried.statusCode, 303);

    const invite = await formSession(app, '/en/admin/people/invite', { cookie: adminSession.cookie });
    const refused = await postForm(app, '/en/admin/people/invite', { session: invite, fields: { name: 'Typed Name', email: 'typed@example.org', role: 'expert', locale: 'es' }, csrf: false });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /value="Typed Name"/);
    assert.match(refused.body, /value="typed@example.org"/);
    assert.match(refused.body, /<option value="es" selected>/);
  });

  test('a token made for one session is refused in another, and an attacker\'s own cookie and token pair does not carry a victim\'s session', async () => {
    const other = await createAccount(db, { role: 'officer' });
    const otherSession = await signIn(app, other);
    const crossed = await postForm(app, '/en/logout', { session: { cookie: adminSession.cookie, csrfToken: otherSession.csrfToken }, fields: {} });
    assert.ok(isCsrfRefusal(crossed));
    // anonymous pair (cookie secret + token of the sign-in page) with the victim's session cookie
    const attacker = await formSession(app, '/en/login');
    const victimSession = `normhub_session=${sessionCookieValue(adminSession.cookie)}`;
    const tossed = await postForm(app, '/en/logout', { session: { cookie: `${attacker.cookie}; ${victimSession}`, csrfToken: attacker.csrfToken }, fields: {} });
    assert.ok(isCsrfRefusal(tossed), 'the token is bound to the session it was made for');
    assert.equal((await app.inject({ url: '/en/account', headers: { cookie: adminSession.cookie } })).statusCode, 200);
  });

  test('the token may come in the x-csrf-token header instead (programs)', async () => {
    const session = await signIn(app, await createAccount(db, { role: 'observer' }));
    const response = await app.inject({ method: 'POST', url: '/en/logout', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
    assert.equal(response.statusCode, 303);
  });
});

describe('oversize bodies', () => {
  test('a sign-in form bigger than 16 KiB: 413, a page in the reader\'s language', async () => {
    const form = await formSession(app, '/es/login');
    const response = await postForm(app, '/es/login', { session: form, fields: { email: 'a@example.org', password: 'x'.repeat(20 * 1024) } });
    assert.equal(response.statusCode, 413);
    assert.match(response.body, /<html lang="es"/);
    assert.match(response.body, /Demasiados datos/);
    const api = await app.inject({ method: 'POST', url: '/en/logout', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ junk: 'y'.repeat(2 * 1024 * 1024) }) });
    assert.equal(api.statusCode, 413);
  });

  test('over 1 MiB anywhere else', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/en/admin/people/invite',
      headers: { cookie: adminSession.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `name=${'n'.repeat(1024 * 1024 + 10)}`,
    });
    assert.equal(response.statusCode, 413);
  });
});

describe('security headers', () => {
  const EXPECTED_POLICY = "default-src 'none';style-src 'unsafe-inline';img-src 'self';base-uri 'none';form-action 'self';frame-ancestors 'none'";

  function assertHeaders(headers: Record<string, unknown>, where: string): void {
    assert.equal(headers['content-security-policy'], EXPECTED_POLICY, where);
    assert.equal(headers['x-content-type-options'], 'nosniff', where);
    assert.equal(headers['x-frame-options'], 'DENY', where);
    assert.equal(headers['referrer-policy'], 'same-origin', where);
    assert.equal(headers['cross-origin-opener-policy'], 'same-origin', where);
  }

  test('on pages, problems, 404s and the router\'s refusals alike; no HSTS over plain http', async () => {
    assertHeaders((await app.inject('/en/')).headers, 'a page');
    assertHeaders((await app.inject('/api/states/XX/focal-point')).headers, 'a problem');
    assertHeaders((await app.inject('/en/no/such/page')).headers, 'a 404');
    assertHeaders((await app.inject('/ar/documents/%E0%A4%A')).headers, 'a broken address, refused by the router');
    assert.equal((await app.inject('/en/')).headers['strict-transport-security'], undefined);
  });

  test('every page of a signed-in person: no-store; pages vary by cookie', async () => {
    const page = await app.inject({ url: '/en/', headers: { cookie: adminSession.cookie } });
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(String(page.headers.vary), /Cookie/);
    const api = await app.inject({ url: '/api/states/KEN/contacts', headers: { cookie: adminSession.cookie } });
    assert.equal(api.statusCode, 200);
    assert.equal(api.headers['cache-control'], 'no-store');
  });

  test('a public page sets no cookie; the sign-in page sets only the CSRF secret cookie', async () => {
    assert.equal((await app.inject('/en/')).headers['set-cookie'], undefined);
    const login = await app.inject('/en/login');
    assert.match(String(login.headers['set-cookie']), /^normhub_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  test('on https (PUBLIC_URL): HSTS, and the cookies are Secure with the __Host- prefix', async () => {
    const secure = await buildApp({ db, publicUrl: 'https://normhub.example.org' });
    try {
      const page = await secure.inject('/en/login');
      assert.equal(page.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
      assert.match(String(page.headers['set-cookie']), /^__Host-normhub_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      const form = await formSession(secure, '/en/login');
      const response = await postForm(secure, '/en/login', { session: form, fields: { email: admin.email, password: admin.password } });
      assert.equal(response.statusCode, 303);
      const session = [response.headers['set-cookie']].flat().find((line) => String(line).startsWith('__Host-normhub_session='));
      assert.match(String(session), /; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      assert.doesNotMatch(String(session), /Domain=/i, '__Host- cookies have no Domain');
      assertHeaders((await secure.inject('/ar/documents/%E0%A4%A')).headers, 'the router refusal on https');
      assert.ok((await secure.inject('/ar/documents/%E0%A4%A')).headers['strict-transport-security']);
    } finally {
      await secure.close();
    }
  });

  test('password managers and paste work: the fields say what they hold, nothing blocks paste', async () => {
    const login = (await app.inject('/en/login')).body;
    assert.match(login, /name="email" type="email"[^>]* autocomplete="username"/);
    assert.match(login, /name="password" type="password"[^>]* autocomplete="current-password"/);
    const account = (await app.inject({ url: '/en/account', headers: { cookie: adminSession.cookie } })).body;
    assert.match(account, /name="password" type="password"[^>]* autocomplete="new-password"/);
    assert.match(account, /name="username" autocomplete="username" value="[^"]+@/);
    for (const page of [login, account]) assert.doesNotMatch(page, /onpaste|oncopy|<script/i);
  });

  test('no file or folder of the server is served: no directory listing, no .git, no .env', async () => {
    for (const url of ['/.git/config', '/.env', '/package.json', '/src/app.ts', '/data/', '/api/docs/ui/../../package.json']) {
      const response = await app.inject(url);
      assert.equal(response.statusCode, 404, url);
      assert.doesNotMatch(response.body, /"dependencies"|\[core\]|buildApp/);
    }
  });

  test('the API reference pages keep their own policies', async () => {
    const docs = await app.inject('/api/docs');
    assert.match(String(docs.headers['content-security-policy']), /default-src 'none'/);
    const ui = await app.inject('/api/docs/ui/');
    assert.match(String(ui.headers['content-security-policy']), /script-src 'self'/);
  });
});

describe('refusals in the reader\'s language', () => {
  test('the API answers 401 and 403 as problems; a POST without a session gets a 401 page with a sign-in link', async () => {
    const anonymous = await app.inject({ url: '/api/states/KEN/contacts', headers: { 'accept-language': 'fr' } });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().code, 'auth.unauthenticated');
    assert.equal(anonymous.json().title, 'Veuillez vous connecter');
    const focal = await signIn(app, await createAccount(db, { role: 'focal_point', stateCode: 'GHA' }));
    const refused = await app.inject({ url: '/api/states/KEN/contacts', headers: { cookie: focal.cookie } });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'auth.forbidden');

    const form = await formSession(app, '/zh/login');
    const post = await postForm(app, '/zh/account', { session: form, fields: { name: 'x', locale: 'en' } });
    assert.equal(post.statusCode, 401);
    assert.match(post.body, /<html lang="zh"/);
    assert.match(post.body, /<a href="\/zh\/login">登录<\/a>/);
  });
});
