// normhub users invite / list: the first administrator's way in, through the same services as
// the web; the printed link opens the account in the web application.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { commandAccountsContext, inviteUserCommand, listUsersCommand } from '../../src/cli/users-command.ts';
import { formSession, postForm, signIn } from '../helpers/accounts.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

let db: TestDb;
let app: FastifyInstance;

before(async () => {
  db = await createTestDb();
  app = await buildApp({ db });
});
after(async () => {
  await app.close();
  await db.close();
});

describe('normhub users', () => {
  const config = loadConfig({ PUBLIC_URL: 'https://normhub.example.org/', NORMHUB_DATA_DIR: 'memory://', NORMHUB_CORPUS_DIR: '' });
  const warnings: string[] = [];
  const ctx = () => commandAccountsContext(db, config, (message) => warnings.push(message));

  test('invite prints a single-use link on PUBLIC_URL; the web opens the account with it; the audit says "cli"', async () => {
    const output = await inviteUserCommand(ctx(), { email: 'first.admin@example.org', name: 'First Admin', role: 'admin', locale: 'en' });
    assert.match(output, /^Invited First Admin <first\.admin@example\.org> as admin/);
    const link = /https:\/\/normhub\.example\.org\/en\/invitations\/[A-Za-z0-9_-]{43}/.exec(output)?.[0];
    assert.ok(link, output);
    // the mail was kept in the outbox (no SMTP_URL), in English
    const { rows: mails } = await db.query<{ kind: string; locale: string; text_body: string }>("select kind, locale, text_body from mail_outbox where to_address = 'first.admin@example.org'");
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.kind, 'invitation');
    assert.ok(mails[0]!.text_body.includes(link));

    const path = new URL(link).pathname;
    const form = await formSession(app, path);
    const accepted = await postForm(app, path, { session: form, fields: { password: 'the first quiet administrator', confirmation: 'the first quiet administrator', locale: 'en' } });
    assert.equal(accepted.statusCode, 303);
    const session = await signIn(app, { email: 'first.admin@example.org', password: 'the first quiet administrator' });
    assert.equal((await app.inject({ url: '/en/admin/people', headers: { cookie: session.cookie } })).statusCode, 200);

    const { rows } = await db.query<{ actor_label: string; actor_user_id: string | null }>("select actor_label, actor_user_id from audit_log where action = 'user.invite'");
    assert.deepEqual(rows, [{ actor_label: 'cli', actor_user_id: null }]);
  });

  test('refusals in plain words: a State role without a State, an email already taken, an unknown State', async () => {
    await assert.rejects(inviteUserCommand(ctx(), { email: 'fp@example.org', name: 'FP', role: 'focal_point', locale: 'fr' }), /--state: A focal point or a contributor acts for one State/);
    await assert.rejects(inviteUserCommand(ctx(), { email: 'FIRST.ADMIN@example.org', name: 'Again', role: 'officer', locale: 'en' }), /--email: An account with this email address exists already/);
    await assert.rejects(inviteUserCommand(ctx(), { email: 'fp@example.org', name: 'FP', role: 'focal_point', state: 'XXX', locale: 'fr' }), /--state: There is no State with this code/);
    await assert.rejects(inviteUserCommand(ctx(), { email: 'not-an-address', name: 'FP', role: 'observer', locale: 'fr' }), /--email: Enter an email address/);
  });

  test('list shows what the web shows, filtered, and no secret', async () => {
    await inviteUserCommand(ctx(), { email: 'fp@example.org', name: 'Fatima', role: 'focal_point', state: 'mar', locale: 'ar' });
    const table = await listUsersCommand(db, { json: false });
    assert.match(table, /^EMAIL\s+NAME\s+ROLE\s+STATE\s+LANG\s+STATUS/);
    assert.match(table, /fp@example\.org\s+Fatima\s+focal_point\s+MAR\s+ar\s+invited/);
    assert.match(table, /first\.admin@example\.org\s+First Admin\s+admin\s+-\s+en\s+active/);
    const json = JSON.parse(await listUsersCommand(db, { json: true, state: 'MAR' })) as { users: Array<Record<string, unknown>> };
    assert.deepEqual(json.users.map((user) => user.email), ['fp@example.org']);
    assert.doesNotMatch(JSON.stringify(json), /argon2|hash/i);
    assert.equal(await listUsersCommand(db, { json: false, status: 'disabled' }), 'No account matches.\n');
  });
});
