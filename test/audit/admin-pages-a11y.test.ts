// The administrators' outbox and audit pages in a real browser: axe-core finds no violation, in
// English and in Arabic, with entries, and with a refused filter and its error summary.

import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { recordAudit } from '../../src/audit/audit-service.ts';
import type { Actor } from '../../src/http/access.ts';
import { renderMail } from '../../src/mail/mail-logic.ts';
import { createMailer } from '../../src/mail/mail-service.ts';
import { launchChromium } from '../../e2e/helpers/browser.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const admin: Actor = { userId: 'u-admin', email: 'ada@un.example', name: 'Ada', role: 'admin', stateCode: null, locale: 'en', sessionId: 's1' };

let db: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;
let messageId: string;

before(async () => {
  db = await createTestDb();
  app = await buildApp({ db, resolveActor: async () => admin });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const content = renderMail({ locale: 'ar', heading: 'دعوة', paragraphs: ['تدعوك الأمانة العامة.'], action: { label: 'قبول', url: 'https://normhub.example/ar/invitations/t' } });
  messageId = (await createMailer({ db }).send({ to: 'karim@example.org', locale: 'ar', kind: 'invitation', subject: 'دعوتك إلى NormHub', ...content })).id;
  await recordAudit(db, { actor: admin, action: 'user.role_change', entityType: 'user', entityId: 'u-2', stateCode: 'KEN', before: { role: 'officer' }, after: { role: 'admin' }, ip: '203.0.113.5' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await db?.close();
});

describe('axe-core finds no violation on the administrators\' pages', () => {
  // Four pages cover every structure (axe takes seconds a page): the list, one message, the log
  // with an entry's table of changes, and, in Arabic, a refused filter with its error summary.
  const pages = () => [
    { path: '/en/admin/outbox', status: 200 },
    { path: `/en/admin/outbox/${messageId}`, status: 200 },
    { path: '/en/admin/audit', status: 200 },
    { path: '/ar/admin/audit?from=2024-99-99&state=KENYA', status: 400 },
  ];

  test('outbox list and message, audit log with entries, and in Arabic with a refused filter', async () => {
    const context = await browser.newContext();
    try {
      for (const { path, status } of pages()) {
        const page = await context.newPage();
        try {
          const response = await page.goto(`${baseUrl}${path}`);
          assert.equal(response?.status(), status, path);
          const results = await new AxeBuilder({ page }).analyze();
          const violations = results.violations.map(
            (violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`,
          );
          assert.deepEqual(violations, [], `axe on ${path}:\n${violations.join('\n')}`);
          assert.ok(results.passes.length > 10, 'axe ran its rules');
        } finally {
          await page.close();
        }
      }
    } finally {
      await context.close();
    }
  });
});
