// Signing in: email and password, a new session on success (any session presented with the
// request ends: no fixation), and three brakes on guessing, all in PostgreSQL so that every
// process counts the same attempts:
//   - per account: 5 consecutive failures lock it for 15 minutes (users.failed_logins, locked_until);
//   - per unknown email: the same counting in throttle_counters, so that "locked" is said alike
//     whether an account exists or not;
//   - per address: 20 failures in 15 minutes, then 429 with Retry-After for 15 minutes.
// While an account is locked the password is not checked at all, so the answer "locked" never
// confirms a right guess. Failures and successes go to the audit log.

import { recordAudit } from '../audit/audit-service.ts';
import { AppError } from '../errors.ts';
import { hashPassword, hashToken, needsRehash, verifyDummyPassword, verifyPassword } from './accounts-crypto.ts';
import { secondsBlocked } from './accounts-logic.ts';
import { auditedUser, actorOf, LIMITS, type AccountsContext, type User } from './accounts.ts';
import { findUserByEmail, recordFailedLogin, recordSuccessfulLogin, replacePasswordHash } from './accounts-store.ts';
import { discardPresentedSession, openSession, type OpenedSession } from './sessions-service.ts';
import { hitThrottle, readThrottle } from './sessions-store.ts';

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  /** the session cookie sent with the request, if any: it ends whatever happens next */
  presentedToken?: string;
}

export type SignInResult =
  | { ok: true; user: User; session: OpenedSession }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; minutes: number };

const UNKNOWN_EMAIL_WINDOW_SECONDS = 24 * 3600;

function ipKey(ip: string | null): string {
  return `login-ip:${ip ?? 'unknown'}`;
}

/** Refuses the request (429) while its address is throttled. */
async function checkAddress(ctx: AccountsContext, ip: string | null): Promise<void> {
  const seconds = secondsBlocked(await readThrottle(ctx.db, ipKey(ip)), ctx.now());
  if (seconds > 0) {
    throw new AppError('auth.rate_limited', `Too many failed sign-ins from this address; try again in ${Math.ceil(seconds / 60)} minutes.`, {
      retryAfter: seconds,
    });
  }
}

async function countAddressFailure(ctx: AccountsContext, ip: string | null): Promise<void> {
  await hitThrottle(ctx.db, ipKey(ip), {
    now: ctx.now(),
    windowSeconds: LIMITS.ipWindowMinutes * 60,
    limit: LIMITS.ipFailures,
    blockSeconds: LIMITS.ipWindowMinutes * 60,
  });
}

function minutesLeft(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

export async function signIn(ctx: AccountsContext, input: SignInInput): Promise<SignInResult> {
  await checkAddress(ctx, input.ip);
  const now = ctx.now();
  const user = await findUserByEmail(ctx.db, input.email);

  if (!user || user.status !== 'active' || !user.passwordHash) {
    // No account to check: the same work as checking one, and the same counting as an account's.
    await verifyDummyPassword(input.password);
    const key = `login-email:${hashToken(input.email.trim().toLowerCase())}`;
    const blocked = secondsBlocked(await readThrottle(ctx.db, key), now);
    await countAddressFailure(ctx, input.ip);
    const counter = blocked > 0 ? null : await hitThrottle(ctx.db, key, { now, windowSeconds: UNKNOWN_EMAIL_WINDOW_SECONDS, limit: LIMITS.lockoutFailures, blockSeconds: LIMITS.lockoutMinutes * 60 });
    await recordAudit(ctx.db, {
      actor: null,
      actorLabel: 'anonymous',
      action: 'session.login_failed',
      // the email typed is not recorded for unknown accounts: people type passwords into the wrong field
      entityType: user ? 'user' : 'login',
      entityId: user ? user.id : 'unknown-account',
      stateCode: user?.stateCode ?? null,
      after: { reason: user ? `account-${user.status}` : 'unknown-account' },
      ip: input.ip,
    });
    const stillBlocked = blocked > 0 ? blocked : secondsBlocked(counter, now);
    return stillBlocked > 0 ? { ok: false, reason: 'locked', minutes: Math.ceil(stillBlocked / 60) } : { ok: false, reason: 'invalid' };
  }

  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    await verifyDummyPassword(input.password);
    await countAddressFailure(ctx, input.ip);
    await recordAudit(ctx.db, {
      actor: null,
      actorLabel: 'anonymous',
      action: 'session.login_failed',
      entityType: 'user',
      entityId: user.id,
      stateCode: user.stateCode,
      after: { reason: 'locked' },
      ip: input.ip,
    });
    return { ok: false, reason: 'locked', minutes: minutesLeft(user.lockedUntil, now) };
  }

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const lockUntil = new Date(now.getTime() + LIMITS.lockoutMinutes * 60_000);
    const after = await ctx.db.transaction(async (tx) => {
      const updated = await recordFailedLogin(tx, user.id, { now, threshold: LIMITS.lockoutFailures, lockUntil });
      await recordAudit(tx, {
        actor: null,
        actorLabel: 'anonymous',
        action: 'session.login_failed',
        entityType: 'user',
        entityId: user.id,
        stateCode: user.stateCode,
        after: { reason: 'wrong-password', failedLogins: updated.failedLogins },
        ip: input.ip,
      });
      if (updated.lockedUntil && updated.lockedUntil.getTime() > now.getTime()) {
        await recordAudit(tx, {
          actor: null,
          actorLabel: 'system',
          action: 'user.locked',
          entityType: 'user',
          entityId: user.id,
          stateCode: user.stateCode,
          before: { lockedUntil: user.lockedUntil?.toISOString() ?? null },
          after: { lockedUntil: updated.lockedUntil.toISOString(), failures: LIMITS.lockoutFailures },
          ip: input.ip,
        });
      }
      return updated;
    });
    await countAddressFailure(ctx, input.ip);
    if (after.lockedUntil && after.lockedUntil.getTime() > now.getTime()) return { ok: false, reason: 'locked', minutes: minutesLeft(after.lockedUntil, now) };
    return { ok: false, reason: 'invalid' };
  }

  const rehash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  const session = await ctx.db.transaction(async (tx) => {
    await discardPresentedSession(tx, input.presentedToken);
    const opened = await openSession(tx, { userId: user.id, now, policy: ctx.sessionPolicy, ip: input.ip, userAgent: input.userAgent });
    await recordSuccessfulLogin(tx, user.id, now);
    if (rehash) await replacePasswordHash(tx, user.id, rehash);
    await recordAudit(tx, {
      actor: actorOf(user, opened.id),
      action: 'session.login',
      entityType: 'user',
      entityId: user.id,
      stateCode: user.stateCode,
      before: user.failedLogins > 0 ? { failedLogins: user.failedLogins } : undefined,
      after: { ...auditedUser(user), sessionExpiresAt: opened.expiresAt.toISOString() },
      ip: input.ip,
    });
    return opened;
  });
  return { ok: true, user, session };
}
