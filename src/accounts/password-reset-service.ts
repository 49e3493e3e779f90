// Password reset: anyone may ask for a link for an email address; the answer is the same
// whether an account has that address or not (no enumeration), and so is its timing: the
// request only checks the address's throttle and hands the rest (finding the account, storing
// the link, sending the mail) to work done after the answer has gone. The link is single-use,
// valid an hour; setting a new password ends every session of the account.

import { recordAudit } from '../audit/audit-service.ts';
import { AppError } from '../errors.ts';
import type { Locale } from '../i18n/i18n.ts';
import { renderMail } from '../mail/mail-logic.ts';
import { generateToken, hashPassword, hashToken, isTokenShaped } from './accounts-crypto.ts';
import { secondsBlocked } from './accounts-logic.ts';
import { auditedUser, fieldError, LIMITS, newPasswordError, type AccountsContext, type LinkState, type User } from './accounts.ts';
import { accountsTranslator, formatDateTime } from './accounts-messages.ts';
import { findPasswordReset, findUserByEmail, findUserById, insertPasswordReset, lockPasswordReset, lockUser, markPasswordResetsUsed, updatePassword } from './accounts-store.ts';
import { endOtherSessions } from './sessions-service.ts';
import { takeThrottle } from './sessions-store.ts';

export interface PasswordResetRequest {
  email: string;
  /** the language of the page the request came from: the mail is in the account's own language */
  locale: Locale;
  ip: string | null;
}

/** Work to do after the answer; the app waits for it before closing. */
export type Defer = (work: () => Promise<void>) => void;

/**
 * Accepts a request for a reset link. Throws 429 when the address has asked too often; otherwise
 * returns at once, the same for every email, and `defer` does the rest.
 */
export async function requestPasswordReset(ctx: AccountsContext, defer: Defer, request: PasswordResetRequest): Promise<void> {
  const now = ctx.now();
  const ipKey = `reset-ip:${request.ip ?? 'unknown'}`;
  const attempt = await takeThrottle(ctx.db, ipKey, { now, windowSeconds: LIMITS.resetWindowMinutes * 60, limit: LIMITS.resetPerIp, blockSeconds: LIMITS.resetWindowMinutes * 60 });
  if (!attempt.allowed) {
    const blocked = secondsBlocked({ windowStartedAt: now, hits: 0, blockedUntil: attempt.blockedUntil }, now);
    throw new AppError('auth.rate_limited', `Too many password-reset requests from this address; try again in ${Math.ceil(blocked / 60)} minutes.`, { retryAfter: blocked });
  }
  defer(() => issuePasswordReset(ctx, request));
}

/** The part of a request done after the answer: nothing at all for an unknown or inactive account. */
export async function issuePasswordReset(ctx: AccountsContext, request: PasswordResetRequest): Promise<void> {
  const now = ctx.now();
  // Per email, too: nobody fills someone's mailbox with links. Counted for unknown emails alike.
  const emailKey = `reset-email:${hashToken(request.email.trim().toLowerCase())}`;
  const attempt = await takeThrottle(ctx.db, emailKey, { now, windowSeconds: LIMITS.resetWindowMinutes * 60, limit: LIMITS.resetPerEmail, blockSeconds: LIMITS.resetWindowMinutes * 60 });
  if (!attempt.allowed) return;
  const user = await findUserByEmail(ctx.db, request.email);
  if (!user || user.status !== 'active') return;

  const token = generateToken();
  const expiresAt = new Date(now.getTime() + LIMITS.passwordResetMinutes * 60_000);
  await ctx.db.transaction(async (tx) => {
    await insertPasswordReset(tx, { tokenHash: hashToken(token), userId: user.id, now, expiresAt });
    await recordAudit(tx, {
      actor: null,
      actorLabel: 'anonymous',
      action: 'password_reset.request',
      entityType: 'user',
      entityId: user.id,
      stateCode: user.stateCode,
      after: { expiresAt: expiresAt.toISOString() },
      ip: request.ip,
    });
  });
  await sendResetMail(ctx, user, token, expiresAt);
}

async function sendResetMail(ctx: AccountsContext, user: User, token: string, expiresAt: Date): Promise<void> {
  const t = accountsTranslator(user.locale);
  const content = renderMail({
    locale: user.locale,
    heading: t('mail.reset.heading', { name: user.name }),
    paragraphs: [t('mail.reset.instructions', { expires: formatDateTime(expiresAt, user.locale) })],
    action: { label: t('mail.reset.action'), url: `${ctx.publicUrl}/${user.locale}/password-reset/${token}` },
    closing: t('mail.reset.closing'),
  });
  try {
    await ctx.mailer.send({ to: user.email, locale: user.locale, kind: 'password-reset', subject: t('mail.reset.subject'), ...content });
  } catch (error) {
    ctx.log.warn(`The password-reset mail to account ${user.id} could not be sent: ${(error as Error).message}`);
  }
}

/**
 * Tells the owner of an account that its password changed (ASVS 2.2.3, 2.5.5), with a way back in
 * if it was not them. Sent after the change has committed; a failure to send is logged, not raised:
 * the change stands either way.
 */
export async function notifyPasswordChanged(ctx: AccountsContext, user: Pick<User, 'id' | 'email' | 'name' | 'locale'>, when: Date): Promise<void> {
  const t = accountsTranslator(user.locale);
  const content = renderMail({
    locale: user.locale,
    heading: t('mail.changed.heading', { name: user.name }),
    paragraphs: [t('mail.changed.text', { when: formatDateTime(when, user.locale) })],
    action: { label: t('mail.changed.action'), url: `${ctx.publicUrl}/${user.locale}/password-reset` },
    closing: t('mail.changed.closing'),
  });
  try {
    await ctx.mailer.send({ to: user.email, locale: user.locale, kind: 'password-changed', subject: t('mail.changed.subject'), ...content });
  } catch (error) {
    ctx.log.warn(`The password-changed notice to account ${user.id} could not be sent: ${(error as Error).message}`);
  }
}

export async function readPasswordReset(ctx: Pick<AccountsContext, 'db' | 'now'>, token: string): Promise<{ state: LinkState; user: User | null }> {
  if (!isTokenShaped(token)) return { state: 'unknown', user: null };
  const record = await findPasswordReset(ctx.db, hashToken(token));
  if (!record) return { state: 'unknown', user: null };
  if (record.usedAt) return { state: 'used', user: null };
  if (record.expiresAt.getTime() <= ctx.now().getTime()) return { state: 'expired', user: null };
  const user = await findUserById(ctx.db, record.userId);
  if (!user || user.status !== 'active') return { state: 'used', user: null };
  return { state: 'valid', user };
}

/** Sets the new password; every session of the account ends, and every other open link with them. */
export async function completePasswordReset(
  ctx: AccountsContext,
  input: { token: string; password: string; confirmation: string; ip: string | null },
): Promise<User> {
  const first = await readPasswordReset(ctx, input.token);
  if (first.state !== 'valid' || !first.user) throw new AppError('password_reset.gone', 'This password-reset link no longer works.', { state: first.state });
  const problem = newPasswordError(input.password, input.confirmation, first.user.email);
  if (problem) throw fieldError(problem === 'password.mismatch' ? 'confirmation' : 'password', problem, 'The password was refused.');
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  const changed = await ctx.db.transaction(async (tx) => {
    const record = await lockPasswordReset(tx, hashToken(input.token));
    if (!record || record.usedAt || record.expiresAt.getTime() <= now.getTime()) {
      throw new AppError('password_reset.gone', 'This password-reset link no longer works.', { state: record?.usedAt ? 'used' : record ? 'expired' : 'unknown' });
    }
    const before = await lockUser(tx, record.userId);
    if (!before || before.status !== 'active') throw new AppError('password_reset.gone', 'This password-reset link no longer works.', { state: 'used' });
    await markPasswordResetsUsed(tx, before.id, now);
    const user = await updatePassword(tx, before.id, { passwordHash, now });
    const ended = await endOtherSessions(tx, user.id, null);
    await recordAudit(tx, {
      actor: null,
      actorLabel: 'anonymous',
      action: 'user.password_reset',
      entityType: 'user',
      entityId: user.id,
      stateCode: user.stateCode,
      before: { ...auditedUser(before), lockedUntil: before.lockedUntil?.toISOString() ?? null },
      after: { ...auditedUser(user), changedAt: now.toISOString(), sessionsEnded: ended },
      ip: input.ip,
    });
    return user;
  });
  await notifyPasswordChanged(ctx, changed, now);
  return changed;
}
