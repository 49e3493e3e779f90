// Starting and stopping the web server: shared by `npm start` (main.ts) and `normhub serve`.

import type { FastifyInstance } from 'fastify';
import { buildApp, type Readiness } from './app.ts';
import type { Config } from './config.ts';
import { openDb, type Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { createMailer } from './mail/mail-service.ts';
import { seedDatabase } from './importer/seed-service.ts';
import { syncCatalogue } from './compendium/instruments-service.ts';

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  /** settles when the first-start import has finished (or was not needed) */
  seeding: Promise<void>;
  /** stops taking requests, lets the import finish its current file, closes the database */
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const db = await openDb(config);
  let app: FastifyInstance;
  const readiness: Readiness = { ready: !config.seedOnStart };
  try {
    await migrate(db);
    const mailer = createMailer({ db, smtpUrl: config.smtpUrl, from: config.mailFrom });
    app = await buildApp({
      db,
      readiness,
      logLevel: config.logLevel,
      mailer,
      publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
      secretKey: config.secretKey ?? null,
      sessionIdleMinutes: config.sessionIdleMinutes,
      sessionAbsoluteHours: config.sessionAbsoluteHours,
      trustProxy: config.trustProxy,
    });
    await syncCatalogue({ db, log: app.log });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await db.close();
    throw error;
  }

  // Seeding runs after listen so that a load balancer sees the process alive ("starting")
  // at once, instead of a port that refuses connections for the length of the import.
  const stopSeeding = new AbortController();
  const seeding = config.seedOnStart
    ? seedDatabase({ db, log: app.log }, config, {
        signal: stopSeeding.signal,
        onProgress: ({ done, total }) => {
          if (done % 25 === 0 || done === total) app.log.info(`First-start import: ${done} of ${total} files`);
        },
      })
        .then(() => undefined)
        .catch((error) => app.log.error({ err: error }, 'First-start import failed; the server goes on with what was stored'))
        .finally(() => {
          readiness.ready = true;
        })
    : Promise.resolve();

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      stopSeeding.abort();
      await app.close();
      await seeding;
      await db.close();
    })());
  return { app, db, seeding, close };
}

/** Shuts down cleanly on SIGTERM and SIGINT; a second signal exits at once. */
export function closeOnSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal means "now": do not make an operator wait for the import to finish.
      server.app.log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    server.app.log.info(`${signal}: shutting down`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
