// Invitations through the web and a real SMTP server: the Secretariat invites, the mail arrives
// in the invitee's language with a link that works once, expires, and refuses tampering;
// accepting sets password and language and signs in; resending revokes the older link;
// officers may not invite the Secretariat. Audit entries have before/after and no secrets.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createMailer } from '../../src/mail/mail-service.ts';
import { createAccount, formSession, mergeCookies, postForm, signIn, type TestAccount, type TestSession } from '../helpers/accounts.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const clock = { now: new Date('2032-05-04T08:00:00Z') };
const now = () => new Date(clock.now);

let db: TestDb;
let app: FastifyInstance;
let smtp: TestSmtpServer;
let admin: TestSession;
let officer: TestSession;
let adminAccount: TestAccount;
let officerAccount: TestAccount;
let counter = 0;

function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}@example.org`;
}

async function invite(session: TestSession, fields: Record<string, string>) {
  const form = await formSession(app, '/en/admin/people/invite', { cookie: session.cookie });
  return postForm(app, '/en/admin/people/invite', { session: form, fields });
}

/** The link of the invitation mail to `email`, and the mail. */
async function invitationLink(email: string) {
  const mail = await smtp.waitForMessage((message) => message.to.includes(email));
  const link = /https?:\/\/[^\s"<>]+\/invitations\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  assert.ok(link, 'the mail holds the link');
  return { mail, link, path: new URL(link).pathname };
}

async function accept(path: string, fields: Record<string, string>, cookie = '') {
  const form = await formSession(app, path, { cookie });
  return postForm(app, path, { session: form, fields });
}

before(async () => {
  db = await createTestDb();
  smtp = await startTestSmtpServer();
  app = await buildApp({ db, now, mailer: createMailer({ db, smtpUrl: smtp.url }), publicUrl: 'http://normhub.test' });
  adminAccount = await createAccount(db, { role: 'admin' }, { now });
  officerAccount = await createAccount(db, { role: 'officer' }, { now });
  admin = await signIn(app, adminAccount);
  officer = await signIn(app, officerAccount);
});
after(async () => {
  await app.close();
  await smtp.close();
  await db.close();
});

describe('inviting', () => {
  test('the mail arrives in the invitee\'s language (Arabic: right to left), with the State and the role, and a link to PUBLIC_URL', async () => {
    const email = uniqueEmail('amal');
    const response = await invite(admin, { name: 'أمل حداد', email, role: 'focal_point', stateCode: 'EGY', locale: 'ar' });
    assert.equal(response.statusCode, 303);
    assert.match(String(response.headers.location), /^\/en\/admin\/people\/[0-9a-f-]{36}\?done=invited$/);
    const { mail, link } = await invitationLink(email);
    assert.equal(mail.language, 'ar');
    assert.match(mail.subject, /NormHub/);
    assert.match(mail.subject, /[\u0600-\u06ff]/, 'the subject is in Arabic');
    assert.match(mail.html, /dir="rtl"/);
    assert.match(mail.text, /جهة الوصل الوطنية/, 'the role in Arabic');
    assert.match(mail.text, /مصر/, 'the State named in Arabic');
    assert.ok(link.startsWith('http://normhub.test/ar/invitations/'), link);
    // the page of the new account says the invitation went out, and never shows the link
    const page = await app.inject({ url: String(response.headers.location), headers: { cookie: admin.cookie } });
    assert.match(page.body, /The invitation has been sent\./);
    assert.doesNotMatch(page.body, /invitations\/[A-Za-z0-9_-]{43}/);
  });

  test('a focal point needs a State, an expert none; a taken email is said beside the field, with what was typed', async () => {
    const noState = await invite(admin, { name: 'Sin Estado', email: uniqueEmail('sin'), role: 'focal_point', stateCode: '', locale: 'es' });
    assert.equal(noState.statusCode, 400);
    assert.match(noState.body, /A focal point or a contributor acts for one State/);
    assert.match(noState.body, /value="Sin Estado"/);
    const expertWithState = await invite(admin, { name: 'E', email: uniqueEmail('e'), role: 'expert', stateCode: 'FRA', locale: 'fr' });
    assert.equal(expertWithState.statusCode, 400);
    const email = uniqueEmail('twice');
    assert.equal((await invite(admin, { name: 'Once', email, role: 'observer', stateCode: '', locale: 'en' })).statusCode, 303);
    const twice = await invite(admin, { name: 'Twice', email: email.toUpperCase(), role: 'observer', stateCode: '', locale: 'en' });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /An account with this email address exists already\./);
    assert.match(twice.body, /aria-invalid="true"/);
  });

  test('an officer may invite a focal point but not an administrator or an officer', async () => {
    assert.equal((await invite(officer, { name: 'FP', email: uniqueEmail('fp'), role: 'contributor', stateCode: 'KEN', locale: 'en' })).statusCode, 303);
    for (const role of ['admin', 'officer']) {
      const email = uniqueEmail(role);
      const response = await invite(officer, { name: 'Nope', email, role, stateCode: '', locale: 'en' });
      assert.equal(response.statusCode, 403, role);
      const { rows } = await db.query('select 1 from users where email = $1', [email]);
      assert.equal(rows.length, 0, `no ${role} account was made`);
    }
    // the form offers only what the officer may give
    const form = await app.inject({ url: '/en/admin/people/invite', headers: { cookie: officer.cookie } });
    assert.doesNotMatch(form.body, /<option value="admin"/);
    assert.match(form.body, /<option value="focal_point"/);
  });

  test('the public is sent to sign in; a focal point is refused the administration', async () => {
    const anonymous = await app.inject('/en/admin/people/invite');
    assert.equal(anonymous.statusCode, 303);
    const focal = await createAccount(db, { role: 'focal_point', stateCode: 'KEN' }, { now });
    const session = await signIn(app, focal);
    const refused = await app.inject({ url: '/en/admin/people', headers: { cookie: session.cookie } });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Your account may not see this page or do this\./);
  });
});

describe('accepting', () => {
  test('the link works once: password and language set, the account active and signed in; the second use is refused', async () => {
    const email = uniqueEmail('kofi');
    await invite(admin, { name: 'Kofi Mensah', email, role: 'focal_point', stateCode: 'GHA', locale: 'fr' });
    const { path } = await invitationLink(email);
    const page = await app.inject(path);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
    assert.match(page.body, /Bienvenue, Kofi Mensah/);
    assert.match(page.body, /Ghana/);

    // a weak password is refused beside its field; nothing is used up
    const weak = await accept(path, { password: 'password1234', confirmation: 'password1234', locale: 'fr' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /fait partie des plus courants/);
    const mismatch = await accept(path, { password: 'quiet river under 7 lanterns', confirmation: 'quiet river under 8 lanterns', locale: 'fr' });
    assert.equal(mismatch.statusCode, 400);
    assert.match(mismatch.body, /ne sont pas identiques/);

    const accepted = await accept(path, { password: 'quiet river under 7 lanterns', confirmation: 'quiet river under 7 lanterns', locale: 'es' });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, '/es/account?done=welcome', 'the chosen language');
    const cookie = mergeCookies('', accepted);
    const account = await app.inject({ url: '/es/account?done=welcome', headers: { cookie } });
    assert.equal(account.statusCode, 200, 'signed in');
    assert.match(account.body, /Su cuenta está abierta/);
    const { rows } = await db.query<{ status: string; locale: string; password_hash: string }>('select status, locale, password_hash from users where email = $1', [email]);
    assert.equal(rows[0]!.status, 'active');
    assert.equal(rows[0]!.locale, 'es');
    assert.match(rows[0]!.password_hash, /^\$argon2id\$/);

    const again = await app.inject(path);
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /a déjà servi/);
    // a token of any form will do: CSRF tokens are bound to the session, not to the page
    const replay = await postForm(app, path.replace(/^\/fr\//, '/en/'), {
      session: await formSession(app, '/en/login'),
      fields: { password: 'another quiet river 99', confirmation: 'another quiet river 99', locale: 'en' },
    });
    assert.equal(replay.statusCode, 410, 'the form of a used link cannot be posted either');
    assert.match(replay.body, /This invitation has been used/);

    // and the password chosen is the one that signs in
    await signIn(app, { email, password: 'quiet river under 7 lanterns' });
  });

  test('an expired link is refused with a page that says so', async () => {
    const email = uniqueEmail('late');
    await invite(admin, { name: 'Late', email, role: 'expert', stateCode: '', locale: 'en' });
    const { path } = await invitationLink(email);
    clock.now = new Date(clock.now.getTime() + 7 * 86_400_000 + 60_000);
    const page = await app.inject(path);
    assert.equal(page.statusCode, 410);
    assert.match(page.body, /This invitation has expired/);
    assert.match(page.body, /Ask the Secretariat to send you a new invitation\./);
    const posted = await postForm(app, path, { session: await formSession(app, '/en/login'), fields: { password: 'quiet river under 7 lanterns', confirmation: 'quiet river under 7 lanterns', locale: 'en' } });
    assert.equal(posted.statusCode, 410);
    const { rows } = await db.query<{ status: string }>('select status from users where email = $1', [email]);
    assert.equal(rows[0]!.status, 'invited');
    // a week has passed: the Secretariat signs in again
    admin = await signIn(app, adminAccount);
    officer = await signIn(app, officerAccount);
  });

  test('a tampered or unknown link is refused (404), and nothing is looked up for a malformed one', async () => {
    const email = uniqueEmail('tamper');
    await invite(admin, { name: 'Tamper', email, role: 'observer', stateCode: '', locale: 'en' });
    const { path } = await invitationLink(email);
    const token = path.split('/').pop()!;
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [`/en/invitations/${flipped}`, `/en/invitations/${token.slice(0, 20)}`, `/en/invitations/${token}%27%20or%201=1`]) {
      const page = await app.inject(bad);
      assert.equal(page.statusCode, 404, bad);
      assert.match(page.body, /This invitation link is not valid/);
    }
    assert.equal((await app.inject(path)).statusCode, 200, 'the real link still works');
  });

  test('resending makes a new link; the older one stops working', async () => {
    const email = uniqueEmail('resend');
    const invited = await invite(admin, { name: 'Resend', email, role: 'observer', stateCode: '', locale: 'en' });
    const personPage = String(invited.headers.location).split('?')[0]!;
    const first = await invitationLink(email);
    const form = await formSession(app, personPage, { cookie: admin.cookie });
    const resent = await postForm(app, `${personPage}/resend`, { session: form, fields: {} });
    assert.equal(resent.statusCode, 303);
    assert.match(String(resent.headers.location), /done=resent/);
    const second = await smtp.waitForMessage((mail) => mail.to.includes(email) && !mail.text.includes(first.link));
    const secondLink = /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}/.exec(second.text)![0];
    assert.notEqual(secondLink, first.link);
    assert.equal((await app.inject(first.path)).statusCode, 410);
    assert.equal((await app.inject(new URL(secondLink).pathname)).statusCode, 200);
  });

  test('a session cookie sent when accepting is ended: the invitee gets a new one', async () => {
    const email = uniqueEmail('fixed');
    await invite(admin, { name: 'Fixed', email, role: 'observer', stateCode: '', locale: 'en' });
    const { path } = await invitationLink(email);
    const response = await accept(path, { password: 'quiet river under 7 lanterns', confirmation: 'quiet river under 7 lanterns', locale: 'en' }, admin.cookie);
    assert.equal(response.statusCode, 303);
    assert.notEqual(mergeCookies(admin.cookie, response), admin.cookie);
    const old = await app.inject({ url: '/en/account', headers: { cookie: admin.cookie } });
    assert.equal(old.statusCode, 303, 'the session presented with the acceptance ended');
    admin = await signIn(app, adminAccount);
  });
});

describe('audit', () => {
  test('invite and accept are recorded with before and after, and no hash or token anywhere', async () => {
    const email = uniqueEmail('audited');
    await invite(admin, { name: 'Audited', email, role: 'contributor', stateCode: 'BRA', locale: 'en' });
    const { link, path } = await invitationLink(email);
    await accept(path, { password: 'quiet river under 7 lanterns', confirmation: 'quiet river under 7 lanterns', locale: 'en' });
    const { rows: [user] } = await db.query<{ id: string; password_hash: string }>('select id, password_hash from users where email = $1', [email]);
    const { rows } = await db.query<{ action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; state_code: string | null; actor_user_id: string | null }>(
      'select action, before, after, state_code, actor_user_id from audit_log where entity_id = $1 order by id',
      [user!.id],
    );
    assert.deepEqual(rows.map((row) => row.action), ['user.invite', 'invitation.accept', 'session.login']);
    assert.equal(rows[0]!.after!.role, 'contributor');
    assert.equal(rows[0]!.state_code, 'BRA');
    assert.ok(rows[0]!.actor_user_id, 'the inviting administrator');
    assert.equal(rows[1]!.before!.status, 'invited');
    assert.equal(rows[1]!.after!.status, 'active');
    const everything = JSON.stringify(rows);
    assert.ok(!everything.includes(user!.password_hash), 'no password hash');
    assert.ok(!everything.includes(link.split('/').pop()!), 'no token');
    assert.doesNotMatch(everything, /quiet river/);
  });
});
