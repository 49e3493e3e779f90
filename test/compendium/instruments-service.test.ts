// The catalogue's copy in the database.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { listInstruments } from '../../src/compendium/catalogue.ts';
import { syncCatalogue, syncInstruments } from '../../src/compendium/instruments-service.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

let db: TestDb;
before(async () => {
  db = await createTestDb();
});
after(() => db.close());

test('the whole catalogue is copied, and copying it again changes nothing', async () => {
  const { count } = await syncCatalogue({ db });
  assert.equal(count, listInstruments().length);
  const first = await db.query<{ id: string }>('select id from instruments order by id');
  assert.equal(first.rows.length, count);
  await syncCatalogue({ db });
  const second = await db.query<{ id: string }>('select id from instruments order by id');
  assert.deepEqual(second.rows, first.rows);
});

test('fields and arrays arrive intact; an instrument no longer listed is removed', async () => {
  await syncInstruments(db, [
    {
      id: 'sample-rules',
      name: 'Sample Rules',
      shortNames: ['the Sample Rules'],
      adoptions: [{ symbol: 'A/RES/1/1' }, { symbol: null }],
      body: 'General Assembly',
      year: 1990,
      category: 'custody',
      clusters: ['juvenile-justice-prison-reform'],
      supersedes: ['older-rules'],
      supersededBy: null,
      provisionKind: 'rule',
    },
  ]);
  const { rows } = await db.query<Record<string, unknown>>(
    'select id, name, short_names, adopted_by, year, clusters, supersedes, provision_kind from instruments',
  );
  assert.deepEqual(rows, [
    {
      id: 'sample-rules',
      name: 'Sample Rules',
      short_names: ['the Sample Rules'],
      adopted_by: ['A/RES/1/1'],
      year: 1990,
      clusters: ['juvenile-justice-prison-reform'],
      supersedes: ['older-rules'],
      provision_kind: 'rule',
    },
  ]);
});
