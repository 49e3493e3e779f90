// SQL of the audit log. Inserts and selects only: the log is append-only, so there is no
// update or delete here, and none may be added.

import type { Db } from '../db/db.ts';
import type { Role } from '../http/access.ts';
import type { AuditFilters, AuditRecord } from './audit.ts';

export interface AuditRow {
  actorUserId: string | null;
  actorLabel: string;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  stateCode: string | null;
  /** JSON text, or null */
  before: string | null;
  after: string | null;
  ip: string | null;
}

export async function insertAuditEntry(db: Db, row: AuditRow): Promise<void> {
  await db.query(
    `insert into audit_log (actor_user_id, actor_label, actor_role, action, entity_type, entity_id, state_code, before, after, ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
    [row.actorUserId, row.actorLabel, row.actorRole, row.action, row.entityType, row.entityId, row.stateCode, row.before, row.after, row.ip],
  );
}

function likeText(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterClause(filters: AuditFilters): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (value: unknown, condition: (placeholder: string) => string) => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  if (filters.actor) {
    params.push(filters.actor, likeText(filters.actor));
    conditions.push(`(actor_user_id = $${params.length - 1} or lower(actor_label) like $${params.length})`);
  }
  if (filters.action) {
    const prefix = /[.*]$/.exec(filters.action) ? filters.action.replace(/\*$/, '').replace(/\.?$/, '.') : null;
    if (prefix) add(`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, (p) => `action like ${p}`);
    else add(filters.action, (p) => `action = ${p}`);
  }
  if (filters.entityType) add(filters.entityType, (p) => `entity_type = ${p}`);
  if (filters.entityId) add(filters.entityId, (p) => `entity_id = ${p}`);
  if (filters.stateCode) add(filters.stateCode, (p) => `state_code = ${p}`);
  // Dates are days in UTC, both ends included.
  if (filters.from) add(filters.from, (p) => `at >= (${p}::date)::timestamp at time zone 'UTC'`);
  if (filters.to) add(filters.to, (p) => `at < (${p}::date + 1)::timestamp at time zone 'UTC'`);
  return { where: conditions.length ? `where ${conditions.join(' and ')}` : '', params };
}

interface Row {
  id: string;
  at: Date | string;
  actor_user_id: string | null;
  actor_label: string;
  actor_role: Role | null;
  action: string;
  entity_type: string;
  entity_id: string;
  state_code: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export async function selectAuditEntries(db: Db, filters: AuditFilters, { limit, offset }: { limit: number; offset: number }): Promise<AuditRecord[]> {
  const { where, params } = filterClause(filters);
  const { rows } = await db.query<Row>(
    `select id::text as id, at, actor_user_id, actor_label, actor_role, action, entity_type, entity_id, state_code, before, after, ip
     from audit_log ${where} order by at desc, id desc limit ${Number(limit)} offset ${Number(offset)}`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: { userId: row.actor_user_id, label: row.actor_label, role: row.actor_role },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    stateCode: row.state_code,
    before: row.before,
    after: row.after,
    ip: row.ip,
  }));
}

export async function countAuditEntries(db: Db, filters: AuditFilters): Promise<number> {
  const { where, params } = filterClause(filters);
  const { rows } = await db.query<{ count: number }>(`select count(*)::int as count from audit_log ${where}`, params);
  return rows[0]!.count;
}
