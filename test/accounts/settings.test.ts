// The settings of accounts: checked at start with plain words (and a secret never echoed), the
// generated secret key shared by every process through the database, a configured one used as
// given, and the client address behind a trusted proxy for the sign-in throttle.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { LIMITS } from '../../src/accounts/accounts.ts';
import { loadSecretKey } from '../../src/accounts/settings-service.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createAccount, formSession, postForm, signIn } from '../helpers/accounts.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

describe('configuration', () => {
  const base = { NORMHUB_DATA_DIR: 'memory://', NORMHUB_CORPUS_DIR: '' };

  test('defaults: http://localhost:PORT, a generated key, 30 minutes idle, 12 hours at most, no proxy trusted', () => {
    const config = loadConfig({ ...base, PORT: '8080' });
    assert.equal(config.publicUrl, 'http://localhost:8080');
    assert.equal(config.secretKey, null);
    assert.equal(config.sessionIdleMinutes, 30);
    assert.equal(config.sessionAbsoluteHours, 12);
    assert.equal(config.trustProxy, false);
  });

  test('values are read: the trailing slash of PUBLIC_URL dropped, proxies as addresses or true', () => {
    const config = loadConfig({
      ...base,
      PUBLIC_URL: 'https://normhub.example.org/',
      SECRET_KEY: 'k'.repeat(40),
      SESSION_IDLE_MINUTES: '15',
      SESSION_ABSOLUTE_HOURS: '8',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
    });
    assert.equal(config.publicUrl, 'https://normhub.example.org');
    assert.equal(config.secretKey, 'k'.repeat(40));
    assert.equal(config.sessionIdleMinutes, 15);
    assert.equal(config.sessionAbsoluteHours, 8);
    assert.equal(config.trustProxy, '10.0.0.0/8, 127.0.0.1');
    assert.equal(loadConfig({ ...base, TRUST_PROXY: 'yes' }).trustProxy, true);
  });

  test('every problem in plain words, and a short SECRET_KEY is never echoed', () => {
    assert.throws(
      () =>
        loadConfig({
          ...base,
          PUBLIC_URL: 'normhub.example.org',
          SECRET_KEY: 'too-short-a-secret',
          SESSION_IDLE_MINUTES: '0',
          SESSION_ABSOLUTE_HOURS: 'ten',
          TRUST_PROXY: 'the load balancer',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 5);
        assert.match(error.message, /PUBLIC_URL must be the address people use/);
        assert.match(error.message, /SECRET_KEY must be at least 32 characters/);
        assert.match(error.message, /SESSION_IDLE_MINUTES must be a whole number of minutes/);
        assert.match(error.message, /SESSION_ABSOLUTE_HOURS must be a whole number of hours/);
        assert.match(error.message, /TRUST_PROXY must be true, false, or the addresses/);
        assert.doesNotMatch(error.message, /too-short-a-secret/);
        return true;
      },
    );
  });
});

describe('the secret key and the proxy', () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(async () => {
    await db.close();
  });

  test('without SECRET_KEY, the first process generates a key that every later one reads; a configured key is used as given', async () => {
    const first = await loadSecretKey(db, null);
    assert.ok(first.length >= 43);
    assert.equal(await loadSecretKey(db, undefined), first);
    assert.equal(await loadSecretKey(db, 'c'.repeat(40)), 'c'.repeat(40));
  });

  test('a token made under one key is refused under another', async () => {
    const account = await createAccount(db, { role: 'observer' });
    const one = await buildApp({ db, secretKey: 'a'.repeat(40) });
    const other = await buildApp({ db, secretKey: 'b'.repeat(40) });
    try {
      const session = await signIn(one, account);
      assert.equal((await postForm(other, '/en/logout', { session, fields: {} })).statusCode, 403);
      assert.equal((await postForm(one, '/en/logout', { session, fields: {} })).statusCode, 303);
    } finally {
      await one.close();
      await other.close();
    }
  });

  test('behind a trusted proxy, sign-in throttling counts each client, not the proxy', async () => {
    const app = await buildApp({ db, trustProxy: '127.0.0.1' });
    try {
      const attempt = async (client: string) => {
        const form = await formSession(app, '/en/login');
        return app.inject({
          method: 'POST',
          url: '/en/login',
          remoteAddress: '127.0.0.1',
          headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client },
          payload: new URLSearchParams({ _csrf: form.csrfToken, email: `someone-${Math.random()}@example.org`, password: 'a wrong guess here' }).toString(),
        });
      };
      for (let i = 0; i < LIMITS.ipFailures; i++) await attempt('203.0.113.77');
      assert.equal((await attempt('203.0.113.77')).statusCode, 429);
      assert.equal((await attempt('203.0.113.78')).statusCode, 401, 'another client behind the same proxy is not blocked');
    } finally {
      await app.close();
    }
  });
});
