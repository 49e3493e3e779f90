// Password reset through the web and a real SMTP server: the same answer for every address (no
// enumeration, and the work behind it happens after the answer), a single-use link that
// expires after an hour, a new password that ends every session, and rate limits.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { LIMITS } from '../../src/accounts/accounts.ts';
import { createMailer } from '../../src/mail/mail-service.ts';
import { issuePasswordReset } from '../../src/accounts/password-reset-service.ts';
import { createAccount, formSession, postForm, signIn, testAccountsContext, type TestAccount } from '../helpers/accounts.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const clock = { now: new Date('2033-01-20T12:00:00Z') };
const now = () => new Date(clock.now);

let db: TestDb;
let app: FastifyInstance;
let smtp: TestSmtpServer;
let ipCounter = 0;

async function requestReset(email: string, { locale = 'en', ip }: { locale?: string; ip?: string } = {}) {
  ipCounter += 1;
  const form = await formSession(app, `/${locale}/password-reset`);
  return app.inject({
    method: 'POST',
    url: `/${locale}/password-reset`,
    remoteAddress: ip ?? `192.0.2.${ipCounter}`,
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: form.csrfToken, email }).toString(),
  });
}

/** The link of the next reset mail to `email` (one not among those received before the request). */
async function resetLink(email: string, seen = 0): Promise<string> {
  const mail = await smtp.waitForMessage((message) => message.to.includes(email) && smtp.messages.filter((m) => m.to.includes(email)).indexOf(message) >= seen);
  const link = /https?:\/\/\S+\/password-reset\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  assert.ok(link);
  return new URL(link).pathname;
}

async function choose(path: string, password: string, confirmation = password) {
  const form = await formSession(app, '/en/login');
  return postForm(app, path, { session: form, fields: { password, confirmation } });
}

before(async () => {
  db = await createTestDb();
  smtp = await startTestSmtpServer();
  app = await buildApp({ db, now, mailer: createMailer({ db, smtpUrl: smtp.url }) });
});
after(async () => {
  await app.close();
  await smtp.close();
  await db.close();
});

describe('asking for a link', () => {
  test('the same answer, word for word, for an account and for no account; mail only to the account, in its language', async () => {
    const account = await createAccount(db, { role: 'expert', locale: 'ru' }, { now });
    const known = await requestReset(account.email);
    const unknown = await requestReset(`nobody-${Date.now()}@example.org`);
    assert.equal(known.statusCode, 200);
    assert.equal(unknown.statusCode, 200);
    const strip = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, '');
    assert.equal(strip(known.body), strip(unknown.body));
    assert.match(known.body, /If an account uses this address, a link to choose a new password is on its way/);
    assert.deepEqual(Object.keys(known.headers).sort(), Object.keys(unknown.headers).sort());

    const mail = await smtp.waitForMessage((message) => message.to.includes(account.email));
    assert.equal(mail.language, 'ru', 'in the account\'s language, not the page\'s');
    assert.match(mail.text, /пароль/);
    await app.close(); // waits for the work done after the answers
    app = await buildApp({ db, now, mailer: createMailer({ db, smtpUrl: smtp.url }) });
    assert.equal(smtp.messages.filter((message) => message.to.some((to) => to.startsWith('nobody-'))).length, 0);
  });

  test('the work behind the answer (finding the account, storing the link, sending the mail) happens after it', async () => {
    const account = await createAccount(db, { role: 'expert' }, { now });
    const before = smtp.messages.length;
    const response = await requestReset(account.email);
    assert.equal(response.statusCode, 200);
    const { rows } = await db.query('select 1 from password_resets where user_id = $1', [account.user.id]);
    // stored after the answer (it may already be there when the machine is quick; the mail surely follows)
    assert.ok(rows.length <= 1);
    await smtp.waitForMessage((message) => message.to.includes(account.email));
    assert.equal(smtp.messages.length, before + 1);
  });

  test('a malformed address is said beside the field, with what was typed', async () => {
    const response = await requestReset('not-an-address');
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Enter an email address such as name@example.org\./);
    assert.match(response.body, /value="not-an-address"/);
  });

  test(`per address: ${LIMITS.resetPerIp} requests an hour, then 429 with Retry-After; per email: at most ${LIMITS.resetPerEmail} mails an hour, silently`, async () => {
    const account = await createAccount(db, { role: 'expert' }, { now });
    const ip = '198.18.0.1';
    for (let i = 0; i < LIMITS.resetPerIp; i++) assert.equal((await requestReset(account.email, { ip })).statusCode, 200, `request ${i + 1}`);
    const refused = await requestReset(account.email, { ip });
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['retry-after'], String(LIMITS.resetWindowMinutes * 60));
    await app.close();
    app = await buildApp({ db, now, mailer: createMailer({ db, smtpUrl: smtp.url }) });
    assert.equal(smtp.messages.filter((message) => message.to.includes(account.email)).length, LIMITS.resetPerEmail);
  });
});

test('concurrent requests for one email: exactly the allowed number of links, whatever the interleaving', async () => {
  const account = await createAccount(db, { role: 'expert' }, { now });
  const ctx = testAccountsContext(db, { now });
  await Promise.all(Array.from({ length: 8 }, () => issuePasswordReset(ctx, { email: account.email, ip: '198.18.0.9', locale: 'en' })));
  const { rows } = await db.query('select count(*)::int as links from password_resets where user_id = $1', [account.user.id]);
  assert.equal(rows[0]!.links, LIMITS.resetPerEmail);
});

describe('choosing the new password', () => {
  let account: TestAccount;
  before(async () => {
    clock.now = new Date(clock.now.getTime() + 2 * 3_600_000);
    account = await createAccount(db, { role: 'officer' }, { now });
  });

  test('the link works once; the new password signs in, the old one no longer; every session ended', async () => {
    const elsewhere = await signIn(app, account);
    await requestReset(account.email);
    const path = await resetLink(account.email);
    const page = await app.inject(path);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal(page.headers['referrer-policy'], 'no-referrer');

    const weak = await choose(path, 'qwerty123456');
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /one of the most common ones/);

    const done = await choose(path, 'a brand new quiet password');
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/en/login?done=reset');
    const elsewherePage = await app.inject({ url: '/en/account', headers: { cookie: elsewhere.cookie } });
    assert.equal(elsewherePage.statusCode, 303, 'the session opened before the reset ended');
    await signIn(app, { email: account.email, password: 'a brand new quiet password' });
    await assert.rejects(signIn(app, { email: account.email, password: account.password }));

    assert.equal((await app.inject(path)).statusCode, 410);
    assert.equal((await choose(path, 'yet another quiet password')).statusCode, 410);
    const { rows } = await db.query<{ action: string; after: Record<string, unknown> }>("select action, after from audit_log where entity_id = $1 and action = 'user.password_reset'", [account.user.id]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.after.sessionsEnded, 1);
    const notice = await smtp.waitForMessage((mail) => mail.to.includes(account.email) && /has been changed/.test(mail.subject));
    assert.match(notice.text, /If you did not do this, choose a new password at once/);
    account = { ...account, password: 'a brand new quiet password' };
  });

  test('after an hour the link has expired', async () => {
    clock.now = new Date(clock.now.getTime() + 2 * 3_600_000);
    const seen = smtp.messages.filter((message) => message.to.includes(account.email)).length;
    await requestReset(account.email);
    const path = await resetLink(account.email, seen);
    assert.equal((await app.inject(path)).statusCode, 200);
    clock.now = new Date(clock.now.getTime() + LIMITS.passwordResetMinutes * 60_000 + 1000);
    const page = await app.inject(path);
    assert.equal(page.statusCode, 410);
    assert.match(page.body, /This link has expired/);
    assert.equal((await choose(path, 'too late a new password')).statusCode, 410);
  });

  test('a made-up link: 404', async () => {
    const page = await app.inject(`/fr/password-reset/${'A'.repeat(43)}`);
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /Ce lien n’est pas valide/);
  });
});
