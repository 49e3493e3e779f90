// normhub users invite --email E --name N --role R [--state XXX] [--locale en]
//   creates the account and sends the invitation mail as the web does, and prints the link: the
//   way to the first administrator, and a way for operators when mail does not reach someone.
// normhub users list [--role R] [--state XXX] [--status S] [--json]
// Both call the same services as the web (src/accounts/), as the command line ('cli' in the audit log).

import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import type { Role } from '../http/access.ts';
import type { Locale } from '../i18n/i18n.ts';
import { createMailer } from '../mail/mail-service.ts';
import { DEFAULT_SESSION_POLICY, inviteFormSchema, isFieldError, parseForm, type AccountsContext, type InviteInput, type UserStatus } from '../accounts/accounts.ts';
import { ACCOUNTS_MESSAGES } from '../accounts/accounts-messages.ts';
import { listUsers } from '../accounts/accounts-store.ts';
import { inviteUser } from '../accounts/invitations-service.ts';

export interface InviteCommandOptions {
  email: string;
  name: string;
  role: Role;
  state?: string;
  locale: Locale;
}

function englishProblem(key: string): string {
  return (ACCOUNTS_MESSAGES.en as Record<string, string>)[key] ?? key;
}

/** The context of the accounts services for one command: the configured mailer and address. */
export function commandAccountsContext(db: Db, config: Config, warn: (message: string) => void): AccountsContext {
  return {
    db,
    now: () => new Date(),
    sessionPolicy: { idleMinutes: config.sessionIdleMinutes ?? DEFAULT_SESSION_POLICY.idleMinutes, absoluteHours: config.sessionAbsoluteHours ?? DEFAULT_SESSION_POLICY.absoluteHours },
    publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    mailer: createMailer({ db, smtpUrl: config.smtpUrl ?? null, from: config.mailFrom ?? null }),
    log: { info: () => {}, warn, error: (message) => warn(message) },
  };
}

/** Invites; returns what to print (the link included). AppError when the input is refused. */
export async function inviteUserCommand(ctx: AccountsContext, options: InviteCommandOptions): Promise<string> {
  const parsed = parseForm(inviteFormSchema, { email: options.email, name: options.name, role: options.role, stateCode: options.state ?? '', locale: options.locale });
  if (!parsed.ok) {
    const problems = Object.entries(parsed.errors).map(([field, key]) => `--${field === 'stateCode' ? 'state' : field}: ${englishProblem(key)}`);
    throw new AppError('account.invalid', problems.join('\n'));
  }
  try {
    const sent = await inviteUser(ctx, { actor: null, label: 'cli' }, parsed.value as InviteInput);
    const state = sent.user.stateCode ? ` for ${sent.user.stateCode}` : '';
    const lines = [
      `Invited ${sent.user.name} <${sent.user.email}> as ${sent.user.role}${state} (language: ${sent.user.locale}).`,
      sent.mailError
        ? `The invitation mail could not be sent (${sent.mailError}): give the link to the person yourself.`
        : 'The invitation mail has been sent (or kept in the outbox when no SMTP_URL is set).',
      `The link works once, until ${sent.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC:`,
      sent.invitationUrl,
    ];
    return `${lines.join('\n')}\n`;
  } catch (error) {
    if (isFieldError(error)) throw new AppError('account.invalid', `--${error.params.field === 'stateCode' ? 'state' : error.params.field}: ${englishProblem(error.params.key)}`);
    throw error;
  }
}

export interface ListCommandOptions {
  role?: Role;
  state?: string;
  status?: UserStatus;
  json: boolean;
}

/** The accounts as a table, or JSON ({ users: [...] }), never with anything secret. */
export async function listUsersCommand(db: Db, options: ListCommandOptions): Promise<string> {
  const users = await listUsers(db, { role: options.role ?? null, stateCode: options.state?.toUpperCase() ?? null, status: options.status ?? null });
  if (options.json) {
    return `${JSON.stringify({
      users: users.map((user) => ({
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        stateCode: user.stateCode,
        locale: user.locale,
        status: user.status,
        lockedUntil: user.lockedUntil?.toISOString() ?? null,
        lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      })),
    })}\n`;
  }
  if (users.length === 0) return 'No account matches.\n';
  const header = ['EMAIL', 'NAME', 'ROLE', 'STATE', 'LANG', 'STATUS', 'LAST SIGN-IN (UTC)'];
  const rows = users.map((user) => [
    user.email,
    user.name,
    user.role,
    user.stateCode ?? '-',
    user.locale,
    user.status,
    user.lastLoginAt ? user.lastLoginAt.toISOString().slice(0, 16).replace('T', ' ') : '-',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < cells.length - 1 ? cell.padEnd(widths[column]!) : cell)).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
