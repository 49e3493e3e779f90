// The directory of contact persons: the Secretariat sees every State's, a focal point or
// contributor only their own State's, and the public only whether a State has a focal point.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { stateHasFocalPoint } from '../../src/accounts/accounts-service.ts';
import { createAccount, signIn, type TestAccount, type TestSession } from '../helpers/accounts.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

let db: TestDb;
let app: FastifyInstance;
let focalA: TestAccount;
let contributorA: TestAccount;
let officer: TestSession;
let focalASession: TestSession;

before(async () => {
  db = await createTestDb();
  app = await buildApp({ db });
  focalA = await createAccount(db, { role: 'focal_point', stateCode: 'CHL', name: 'Camila Rojas', email: 'camila@example.cl' });
  contributorA = await createAccount(db, { role: 'contributor', stateCode: 'CHL', name: 'Diego Soto', locale: 'es' });
  await createAccount(db, { role: 'focal_point', stateCode: 'JPN', name: 'Sato Yui', email: 'sato@example.jp' });
  officer = await signIn(app, await createAccount(db, { role: 'officer' }));
  focalASession = await signIn(app, focalA);
});
after(async () => {
  await app.close();
  await db.close();
});

describe('the directory', () => {
  test('the Secretariat sees the names, emails and roles of any State\'s contact persons, focal points first', async () => {
    const response = await app.inject({ url: '/api/states/CHL/contacts', headers: { cookie: officer.cookie } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      state: 'CHL',
      contacts: [
        { name: 'Camila Rojas', email: 'camila@example.cl', role: 'focal_point', locale: 'en' },
        { name: 'Diego Soto', email: contributorA.email, role: 'contributor', locale: 'es' },
      ],
    });
    const japan = await app.inject({ url: '/fr/states/JPN/contacts', headers: { cookie: officer.cookie } });
    assert.equal(japan.statusCode, 200);
    assert.match(japan.body, /<h1>Personnes à contacter : Japon<\/h1>/);
    assert.match(japan.body, /<a href="mailto:sato@example.jp">sato@example.jp<\/a>/);
    assert.match(japan.body, /Point focal national/);
  });

  test('a focal point of A sees A\'s contacts and is refused B\'s', async () => {
    const own = await app.inject({ url: '/en/states/CHL/contacts', headers: { cookie: focalASession.cookie } });
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /Diego Soto/);
    for (const url of ['/en/states/JPN/contacts', '/api/states/JPN/contacts', '/api/states/XYZ/contacts']) {
      const other = await app.inject({ url, headers: { cookie: focalASession.cookie } });
      assert.equal(other.statusCode, 403, url);
      assert.doesNotMatch(other.body, /sato@example\.jp|Sato Yui/);
    }
  });

  test('the public gets only whether a State has a focal point; the directory itself sends it to sign in', async () => {
    assert.deepEqual((await app.inject('/api/states/chl/focal-point')).json(), { state: 'CHL', hasFocalPoint: true });
    assert.deepEqual((await app.inject('/api/states/PE/focal-point')).json(), { state: 'PER', hasFocalPoint: false });
    const unknown = await app.inject('/api/states/QQQ/focal-point');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'state.not_found');
    const page = await app.inject('/en/states/CHL/contacts');
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/en/login?next=%2Fen%2Fstates%2FCHL%2Fcontacts');
    const api = await app.inject('/api/states/CHL/contacts');
    assert.equal(api.statusCode, 401);
    assert.doesNotMatch(api.body, /camila/);
  });

  test('only active focal points count: a disabled one, or one still invited, does not', async () => {
    assert.equal(await stateHasFocalPoint(db, 'JPN'), true);
    await db.query("update users set status = 'disabled' where email = 'sato@example.jp'");
    assert.equal(await stateHasFocalPoint(db, 'JPN'), false);
    assert.equal(await stateHasFocalPoint(db, 'NOPE'), false);
  });
});
