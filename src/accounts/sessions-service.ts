// Sessions: opened at sign-in (always a new one: rotation), found again from the cookie's token
// on each request, ended by sign-out, idleness, age, a password change or a disabled account.
// They live in PostgreSQL, so any app process can serve any request.

import type { Db } from '../db/db.ts';
import type { Actor } from '../http/access.ts';
import { recordAudit } from '../audit/audit-service.ts';
import { generateToken, hashToken, isTokenShaped } from './accounts-crypto.ts';
import { actorOf, LIMITS, type AccountsContext, type SessionPolicy } from './accounts.ts';
import { deleteExpiredSessions, deleteSession, deleteSessionsOfUser, findSessionWithUser, insertSession, touchSession } from './sessions-store.ts';

export interface OpenedSession {
  /** goes into the cookie, and nowhere else */
  token: string;
  /** the row's id: the token's SHA-256 */
  id: string;
  expiresAt: Date;
}

function minutes(n: number): number {
  return n * 60_000;
}

/**
 * A new session for an account (call it inside the sign-in's transaction). Sessions that have
 * expired, anyone's, are swept away at the same time: sign-ins are rare enough for that to be
 * cheap, and no timer is needed in any process.
 */
export async function openSession(
  db: Db,
  { userId, now, policy, ip, userAgent }: { userId: string; now: Date; policy: SessionPolicy; ip: string | null; userAgent: string | null },
): Promise<OpenedSession> {
  await deleteExpiredSessions(db, { now, idleSince: new Date(now.getTime() - minutes(policy.idleMinutes)) });
  const token = generateToken();
  const id = hashToken(token);
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000);
  await insertSession(db, { id, userId, now, expiresAt, ip, userAgent });
  return { token, id, expiresAt };
}

export type SessionLookup = { actor: Actor } | { actor: null; reason: 'none' | 'unknown' | 'expired' | 'inactive' };

/**
 * The account of a session token, or why there is none. An expired session, or one whose account
 * is no longer active, is deleted on sight. last_seen_at is written at most once a minute, not
 * on every request.
 */
export async function findSessionActor(ctx: Pick<AccountsContext, 'db' | 'now' | 'sessionPolicy'>, token: string | undefined): Promise<SessionLookup> {
  if (token === undefined || token === '') return { actor: null, reason: 'none' };
  // anything that is not a token we could have issued is not even looked up
  if (!isTokenShaped(token)) return { actor: null, reason: 'unknown' };
  const id = hashToken(token);
  const found = await findSessionWithUser(ctx.db, id);
  if (!found) return { actor: null, reason: 'unknown' };
  const now = ctx.now();
  const { session, user } = found;
  const idleDeadline = session.lastSeenAt.getTime() + minutes(ctx.sessionPolicy.idleMinutes);
  if (session.expiresAt.getTime() <= now.getTime() || idleDeadline <= now.getTime()) {
    await deleteSession(ctx.db, id);
    return { actor: null, reason: 'expired' };
  }
  if (user.status !== 'active') {
    await deleteSession(ctx.db, id);
    return { actor: null, reason: 'inactive' };
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= LIMITS.lastSeenWriteSeconds * 1000) await touchSession(ctx.db, id, now);
  return { actor: actorOf(user, id) };
}

/** Sign-out: the session row is deleted, so the cookie is worthless wherever it is replayed. */
export async function endSession(ctx: Pick<AccountsContext, 'db'>, { actor, ip }: { actor: Actor; ip: string | null }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const ended = await deleteSession(tx, actor.sessionId);
    if (ended) {
      await recordAudit(tx, { actor, action: 'session.logout', entityType: 'user', entityId: actor.userId, stateCode: actor.stateCode, ip });
    }
  });
}

/** Ends an account's sessions but one (a password change keeps the session that made it). */
export function endOtherSessions(db: Db, userId: string, keepSessionId: string | null): Promise<number> {
  return deleteSessionsOfUser(db, userId, keepSessionId);
}

/** A session cookie sent with a sign-in request: whatever it was, it ends (session fixation). */
export async function discardPresentedSession(db: Db, token: string | undefined): Promise<void> {
  if (isTokenShaped(token)) await deleteSession(db, hashToken(token));
}
