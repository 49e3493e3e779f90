// SQL of the outbox (mail_outbox).

import type { Db } from '../db/db.ts';
import type { MailStatus, MailTransport, OutboxFilters, OutboxMessage, OutboxSummary } from './mail.ts';

export interface OutboxRowInput {
  kind: string;
  to: string;
  locale: string;
  subject: string;
  transport: MailTransport;
  status: MailStatus;
  messageId: string | null;
  error: string | null;
  /** null for SMTP mail: see mail-service.ts */
  text: string | null;
  html: string | null;
  raw: string | null;
  sent: boolean;
}

export async function insertOutboxRow(db: Db, row: OutboxRowInput): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into mail_outbox (kind, to_address, locale, subject, transport, status, message_id, error, text_body, html_body, raw, sent_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, case when $12 then now() end)
     returning id::text as id`,
    [row.kind, row.to, row.locale, row.subject, row.transport, row.status, row.messageId, row.error, row.text, row.html, row.raw, row.sent],
  );
  return rows[0]!.id;
}

interface SummaryRow {
  id: string;
  created_at: Date | string;
  kind: string;
  to_address: string;
  locale: string;
  subject: string;
  transport: MailTransport;
  status: MailStatus;
  error: string | null;
}

const SUMMARY_COLUMNS = 'id::text as id, created_at, kind, to_address, locale, subject, transport, status, error';

function filterClause(filters: OutboxFilters): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filters.kind) {
    params.push(filters.kind);
    conditions.push(`kind = $${params.length}`);
  }
  if (filters.to) {
    // A part of the address is enough ("@example.org"); LIKE's wildcards in it are taken literally.
    params.push(`%${filters.to.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(`lower(to_address) like $${params.length}`);
  }
  return { where: conditions.length ? `where ${conditions.join(' and ')}` : '', params };
}

export async function selectOutbox(db: Db, filters: OutboxFilters, { limit, offset }: { limit: number; offset: number }): Promise<OutboxSummary[]> {
  const { where, params } = filterClause(filters);
  const { rows } = await db.query<SummaryRow>(
    `select ${SUMMARY_COLUMNS} from mail_outbox ${where} order by created_at desc, id desc limit ${Number(limit)} offset ${Number(offset)}`,
    params,
  );
  return rows.map(toSummary);
}

export async function countOutbox(db: Db, filters: OutboxFilters): Promise<number> {
  const { where, params } = filterClause(filters);
  const { rows } = await db.query<{ count: number }>(`select count(*)::int as count from mail_outbox ${where}`, params);
  return rows[0]!.count;
}

/** The kinds there are, for the filter's choices. */
export async function selectOutboxKinds(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ kind: string }>('select distinct kind from mail_outbox order by kind');
  return rows.map((row) => row.kind);
}

export async function selectOutboxMessage(db: Db, id: string): Promise<OutboxMessage | null> {
  const { rows } = await db.query<SummaryRow & { message_id: string | null; sent_at: Date | string | null; text_body: string | null; html_body: string | null; raw: string | null }>(
    `select ${SUMMARY_COLUMNS}, message_id, sent_at, text_body, html_body, raw from mail_outbox where id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    ...toSummary(row),
    messageId: row.message_id,
    sentAt: row.sent_at === null ? null : isoTimestamp(row.sent_at),
    text: row.text_body,
    html: row.html_body,
    raw: row.raw,
  };
}

function toSummary(row: SummaryRow): OutboxSummary {
  return {
    id: row.id,
    createdAt: isoTimestamp(row.created_at),
    kind: row.kind,
    to: row.to_address,
    locale: row.locale,
    subject: row.subject,
    transport: row.transport,
    status: row.status,
    error: row.error,
  };
}

function isoTimestamp(value: Date | string): string {
  return new Date(value).toISOString();
}
