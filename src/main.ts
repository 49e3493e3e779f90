// `npm start`: loadConfig -> openDb -> migrate -> buildApp -> listen -> seed (the steps are in server.ts).

import { ConfigError, loadConfig, type Config } from './config.ts';
import { AppError } from './errors.ts';
import { closeOnSignals, startServer } from './server.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

try {
  closeOnSignals(await startServer(config));
} catch (error) {
  // Problems an operator can fix (database in use or unreachable) are said plainly, without a stack.
  process.stderr.write(error instanceof AppError ? `${error.message}\n` : `NormHub could not start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
}
