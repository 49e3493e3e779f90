// buildApp: the Fastify instance with every route, and no listen, so tests drive it with
// app.inject and main.ts decides where it listens.

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
import { answerFrameworkError, isApiRequest, MAX_HEADER_BYTES, registerErrorHandling } from './http/error-handler.ts';
import { registerResponseCompression } from './http/compression.ts';
import { PUBLIC, registerAccessControl, type ActorResolver, type RouteAccess } from './http/access.ts';
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
  /** who is asking: the session's account, or null for the public */
  resolveActor?: ActorResolver;
  /** sends mail (invitations, password resets); by default every message is kept in the outbox */
  mailer?: Mailer;
}

const HTML_SECURITY_HEADERS: Record<string, string> = {
  // Pages are server-rendered with one inline stylesheet and no script yet.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
};

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
  const app = Fastify({
    logger: deps.logLevel ? { level: deps.logLevel } : false,
    // Symbols are long (A/RES/65/230 becomes A%2FRES%2F65%2F230): allow generous parameters.
    routerOptions: { maxParamLength: 500 },
    // Broken addresses and over-long ones get a page or problem in the reader's language, not Node's or Fastify's bare answer.
    frameworkErrors: answerFrameworkError,
    http: { maxHeaderSize: MAX_HEADER_BYTES },
  });

  registerErrorHandling(app);
  registerResponseCompression(app);
  const accessControl = registerAccessControl(app, deps.resolveActor ?? (async () => null));
  app.decorate('routeAccess', () => accessControl.routes);

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!isApiRequest(request) && String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      for (const [name, value] of Object.entries(HTML_SECURITY_HEADERS)) reply.header(name, value);
    }
    return payload;
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
  return app;
}
