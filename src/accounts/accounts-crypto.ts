// The secrets of accounts: random tokens (sessions, invitation and reset links), their SHA-256
// (what the database keeps), and password hashing with argon2id.
//
// Why SHA-256 for tokens and argon2id for passwords: a token is 256 random bits, so a fast hash
// is enough to make a stolen copy of the table useless; a password is chosen by a person, so its
// hash must be slow to guess at.

import { createHash, randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Options } from '@node-rs/argon2';

/**
 * OWASP Password Storage Cheat Sheet, argon2id: m=19456 KiB (19 MiB), t=2, p=1.
 * `algorithm: 2` is Argon2id: the package's enum is a `const enum` that exists only for the
 * type checker, so the number is written out.
 */
export const ARGON2_OPTIONS: Options = { algorithm: 2 as Options['algorithm'], memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** 256 random bits, URL-safe (43 characters): session cookies and the links of mails. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The form in which a token is stored and looked up: hex SHA-256. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string has the shape of a token we issue; anything else is refused before any lookup. */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Whether `password` matches `passwordHash`; false (never an exception) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Whether a stored hash was made with other parameters than today's, so it is redone at the next sign-in. */
export function needsRehash(passwordHash: string): boolean {
  try {
    const options = parseOptions(passwordHash);
    return options.algorithm !== ARGON2_OPTIONS.algorithm || options.memoryCost !== ARGON2_OPTIONS.memoryCost || options.timeCost !== ARGON2_OPTIONS.timeCost || options.parallelism !== ARGON2_OPTIONS.parallelism;
  } catch {
    return true;
  }
}

// A hash of a password nobody knows, made once, for the dummy verification below.
let dummyHash: Promise<string> | null = null;

/**
 * The same work as verifying a password, for an email with no account (or a locked or
 * disabled one): the time of the answer does not tell which accounts exist.
 */
export async function verifyDummyPassword(password: string): Promise<void> {
  dummyHash ??= hashPassword(generateToken());
  await verifyPassword(await dummyHash, password);
}
