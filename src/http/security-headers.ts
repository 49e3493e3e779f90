// Security headers of every answer, set by @fastify/helmet from one set of options. The same
// options are applied by hand (through helmet itself) to the few answers no hook reaches: the
// router's refusals (answerFrameworkError), so no answer goes out without them.
//
// The content security policy is strict: pages are server-rendered with one inline stylesheet
// and no script. The API reference (/api/docs) and Swagger UI (/api/docs/ui/) set their own
// policies on their answers, which take precedence over this one (src/opendata/opendata-routes.ts).

import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';

export const PAGE_CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The headers' options. `https`: the site is served over HTTPS (PUBLIC_URL), the only case where
 * Strict-Transport-Security means anything (browsers ignore it over plain HTTP).
 */
export function securityHeaderOptions({ https }: { https: boolean }): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: PAGE_CONTENT_SECURITY_POLICY },
    // same-origin rather than helmet's no-referrer: a page may tell the site where the reader came from
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

export async function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<void> {
  await app.register(fastifyHelmet, securityHeaderOptions(options));
}

/** The same headers on an answer that no onRequest hook has seen. */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply, options: { https: boolean }): void {
  const { global: _global, ...helmetOptions } = securityHeaderOptions(options);
  helmet(helmetOptions as Parameters<typeof helmet>[0])(request.raw, reply.raw, () => {});
}
