// A form sent after its session has ended is refused, and what was typed comes back on the
// refusal page (never a password or the form's token), so that nothing typed is lost.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createAccount, formSession, postForm, signIn } from '../helpers/accounts.ts';
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

test('a form posted after sign-out is refused with 401, and the page gives back what was typed, less secrets', async () => {
  const account = await createAccount(db, { role: 'officer' });
  const session = await signIn(app, account);
  const inviteForm = await formSession(app, '/fr/admin/people/invite', { cookie: session.cookie });
  // The session ends in another tab while the form is being filled in.
  await postForm(app, '/fr/logout', { session, fields: {} });

  const typedName = 'Wanjiru <Kamau> & Co';
  const response = await postForm(app, '/fr/admin/people/invite', {
    session: inviteForm,
    fields: { name: typedName, email: 'w.kamau@example.org', role: 'focal_point', stateCode: 'KEN', locale: 'fr', password: 'not to be echoed 123', confirmation: 'nor this one 456' },
  });
  assert.equal(response.statusCode, 401);
  assert.match(String(response.headers['content-type']), /^text\/html/);
  assert.match(response.body, /<html lang="fr"/);
  assert.ok(response.body.includes('Ce que vous avez saisi'));
  // Escaped, in read-only fields that can be copied.
  assert.ok(response.body.includes('Wanjiru &lt;Kamau&gt; &amp; Co'));
  assert.match(response.body, /<textarea id="typed-\d+" readonly[^>]*>w\.kamau@example\.org<\/textarea>/);
  assert.ok(!response.body.includes('not to be echoed') && !response.body.includes('nor this one'), 'a password is never given back');
  assert.ok(!response.body.includes(inviteForm.csrfToken), 'nor the form token');
  assert.ok(response.body.includes('href="/fr/login"'));

  // Nothing was done: no account was invited.
  const invited = await db.query('select 1 from users where lower(email) = $1', ['w.kamau@example.org']);
  assert.equal(invited.rows.length, 0);
});
