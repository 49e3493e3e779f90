// Protection against cross-site request forgery, for every request that changes something.
//
// How: @fastify/csrf-protection with its secret in a cookie of its own (HttpOnly, SameSite=Lax,
// `__Host-` prefixed when the site is on HTTPS). Each token is also bound, by an HMAC under the
// application's secret key, to the session of the person it was made for ("anonymous" before
// sign-in), so a token taken from one session is worthless in another, and a cookie planted by
// a neighbouring site (cookie tossing) cannot be paired with a token of the attacker's making.
//
// Where: ONE hook, for every POST, PUT, PATCH and DELETE of the application, whatever the route:
// a new form cannot forget it. Forms carry the token in a hidden `_csrf` field (`csrfField`);
// programs may send it in an `x-csrf-token` header.
//
// A refused form is shown again, when its route says how (`reshowForm` in the route's config),
// with what the person typed and a word on why; otherwise a page says that the form expired.

import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from './html.ts';

export const CSRF_FIELD = '_csrf';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_ERROR_CODES = new Set(['FST_CSRF_INVALID_TOKEN', 'FST_CSRF_MISSING_SECRET']);

/**
 * Shows a refused form again (the status, 403, is set) with the values typed, from
 * `request.body`, and `notice` (why, in the reader's language) above it. Returning false
 * declines: the page that says the form expired is shown instead.
 */
export type ReshowForm = (request: FastifyRequest, reply: FastifyReply, notice: string) => unknown;

declare module 'fastify' {
  interface FastifyRequest {
    /** a CSRF token for a form of this page (one per request; the secret cookie is set if needed) */
    csrfToken: () => string;
  }
  interface FastifyContextConfig {
    reshowForm?: ReshowForm;
  }
}

export function csrfCookieName(secure: boolean): string {
  return secure ? '__Host-normhub_csrf' : 'normhub_csrf';
}

/** What a token is bound to: the session (its row id, itself a hash), or "anonymous". */
function csrfBinding(request: FastifyRequest): string {
  return request.actor ? `session:${request.actor.sessionId}` : 'anonymous';
}

export async function registerCsrfProtection(app: FastifyInstance, { secure, hmacKey }: { secure: boolean; hmacKey: string }): Promise<void> {
  await app.register(fastifyCsrf, {
    cookieKey: csrfCookieName(secure),
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure },
    getUserInfo: csrfBinding,
    csrfOpts: { hmacKey },
    logLevel: 'info',
  });

  app.decorateRequest('csrfToken', () => {
    throw new Error('csrfToken() is available once the request has started');
  });
  app.addHook('onRequest', async (request, reply) => {
    // Made on first use only: pages without a form set no cookie and stay cacheable.
    let token: string | null = null;
    request.csrfToken = () => (token ??= reply.generateCsrf({ userInfo: csrfBinding(request) } as never));
  });

  // preHandler: after the body is parsed (the token is in it), before any handler.
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });
}

export function isCsrfFailure(error: unknown): boolean {
  return CSRF_ERROR_CODES.has(String((error as FastifyError | null)?.code ?? ''));
}

/** The hidden field every form that posts must carry. */
export function csrfField(request: FastifyRequest): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${request.csrfToken()}">`;
}

/** Route options of a form's POST: who may send it, and how to show it again when its token is refused. */
export function formRoute<Options extends { config: Record<string, unknown> }>(
  options: Options,
  reshowForm: ReshowForm,
  { bodyLimit }: { bodyLimit?: number } = {},
): Options & { bodyLimit?: number } {
  return { ...options, config: { ...options.config, reshowForm }, ...(bodyLimit ? { bodyLimit } : {}) };
}
