// normhub <command>: the command line. Each command calls the same services as the web.
// Exit codes: 0 success, 1 something failed (a file refused, the database unreachable), 2 usage.

import { writeFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { openDb } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { syncCatalogue } from '../compendium/instruments-service.ts';
import { EXPORT_FORMATS, exportDocument, type ExportFormat } from '../documents/documents-service.ts';
import { AppError } from '../errors.ts';
import { isCalendarDate } from '../importer/importer.ts';
import type { Log } from '../importer/importer-service.ts';
import { seedDatabase } from '../importer/seed-service.ts';
import { closeOnSignals, startServer } from '../server.ts';
import { runImportCommand } from './import-command.ts';
import { listOutboxCommand, showOutboxCommand } from './outbox-command.ts';
import { startProgress, type Progress } from './progress.ts';
import { commandAccountsContext, inviteUserCommand, listUsersCommand, type InviteCommandOptions, type ListCommandOptions } from './users-command.ts';
import { USER_STATUSES, type UserStatus } from '../accounts/accounts.ts';
import { ROLES, type Role } from '../http/access.ts';
import { isLocale, type Locale } from '../i18n/i18n.ts';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

// Progress and messages go to stderr so that stdout carries only the command's output.
const stderrLog: Log = {
  info: () => {},
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
  error: (message) => process.stderr.write(`error: ${message}\n`),
};

function configOrUsageError(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function parseDate(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError('expected a date such as 2012-07-26 (YYYY-MM-DD).');
  return value;
}

function parseLanguage(value: string): string {
  const code = value.trim().toLowerCase();
  if (!/^[a-z]{2}$/.test(code)) throw new InvalidArgumentError('expected a two-letter language code: ar, en, es, fr, ru or zh.');
  return code;
}

function parseExportFormat(value: string): ExportFormat {
  if (!(EXPORT_FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of: ${EXPORT_FORMATS.join(', ')}.`);
  return value as ExportFormat;
}

function parseText(value: string): string {
  if (!value.trim()) throw new InvalidArgumentError('must not be empty.');
  return value.trim();
}

const program = new Command()
  .name('normhub')
  .description('NormHub: United Nations standards and norms in crime prevention and criminal justice')
  .showHelpAfterError('(normhub --help lists the commands)')
  .exitOverride();

program
  .command('import')
  .description('read source files (text, Markdown, DOCX, PDF, Akoma Ntoso XML) and store the documents they hold')
  .argument('<files...>', 'the files to import')
  .option('--symbol <symbol>', 'document symbol, when the text does not say it (E/RES/2012/13)', parseText)
  .option('--title <title>', 'title, when the text does not say it', parseText)
  .option('--body <body>', 'adopting body, when the text does not say it ("Economic and Social Council")', parseText)
  .option('--adopted <date>', 'date of adoption, YYYY-MM-DD', parseDate)
  .option('--language <code>', 'language of the files: ar, en, es, fr, ru or zh', parseLanguage)
  .option('--dry-run', 'read and report, store nothing (and do not open the database)', false)
  .option('--json', 'print one JSON object {documents, diagnostics} on stdout', false)
  .action(async (files: string[], options: { symbol?: string; title?: string; body?: string; adopted?: string; language?: string; dryRun: boolean; json: boolean }) => {
    // One symbol, title or date given for several files would make them versions of one document.
    const single = (['symbol', 'title', 'adopted'] as const).filter((name) => options[name] !== undefined);
    if (files.length > 1 && single.length > 0) {
      throw new UsageError(`--${single.join(', --')} describe${single.length === 1 ? 's' : ''} one document: import the files one at a time.`);
    }
    const config = options.dryRun ? null : configOrUsageError();
    const hints = { symbol: options.symbol, title: options.title, body: options.body, adopted: options.adopted, language: options.language };
    process.exitCode = await runImportCommand(config, files, { hints, dryRun: options.dryRun, json: options.json }, stderrLog);
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const db = await openDb(configOrUsageError());
    try {
      const applied = await migrate(db);
      process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'The database is up to date.\n');
      const { count } = await syncCatalogue({ db });
      process.stdout.write(`Catalogue: ${count} instruments.\n`);
    } finally {
      await db.close();
    }
  });

program
  .command('seed')
  .description('import the bundled seeds and the corpus (NORMHUB_CORPUS_DIR) into an empty database')
  .option('--force', 'import even when the database already holds documents (unchanged ones stay as they are)', false)
  .action(async (options: { force: boolean }) => {
    const config = configOrUsageError();
    const db = await openDb(config);
    try {
      await migrate(db);
      await syncCatalogue({ db });
      const bar: { progress: Progress | null } = { progress: null };
      const result = await seedDatabase({ db, log: stderrLog }, config, {
        force: options.force,
        onProgress: ({ done, total, source }) => {
          bar.progress ??= startProgress(total);
          bar.progress.tick(done, source.source);
        },
      });
      bar.progress?.stop();
      if (!result.seeded) {
        process.stdout.write(`The database already holds ${result.documents} documents; nothing imported (--force imports anyway).\n`);
        return;
      }
      const sources = result.report!.sources;
      const refused = sources.filter((source) => source.error);
      for (const source of refused) process.stderr.write(`${source.source}: ${source.error!.message}\n`);
      const statuses = sources.flatMap((source) => source.documents.map((document) => document.status));
      const tally = (['created', 'updated', 'unchanged', 'skipped'] as const)
        .map((status) => [status, statuses.filter((s) => s === status).length] as const)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => `${n} ${status}`)
        .join(', ');
      process.stdout.write(
        `${sources.length - refused.length} of ${sources.length} files read (${tally || 'no documents'}); ${result.documents} documents in the database.\n`,
      );
      if (refused.length) process.exitCode = EXIT_FAILED;
    } finally {
      await db.close();
    }
  });

program
  .command('export')
  .description('write an imported document as Akoma Ntoso XML (valid against the OASIS schema), JSON or plain text')
  .argument('<symbol>', 'the document symbol (A/RES/65/230)')
  .option('--language <code>', 'which language version: ar, en, es, fr, ru or zh (default: English, else the first there is)', parseLanguage)
  .option('--format <format>', EXPORT_FORMATS.join(', '), parseExportFormat, 'akn')
  .option('--output <file>', 'write to this file instead of standard output')
  .action(async (symbol: string, options: { language?: string; format: ExportFormat; output?: string }) => {
    const db = await openDb(configOrUsageError());
    try {
      await migrate(db);
      const file = await exportDocument({ db }, { symbol, language: options.language, format: options.format });
      if (options.output) {
        await writeFile(options.output, file.body);
        process.stderr.write(`${symbol} (${options.format}) written to ${options.output}\n`);
      } else {
        process.stdout.write(file.body.endsWith('\n') ? file.body : `${file.body}\n`);
      }
    } finally {
      await db.close();
    }
  });

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000) throw new InvalidArgumentError('expected a whole number from 1 to 10000.');
  return Number(value);
}

const outbox = program
  .command('outbox')
  .description('list the mail NormHub kept or sent, newest first (`outbox show ID` prints one message)')
  .option('--limit <n>', 'how many messages', parseLimit, 20)
  .option('--kind <kind>', "only this kind ('invitation', 'password-reset', …)", parseText)
  .option('--to <address>', 'only messages to this address, or part of it', parseText)
  .option('--json', 'print one JSON object {messages, total} on stdout', false)
  .action(async (options: { limit: number; kind?: string; to?: string; json: boolean }) => {
    const db = await openDb(configOrUsageError());
    try {
      await migrate(db);
      process.stdout.write(await listOutboxCommand(db, options));
    } finally {
      await db.close();
    }
  });

outbox
  .command('show')
  .description('print one message: its headers and its text')
  .argument('<id>', 'the message id (first column of `normhub outbox`)')
  .action(async (id: string) => {
    const db = await openDb(configOrUsageError());
    try {
      await migrate(db);
      process.stdout.write(await showOutboxCommand(db, id));
    } finally {
      await db.close();
    }
  });

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of: ${ROLES.join(', ')}.`);
  return value as Role;
}

function parseLocale(value: string): Locale {
  const code = value.trim().toLowerCase();
  if (!isLocale(code)) throw new InvalidArgumentError('expected one of the six languages: ar, en, es, fr, ru, zh.');
  return code;
}

function parseStateCode(value: string): string {
  if (!/^[A-Za-z]{3}$/.test(value.trim())) throw new InvalidArgumentError('expected an ISO 3166-1 alpha-3 code such as KEN.');
  return value.trim().toUpperCase();
}

function parseStatus(value: string): UserStatus {
  if (!(USER_STATUSES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of: ${USER_STATUSES.join(', ')}.`);
  return value as UserStatus;
}

const users = program.command('users').description('accounts: invite someone (the first administrator too), list the accounts');

users
  .command('invite')
  .description('create an account and send its invitation (in its language); prints the single-use link')
  .requiredOption('--email <email>', 'the person\'s email address', parseText)
  .requiredOption('--name <name>', 'the person\'s name', parseText)
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole)
  .option('--state <code>', 'the State (ISO alpha-3) of a focal_point or contributor', parseStateCode)
  .option('--locale <code>', 'the language of the mail and of the pages: ar, en, es, fr, ru or zh', parseLocale, 'en')
  .action(async (options: InviteCommandOptions) => {
    const config = configOrUsageError();
    const db = await openDb(config);
    try {
      await migrate(db);
      process.stdout.write(await inviteUserCommand(commandAccountsContext(db, config, (message) => stderrLog.warn(message)), options));
    } finally {
      await db.close();
    }
  });

users
  .command('list')
  .description('list the accounts (never their passwords)')
  .option('--role <role>', 'only this role', parseRole)
  .option('--state <code>', 'only this State (ISO alpha-3)', parseStateCode)
  .option('--status <status>', `only this status: ${USER_STATUSES.join(', ')}`, parseStatus)
  .option('--json', 'print one JSON object {users} on stdout', false)
  .action(async (options: ListCommandOptions) => {
    const db = await openDb(configOrUsageError());
    try {
      await migrate(db);
      process.stdout.write(await listUsersCommand(db, options));
    } finally {
      await db.close();
    }
  });

program
  .command('serve')
  .description('start the web server (the same as npm start)')
  .action(async () => {
    closeOnSignals(await startServer(configOrUsageError()));
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help).
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else if (error instanceof UsageError) {
    process.stderr.write(`normhub: ${error.message}\n`);
    process.exitCode = EXIT_USAGE;
  } else if (error instanceof AppError) {
    process.stderr.write(`normhub: ${error.message}\n`);
    process.exitCode = EXIT_FAILED;
  } else {
    process.stderr.write(`normhub: unexpected error: ${(error as Error).stack ?? error}\n`);
    process.exitCode = EXIT_FAILED;
  }
}
