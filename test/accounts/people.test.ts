// One's own account (name, language, password) and the Secretariat's administration of people
// (list and filters, disable, enable, change of role), each write audited with before and after.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createAccount, formSession, postForm, signIn, type TestAccount, type TestSession } from '../helpers/accounts.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

let db: TestDb;
let app: FastifyInstance;
let admin: TestAccount;
let adminSession: TestSession;

async function post(session: TestSession, page: string, action: string, fields: Record<string, string>) {
  const form = await formSession(app, page, { cookie: session.cookie });
  return postForm(app, action, { session: form, fields });
}

async function audit(entityId: string, action: string) {
  const { rows } = await db.query<{ before: Record<string, unknown> | null; after: Record<string, unknown> | null; actor_user_id: string | null }>(
    'select before, after, actor_user_id from audit_log where entity_id = $1 and action = $2 order by id',
    [entityId, action],
  );
  return rows;
}

before(async () => {
  db = await createTestDb();
  app = await buildApp({ db });
  admin = await createAccount(db, { role: 'admin', name: 'Ada Admin' });
  adminSession = await signIn(app, admin);
});
after(async () => {
  await app.close();
  await db.close();
});

describe('one\'s own account', () => {
  test('the page shows the account; name and language are changed and audited', async () => {
    const account = await createAccount(db, { role: 'focal_point', stateCode: 'KEN', name: 'Wanjiru' });
    const session = await signIn(app, account);
    const page = await app.inject({ url: '/en/account', headers: { cookie: session.cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /National focal point/);
    assert.match(page.body, /Kenya \(KEN\)/);
    assert.match(page.body, /href="\/en\/states\/KEN\/contacts"/);

    const saved = await post(session, '/en/account', '/en/account', { name: 'Wanjiru Kamau', locale: 'fr' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/fr/account?done=profile');
    const french = await app.inject({ url: '/fr/account?done=profile', headers: { cookie: session.cookie } });
    assert.match(french.body, /Vos modifications ont été enregistrées\./);
    assert.match(french.body, /value="Wanjiru Kamau"/);
    const [entry] = await audit(account.user.id, 'user.update');
    assert.equal(entry!.before!.name, 'Wanjiru');
    assert.equal(entry!.after!.name, 'Wanjiru Kamau');
    assert.equal(entry!.after!.locale, 'fr');

    const empty = await post(session, '/en/account', '/en/account', { name: '  ', locale: 'fr' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /href="#field-name"/, 'the summary leads to the field');
  });

  test('changing the password needs the current one, and ends every other session of the account', async () => {
    const account = await createAccount(db, { role: 'expert' });
    const here = await signIn(app, account);
    const elsewhere = await signIn(app, account);
    const wrong = await post(here, '/en/account', '/en/account/password', { currentPassword: 'not my password', password: 'a fresh quiet password', confirmation: 'a fresh quiet password' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /The current password is not right\./);
    assert.equal((await audit(account.user.id, 'user.password_change_failed')).length, 1);

    const changed = await post(here, '/en/account', '/en/account/password', { currentPassword: account.password, password: 'a fresh quiet password', confirmation: 'a fresh quiet password' });
    assert.equal(changed.statusCode, 303);
    assert.equal((await app.inject({ url: '/en/account', headers: { cookie: here.cookie } })).statusCode, 200, 'this session goes on');
    assert.equal((await app.inject({ url: '/en/account', headers: { cookie: elsewhere.cookie } })).statusCode, 303, 'the other one ended');
    const [entry] = await audit(account.user.id, 'user.password_change');
    assert.equal(entry!.after!.sessionsEnded, 1);
    await signIn(app, { email: account.email, password: 'a fresh quiet password' });
    // the owner is told, in their language, with a way back in
    const { rows } = await db.query<{ text_body: string }>("select text_body from mail_outbox where kind = 'password-changed' and to_address = $1", [account.email]);
    assert.equal(rows.length, 1);
    assert.match(rows[0]!.text_body, /The password of your NormHub account was changed/);
    assert.match(rows[0]!.text_body, /\/en\/password-reset/);
  });

  test('the account page lists where one is signed in, and signs out everywhere else once the password is given again', async () => {
    const account = await createAccount(db, { role: 'observer' });
    const here = await signIn(app, account);
    const elsewhere = await signIn(app, account);
    const page = await app.inject({ url: '/en/account', headers: { cookie: here.cookie } });
    assert.equal((page.body.match(/<td>[^<]+(?: <strong>\(this session\)<\/strong>)?<\/td><td>[^<]+<\/td><td>127\.0\.0\.1<\/td>/g) ?? []).length, 2);
    assert.match(page.body, /\(this session\)/);
    assert.match(page.body, /Each session ends after 30 minutes without use, and 12 hours after signing in at the latest\./);

    const wrong = await post(here, '/en/account', '/en/account/sessions', { sessionsPassword: 'not it at all' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /The current password is not right\./);
    assert.equal((await app.inject({ url: '/en/account', headers: { cookie: elsewhere.cookie } })).statusCode, 200, 'nothing ended');

    const ended = await post(here, '/en/account', '/en/account/sessions', { sessionsPassword: account.password });
    assert.equal(ended.statusCode, 303);
    assert.equal((await app.inject({ url: '/en/account', headers: { cookie: elsewhere.cookie } })).statusCode, 303, 'the other session ended');
    const after = await app.inject({ url: '/en/account?done=sessions', headers: { cookie: here.cookie } });
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /Your other sessions have been signed out\./);
    assert.match(after.body, /You are signed in nowhere else\./);
    const [entry] = await audit(account.user.id, 'session.logout_others');
    assert.equal(entry!.after!.sessionsEnded, 1);
  });
});

describe('administration of people', () => {
  test('the list, filtered by role, State and status', async () => {
    const kenya = await createAccount(db, { role: 'contributor', stateCode: 'KEN', name: 'Zawadi' });
    await createAccount(db, { role: 'contributor', stateCode: 'PER', name: 'Quispe' });
    const page = await app.inject({ url: '/en/admin/people?role=contributor&state=KEN', headers: { cookie: adminSession.cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/en/admin/people/${kenya.user.id}">Zawadi</a>`));
    assert.doesNotMatch(page.body, />Quispe</);
    assert.match(page.body, /<option value="contributor" selected>/);
    const bad = await app.inject({ url: '/en/admin/people?role=emperor', headers: { cookie: adminSession.cookie } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choose a role from the list\./);
  });

  test('disable ends the account\'s sessions and stops sign-in; enable lifts a lock-out; both audited', async () => {
    const person = await createAccount(db, { role: 'observer' });
    const session = await signIn(app, person);
    await db.query("update users set failed_logins = 3, locked_until = now() + interval '1 hour' where id = $1", [person.user.id]);
    const page = `/en/admin/people/${person.user.id}`;
    const disabled = await post(adminSession, page, `${page}/status`, { status: 'disabled' });
    assert.equal(disabled.statusCode, 303);
    assert.equal((await app.inject({ url: '/en/account', headers: { cookie: session.cookie } })).statusCode, 303);
    await assert.rejects(signIn(app, person), /401/);
    const [disable] = await audit(person.user.id, 'user.disable');
    assert.equal(disable!.before!.status, 'active');
    assert.equal(disable!.after!.status, 'disabled');
    assert.equal(disable!.actor_user_id, admin.user.id);

    const enabled = await post(adminSession, page, `${page}/status`, { status: 'active' });
    assert.equal(enabled.statusCode, 303);
    const [enable] = await audit(person.user.id, 'user.enable');
    assert.notEqual(enable!.before!.lockedUntil, null);
    assert.equal(enable!.after!.lockedUntil, null);
    await signIn(app, person);
  });

  test('a change of role is audited and ends the account\'s sessions; a State role needs a State', async () => {
    const person = await createAccount(db, { role: 'observer' });
    const session = await signIn(app, person);
    const page = `/en/admin/people/${person.user.id}`;
    const missing = await post(adminSession, page, `${page}/role`, { role: 'focal_point', stateCode: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /acts for one State/);
    const changed = await post(adminSession, page, `${page}/role`, { role: 'focal_point', stateCode: 'NGA' });
    assert.equal(changed.statusCode, 303);
    assert.equal((await app.inject({ url: '/en/account', headers: { cookie: session.cookie } })).statusCode, 303);
    const [entry] = await audit(person.user.id, 'user.role_change');
    assert.equal(entry!.before!.role, 'observer');
    assert.equal(entry!.after!.role, 'focal_point');
    assert.equal(entry!.after!.stateCode, 'NGA');
  });

  test('an officer manages focal points, not administrators; nobody manages their own account here', async () => {
    const officer = await createAccount(db, { role: 'officer' });
    const officerSession = await signIn(app, officer);
    const adminPage = `/en/admin/people/${admin.user.id}`;
    const view = await app.inject({ url: adminPage, headers: { cookie: officerSession.cookie } });
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /Your account may not change this account\./);
    const refused = await post(officerSession, '/en/login', `${adminPage}/status`, { status: 'disabled' });
    assert.equal(refused.statusCode, 403);
    const promote = await post(officerSession, '/en/login', `/en/admin/people/${officer.user.id}/role`, { role: 'admin', stateCode: '' });
    assert.equal(promote.statusCode, 403);
    const self = await post(adminSession, '/en/login', `/en/admin/people/${admin.user.id}/status`, { status: 'disabled' });
    assert.equal(self.statusCode, 403);
    const { rows } = await db.query<{ status: string; role: string }>('select status, role from users where id in ($1, $2) order by role', [admin.user.id, officer.user.id]);
    assert.deepEqual(rows, [{ status: 'active', role: 'admin' }, { status: 'active', role: 'officer' }]);
  });

  test('an unknown account is a 404 page', async () => {
    const response = await app.inject({ url: '/en/admin/people/00000000-0000-0000-0000-000000000000', headers: { cookie: adminSession.cookie } });
    assert.equal(response.statusCode, 404);
    assert.equal((await app.inject({ url: '/en/admin/people/not-an-id', headers: { cookie: adminSession.cookie } })).statusCode, 404);
    assert.equal((await app.inject({ url: `/en/admin/people/${'-'.repeat(36)}`, headers: { cookie: adminSession.cookie } })).statusCode, 404);
    for (const action of ['resend', 'status', 'role']) {
      const response = await post(adminSession, '/en/login', `/en/admin/people/${'-'.repeat(36)}/${action}`, { status: 'disabled', role: 'observer' });
      assert.equal(response.statusCode, 404, action);
    }
  });
});
