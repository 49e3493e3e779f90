// SQL of accounts: users, invitations and password resets. Every function takes the database
// (or the transaction) first. Times are passed in from the application's clock.

import type { Db } from '../db/db.ts';
import type { Role } from '../http/access.ts';
import type { Locale } from '../i18n/i18n.ts';
import type { PeopleFilters, User, UserStatus } from './accounts.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  state_code: string | null;
  locale: Locale;
  status: UserStatus;
  failed_logins: number;
  locked_until: Date | string | null;
  created_at: Date | string;
  last_login_at: Date | string | null;
}

const USER_COLUMN_NAMES = ['id', 'email', 'name', 'role', 'state_code', 'locale', 'status', 'failed_logins', 'locked_until', 'created_at', 'last_login_at'];
const USER_COLUMNS = USER_COLUMN_NAMES.join(', ');

/** The columns toUser reads, from table alias `alias`, each named `user_<column>`: for joins. */
export function userColumnsAs(alias: string): string {
  return USER_COLUMN_NAMES.map((column) => `${alias}.${column} as user_${column}`).join(', ');
}

/** The user of a joined row whose user columns are prefixed `user_` (see userColumnsAs). */
export function toPrefixedUser(row: Record<string, unknown>): User {
  return toUser(Object.fromEntries(USER_COLUMN_NAMES.map((column) => [column, row[`user_${column}`]])) as unknown as UserRow);
}

function toDate(value: Date | string | null): Date | null {
  return value === null ? null : value instanceof Date ? value : new Date(value);
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    stateCode: row.state_code,
    locale: row.locale,
    status: row.status,
    failedLogins: Number(row.failed_logins),
    lockedUntil: toDate(row.locked_until),
    createdAt: toDate(row.created_at)!,
    lastLoginAt: toDate(row.last_login_at),
  };
}

export async function insertUser(
  db: Db,
  user: { email: string; name: string; role: Role; stateCode: string | null; locale: Locale; now: Date },
): Promise<User> {
  const { rows } = await db.query<UserRow>(
    `insert into users (email, name, role, state_code, locale, status, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 'invited', $6, $6) returning ${USER_COLUMNS}`,
    [user.email, user.name, user.role, user.stateCode, user.locale, user.now],
  );
  return toUser(rows[0]!);
}

/** Whether a string is an account id (a uuid): anything else is nobody, not an error of the database's cast. */
function isUserId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

export async function findUserById(db: Db, id: string): Promise<User | null> {
  if (!isUserId(id)) return null;
  const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from users where id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** The account of an email whatever its case, with its password hash (for sign-in only). */
export async function findUserByEmail(db: Db, email: string): Promise<(User & { passwordHash: string | null }) | null> {
  const { rows } = await db.query<UserRow & { password_hash: string | null }>(
    `select ${USER_COLUMNS}, password_hash from users where lower(email) = lower($1)`,
    [email],
  );
  const row = rows[0];
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export async function readPasswordHash(db: Db, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ password_hash: string | null }>('select password_hash from users where id = $1', [userId]);
  return rows[0]?.password_hash ?? null;
}

/** Locks the row for the rest of the transaction, so two concurrent changes take turns. */
export async function lockUser(db: Db, id: string): Promise<User | null> {
  if (!isUserId(id)) return null;
  const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from users where id = $1 for update`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: Db, filters: PeopleFilters): Promise<User[]> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from users
     where ($1::text is null or role = $1) and ($2::text is null or state_code = $2) and ($3::text is null or status = $3)
     order by lower(name), lower(email)`,
    [filters.role, filters.stateCode, filters.status],
  );
  return rows.map(toUser);
}

export async function updateUserProfile(db: Db, id: string, profile: { name: string; locale: Locale; now: Date }): Promise<User> {
  const { rows } = await db.query<UserRow>(
    `update users set name = $2, locale = $3, updated_at = $4 where id = $1 returning ${USER_COLUMNS}`,
    [id, profile.name, profile.locale, profile.now],
  );
  return toUser(rows[0]!);
}

export async function updateUserRole(db: Db, id: string, change: { role: Role; stateCode: string | null; now: Date }): Promise<User> {
  const { rows } = await db.query<UserRow>(
    `update users set role = $2, state_code = $3, updated_at = $4 where id = $1 returning ${USER_COLUMNS}`,
    [id, change.role, change.stateCode, change.now],
  );
  return toUser(rows[0]!);
}

export async function updateUserStatus(db: Db, id: string, change: { status: UserStatus; now: Date }): Promise<User> {
  // enabling also lifts a lock-out: the Secretariat has looked at the account
  const { rows } = await db.query<UserRow>(
    `update users set status = $2, updated_at = $3,
       failed_logins = case when $2 = 'active' then 0 else failed_logins end,
       locked_until = case when $2 = 'active' then null else locked_until end
     where id = $1 returning ${USER_COLUMNS}`,
    [id, change.status, change.now],
  );
  return toUser(rows[0]!);
}

/** Sets a new password hash (and activates an invited account when `activate`). */
export async function updatePassword(db: Db, id: string, change: { passwordHash: string; now: Date; locale?: Locale; activate?: boolean }): Promise<User> {
  const { rows } = await db.query<UserRow>(
    `update users set password_hash = $2, password_changed_at = $3, updated_at = $3,
       locale = coalesce($4, locale),
       status = case when $5 then 'active' else status end,
       failed_logins = 0, locked_until = null
     where id = $1 returning ${USER_COLUMNS}`,
    [id, change.passwordHash, change.now, change.locale ?? null, change.activate ?? false],
  );
  return toUser(rows[0]!);
}

/** Rehashes a password at sign-in when the parameters changed; nothing else moves. */
export async function replacePasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.query('update users set password_hash = $2 where id = $1', [id, passwordHash]);
}

/** A failed sign-in: the new count, and the lock when it reaches `threshold` (the count then starts again). */
export async function recordFailedLogin(db: Db, id: string, { now, threshold, lockUntil }: { now: Date; threshold: number; lockUntil: Date }): Promise<User> {
  const { rows } = await db.query<UserRow>(
    `update users set
       failed_logins = case when failed_logins + 1 >= $2 then 0 else failed_logins + 1 end,
       locked_until = case when failed_logins + 1 >= $2 then $3 else locked_until end,
       updated_at = $4
     where id = $1 returning ${USER_COLUMNS}`,
    [id, threshold, lockUntil, now],
  );
  return toUser(rows[0]!);
}

export async function recordSuccessfulLogin(db: Db, id: string, now: Date): Promise<void> {
  await db.query('update users set failed_logins = 0, locked_until = null, last_login_at = $2 where id = $1', [id, now]);
}

// ---------------------------------------------------------------------------------------------
// The directory of contact persons

export interface StateContact {
  name: string;
  email: string;
  role: Role;
  locale: Locale;
}

/** Active focal points and contributors of a State, focal points first. */
export async function listStateContacts(db: Db, stateCode: string): Promise<StateContact[]> {
  const { rows } = await db.query<StateContact>(
    `select name, email, role, locale from users
     where state_code = $1 and status = 'active' and role in ('focal_point', 'contributor')
     order by case role when 'focal_point' then 0 else 1 end, lower(name)`,
    [stateCode],
  );
  return rows;
}

export async function countActiveFocalPoints(db: Db, stateCode: string): Promise<number> {
  const { rows } = await db.query<{ count: number | string }>(
    `select count(*) as count from users where state_code = $1 and status = 'active' and role = 'focal_point'`,
    [stateCode],
  );
  return Number(rows[0]?.count ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Invitations and password resets: single-use links, kept as the hash of their token.

export interface LinkRecord {
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

interface LinkRow {
  user_id: string;
  created_at: Date | string;
  expires_at: Date | string;
  used_at: Date | string | null;
  revoked_at?: Date | string | null;
}

function toLink(row: LinkRow): LinkRecord {
  return {
    userId: row.user_id,
    createdAt: toDate(row.created_at)!,
    expiresAt: toDate(row.expires_at)!,
    usedAt: toDate(row.used_at),
    revokedAt: toDate(row.revoked_at ?? null),
  };
}

export async function insertInvitation(db: Db, invitation: { tokenHash: string; userId: string; invitedBy: string | null; now: Date; expiresAt: Date }): Promise<void> {
  await db.query(
    'insert into invitations (token_hash, user_id, invited_by, created_at, expires_at) values ($1, $2, $3, $4, $5)',
    [invitation.tokenHash, invitation.userId, invitation.invitedBy, invitation.now, invitation.expiresAt],
  );
}

/** Earlier links of the account stop working when a new one is sent. */
export async function revokeOpenInvitations(db: Db, userId: string, now: Date): Promise<void> {
  await db.query('update invitations set revoked_at = $2 where user_id = $1 and used_at is null and revoked_at is null', [userId, now]);
}

/** The invitation of a token hash, locked for the rest of the transaction (two clicks take turns). */
export async function lockInvitation(db: Db, tokenHash: string): Promise<LinkRecord | null> {
  const { rows } = await db.query<LinkRow>('select user_id, created_at, expires_at, used_at, revoked_at from invitations where token_hash = $1 for update', [tokenHash]);
  return rows[0] ? toLink(rows[0]) : null;
}

export async function findInvitation(db: Db, tokenHash: string): Promise<LinkRecord | null> {
  const { rows } = await db.query<LinkRow>('select user_id, created_at, expires_at, used_at, revoked_at from invitations where token_hash = $1', [tokenHash]);
  return rows[0] ? toLink(rows[0]) : null;
}

export async function markInvitationUsed(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.query('update invitations set used_at = $2 where token_hash = $1', [tokenHash, now]);
}

export async function insertPasswordReset(db: Db, reset: { tokenHash: string; userId: string; now: Date; expiresAt: Date }): Promise<void> {
  await db.query('insert into password_resets (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)', [
    reset.tokenHash,
    reset.userId,
    reset.now,
    reset.expiresAt,
  ]);
}

export async function lockPasswordReset(db: Db, tokenHash: string): Promise<LinkRecord | null> {
  const { rows } = await db.query<LinkRow>('select user_id, created_at, expires_at, used_at from password_resets where token_hash = $1 for update', [tokenHash]);
  return rows[0] ? toLink(rows[0]) : null;
}

export async function findPasswordReset(db: Db, tokenHash: string): Promise<LinkRecord | null> {
  const { rows } = await db.query<LinkRow>('select user_id, created_at, expires_at, used_at from password_resets where token_hash = $1', [tokenHash]);
  return rows[0] ? toLink(rows[0]) : null;
}

/** A reset used, and every other open reset of the account with it: one new password ends them all. */
export async function markPasswordResetsUsed(db: Db, userId: string, now: Date): Promise<void> {
  await db.query('update password_resets set used_at = $2 where user_id = $1 and used_at is null', [userId, now]);
}
