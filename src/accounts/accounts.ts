// Accounts: who may sign in, with which role, for which State; the rules that decide who may
// invite or change whom; the limits of passwords, links and sessions; the forms' schemas.
// Pure: nothing here reads the database, the clock or the network.

import { z } from 'zod';
import type { Db } from '../db/db.ts';
import type { Actor, Role } from '../http/access.ts';
import type { Mailer } from '../mail/mail.ts';
import { ROLES, SECRETARIAT_ROLES, STATE_ROLES } from '../http/access.ts';
import { isLocale, type Locale } from '../i18n/i18n.ts';
import { AppError } from '../errors.ts';
import { passwordProblem, type PasswordProblem } from './accounts-logic.ts';

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** An account as the application sees it: never its password hash. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  stateCode: string | null;
  locale: Locale;
  status: UserStatus;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** The fields of an account the audit log records (before/after): never hashes or tokens. */
export function auditedUser(user: User): Record<string, unknown> {
  return { email: user.email, name: user.name, role: user.role, stateCode: user.stateCode, locale: user.locale, status: user.status };
}

export function actorOf(user: User, sessionId: string): Actor {
  return { userId: user.id, email: user.email, name: user.name, role: user.role, stateCode: user.stateCode, locale: user.locale, sessionId };
}

// ---------------------------------------------------------------------------------------------
// Limits. Durations are defaults that the configuration or a test may change where said.

export const LIMITS = {
  /** an invitation link is valid this long */
  invitationDays: 7,
  /** a password-reset link is valid this long */
  passwordResetMinutes: 60,
  /** consecutive failed sign-ins that lock an account, and for how long */
  lockoutFailures: 5,
  lockoutMinutes: 15,
  /** failed sign-ins from one address within the window before it gets 429 */
  ipFailures: 20,
  ipWindowMinutes: 15,
  /** password-reset requests per email and per address within the window */
  resetPerEmail: 3,
  resetPerIp: 10,
  resetWindowMinutes: 60,
  /** a session's last_seen_at is written at most this often */
  lastSeenWriteSeconds: 60,
} as const;

export interface SessionPolicy {
  /** a session unused this long ends (SESSION_IDLE_MINUTES, 30 by default) */
  idleMinutes: number;
  /** a session ends this long after sign-in whatever its use (SESSION_ABSOLUTE_HOURS, 12 by default) */
  absoluteHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, absoluteHours: 12 };

// ---------------------------------------------------------------------------------------------
// Who may do what to accounts. The route already admits only the Secretariat; these finer rules
// are checked again by the services (defence in depth).

/**
 * The roles an inviter may give. An administrator may invite anyone; an officer invites the
 * people the Secretariat works with (focal points, contributors, experts, observers) but not
 * other Secretariat members, so that nobody can raise an account to their own level or above.
 */
export function rolesInvitableBy(role: Role): readonly Role[] {
  if (role === 'admin') return ROLES;
  if (role === 'officer') return ROLES.filter((candidate) => !SECRETARIAT_ROLES.includes(candidate));
  return [];
}

/**
 * Whether `actor` may change (disable, enable, give another role, resend the invitation of)
 * `target`. The same reach as inviting: an officer manages non-Secretariat accounts only; nobody
 * changes their own account here (an administrator cannot lock themselves out by mistake).
 */
export function mayManage(actor: Pick<Actor, 'role' | 'userId'>, target: Pick<User, 'role' | 'id'>): boolean {
  if (actor.userId === target.id) return false;
  return rolesInvitableBy(actor.role).includes(target.role);
}

export function isStateRole(role: Role): boolean {
  return STATE_ROLES.includes(role);
}

// ---------------------------------------------------------------------------------------------
// Form schemas. Each issue's message is the key of the message shown beside the field
// (accounts-messages.ts 'field.*'), so that the page says it in the reader's language.

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const emailField = z
  .string({ error: 'field.required' })
  .trim()
  .min(1, { error: 'field.required' })
  .max(254, { error: 'field.emailInvalid' })
  .regex(EMAIL, { error: 'field.emailInvalid' });

const nameField = z.string({ error: 'field.required' }).trim().min(1, { error: 'field.required' }).max(200, { error: 'field.nameTooLong' });

const localeField = z.string({ error: 'field.localeInvalid' }).refine(isLocale, { error: 'field.localeInvalid' });

const roleField = z.string({ error: 'field.roleInvalid' }).refine((value): value is Role => (ROLES as readonly string[]).includes(value), { error: 'field.roleInvalid' });

const stateField = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value.toUpperCase() : null))
  .refine((value) => value === null || /^[A-Z]{3}$/.test(value), { error: 'field.stateInvalid' });

/** Passwords are taken as typed: never trimmed or truncated (a space may be part of one). */
const passwordField = z.string({ error: 'field.required' }).min(1, { error: 'field.required' });

export const loginFormSchema = z.object({
  email: emailField,
  password: passwordField,
  next: z.string().optional(),
});

export const inviteFormSchema = z
  .object({ email: emailField, name: nameField, role: roleField, stateCode: stateField, locale: localeField })
  .superRefine((form, context) => {
    if (isStateRole(form.role as Role) && !form.stateCode) context.addIssue({ code: 'custom', path: ['stateCode'], message: 'field.stateRequired' });
    if (!isStateRole(form.role as Role) && form.stateCode) context.addIssue({ code: 'custom', path: ['stateCode'], message: 'field.stateNotForRole' });
  });
export type InviteInput = { email: string; name: string; role: Role; stateCode: string | null; locale: Locale };

export const roleChangeFormSchema = z
  .object({ role: roleField, stateCode: stateField })
  .superRefine((form, context) => {
    if (isStateRole(form.role as Role) && !form.stateCode) context.addIssue({ code: 'custom', path: ['stateCode'], message: 'field.stateRequired' });
    if (!isStateRole(form.role as Role) && form.stateCode) context.addIssue({ code: 'custom', path: ['stateCode'], message: 'field.stateNotForRole' });
  });

export const newPasswordFormSchema = z.object({ password: passwordField, confirmation: z.string().optional().default('') });

export const acceptInvitationFormSchema = newPasswordFormSchema.extend({ locale: localeField });

export const passwordResetRequestSchema = z.object({ email: emailField });

export const accountFormSchema = z.object({ name: nameField, locale: localeField });

export const changePasswordFormSchema = z.object({
  currentPassword: passwordField,
  password: passwordField,
  confirmation: z.string().optional().default(''),
});

export const peopleFiltersSchema = z.object({
  role: z
    .string()
    .optional()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || (ROLES as readonly string[]).includes(value), { error: 'field.roleInvalid' }),
  state: stateField,
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || (USER_STATUSES as readonly string[]).includes(value), { error: 'field.statusInvalid' }),
});
export interface PeopleFilters {
  role: Role | null;
  stateCode: string | null;
  status: UserStatus | null;
}

/** Field name → message key of its first problem. */
export type FieldErrors = Record<string, string>;

/** Parses a form body: the value, or the first problem of each field as a message key. */
export function parseForm<Schema extends z.ZodType>(schema: Schema, body: unknown): { ok: true; value: z.output<Schema> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message.startsWith('field.') ? issue.message : 'field.invalid';
  }
  return { ok: false, errors };
}

/** Checks a chosen password and its confirmation; the message key of the problem, or null. */
export function newPasswordError(password: string, confirmation: string, email: string): string | null {
  const problem: PasswordProblem | null = passwordProblem(password, { email });
  if (problem) return `password.${problem}`;
  if (password !== confirmation) return 'password.mismatch';
  return null;
}

/** A problem with one field of a form, to show beside it (`key`: a message of accounts-messages.ts). */
export function fieldError(field: string, key: string, message: string): AppError {
  return new AppError('account.invalid', message, { field, key });
}

export function isFieldError(error: unknown): error is AppError & { params: { field: string; key: string } } {
  return error instanceof AppError && error.code === 'account.invalid' && typeof error.params.field === 'string';
}

/** Where a link of a mail (invitation, password reset) stands. */
export type LinkState = 'valid' | 'expired' | 'used' | 'unknown';

// ---------------------------------------------------------------------------------------------
// What the services of accounts work with: a plain object built once by the routes (and the CLI).

export interface AccountsContext {
  db: Db;
  /** the clock: injectable, so that tests of expiry and lock-out move time instead of sleeping */
  now: () => Date;
  sessionPolicy: SessionPolicy;
  /** the site's address for links in mails, without a trailing slash (PUBLIC_URL) */
  publicUrl: string;
  mailer: Mailer;
  log: AccountsLog;
}

export interface AccountsLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Who does something, for permission checks and the audit log: an account, or the command line. */
export interface Caller {
  actor: Actor | null;
  /** 'cli' for the command line */
  label?: string;
  ip?: string | null;
}
