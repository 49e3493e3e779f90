// Mail: the message a feature hands to the mailer, the mailer itself, and the outbox's records.
//
// Callers (accounts: invitations, password resets) write the message in the recipient's
// language with renderMail (mail-logic.ts) and call `mailer.send(message)` AFTER the
// transaction of their write has committed: a mail cannot be recalled, so one sent for a write
// that then rolls back would invite someone who does not exist. (On PGlite the mailer's own
// database handle would also wait for that open transaction to end.)

import { z } from 'zod';
import type { Locale } from '../i18n/i18n.ts';

export interface MailMessage {
  /** one address */
  to: string;
  /** the recipient's language; the message is written in it */
  locale: Locale;
  /** 'invitation', 'password-reset', … (for the outbox list and filters) */
  kind: string;
  subject: string;
  /** plain-text body */
  text: string;
  /** HTML body (made with renderMail) */
  html: string;
}

export interface Mailer {
  /**
   * Builds the message and delivers it: into the outbox (no SMTP_URL) or to the SMTP server.
   * Resolves with the outbox row's id; rejects with AppError('mail.failed') when the SMTP
   * server refuses it or cannot be reached (the row then says 'failed' and why).
   */
  send(message: MailMessage): Promise<{ id: string }>;
}

export const MAIL_TRANSPORTS = ['outbox', 'smtp'] as const;
export type MailTransport = (typeof MAIL_TRANSPORTS)[number];

/** 'stored': kept in the outbox for administrators to read (that is its delivery); 'sent'/'failed': the SMTP server's answer. */
export const MAIL_STATUSES = ['stored', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const DEFAULT_MAIL_FROM = 'NormHub <no-reply@normhub.localhost>';

/** A row of mail_outbox as the list shows it. */
export interface OutboxSummary {
  id: string;
  createdAt: string;
  kind: string;
  to: string;
  locale: string;
  subject: string;
  transport: MailTransport;
  status: MailStatus;
  error: string | null;
}

/** One message with everything kept of it (the bodies and raw message are null for SMTP mail). */
export interface OutboxMessage extends OutboxSummary {
  messageId: string | null;
  sentAt: string | null;
  text: string | null;
  html: string | null;
  raw: string | null;
}

export interface OutboxFilters {
  kind: string | null;
  /** part of the recipient's address, case-insensitive */
  to: string | null;
}

export const OUTBOX_PAGE_SIZE = 50;
export const MAX_FILTER_LENGTH = 200;

const filterText = z
  .string()
  .trim()
  .max(MAX_FILTER_LENGTH)
  .optional()
  .transform((value) => (value ? value : null));

/** The outbox list's query string (?kind=&to=&page=); a bad one is refused, not guessed at. */
export const outboxQuerySchema = z.object({
  kind: filterText,
  to: filterText,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

/** Outbox ids are the row numbers of mail_outbox. */
export function isOutboxId(value: string): boolean {
  return /^[1-9]\d{0,17}$/.test(value);
}
