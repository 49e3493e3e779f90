// The server as `npm start` runs it: listening at once, seeding behind /healthz "starting".

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Config } from '../src/config.ts';
import { startServer } from '../src/server.ts';

test('the server answers "starting" while it imports the seeds, then "ok", and stops cleanly', async () => {
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: 'memory://',
    corpusDir: null,
    seedOnStart: true,
    logLevel: 'silent',
  };
  const server = await startServer(config);
  try {
    const address = server.app.server.address();
    assert.ok(address && typeof address === 'object');
    const url = `http://127.0.0.1:${address.port}/healthz`;
    const starting = await fetch(url);
    assert.equal(starting.status, 503);
    assert.deepEqual(await starting.json(), { status: 'starting' });

    await server.seeding;
    const ready = await fetch(url);
    assert.equal(ready.status, 200);
    const body = (await ready.json()) as { status: string; documents: number };
    assert.equal(body.status, 'ok');
    assert.ok(body.documents >= 5, `the five seeds (and the drafts inside the report) are stored: ${body.documents}`);
  } finally {
    await server.close();
  }
});
