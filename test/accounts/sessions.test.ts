// Signing in and sessions, through the real forms on a real database: rotation and fixation,
// lock-out (with a clock the test moves), the per-address throttle, idle and absolute expiry,
// sign-out that ends the session on the server, sessions shared by two app instances, and the
// audit entries of each.

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { LIMITS } from '../../src/accounts/accounts.ts';
import { createAccount, formSession, mergeCookies, postForm, sessionCookieValue, signIn, type TestAccount } from '../helpers/accounts.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const START = new Date('2031-03-10T09:00:00Z');
const clock = { now: new Date(START) };
const now = () => new Date(clock.now);
function advance(minutes: number): void {
  clock.now = new Date(clock.now.getTime() + minutes * 60_000);
}

let db: TestDb;
let app: FastifyInstance;
let account: TestAccount;

async function auditActions(entityId: string): Promise<string[]> {
  const { rows } = await db.query<{ action: string }>('select action from audit_log where entity_id = $1 order by id', [entityId]);
  return rows.map((row) => row.action);
}

/** A sign-in attempt through the form; the raw answer. */
async function attempt(email: string, password: string, { ip = '203.0.113.1', cookie = '' }: { ip?: string; cookie?: string } = {}) {
  const form = await formSession(app, '/en/login', { cookie });
  return app.inject({
    method: 'POST',
    url: '/en/login',
    remoteAddress: ip,
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: form.csrfToken, email, password }).toString(),
  });
}

async function isSignedIn(cookie: string, target: FastifyInstance = app): Promise<boolean> {
  const response = await target.inject({ url: '/en/account', headers: { cookie } });
  if (response.statusCode === 200) return true;
  assert.equal(response.statusCode, 303, `unexpected ${response.statusCode}`);
  assert.equal(response.headers.location, '/en/login?next=%2Fen%2Faccount');
  return false;
}

before(async () => {
  db = await createTestDb();
  app = await buildApp({ db, now });
});
after(async () => {
  await app.close();
  await db.close();
});
beforeEach(async () => {
  clock.now = new Date(clock.now.getTime() + 24 * 3_600_000);
  account = await createAccount(db, { role: 'officer' }, { now });
});

describe('sign-in', () => {
  test('success: a session cookie (HttpOnly, SameSite=Lax, Path=/), 303 to the account page, the header shows the name and a sign-out form', async () => {
    const response = await attempt(account.email, account.password);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/en/account');
    const cookie = (response.headers['set-cookie'] as string[] | string | undefined) ?? [];
    const session = [cookie].flat().find((line) => line.startsWith('normhub_session='));
    assert.ok(session, 'a session cookie is set');
    assert.match(session, /HttpOnly/);
    assert.match(session, /SameSite=Lax/);
    assert.match(session, /Path=\//);
    assert.doesNotMatch(session, /Secure/, 'not Secure over plain http');
    assert.match(sessionCookieValue(session)!, /^[A-Za-z0-9_-]{43}$/, '256 bits, base64url');

    const page = await app.inject({ url: '/en/account', headers: { cookie: mergeCookies('', response) } });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /<form class="account" method="post" action="\/en\/logout"[^>]*><a href="\/en\/account">[^<]+<\/a><input type="hidden" name="_csrf" value="[^"]+"><button type="submit">Sign out<\/button><\/form>/);
    // the database keeps the SHA-256 of the token, not the token
    const token = sessionCookieValue(session)!;
    const { rows } = await db.query<{ id: string }>('select id from sessions where user_id = $1', [account.user.id]);
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.id, token);
    assert.match(rows[0]!.id, /^[0-9a-f]{64}$/);
  });

  test('the email is found whatever its case; a wrong password gets the same words as an unknown email', async () => {
    assert.equal((await attempt(account.email.toUpperCase(), account.password)).statusCode, 303);
    const wrong = await attempt(account.email, 'not the password at all');
    const unknown = await attempt('nobody-here@example.org', 'not the password at all');
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    for (const response of [wrong, unknown]) {
      assert.match(response.body, /The email address or the password is not right\./);
      // what was typed comes back, the password does not
      assert.doesNotMatch(response.body, /not the password at all/);
    }
    assert.match(wrong.body, new RegExp(`value="${account.email.replace(/[.]/g, '\\.')}"`));
  });

  test('rotation: a new session at every sign-in; the cookie sent before is no longer valid', async () => {
    const first = await signIn(app, { email: account.email, password: account.password });
    const second = await signIn(app, { email: account.email, password: account.password, cookie: first.cookie });
    assert.notEqual(sessionCookieValue(second.cookie), sessionCookieValue(first.cookie));
    assert.equal(await isSignedIn(second.cookie), true);
    assert.equal(await isSignedIn(first.cookie), false, 'the pre-login session ended with the new sign-in');
  });

  test('fixation: a session value planted before sign-in is never adopted', async () => {
    const planted = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const session = await signIn(app, { email: account.email, password: account.password, cookie: `normhub_session=${planted}` });
    assert.notEqual(sessionCookieValue(session.cookie), planted);
    assert.equal(await isSignedIn(`normhub_session=${planted}`), false);
    assert.equal(await isSignedIn(session.cookie), true);
  });

  test('`next` leads back to a page of this site only (no open redirect)', async () => {
    const cases: Array<[string, string]> = [
      ['/fr/instruments?x=1', '/fr/instruments?x=1'],
      ['//evil.example/steal', '/en/account'],
      ['https://evil.example/', '/en/account'],
      ['/\\evil.example', '/en/account'],
      ['/%0d%0aSet-Cookie:x', '/%0d%0aSet-Cookie:x'],
    ];
    for (const [next, expected] of cases) {
      const form = await formSession(app, `/en/login?next=${encodeURIComponent(next)}`);
      const response = await app.inject({
        method: 'POST',
        url: '/en/login',
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: form.csrfToken, email: account.email, password: account.password, next }).toString(),
      });
      assert.equal(response.statusCode, 303, next);
      assert.equal(response.headers.location, expected, next);
    }
  });

  test('a page asked for without a session leads to the sign-in page, which leads back to it', async () => {
    const page = await app.inject('/fr/account');
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/fr/login?next=%2Ffr%2Faccount');
    const form = await app.inject(page.headers.location as string);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<input type="hidden" name="next" value="\/fr\/account">/);
    assert.match(form.body, /<html lang="fr"/);
  });

  test('audit: a success and a failure are recorded, without the password', async () => {
    const { rows: [last] } = await db.query<{ id: string }>('select coalesce(max(id), 0) as id from audit_log');
    await attempt(account.email, 'wrong password number one');
    await attempt(account.email, account.password);
    const { rows } = await db.query<{ action: string; actor_user_id: string | null; before: unknown; after: unknown; ip: string | null }>(
      'select action, actor_user_id, before, after, ip from audit_log where entity_id = $1 and id > $2 order by id',
      [account.user.id, last!.id],
    );
    assert.deepEqual(rows.map((row) => row.action), ['session.login_failed', 'session.login']);
    assert.equal(rows[0]!.actor_user_id, null);
    assert.equal(rows[1]!.actor_user_id, account.user.id);
    assert.equal(rows[1]!.ip, '203.0.113.1');
    assert.doesNotMatch(JSON.stringify(rows), /wrong password number one|quiet river/);
  });
});

describe('lock-out', () => {
  test(`${LIMITS.lockoutFailures} wrong passwords lock the account: even the right one is refused, without confirming it; it opens again after ${LIMITS.lockoutMinutes} minutes`, async () => {
    for (let i = 1; i < LIMITS.lockoutFailures; i++) {
      const response = await attempt(account.email, `wrong password ${i} of many`);
      assert.equal(response.statusCode, 401);
      assert.match(response.body, /not right/);
    }
    const last = await attempt(account.email, 'wrong password the last one');
    assert.match(last.body, /blocked for 15 minutes/);
    assert.ok((await auditActions(account.user.id)).includes('user.locked'));

    // the right password now gets the same answer as a wrong one: "locked"
    const right = await attempt(account.email, account.password);
    const wrong = await attempt(account.email, 'yet another wrong guess');
    assert.equal(right.statusCode, 401);
    assert.match(right.body, /blocked for \d+ minutes/);
    assert.equal(right.body.replace(/name="_csrf" value="[^"]+"/, ''), wrong.body.replace(/name="_csrf" value="[^"]+"/, ''));

    advance(LIMITS.lockoutMinutes - 1);
    assert.equal((await attempt(account.email, account.password)).statusCode, 401, 'still locked a minute before the end');
    advance(2);
    assert.equal((await attempt(account.email, account.password)).statusCode, 303, 'open again after the period');
    const { rows } = await db.query<{ failed_logins: number; locked_until: Date | null }>('select failed_logins, locked_until from users where id = $1', [account.user.id]);
    assert.equal(rows[0]!.failed_logins, 0);
    assert.equal(rows[0]!.locked_until, null);
  });

  test('an unknown email is "locked" after as many attempts: the answer does not tell which accounts exist', async () => {
    const email = `nobody-${Date.now()}@example.org`;
    let response;
    for (let i = 0; i < LIMITS.lockoutFailures; i++) response = await attempt(email, 'some password guess', { ip: '203.0.113.50' });
    assert.match(response!.body, /blocked for 15 minutes/);
  });

  test('a success resets the count of failures', async () => {
    for (let i = 0; i < LIMITS.lockoutFailures - 1; i++) await attempt(account.email, 'wrong password again');
    assert.equal((await attempt(account.email, account.password)).statusCode, 303);
    for (let i = 0; i < LIMITS.lockoutFailures - 1; i++) await attempt(account.email, 'wrong password again');
    assert.equal((await attempt(account.email, account.password)).statusCode, 303, 'not locked: the count started again');
  });
});

describe('per-address throttle', () => {
  test(`${LIMITS.ipFailures} failures from one address within ${LIMITS.ipWindowMinutes} minutes: 429 with Retry-After, for that address only`, async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < LIMITS.ipFailures; i++) {
      const response = await attempt(`guess-${i}@example.org`, 'a password guess', { ip });
      assert.equal(response.statusCode, 401, `attempt ${i + 1}`);
    }
    const refused = await attempt(account.email, account.password, { ip });
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['retry-after'], String(LIMITS.ipWindowMinutes * 60));
    assert.match(refused.body, /Too many attempts/);
    assert.match(refused.body, /<html lang="en"/);
    // elsewhere, the same account signs in
    assert.equal((await attempt(account.email, account.password, { ip: '198.51.100.8' })).statusCode, 303);
    advance(LIMITS.ipWindowMinutes + 1);
    assert.equal((await attempt(account.email, account.password, { ip })).statusCode, 303, 'the address is free again');
  });
});

describe('expiry', () => {
  test('idle expiry: 30 minutes without a request end the session (and the row goes)', async () => {
    const session = await signIn(app, { email: account.email, password: account.password });
    advance(29);
    assert.equal(await isSignedIn(session.cookie), true, 'used within 30 minutes');
    advance(29);
    assert.equal(await isSignedIn(session.cookie), true, 'each request counts');
    advance(31);
    const response = await app.inject({ url: '/en/account', headers: { cookie: session.cookie } });
    assert.equal(response.statusCode, 303);
    // the stale cookie is cleared
    assert.ok([response.headers['set-cookie']].flat().some((line) => /^normhub_session=;/.test(String(line))));
    const { rows } = await db.query('select 1 from sessions where user_id = $1', [account.user.id]);
    assert.equal(rows.length, 0);
  });

  test('absolute expiry: 12 hours after sign-in, however busy', async () => {
    const session = await signIn(app, { email: account.email, password: account.password });
    // a request every 20 minutes for 11 h 40 min: never idle
    for (let step = 0; step < 35; step++) {
      advance(20);
      assert.equal(await isSignedIn(session.cookie), true, `after ${(step + 1) * 20} minutes`);
    }
    advance(20);
    assert.equal(await isSignedIn(session.cookie), false, 'ended at 12 hours');
  });

  test('last_seen_at is written at most once a minute, not on every request', async () => {
    const session = await signIn(app, { email: account.email, password: account.password });
    const lastSeen = async () => (await db.query<{ last_seen_at: Date }>('select last_seen_at from sessions where user_id = $1', [account.user.id])).rows[0]!.last_seen_at;
    const first = new Date(await lastSeen()).getTime();
    clock.now = new Date(clock.now.getTime() + 30_000);
    await isSignedIn(session.cookie);
    assert.equal(new Date(await lastSeen()).getTime(), first, 'unchanged after 30 s');
    clock.now = new Date(clock.now.getTime() + 31_000);
    await isSignedIn(session.cookie);
    assert.equal(new Date(await lastSeen()).getTime(), clock.now.getTime(), 'written after a minute');
  });

  test('the idle and absolute limits come from the configuration', async () => {
    const short = await buildApp({ db, now, sessionIdleMinutes: 5, sessionAbsoluteHours: 1 });
    try {
      const session = await signIn(short, { email: account.email, password: account.password });
      advance(6);
      assert.equal(await isSignedIn(session.cookie, short), false);
    } finally {
      await short.close();
    }
  });
});

describe('sign-out', () => {
  test('ends the session on the server: the old cookie, replayed, is refused', async () => {
    const session = await signIn(app, { email: account.email, password: account.password });
    const response = await postForm(app, '/en/logout', { session, fields: {} });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/en/login?done=signed-out');
    assert.equal(await isSignedIn(session.cookie), false, 'the replayed cookie leads nowhere');
    const { rows } = await db.query('select 1 from sessions where user_id = $1', [account.user.id]);
    assert.equal(rows.length, 0);
    assert.ok((await auditActions(account.user.id)).includes('session.logout'));
    const page = await app.inject(response.headers.location as string);
    assert.match(page.body, /You have signed out\./);
  });
});

describe('sign-out after the session has already ended', () => {
  test('pressing "Sign out" on a page left open past the idle limit just leads to the sign-in page', async () => {
    const session = await signIn(app, { email: account.email, password: account.password });
    advance(31);
    const response = await postForm(app, '/en/logout', { session, fields: {} });
    assert.equal(response.statusCode, 303, 'not a 403 "form expired" for someone who is already out');
    assert.equal(response.headers.location, '/en/login?done=signed-out');
  });
});

describe('several app processes', () => {
  test('a session opened by one app instance is honoured, and ended, by another on the same database', async () => {
    const other = await buildApp({ db, now });
    try {
      const session = await signIn(app, { email: account.email, password: account.password });
      assert.equal(await isSignedIn(session.cookie, other), true);
      // the CSRF key is shared through the database too: a form of one posts to the other
      const response = await postForm(other, '/en/logout', { session, fields: {} });
      assert.equal(response.statusCode, 303);
      assert.equal(await isSignedIn(session.cookie, app), false);
    } finally {
      await other.close();
    }
  });
});
