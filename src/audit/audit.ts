// The audit log: every write, who made it, when, to what, and the fields before and after.
// Entries are only ever added (no code path updates or deletes audit_log).

import { z } from 'zod';
import type { Actor, Role } from '../http/access.ts';

export interface AuditEntry {
  /** null: the system or the command line */
  actor: Actor | null;
  /** e.g. 'cli' when actor is null; defaults to the actor's email, else 'system' */
  actorLabel?: string;
  /** 'user.invite', 'session.login', 'document.import', … */
  action: string;
  /** 'user', 'invitation', 'document', … */
  entityType: string;
  entityId: string;
  /** the State concerned, if any (alpha-3) */
  stateCode?: string | null;
  /** JSON-serialisable; omit secrets (hashes, tokens) */
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** An entry as it is read back. */
export interface AuditRecord {
  id: string;
  at: string;
  actor: { userId: string | null; label: string; role: Role | null };
  action: string;
  entityType: string;
  entityId: string;
  stateCode: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditFilters {
  /** an account id, or part of the actor's label (email, 'cli', 'seed') */
  actor: string | null;
  /** an action ('user.invite'), or every action of a kind with a trailing dot or star ('user.', 'user.*') */
  action: string | null;
  entityType: string | null;
  entityId: string | null;
  stateCode: string | null;
  /** YYYY-MM-DD, inclusive, in UTC */
  from: string | null;
  to: string | null;
}

export const AUDIT_PAGE_SIZE = 50;
const MAX_FILTER_LENGTH = 200;

/** Fields whose values never belong in the log, whatever a caller passes: they are replaced. */
export const SECRET_FIELD = /pass(word)?|hash|token|secret|csrf|cookie/i;
export const REDACTED = '[redacted]';

const filterText = z
  .string()
  .trim()
  .max(MAX_FILTER_LENGTH, { error: 'too_long' })
  .optional()
  .transform((value) => (value ? value : null));

const isoDate = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : null))
  .refine((value) => value === null || isCalendarDate(value), { error: 'bad_date' });

/** The audit list's query string, for the page and the API alike. */
export const auditQuerySchema = z
  .object({
    actor: filterText,
    action: filterText,
    entityType: filterText,
    entityId: filterText,
    state: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value.toUpperCase() : null))
      .refine((value) => value === null || /^[A-Z]{3}$/.test(value), { error: 'bad_state' }),
    from: isoDate,
    to: isoDate,
    page: z.coerce.number({ error: 'bad_page' }).int({ error: 'bad_page' }).min(1, { error: 'bad_page' }).max(100_000, { error: 'bad_page' }).default(1),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { error: 'bad_range', path: ['to'] });

export type AuditQuery = z.output<typeof auditQuerySchema>;

export function filtersOfQuery(query: AuditQuery): AuditFilters {
  return {
    actor: query.actor,
    action: query.action,
    entityType: query.entityType,
    entityId: query.entityId,
    stateCode: query.state,
    from: query.from,
    to: query.to,
  };
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
