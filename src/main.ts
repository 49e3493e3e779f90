// `npm start`: loadConfig -> openDb -> migrate -> buildApp -> listen -> seed (in server.ts).

import { ConfigError, loadConfig, type Config } from './config.ts';
import { AppError } from './errors.ts';
import { startServer } from './server.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

try {
  const server = await startServer(config);
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
} catch (error) {
  // Problems an operator can fix (database in use or unreachable) are said plainly, without a stack.
  process.stderr.write(error instanceof AppError ? `${error.message}\n` : `NormHub could not start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
}
