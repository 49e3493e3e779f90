// normhub outbox [--limit N] [--kind K] [--to ADDRESS] [--json]: the messages, newest first.
// normhub outbox show ID: one message, its headers and text.
// The same service as the web's outbox pages, so both show the same messages.

import type { Db } from '../db/db.ts';
import { readHeaders } from '../mail/mail-logic.ts';
import { findOutboxMessage, listOutbox } from '../mail/mail-service.ts';
import type { OutboxMessage } from '../mail/mail.ts';

export interface OutboxListOptions {
  limit: number;
  kind?: string;
  to?: string;
  json: boolean;
}

/** The list as text (a table) or JSON ({ messages, total }). */
export async function listOutboxCommand(db: Db, options: OutboxListOptions): Promise<string> {
  const result = await listOutbox({ db }, { filters: { kind: options.kind ?? null, to: options.to ?? null }, page: 1, pageSize: options.limit });
  if (options.json) return `${JSON.stringify({ messages: result.messages, total: result.total })}\n`;
  if (result.messages.length === 0) return 'The outbox is empty.\n';
  const rows = result.messages.map((message) => [
    message.id,
    message.createdAt.slice(0, 16).replace('T', ' '),
    message.status,
    message.kind,
    message.locale,
    message.to,
    message.subject,
  ]);
  const header = ['ID', 'DATE (UTC)', 'STATUS', 'KIND', 'LANG', 'TO', 'SUBJECT'];
  // Every column but the last (the subject) is padded to its widest value.
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < cells.length - 1 ? cell.padEnd(widths[column]!) : cell)).join('  ');
  const more = result.total > rows.length ? `${result.total - rows.length} older message${result.total - rows.length === 1 ? '' : 's'} not shown (--limit).\n` : '';
  return `${[line(header), ...rows.map(line)].join('\n')}\n${more}`;
}

/** One message: what the outbox knows of it, its headers and its text body. */
export async function showOutboxCommand(db: Db, id: string): Promise<string> {
  return describeMessage(await findOutboxMessage({ db }, id));
}

function describeMessage(message: OutboxMessage): string {
  const lines = [
    `Message ${message.id}: ${message.kind}, ${message.locale}, ${message.status}${message.transport === 'smtp' ? ' (SMTP)' : ' (outbox)'}, ${message.createdAt}`,
  ];
  if (message.error) lines.push(`Error: ${message.error}`);
  if (!message.raw) {
    lines.push(`To: ${message.to}`, `Subject: ${message.subject}`, '', 'The body is not kept: the message was handed to the mail server, and its links belong to the recipient alone.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('');
  // The structure of the MIME parts is of no use to a reader; what the message says is.
  for (const { name, value } of readHeaders(message.raw)) if (!/^(content-type|content-transfer-encoding|mime-version)$/i.test(name)) lines.push(`${name}: ${value}`);
  lines.push('', message.text ?? '');
  return `${lines.join('\n').replace(/\n*$/, '')}\n`;
}
