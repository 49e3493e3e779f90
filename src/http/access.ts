// Who may call which route. Every route says so in its options, `{ config: { access } }`, and
// buildApp refuses to start when one does not: a route cannot ship without a decision about who
// may use it, and the authorisation table (test/access/access-table.ts, checked by
// test/access/access-matrix.test.ts) must name it too.
//
// The actor (the signed-in person, or null for the public) is resolved once per request by the
// resolver given to registerAccessControl (the session cookie, src/accounts/), before any
// handler runs; handlers read `request.actor` and never look at cookies themselves.

import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { AppError } from '../errors.ts';
import type { Locale } from '../i18n/i18n.ts';

/**
 * The roles of 2003/30 and the Secretariat. A national focal point (the contact person of
 * annex para 11) and a contributor act for one State; the others are not tied to a State.
 */
export const ROLES = ['admin', 'officer', 'focal_point', 'contributor', 'expert', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one State only: their account carries the State's code. */
export const STATE_ROLES: readonly Role[] = ['focal_point', 'contributor'];
export const SECRETARIAT_ROLES: readonly Role[] = ['admin', 'officer'];

export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** ISO 3166 alpha-3 code of the State a focal point or contributor acts for; null for other roles */
  stateCode: string | null;
  locale: Locale;
  /** id of the session row, for logout and rotation */
  sessionId: string;
}

/**
 * - 'public': anyone, signed in or not;
 * - 'signed-in': any account;
 * - { roles }: accounts with one of these roles. With `stateParam`, a State-bound role
 *   (focal point, contributor) passes only when the route's parameter of that name is its own
 *   State's code; the other roles listed pass for every State.
 */
export type Access = 'public' | 'signed-in' | { roles: readonly Role[]; stateParam?: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Route options for the common cases: `app.get('/x', PUBLIC, handler)`. */
export const PUBLIC = { config: { access: 'public' as Access } };
export const SIGNED_IN = { config: { access: 'signed-in' as Access } };
export function allowRoles(roles: readonly Role[], options: { stateParam?: string } = {}): { config: { access: Access } } {
  return { config: { access: { roles, ...options } } };
}

export interface RouteAccess {
  method: HTTPMethods;
  url: string;
  access: Access | undefined;
}

export type ActorResolver = (request: FastifyRequest, reply: FastifyReply) => Promise<Actor | null>;

/** The decision for one request: null when allowed, else the error to answer with. */
export function accessDecision(access: Access, actor: Actor | null, params: Record<string, string | undefined>): AppError | null {
  if (access === 'public') return null;
  if (!actor) return new AppError('auth.unauthenticated', 'Sign in to see this page.');
  if (access === 'signed-in') return null;
  if (!access.roles.includes(actor.role)) return new AppError('auth.forbidden', 'Your account may not do this.');
  if (access.stateParam && STATE_ROLES.includes(actor.role)) {
    const requested = String(params[access.stateParam] ?? '').toUpperCase();
    if (!actor.stateCode || requested !== actor.stateCode) {
      return new AppError('auth.forbidden', 'Your account acts for another State.');
    }
  }
  return null;
}

/**
 * Decorates request.actor, records every route's access as it is added, checks at startup that
 * none lacks one, and checks each request against its route's access before the handler runs.
 * Routes added by plugins (the API reference's static files) are declared by the scope that
 * registers them, with `declareScopeAccess`.
 */
export function registerAccessControl(app: FastifyInstance, resolveActor: ActorResolver): { routes: RouteAccess[] } {
  const routes: Array<{ method: HTTPMethods | HTTPMethods[]; url: string; config?: { access?: Access } }> = [];
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    routes.push(route as (typeof routes)[number]);
  });
  app.addHook('onReady', async () => {
    const undeclared = listRouteAccess(routes).filter((route) => route.access === undefined);
    if (undeclared.length > 0) {
      throw new Error(`Routes without an access rule (add config.access): ${undeclared.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    // Unrouted requests (404) and the framework's own answers have no access rule to apply.
    if (access === undefined) return;
    request.actor = await resolveActor(request, reply);
    const refusal = accessDecision(access, request.actor, request.params as Record<string, string | undefined>);
    if (!refusal) return;
    // A form posted after its session ended is refused once its body is read, so that the
    // refusal can give back what the person typed (src/http/error-handler.ts): nothing of it
    // reaches the handler either way.
    if (refusal.code === 'auth.unauthenticated' && isFormPost(request)) {
      unauthenticatedForms.add(request);
      return;
    }
    throw refusal;
  });
  app.addHook('preValidation', async (request) => {
    if (unauthenticatedForms.delete(request)) throw new AppError('auth.unauthenticated', 'Your session has ended: sign in again.', { formPosted: 1 });
  });
  return {
    get routes() {
      return listRouteAccess(routes);
    },
  };
}

const unauthenticatedForms = new WeakSet<FastifyRequest>();

function isFormPost(request: FastifyRequest): boolean {
  return request.method === 'POST' && !request.url.startsWith('/api/') && String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** For plugins whose routes cannot carry options: every route added in this scope gets `access`. */
export function declareScopeAccess(scope: FastifyInstance, access: Access): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), access } as typeof route.config;
  });
}

function listRouteAccess(routes: Array<{ method: HTTPMethods | HTTPMethods[]; url: string; config?: { access?: Access } }>): RouteAccess[] {
  return routes.flatMap((route) =>
    (Array.isArray(route.method) ? route.method : [route.method]).map((method) => ({ method, url: route.url, access: route.config?.access })),
  );
}
