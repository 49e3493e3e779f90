// buildApp: the Fastify instance with every route, and no listen, so tests drive it with
// app.inject and main.ts decides where it listens.

import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { LogLevel } from './config.ts';
import type { Db } from './db/db.ts';
import { registerReaderRoutes } from './compendium/reader-routes.ts';
import { registerCompareRoutes } from './documents/compare-routes.ts';
import { registerDocumentRoutes } from './documents/documents-routes.ts';
import { registerOpenDataRoutes } from './opendata/opendata-routes.ts';
import { registerSearchRoutes } from './search/search-routes.ts';
import { registerStateRoutes } from './states/states-routes.ts';
import { countDocuments } from './importer/importer-store.ts';
import { answerFrameworkError, MAX_HEADER_BYTES, registerErrorHandling } from './http/error-handler.ts';
import { registerResponseCompression } from './http/compression.ts';
import { PUBLIC, registerAccessControl, type ActorResolver, type RouteAccess } from './http/access.ts';
import { registerCsrfProtection } from './http/csrf.ts';
import { registerAccountArea } from './http/layout.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { DEFAULT_SESSION_POLICY, type AccountsContext } from './accounts/accounts.ts';
import { registerAccountRoutes } from './accounts/accounts-routes.ts';
import { createSessionActorResolver } from './accounts/session-cookie.ts';
import { loadSecretKey } from './accounts/settings-service.ts';
import type { Mailer } from './mail/mail.ts';
import { createMailer } from './mail/mail-service.ts';
import { registerMailRoutes } from './mail/mail-routes.ts';
import { registerAuditRoutes } from './audit/audit-routes.ts';

/** Whether the first-start import has finished; /healthz answers "starting" until it has. */
export interface Readiness {
  ready: boolean;
}

export interface AppDeps {
  db: Db;
  /** ready by default: only main.ts, which seeds after listening, starts not ready */
  readiness?: Readiness;
  /** no logging when absent (tests) */
  logLevel?: LogLevel;
  /**
   * Who is asking. By default the account of the session cookie (src/accounts/session-cookie.ts).
   * For tests of role-gated pages only: a resolver of their own (`async () => adminActor`) stands
   * in for signing in. Never set in production code.
   */
  resolveActor?: ActorResolver;
  /** PUBLIC_URL: links in mails; https makes cookies Secure and `__Host-`, and sends HSTS */
  publicUrl?: string;
  /** SECRET_KEY; when absent, a key generated once and kept in the settings table */
  secretKey?: string | null;
  sessionIdleMinutes?: number;
  sessionAbsoluteHours?: number;
  /** believe X-Forwarded-For from proxies in front (per-address sign-in throttling needs the real address) */
  trustProxy?: boolean | string;
  /** the clock of sessions, links and lock-outs: tests move it instead of sleeping */
  now?: () => Date;
  /** sends mail (invitations, password resets); by default every message is kept in the outbox */
  mailer?: Mailer;
}

/** Fastify's default, said here: no body of any route is bigger; forms of accounts set smaller limits. */
const BODY_LIMIT = 1024 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    /** every route with the access it declares, for the authorisation test */
    routeAccess(): RouteAccess[];
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const readiness = deps.readiness ?? { ready: true };
  // One mailer for every route that sends mail (accounts: invitations, password resets).
  const mailer = deps.mailer ?? createMailer({ db: deps.db });
  const publicUrl = (deps.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  const https = publicUrl.startsWith('https://');
  const secretKey = await loadSecretKey(deps.db, deps.secretKey);
  const app = Fastify({
    logger: deps.logLevel ? { level: deps.logLevel } : false,
    bodyLimit: BODY_LIMIT,
    trustProxy: deps.trustProxy ?? false,
    // Symbols are long (A/RES/65/230 becomes A%2FRES%2F65%2F230): allow generous parameters.
    routerOptions: { maxParamLength: 500 },
    // Broken addresses and over-long ones get a page or problem in the reader's language, not Node's or Fastify's bare answer.
    frameworkErrors: (error, request, reply) => answerFrameworkError(error, request, reply, { https }),
    http: { maxHeaderSize: MAX_HEADER_BYTES },
  });

  // Headers first, so that every answer has them, the error handler's included.
  await registerSecurityHeaders(app, { https });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  // Before any other hook, so that every page, an error page too, can carry a form. Tokens are
  // bound to the session: the binding is read when a token is made or checked, once the actor is known.
  await registerCsrfProtection(app, { secure: https, hmacKey: secretKey });
  registerErrorHandling(app);
  // The header's account area is filled in before the page is compressed.
  registerAccountArea(app);
  registerResponseCompression(app);

  const accounts: AccountsContext = {
    db: deps.db,
    now: deps.now ?? (() => new Date()),
    sessionPolicy: {
      idleMinutes: deps.sessionIdleMinutes ?? DEFAULT_SESSION_POLICY.idleMinutes,
      absoluteHours: deps.sessionAbsoluteHours ?? DEFAULT_SESSION_POLICY.absoluteHours,
    },
    publicUrl,
    mailer,
    log: {
      info: (message) => app.log.info(message),
      warn: (message) => app.log.warn(message),
      error: (message, error) => app.log.error({ err: error }, message),
    },
  };
  const accessControl = registerAccessControl(app, deps.resolveActor ?? createSessionActorResolver(accounts, { secure: https }));
  app.decorate('routeAccess', () => accessControl.routes);

  app.addHook('onSend', async (request, reply, payload) => {
    // What a signed-in person sees is theirs: no cache keeps it. Pages also differ by cookie (the header's account area).
    if (request.actor) reply.header('cache-control', 'no-store');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      const vary = String(reply.getHeader('vary') ?? '');
      if (!/\bcookie\b/i.test(vary)) reply.header('vary', vary ? `${vary}, Cookie` : 'Cookie');
    }
    return payload;
  });

  // Work done after an answer has gone (the password-reset mail), awaited before closing.
  const pending = new Set<Promise<void>>();
  const defer = (work: () => Promise<void>) => {
    const running: Promise<void> = work()
      .catch((error) => app.log.error({ err: error }, 'deferred work failed'))
      .finally(() => pending.delete(running));
    pending.add(running);
  };
  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });

  app.get('/healthz', PUBLIC, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!readiness.ready) return reply.code(503).send({ status: 'starting' });
    try {
      return reply.send({ status: 'ok', documents: await countDocuments(deps.db) });
    } catch (error) {
      app.log.error({ err: error }, 'health check: the database does not answer');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  app.get('/', PUBLIC, async (_request, reply) => reply.redirect('/en/'));

  registerDocumentRoutes(app, { db: deps.db });
  registerCompareRoutes(app, { db: deps.db });
  registerSearchRoutes(app, { db: deps.db });
  registerOpenDataRoutes(app, { db: deps.db });
  registerReaderRoutes(app, { db: deps.db });
  registerMailRoutes(app, { db: deps.db });
  registerAuditRoutes(app, { db: deps.db });
  registerStateRoutes(app, { db: deps.db });
  registerAccountRoutes(app, { accounts, secure: https, defer });
  return app;
}
