// The session cookie: 256 random bits, HttpOnly (no script reads it), SameSite=Lax (not sent
// with another site's form posts), Path=/, and Secure with the `__Host-` prefix when the site is
// served over HTTPS (the browser then refuses it over HTTP and from any other host). It lasts as
// long as the browser session; the server ends it sooner (idle and absolute expiry).
//
// This is where a request's actor comes from: `createSessionActorResolver` is the resolver that
// buildApp gives to registerAccessControl (src/http/access.ts).

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActorResolver } from '../http/access.ts';
import type { AccountsContext } from './accounts.ts';
import { findSessionActor } from './sessions-service.ts';

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-normhub_session' : 'normhub_session';
}

function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

export function readSessionToken(request: FastifyRequest, secure: boolean): string | undefined {
  return request.cookies?.[sessionCookieName(secure)];
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(sessionCookieName(secure), token, cookieOptions(secure));
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookieName(secure), cookieOptions(secure));
}

/** The actor of the session cookie; a cookie that leads nowhere (expired, unknown) is cleared. */
export function createSessionActorResolver(ctx: Pick<AccountsContext, 'db' | 'now' | 'sessionPolicy'>, { secure }: { secure: boolean }): ActorResolver {
  return async (request, reply) => {
    const found = await findSessionActor(ctx, readSessionToken(request, secure));
    if (found.actor) return found.actor;
    if (found.reason !== 'none') clearSessionCookie(reply, secure);
    return null;
  };
}
