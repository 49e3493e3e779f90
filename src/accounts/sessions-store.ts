// SQL of sessions and of the throttle counters. A session row's id is the SHA-256 of the cookie's
// token; the token itself is never stored.

import type { Db } from '../db/db.ts';
import type { ThrottleCounter } from './accounts-logic.ts';
import type { User } from './accounts.ts';
import { toPrefixedUser, userColumnsAs } from './accounts-store.ts';

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export async function insertSession(
  db: Db,
  session: { id: string; userId: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.query(
    'insert into sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent) values ($1, $2, $3, $3, $4, $5, $6)',
    [session.id, session.userId, session.now, session.expiresAt, session.ip, session.userAgent?.slice(0, 500) ?? null],
  );
}

interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date | string;
  last_seen_at: Date | string;
  expires_at: Date | string;
}

/** A session with its account, in one query (it runs on every request of a signed-in person). */
export async function findSessionWithUser(db: Db, id: string): Promise<{ session: SessionRecord; user: User } | null> {
  const { rows } = await db.query<SessionRow & Record<string, unknown>>(
    `select s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, ${userColumnsAs('u')}
     from sessions s join users u on u.id = s.user_id where s.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    session: { id: row.id, userId: row.user_id, createdAt: new Date(row.created_at), lastSeenAt: new Date(row.last_seen_at), expiresAt: new Date(row.expires_at) },
    user: toPrefixedUser(row),
  };
}

export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await db.query('update sessions set last_seen_at = $2 where id = $1', [id, now]);
}

export async function deleteSession(db: Db, id: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>('delete from sessions where id = $1 returning id', [id]);
  return rows.length > 0;
}

/** Ends every session of an account but `keepId` (null: all of them); returns how many ended. */
export async function deleteSessionsOfUser(db: Db, userId: string, keepId: string | null): Promise<number> {
  const { rows } = await db.query<{ id: string }>('delete from sessions where user_id = $1 and ($2::text is null or id <> $2) returning id', [userId, keepId]);
  return rows.length;
}

export interface SessionListing extends SessionRecord {
  ip: string | null;
  userAgent: string | null;
}

/** An account's sessions, the most recently used first. */
export async function listSessionsOfUser(db: Db, userId: string): Promise<SessionListing[]> {
  const { rows } = await db.query<{ id: string; user_id: string; created_at: Date; last_seen_at: Date; expires_at: Date; ip: string | null; user_agent: string | null }>(
    'select id, user_id, created_at, last_seen_at, expires_at, ip, user_agent from sessions where user_id = $1 order by last_seen_at desc, created_at desc',
    [userId],
  );
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    ip: row.ip,
    userAgent: row.user_agent,
  }));
}

/** Sessions past their absolute or idle expiry: gone for good (they would be refused anyway). */
export async function deleteExpiredSessions(db: Db, { now, idleSince }: { now: Date; idleSince: Date }): Promise<void> {
  await db.query('delete from sessions where expires_at <= $1 or last_seen_at <= $2', [now, idleSince]);
}

// ---------------------------------------------------------------------------------------------
// Throttle counters: fixed windows, counted by one statement each so that processes never race.

interface CounterRow {
  window_started_at: Date | string;
  hits: number;
  blocked_until: Date | string | null;
}

function toCounter(row: CounterRow): ThrottleCounter {
  return { windowStartedAt: new Date(row.window_started_at), hits: Number(row.hits), blockedUntil: row.blocked_until === null ? null : new Date(row.blocked_until) };
}

export async function readThrottle(db: Db, key: string): Promise<ThrottleCounter | null> {
  const { rows } = await db.query<CounterRow>('select window_started_at, hits, blocked_until from throttle_counters where key = $1', [key]);
  return rows[0] ? toCounter(rows[0]) : null;
}

/**
 * Counts one hit for `key` in a window of `windowSeconds` (a new window when the last one is
 * over). The hit that reaches `limit` blocks the key for `blockSeconds` and starts the count
 * again, as an account's lock-out does.
 */
export async function hitThrottle(db: Db, key: string, { now, windowSeconds, limit, blockSeconds }: { now: Date; windowSeconds: number; limit: number; blockSeconds: number }): Promise<ThrottleCounter> {
  // Parameters are typed once each: the same one in several places must not be read two ways.
  const windowOver = 'c.window_started_at + make_interval(secs => $3::double precision) <= $2::timestamptz';
  const count = `(case when ${windowOver} then 1 else c.hits + 1 end)`;
  const { rows } = await db.query<CounterRow>(
    `insert into throttle_counters as c (key, window_started_at, hits, blocked_until)
     values ($1, $2::timestamptz, case when 1 >= $4::integer then 0 else 1 end,
             case when 1 >= $4::integer then $2::timestamptz + make_interval(secs => $5::double precision) end)
     on conflict (key) do update set
       window_started_at = case when ${windowOver} or ${count} >= $4::integer then $2::timestamptz else c.window_started_at end,
       hits = case when ${count} >= $4::integer then 0 else ${count} end,
       blocked_until = case when ${count} >= $4::integer then $2::timestamptz + make_interval(secs => $5::double precision) else c.blocked_until end
     returning window_started_at, hits, blocked_until`,
    [key, now, windowSeconds, limit, blockSeconds],
  );
  return toCounter(rows[0]!);
}

/**
 * One attempt against `key`, checked and counted as one step: refused, and not counted, while the
 * key is blocked; else counted as hitThrottle counts. The row is locked for the check, so that
 * concurrent requests (in any process) cannot all pass a check made before any of them counted.
 */
export async function takeThrottle(
  db: Db,
  key: string,
  options: { now: Date; windowSeconds: number; limit: number; blockSeconds: number },
): Promise<{ allowed: boolean; blockedUntil: Date | null }> {
  return db.transaction(async (tx) => {
    await tx.query('insert into throttle_counters (key, window_started_at, hits) values ($1, $2, 0) on conflict (key) do nothing', [key, options.now]);
    const { rows } = await tx.query<CounterRow>('select window_started_at, hits, blocked_until from throttle_counters where key = $1 for update', [key]);
    const { blockedUntil } = toCounter(rows[0]!);
    if (blockedUntil && blockedUntil > options.now) return { allowed: false, blockedUntil };
    await hitThrottle(tx, key, options);
    return { allowed: true, blockedUntil: null };
  });
}

// ---------------------------------------------------------------------------------------------
// Settings shared by every process

/** The value of `key`, writing `proposed` first when there is none (the first process wins). */
export async function readOrCreateSetting(db: Db, key: string, proposed: string): Promise<string> {
  await db.query('insert into settings (key, value) values ($1, $2) on conflict (key) do nothing', [key, proposed]);
  const { rows } = await db.query<{ value: string }>('select value from settings where key = $1', [key]);
  return rows[0]!.value;
}
