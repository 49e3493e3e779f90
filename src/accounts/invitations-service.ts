// Invitations: the Secretariat (or the command line, for the first administrator) creates an
// account and sends its owner a single-use link that expires; following it, the invitee chooses
// a password and a language, the account becomes active and they are signed in.
//
// The link's token is 256 random bits; only its SHA-256 is stored. Resending makes a new link
// and revokes the earlier ones. Mail goes out after the transaction has committed (a mail cannot
// be recalled), and a failure to send is reported to the inviter without undoing the account,
// which can then be resent.

import { recordAudit } from '../audit/audit-service.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { findState, stateName } from '../states/states-service.ts';
import { renderMail } from '../mail/mail-logic.ts';
import { generateToken, hashPassword, hashToken, isTokenShaped } from './accounts-crypto.ts';
import {
  actorOf,
  auditedUser,
  fieldError,
  isStateRole,
  LIMITS,
  mayManage,
  newPasswordError,
  rolesInvitableBy,
  type AccountsContext,
  type Caller,
  type InviteInput,
  type LinkState,
  type User,
} from './accounts.ts';
import { accountsTranslator, formatDateTime, roleLabel } from './accounts-messages.ts';
import {
  findInvitation,
  findUserByEmail,
  findUserById,
  insertInvitation,
  insertUser,
  lockInvitation,
  lockUser,
  markInvitationUsed,
  revokeOpenInvitations,
  updatePassword,
} from './accounts-store.ts';
import type { Locale } from '../i18n/i18n.ts';
import { discardPresentedSession, openSession, type OpenedSession } from './sessions-service.ts';

export interface InvitationSent {
  user: User;
  /** the link: printed by the command line; the web never shows it (it is the invitee's secret) */
  invitationUrl: string;
  expiresAt: Date;
  /** null when the mail went out; else why not (the account exists: resend later) */
  mailError: string | null;
}

function callerLabel(caller: Caller): string | undefined {
  return caller.actor ? undefined : (caller.label ?? 'cli');
}

/** Permission to give `role`: the command line may invite anyone (it runs on the server). */
function checkMayInvite(caller: Caller, role: InviteInput['role']): void {
  if (!caller.actor) return;
  if (!rolesInvitableBy(caller.actor.role).includes(role)) {
    throw new AppError('account.forbidden', `A ${caller.actor.role} may not invite a ${role}.`);
  }
}

async function checkState(db: Db, input: { role: InviteInput['role']; stateCode: string | null }): Promise<string | null> {
  if (!isStateRole(input.role)) return null;
  const state = input.stateCode ? await findState(db, input.stateCode) : null;
  if (!state) throw fieldError('stateCode', 'field.stateUnknown', `There is no State with the code ${input.stateCode ?? ''}.`);
  return state.alpha3;
}

export async function inviteUser(ctx: AccountsContext, caller: Caller, input: InviteInput): Promise<InvitationSent> {
  checkMayInvite(caller, input.role);
  const stateCode = await checkState(ctx.db, input);
  const now = ctx.now();
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + LIMITS.invitationDays * 86_400_000);
  const user = await ctx.db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) throw fieldError('email', 'field.emailTaken', `An account with the email ${input.email} exists already.`);
    const created = await insertUser(tx, { email: input.email, name: input.name, role: input.role, stateCode, locale: input.locale, now });
    await insertInvitation(tx, { tokenHash: hashToken(token), userId: created.id, invitedBy: caller.actor?.userId ?? null, now, expiresAt });
    await recordAudit(tx, {
      actor: caller.actor,
      actorLabel: callerLabel(caller),
      action: 'user.invite',
      entityType: 'user',
      entityId: created.id,
      stateCode,
      after: { ...auditedUser(created), invitationExpiresAt: expiresAt.toISOString() },
      ip: caller.ip ?? null,
    });
    return created;
  });
  return sendInvitation(ctx, user, token, expiresAt);
}

/** A new link for an account that has not accepted yet; the earlier links stop working. */
export async function resendInvitation(ctx: AccountsContext, caller: Caller, userId: string): Promise<InvitationSent> {
  const now = ctx.now();
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + LIMITS.invitationDays * 86_400_000);
  const user = await ctx.db.transaction(async (tx) => {
    const found = await lockUser(tx, userId);
    if (!found) throw new AppError('account.not_found', 'There is no such account.');
    if (caller.actor && !mayManage(caller.actor, found)) throw new AppError('account.forbidden', 'Your account may not manage this account.');
    if (found.status !== 'invited') throw new AppError('account.conflict', 'This account has accepted its invitation already.');
    await revokeOpenInvitations(tx, found.id, now);
    await insertInvitation(tx, { tokenHash: hashToken(token), userId: found.id, invitedBy: caller.actor?.userId ?? null, now, expiresAt });
    await recordAudit(tx, {
      actor: caller.actor,
      actorLabel: callerLabel(caller),
      action: 'invitation.resend',
      entityType: 'user',
      entityId: found.id,
      stateCode: found.stateCode,
      after: { email: found.email, invitationExpiresAt: expiresAt.toISOString() },
      ip: caller.ip ?? null,
    });
    return found;
  });
  return sendInvitation(ctx, user, token, expiresAt);
}

export function invitationUrl(publicUrl: string, locale: Locale, token: string): string {
  return `${publicUrl}/${locale}/invitations/${token}`;
}

async function sendInvitation(ctx: AccountsContext, user: User, token: string, expiresAt: Date): Promise<InvitationSent> {
  const url = invitationUrl(ctx.publicUrl, user.locale, token);
  const t = accountsTranslator(user.locale);
  const state = user.stateCode ? await findState(ctx.db, user.stateCode) : null;
  const role = roleLabel(user.role, user.locale);
  const expires = formatDateTime(expiresAt, user.locale);
  const content = renderMail({
    locale: user.locale,
    heading: t('mail.invitation.heading', { name: user.name }),
    paragraphs: [
      state ? t('mail.invitation.roleForState', { role, state: stateName(state, user.locale) }) : t('mail.invitation.role', { role }),
      t('mail.invitation.instructions', { expires }),
    ],
    action: { label: t('mail.invitation.action'), url },
    closing: t('mail.invitation.closing'),
  });
  let mailError: string | null = null;
  try {
    await ctx.mailer.send({ to: user.email, locale: user.locale, kind: 'invitation', subject: t('mail.invitation.subject'), ...content });
  } catch (error) {
    mailError = (error as Error).message;
    ctx.log.warn(`The invitation mail to account ${user.id} could not be sent: ${mailError}`);
  }
  return { user, invitationUrl: url, expiresAt, mailError };
}

function linkState(record: { expiresAt: Date; usedAt: Date | null; revokedAt: Date | null } | null, now: Date): LinkState {
  if (!record) return 'unknown';
  if (record.usedAt || record.revokedAt) return 'used';
  if (record.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

/** What an invitation link leads to: the account to activate, or why it no longer works. */
export async function readInvitation(ctx: Pick<AccountsContext, 'db' | 'now'>, token: string): Promise<{ state: LinkState; user: User | null }> {
  if (!isTokenShaped(token)) return { state: 'unknown', user: null };
  const record = await findInvitation(ctx.db, hashToken(token));
  const state = linkState(record, ctx.now());
  const user = record && state === 'valid' ? await findUserById(ctx.db, record.userId) : null;
  if (state === 'valid' && (!user || user.status !== 'invited')) return { state: 'used', user: null };
  return { state, user };
}

export interface AcceptInput {
  token: string;
  password: string;
  confirmation: string;
  locale: Locale;
  ip: string | null;
  userAgent: string | null;
  presentedToken?: string;
}

/**
 * Sets the password and language, activates the account, uses the link up, and signs in (a new
 * session; any session presented ends). AppError 'invitation.gone' when the link no longer
 * works; a field error when the password is refused.
 */
export async function acceptInvitation(ctx: AccountsContext, input: AcceptInput): Promise<{ user: User; session: OpenedSession }> {
  if (!isTokenShaped(input.token)) throw new AppError('invitation.gone', 'This invitation link is not valid.', { state: 'unknown' });
  const tokenHash = hashToken(input.token);
  // The password is hashed before the transaction (it takes tens of milliseconds) and only if
  // the link still works: nobody makes the server hash for a dead link.
  const first = await readInvitation(ctx, input.token);
  if (first.state !== 'valid' || !first.user) throw new AppError('invitation.gone', 'This invitation link no longer works.', { state: first.state });
  const problem = newPasswordError(input.password, input.confirmation, first.user.email);
  if (problem) throw fieldError(problem === 'password.mismatch' ? 'confirmation' : 'password', problem, 'The password was refused.');
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    // Locked and checked again: of two clicks at once, one wins and the other finds the link used.
    const record = await lockInvitation(tx, tokenHash);
    const state = linkState(record, now);
    if (state !== 'valid' || !record) throw new AppError('invitation.gone', 'This invitation link no longer works.', { state });
    const before = await lockUser(tx, record.userId);
    if (!before || before.status !== 'invited') throw new AppError('invitation.gone', 'This invitation link no longer works.', { state: 'used' });
    await markInvitationUsed(tx, tokenHash, now);
    const user = await updatePassword(tx, before.id, { passwordHash, now, locale: input.locale, activate: true });
    await discardPresentedSession(tx, input.presentedToken);
    const session = await openSession(tx, { userId: user.id, now, policy: ctx.sessionPolicy, ip: input.ip, userAgent: input.userAgent });
    await recordAudit(tx, {
      actor: actorOf(user, session.id),
      action: 'invitation.accept',
      entityType: 'user',
      entityId: user.id,
      stateCode: user.stateCode,
      before: auditedUser(before),
      after: auditedUser(user),
      ip: input.ip,
    });
    await recordAudit(tx, {
      actor: actorOf(user, session.id),
      action: 'session.login',
      entityType: 'user',
      entityId: user.id,
      stateCode: user.stateCode,
      after: { via: 'invitation', sessionExpiresAt: session.expiresAt.toISOString() },
      ip: input.ip,
    });
    return { user, session };
  });
}
