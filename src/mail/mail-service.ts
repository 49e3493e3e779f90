// Sending mail, and reading the outbox (web and `normhub outbox` alike).
//
// nodemailer always builds the message, with its stream transport, so that what the outbox
// keeps is byte for byte what an SMTP server would have received. Without SMTP_URL that is the
// delivery: the message waits in mail_outbox for an administrator to read it (a new
// installation has no mail server yet, and the first administrator's invitation must reach
// them somehow). With SMTP_URL the same bytes go to the server, and the outbox row records only
// that it was sent or why it failed.

import { createTransport } from 'nodemailer';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { isLocale, textDirection } from '../i18n/i18n.ts';
import {
  DEFAULT_MAIL_FROM,
  isOutboxId,
  OUTBOX_PAGE_SIZE,
  type Mailer,
  type MailMessage,
  type OutboxFilters,
  type OutboxMessage,
  type OutboxSummary,
} from './mail.ts';
import { countOutbox, insertOutboxRow, selectOutbox, selectOutboxKinds, selectOutboxMessage } from './mail-store.ts';

// A mail server that does not answer must not hold a request (an invitation form) for minutes.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const messageSchema = z.object({
  // one address, no display name and no list: the outbox filters and shows exactly this
  to: z.email({ error: 'must be one email address' }),
  locale: z.string().refine(isLocale, { error: 'must be one of ar, en, es, fr, ru, zh' }),
  kind: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { error: "must be a short lowercase name such as 'invitation'" }),
  subject: z.string().trim().min(1).max(500),
  text: z.string().min(1),
  html: z.string().min(1),
});

export function createMailer(options: { db: Db; smtpUrl?: string | null; from?: string | null }): Mailer {
  const { db } = options;
  const from = options.from?.trim() || DEFAULT_MAIL_FROM;
  const builder = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const smtp = options.smtpUrl ? createTransport({ url: options.smtpUrl, ...SMTP_TIMEOUTS }) : null;

  return {
    async send(message: MailMessage): Promise<{ id: string }> {
      const checked = messageSchema.safeParse(message);
      if (!checked.success) {
        const problems = checked.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
        throw new AppError('mail.invalid', `The mail cannot be sent: ${problems}.`);
      }
      const built = await builder.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: ensureLanguageMarked(message.html, message.locale),
        headers: { 'Content-Language': message.locale },
      });
      const raw = (built.message as Buffer).toString('utf8');
      const row = { kind: message.kind, to: message.to, locale: message.locale, subject: message.subject, messageId: built.messageId };

      if (!smtp) {
        const id = await insertOutboxRow(db, {
          ...row,
          transport: 'outbox',
          status: 'stored',
          error: null,
          text: message.text,
          html: message.html,
          raw,
          sent: false,
        });
        return { id };
      }

      // The bodies and the raw message are NOT kept for SMTP mail: invitation and password-reset
      // mails carry single-use links that belong to the recipient alone, and a copy readable in
      // the outbox would let whoever reads it (or a leak of the database) act in their name.
      const recorded = { ...row, transport: 'smtp' as const, text: null, html: null, raw: null };
      try {
        await smtp.sendMail({ envelope: built.envelope, raw: built.message as Buffer });
      } catch (error) {
        const reason = (error as Error).message || String(error);
        const id = await insertOutboxRow(db, { ...recorded, status: 'failed', error: reason, sent: false });
        throw new AppError('mail.failed', `The mail to ${message.to} could not be sent: ${reason}`, { id, to: message.to, reason });
      }
      const id = await insertOutboxRow(db, { ...recorded, status: 'sent', error: null, sent: true });
      return { id };
    },
  };
}

/** The HTML part must say its language and direction; renderMail's does, this covers any other. */
function ensureLanguageMarked(html: string, locale: MailMessage['locale']): string {
  if (/<html\b[^>]*\blang=/i.test(html)) return html;
  return `<div lang="${locale}" dir="${textDirection(locale)}">${html}</div>`;
}

export interface OutboxPage {
  messages: OutboxSummary[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  kinds: string[];
}

/** The outbox, newest first. Reading it is for administrators: routes and the CLI decide who may call this. */
export async function listOutbox(
  ctx: { db: Db },
  { filters, page = 1, pageSize = OUTBOX_PAGE_SIZE }: { filters: OutboxFilters; page?: number; pageSize?: number },
): Promise<OutboxPage> {
  const [messages, total, kinds] = await Promise.all([
    selectOutbox(ctx.db, filters, { limit: pageSize, offset: (page - 1) * pageSize }),
    countOutbox(ctx.db, filters),
    selectOutboxKinds(ctx.db),
  ]);
  return { messages, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)), kinds };
}

export async function findOutboxMessage(ctx: { db: Db }, id: string): Promise<OutboxMessage> {
  const message = isOutboxId(id) ? await selectOutboxMessage(ctx.db, id) : null;
  if (!message) throw new AppError('mail.not_found', `There is no message ${id} in the outbox.`, { id });
  return message;
}
