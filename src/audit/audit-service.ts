// Recording writes in the audit log, and reading it back (administrators: web, API).

import type { Db } from '../db/db.ts';
import { AUDIT_PAGE_SIZE, type AuditEntry, type AuditFilters, type AuditRecord } from './audit.ts';
import { redactSecrets } from './audit-logic.ts';
import { countAuditEntries, insertAuditEntry, selectAuditEntries } from './audit-store.ts';

export type { AuditEntry } from './audit.ts';

/**
 * Adds one entry. Call it with the transaction handle of the write it records
 * (`db.transaction(async (tx) => { …write…; await recordAudit(tx, {…}) })`): the entry then
 * commits or rolls back with the write, so the log never tells of a write that did not happen,
 * nor misses one that did.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  const stateCode = entry.stateCode ? entry.stateCode.trim().toUpperCase() : null;
  await insertAuditEntry(db, {
    actorUserId: entry.actor?.userId ?? null,
    actorLabel: entry.actorLabel?.trim() || entry.actor?.email || 'system',
    actorRole: entry.actor?.role ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    stateCode: stateCode || null,
    before: jsonOrNull(entry.before),
    after: jsonOrNull(entry.after),
    ip: entry.ip ?? null,
  });
}

function jsonOrNull(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(redactSecrets(value));
}

export interface AuditPage {
  entries: AuditRecord[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

/** The log, newest first. Who may read it is the routes' decision (administrators). */
export async function listAuditLog(
  ctx: { db: Db },
  { filters, page = 1, pageSize = AUDIT_PAGE_SIZE }: { filters: AuditFilters; page?: number; pageSize?: number },
): Promise<AuditPage> {
  const [entries, total] = await Promise.all([
    selectAuditEntries(ctx.db, filters, { limit: pageSize, offset: (page - 1) * pageSize }),
    countAuditEntries(ctx.db, filters),
  ]);
  return { entries, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
