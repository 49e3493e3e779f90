// Use cases of accounts once they exist: a person's own account (name, language, password), the
// Secretariat's administration of people (list, disable, enable, change role), and the
// directory of contact persons per State. Each write is one transaction with its audit entry.

import { recordAudit } from '../audit/audit-service.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { SECRETARIAT_ROLES, type Actor } from '../http/access.ts';
import { findState } from '../states/states-service.ts';
import { hashPassword, verifyPassword } from './accounts-crypto.ts';
import {
  auditedUser,
  fieldError,
  isStateRole,
  LIMITS,
  mayManage,
  newPasswordError,
  rolesInvitableBy,
  type AccountsContext,
  type PeopleFilters,
  type User,
  type UserStatus,
} from './accounts.ts';
import {
  countActiveFocalPoints,
  findUserById,
  listStateContacts as selectStateContacts,
  listUsers,
  lockUser,
  readPasswordHash,
  recordFailedLogin,
  updatePassword,
  updateUserProfile,
  updateUserRole,
  updateUserStatus,
  type StateContact,
} from './accounts-store.ts';
import type { Locale } from '../i18n/i18n.ts';
import type { Role } from '../http/access.ts';
import { notifyPasswordChanged } from './password-reset-service.ts';
import { endOtherSessions } from './sessions-service.ts';
import { listSessionsOfUser } from './sessions-store.ts';

// ---------------------------------------------------------------------------------------------
// One's own account

export async function readOwnAccount(ctx: Pick<AccountsContext, 'db'>, actor: Actor): Promise<User> {
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('account.not_found', 'This account no longer exists.');
  return user;
}

export async function updateOwnProfile(ctx: AccountsContext, actor: Actor, change: { name: string; locale: Locale; ip: string | null }): Promise<User> {
  return ctx.db.transaction(async (tx) => {
    const before = await lockUser(tx, actor.userId);
    if (!before) throw new AppError('account.not_found', 'This account no longer exists.');
    const after = await updateUserProfile(tx, before.id, { name: change.name, locale: change.locale, now: ctx.now() });
    await recordAudit(tx, { actor, action: 'user.update', entityType: 'user', entityId: before.id, stateCode: before.stateCode, before: auditedUser(before), after: auditedUser(after), ip: change.ip });
    return after;
  });
}

/**
 * Checks the current password before a sensitive change (ASVS 3.7.1). A wrong one counts as a
 * failed sign-in, so that a stolen session cannot be used to guess it at leisure; `field` is
 * where the form shows the problem.
 */
async function checkCurrentPassword(ctx: AccountsContext, actor: Actor, password: string, { field, action, ip }: { field: string; action: string; ip: string | null }): Promise<void> {
  const currentHash = await readPasswordHash(ctx.db, actor.userId);
  if (currentHash && (await verifyPassword(currentHash, password))) return;
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const updated = await recordFailedLogin(tx, actor.userId, { now, threshold: LIMITS.lockoutFailures, lockUntil: new Date(now.getTime() + LIMITS.lockoutMinutes * 60_000) });
    await recordAudit(tx, { actor, action, entityType: 'user', entityId: actor.userId, stateCode: actor.stateCode, after: { reason: 'wrong-current-password', failedLogins: updated.failedLogins }, ip });
  });
  throw fieldError(field, 'password.currentWrong', 'The current password is not right.');
}

/**
 * A new password, given the current one. Every other session of the account ends; the one that
 * made the change goes on. The owner is told by mail.
 */
export async function changeOwnPassword(
  ctx: AccountsContext,
  actor: Actor,
  input: { currentPassword: string; password: string; confirmation: string; ip: string | null },
): Promise<{ sessionsEnded: number }> {
  await checkCurrentPassword(ctx, actor, input.currentPassword, { field: 'currentPassword', action: 'user.password_change_failed', ip: input.ip });
  const problem = newPasswordError(input.password, input.confirmation, actor.email);
  if (problem) throw fieldError(problem === 'password.mismatch' ? 'confirmation' : 'password', problem, 'The new password was refused.');
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  const result = await ctx.db.transaction(async (tx) => {
    await updatePassword(tx, actor.userId, { passwordHash, now });
    const sessionsEnded = await endOtherSessions(tx, actor.userId, actor.sessionId);
    await recordAudit(tx, { actor, action: 'user.password_change', entityType: 'user', entityId: actor.userId, stateCode: actor.stateCode, after: { changedAt: now.toISOString(), sessionsEnded }, ip: input.ip });
    return { sessionsEnded };
  });
  await notifyPasswordChanged(ctx, { id: actor.userId, email: actor.email, name: actor.name, locale: actor.locale }, now);
  return result;
}

export interface OwnSession {
  startedAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
  /** the session this request came with */
  current: boolean;
}

/** The account's live sessions (ASVS 3.3.4): where it is signed in, this one first. */
export async function listOwnSessions(ctx: Pick<AccountsContext, 'db' | 'now' | 'sessionPolicy'>, actor: Actor): Promise<OwnSession[]> {
  const now = ctx.now().getTime();
  const idle = ctx.sessionPolicy.idleMinutes * 60_000;
  return (await listSessionsOfUser(ctx.db, actor.userId))
    .filter((session) => session.expiresAt.getTime() > now && session.lastSeenAt.getTime() + idle > now)
    .map((session) => ({ startedAt: session.createdAt, lastSeenAt: session.lastSeenAt, ip: session.ip, userAgent: session.userAgent, current: session.id === actor.sessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Signs the account out everywhere but here, once the current password is given again. */
export async function endOwnOtherSessions(ctx: AccountsContext, actor: Actor, input: { currentPassword: string; ip: string | null }): Promise<{ sessionsEnded: number }> {
  await checkCurrentPassword(ctx, actor, input.currentPassword, { field: 'sessionsPassword', action: 'session.logout_others_failed', ip: input.ip });
  return ctx.db.transaction(async (tx) => {
    const sessionsEnded = await endOtherSessions(tx, actor.userId, actor.sessionId);
    await recordAudit(tx, { actor, action: 'session.logout_others', entityType: 'user', entityId: actor.userId, stateCode: actor.stateCode, after: { sessionsEnded }, ip: input.ip });
    return { sessionsEnded };
  });
}

// ---------------------------------------------------------------------------------------------
// The Secretariat's administration of people. The routes admit admin and officer; finer rules
// (an officer does not manage Secretariat accounts; nobody changes their own) are checked here.

function checkSecretariat(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError('auth.unauthenticated', 'Sign in to manage accounts.');
  if (!SECRETARIAT_ROLES.includes(actor.role)) throw new AppError('auth.forbidden', 'Only the Secretariat manages accounts.');
}

export async function listPeople(ctx: Pick<AccountsContext, 'db'>, actor: Actor | null, filters: PeopleFilters): Promise<User[]> {
  checkSecretariat(actor);
  return listUsers(ctx.db, filters);
}

export async function readPerson(ctx: Pick<AccountsContext, 'db'>, actor: Actor | null, userId: string): Promise<{ user: User; manageable: boolean }> {
  checkSecretariat(actor);
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('account.not_found', 'There is no such account.');
  return { user, manageable: mayManage(actor, user) };
}

/** Disables (every session ends at once) or enables (a lock-out is lifted) an account. */
export async function setPersonStatus(ctx: AccountsContext, actor: Actor | null, userId: string, change: { status: Extract<UserStatus, 'active' | 'disabled'>; ip: string | null }): Promise<User> {
  checkSecretariat(actor);
  return ctx.db.transaction(async (tx) => {
    const before = await lockUser(tx, userId);
    if (!before) throw new AppError('account.not_found', 'There is no such account.');
    if (!mayManage(actor, before)) throw new AppError('account.forbidden', 'Your account may not manage this account.');
    if (change.status === 'active' && before.status === 'invited') throw new AppError('account.conflict', 'An invited account becomes active when its owner accepts the invitation.');
    if (before.status === change.status) return before;
    const after = await updateUserStatus(tx, before.id, { status: change.status, now: ctx.now() });
    const sessionsEnded = change.status === 'disabled' ? await endOtherSessions(tx, before.id, null) : 0;
    await recordAudit(tx, {
      actor,
      action: change.status === 'disabled' ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: before.id,
      stateCode: before.stateCode,
      before: { ...auditedUser(before), lockedUntil: before.lockedUntil?.toISOString() ?? null },
      after: { ...auditedUser(after), lockedUntil: after.lockedUntil?.toISOString() ?? null, sessionsEnded },
      ip: change.ip,
    });
    return after;
  });
}

/** A new role (and State, for the State roles). The account's sessions end: its rights changed. */
export async function changePersonRole(ctx: AccountsContext, actor: Actor | null, userId: string, change: { role: Role; stateCode: string | null; ip: string | null }): Promise<User> {
  checkSecretariat(actor);
  if (!rolesInvitableBy(actor.role).includes(change.role)) throw new AppError('account.forbidden', `A ${actor.role} may not give the role ${change.role}.`);
  let stateCode: string | null = null;
  if (isStateRole(change.role)) {
    const state = change.stateCode ? await findState(ctx.db, change.stateCode) : null;
    if (!state) throw fieldError('stateCode', 'field.stateUnknown', `There is no State with the code ${change.stateCode ?? ''}.`);
    stateCode = state.alpha3;
  }
  return ctx.db.transaction(async (tx) => {
    const before = await lockUser(tx, userId);
    if (!before) throw new AppError('account.not_found', 'There is no such account.');
    if (!mayManage(actor, before)) throw new AppError('account.forbidden', 'Your account may not manage this account.');
    if (before.role === change.role && before.stateCode === stateCode) return before;
    const after = await updateUserRole(tx, before.id, { role: change.role, stateCode, now: ctx.now() });
    const sessionsEnded = await endOtherSessions(tx, before.id, null);
    await recordAudit(tx, {
      actor,
      action: 'user.role_change',
      entityType: 'user',
      entityId: before.id,
      stateCode: stateCode ?? before.stateCode,
      before: auditedUser(before),
      after: { ...auditedUser(after), sessionsEnded },
      ip: change.ip,
    });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// The directory of contact persons (2003/30 annex para 11)

/**
 * The focal points and contributors of a State: for the Secretariat, and for the State's own
 * focal points and contributors (the route admits them only for their own State; checked again
 * here). AppError state.not_found for an unknown code.
 */
export async function listStateContacts(ctx: Pick<AccountsContext, 'db'>, actor: Actor | null, code: string): Promise<{ stateCode: string; contacts: StateContact[] }> {
  if (!actor) throw new AppError('auth.unauthenticated', 'Sign in to see the contact persons.');
  const state = await findState(ctx.db, code);
  if (!mayReadStateContacts(actor, state?.alpha3 ?? null)) throw new AppError('auth.forbidden', 'Your account may not see the contact persons of this State.');
  if (!state) throw new AppError('state.not_found', `No State has the code ${code.slice(0, 20)}.`, { code: code.slice(0, 20) });
  return { stateCode: state.alpha3, contacts: await selectStateContacts(ctx.db, state.alpha3) };
}

/** The Secretariat reads every State's contact persons; a focal point or contributor their own State's. */
export function mayReadStateContacts(actor: Actor | null, stateCode: string | null): boolean {
  if (!actor) return false;
  return SECRETARIAT_ROLES.includes(actor.role) || (isStateRole(actor.role) && stateCode !== null && actor.stateCode === stateCode);
}

/** What the public may know: whether a State has an active national focal point. */
export async function stateHasFocalPoint(db: Db, code: string): Promise<boolean> {
  const state = await findState(db, code);
  return state ? (await countActiveFocalPoints(db, state.alpha3)) > 0 : false;
}
