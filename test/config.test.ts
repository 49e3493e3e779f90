import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, PROJECT_ROOT } from '../src/config.ts';

test('defaults: port 3000 on all interfaces, PGlite in ./data, seeding on', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.databaseUrl, null);
  assert.equal(config.dataDir, path.join(PROJECT_ROOT, 'data'));
  assert.equal(config.seedOnStart, true);
  assert.equal(config.logLevel, 'info');
});

test('values are read and converted', () => {
  const config = loadConfig({
    PORT: '8080',
    DATABASE_URL: 'postgres://normhub@db.example:5432/normhub',
    NORMHUB_DATA_DIR: 'memory://',
    NORMHUB_CORPUS_DIR: '',
    NORMHUB_SEED_ON_START: 'false',
    LOG_LEVEL: 'WARN',
  });
  assert.equal(config.port, 8080);
  assert.equal(config.databaseUrl, 'postgres://normhub@db.example:5432/normhub');
  assert.equal(config.dataDir, 'memory://');
  assert.equal(config.corpusDir, null);
  assert.equal(config.seedOnStart, false);
  assert.equal(config.logLevel, 'warn');
});

test('every problem is listed in one error, in plain words, and a database password is never echoed', () => {
  assert.throws(
    () =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root:secret@db/normhub',
        NORMHUB_SEED_ON_START: 'maybe',
        LOG_LEVEL: 'loud',
        NORMHUB_CORPUS_DIR: '/no/such/folder',
      }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 5);
      assert.match(error.message, /PORT must be a whole number/);
      assert.match(error.message, /DATABASE_URL must be a PostgreSQL URL/);
      assert.match(error.message, /NORMHUB_SEED_ON_START must be one of/);
      assert.match(error.message, /LOG_LEVEL must be one of/);
      assert.match(error.message, /NORMHUB_CORPUS_DIR must be an existing folder/);
      assert.doesNotMatch(error.message, /secret/);
      return true;
    },
  );
});
