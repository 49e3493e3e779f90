// The only reader of process.env. Everything else receives a typed Config, so a setting is
// read and checked in one place and a bad deployment fails at boot with every problem listed
// at once, instead of one at a time or, worse, at the first request that needs it.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { DEFAULT_MAIL_FROM } from './mail/mail.ts';

/** The checkout's root folder (the one holding package.json), whatever the current directory. */
export const PROJECT_ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  /** a PostgreSQL server; null means the embedded PGlite database in `dataDir` */
  databaseUrl: string | null;
  /** PGlite's directory (absolute), or 'memory://' for a database that lives only in memory */
  dataDir: string;
  /** folder of Akoma Ntoso XML files imported on first start; null when there is none */
  corpusDir: string | null;
  seedOnStart: boolean;
  logLevel: LogLevel;
  // Optional in the type so that a Config written by hand (a test) may leave mail out: the outbox and the default From.
  /** the SMTP server mail goes to; null keeps every message in the outbox (mail_outbox) for administrators */
  smtpUrl?: string | null;
  /** the From of every message */
  mailFrom?: string;
  // Accounts and sessions; optional in the type for the same reason (server.ts applies the defaults).
  /** the site's address as people reach it (links in mails; https makes cookies Secure); default http://localhost:PORT */
  publicUrl?: string;
  /** binds CSRF tokens; null: a key generated once and kept in the settings table, shared by every process */
  secretKey?: string | null;
  /** a session unused this long ends */
  sessionIdleMinutes?: number;
  /** a session ends this long after sign-in, used or not */
  sessionAbsoluteHours?: number;
  /** believe X-Forwarded-For from these proxies (addresses, CIDR; true: any); false: the connection's address */
  trustProxy?: boolean | string;
}

export class ConfigError extends AppError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      'config.invalid',
      `NormHub cannot start: the configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
    this.problems = problems;
  }
}

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

// Unset and empty are treated alike: `FOO=` in a .env file or a compose file means "not set".
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const envSchema = z.object({
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, { error: 'must be a whole number between 0 and 65535' })
      .transform(Number)
      .refine((port) => port <= 65535, { error: 'must be a whole number between 0 and 65535' })
      .default(3000),
  ),
  HOST: optionalText.pipe(z.string().default('0.0.0.0')),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .refine((url) => /^postgres(ql)?:\/\/.+/.test(url) && URL.canParse(url), {
        error: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/normhub',
      })
      .optional(),
  ),
  NORMHUB_SEED_ON_START: optionalText.pipe(
    z
      .string()
      .refine((word) => [...TRUE_WORDS, ...FALSE_WORDS].includes(word.toLowerCase()), {
        error: `must be one of ${[...TRUE_WORDS, ...FALSE_WORDS].join(', ')}`,
      })
      .transform((word) => TRUE_WORDS.includes(word.toLowerCase()))
      .default(true),
  ),
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .refine((url) => /^smtps?:\/\/[^/?#]+/i.test(url) && URL.canParse(url) && new URL(url).hostname !== '', {
        error: 'must be an SMTP URL such as smtp://user:password@mail.example.org:587 or smtps://mail.example.org:465 (or be left empty to keep mail in the outbox)',
      })
      .optional(),
  ),
  MAIL_FROM: optionalText.pipe(
    z
      .string()
      .regex(/^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
        error: 'must be an address, alone or with a name: "NormHub <no-reply@example.org>"',
      })
      .default(DEFAULT_MAIL_FROM),
  ),
  PUBLIC_URL: optionalText.pipe(
    z
      .string()
      .refine((url) => /^https?:\/\/[^/?#]+/i.test(url) && URL.canParse(url) && !/[?#]/.test(url), {
        error: 'must be the address people use to reach the site, such as https://normhub.example.org (no query or fragment)',
      })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
  SECRET_KEY: optionalText.pipe(z.string().min(32, { error: 'must be at least 32 characters long (or be left empty to have one generated and kept in the database)' }).optional()),
  SESSION_IDLE_MINUTES: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, { error: 'must be a whole number of minutes between 1 and 1440' })
      .transform(Number)
      .refine((minutes) => minutes >= 1 && minutes <= 1440, { error: 'must be a whole number of minutes between 1 and 1440' })
      .default(30),
  ),
  SESSION_ABSOLUTE_HOURS: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, { error: 'must be a whole number of hours between 1 and 720' })
      .transform(Number)
      .refine((hours) => hours >= 1 && hours <= 720, { error: 'must be a whole number of hours between 1 and 720' })
      .default(12),
  ),
  TRUST_PROXY: optionalText.pipe(
    z
      .string()
      .refine(
        (value) =>
          [...TRUE_WORDS, ...FALSE_WORDS].includes(value.toLowerCase()) ||
          value.split(',').every((item) => /^(?:[0-9a-fA-F:.]+(?:\/\d{1,3})?|loopback|linklocal|uniquelocal)$/.test(item.trim())),
        {
          error: 'must be true, false, or the addresses of the proxies in front (comma-separated, CIDR allowed: "10.0.0.0/8, 127.0.0.1")',
        },
      )
      .transform((value): boolean | string =>
        [...TRUE_WORDS, ...FALSE_WORDS].includes(value.toLowerCase()) ? TRUE_WORDS.includes(value.toLowerCase()) : value,
      )
      .default(false),
  ),
  LOG_LEVEL: optionalText.pipe(
    z
      .string()
      .transform((level) => level.toLowerCase())
      .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }))
      .default('info'),
  ),
});

/**
 * Reads and checks the settings. Throws one ConfigError listing every problem, each naming the
 * variable, what it must be and what it was.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      const given = env[name];
      // A database URL may carry a password: never echo it into logs.
      const shown = given === undefined || SECRET_SETTINGS.has(name) ? '' : ` (it is ${JSON.stringify(given)})`;
      problems.push(`${name} ${issue.message}${shown}`);
    }
  }
  const paths = resolvePaths(env, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const settings = parsed.data;
  return {
    port: settings.PORT,
    host: settings.HOST,
    databaseUrl: settings.DATABASE_URL ?? null,
    dataDir: paths.dataDir,
    corpusDir: paths.corpusDir,
    seedOnStart: settings.NORMHUB_SEED_ON_START,
    logLevel: settings.LOG_LEVEL,
    smtpUrl: settings.SMTP_URL ?? null,
    mailFrom: settings.MAIL_FROM,
    publicUrl: settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`,
    secretKey: settings.SECRET_KEY ?? null,
    sessionIdleMinutes: settings.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: settings.SESSION_ABSOLUTE_HOURS,
    trustProxy: settings.TRUST_PROXY,
  };
}

const SECRET_SETTINGS = new Set(['DATABASE_URL', 'SMTP_URL', 'SECRET_KEY']);

/** Folder settings are checked against the file system, apart from the schema, so their problems join the list. */
function resolvePaths(env: Record<string, string | undefined>, problems: string[]): { dataDir: string; corpusDir: string | null } {
  const dataSetting = env.NORMHUB_DATA_DIR?.trim();
  const dataDir =
    dataSetting === 'memory://'
      ? 'memory://'
      : dataSetting
        ? path.resolve(dataSetting)
        : // The project's own folder, not the current directory, so `npx normhub` run from
          // anywhere in the checkout reaches the same database as `npm start`.
          path.join(PROJECT_ROOT, 'data');
  if (dataDir !== 'memory://' && existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
    problems.push(`NORMHUB_DATA_DIR must be a folder, but ${dataDir} is a file`);
  }

  let corpusDir: string | null = null;
  const corpusSetting = env.NORMHUB_CORPUS_DIR;
  if (corpusSetting === undefined) {
    const beside = path.resolve(PROJECT_ROOT, '..', 'shared', 'corpus', 'unxml');
    corpusDir = existsSync(beside) ? beside : null;
  } else if (corpusSetting.trim() !== '') {
    corpusDir = path.resolve(corpusSetting.trim());
    if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
      problems.push(`NORMHUB_CORPUS_DIR must be an existing folder, but ${corpusDir} is not (leave it empty for no corpus)`);
    }
  }

  return { dataDir, corpusDir };
}
