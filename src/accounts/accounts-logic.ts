// Pure rules of accounts: what a password must be, where a sign-in may lead back to, and how a
// throttle window counts. No I/O, no clock: times come in as arguments.

import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'sameAsEmail' | 'tooCommon';

/**
 * Passwords seen in breaches: the ~49,000 most frequent of zxcvbn's list (it ranks them by how
 * often they appear in leaked password sets; ASVS 2.1.7 asks for at least the top 1,000 to
 * 10,000). Most are shorter than the length rule allows; the check matters for the long ones
 * ("1qaz2wsx3edc") and for short ones padded with digits ("sunshine1234"). Built on first use.
 */
let breached: Set<string> | null = null;
function breachedPasswords(): Set<string> {
  breached ??= new Set((dictionary['passwords-common'] as string[]).map((password) => password.toLowerCase()));
  return breached;
}

/** Long ones the list lacks, and words of this site that an attacker would try first. */
const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '123123123123', '111111111111', '000000000000',
  '121212121212', '123412341234', '112233445566', '987654321098', '098765432109', '147258369147', '159753159753',
  'password1234', 'password12345', 'password123456', 'passwordpassword', 'password1234567', 'password!123',
  'passw0rd1234', 'p@ssword1234', 'p@ssw0rd1234', 'p@$$w0rd1234', 'mypassword123', 'mypassword1234', 'newpassword123',
  'qwertyuiop12', 'qwertyuiop123', 'qwertyuiopasdf', 'qwerty123456', '123456qwerty', 'qwertyqwerty', 'qwerty12345678',
  'asdfghjkl123', 'asdfghjkl;\'', 'zxcvbnm12345', '1qaz2wsx3edc', '1q2w3e4r5t6y', 'q1w2e3r4t5y6', '1qaz2wsx3edc4rfv',
  'qazwsxedcrfv', 'abcdefghijkl', 'abcdefgh1234', 'abc123abc123', 'abcd1234abcd', 'aaaaaaaaaaaa', 'iloveyou1234',
  'iloveyouiloveyou', 'letmein12345', 'letmeinletmein', 'welcome12345', 'welcome123456', 'welcomewelcome',
  'sunshine1234', 'princess1234', 'football1234', 'baseball1234', 'basketball12', 'superman1234', 'batman123456',
  'starwars1234', 'trustno11234', 'dragon123456', 'monkey123456', 'shadow123456', 'master123456', 'michael12345',
  'jennifer1234', 'changeme1234', 'changemenow!', 'administrator', 'administrator1', 'admin1234567', 'adminadmin123',
  'rootroot1234', 'secret123456', 'computer1234', 'internet1234', 'whatever1234', 'nothing12345', 'default12345',
  'unitednations', 'unitednations1', 'normhub12345', 'normhubnormhub', 'correcthorsebatterystaple',
]);

const KEYBOARD_RUNS = ['0123456789', '1234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'azertyuiop', 'йцукенгшщз'];

function isRun(lowered: string): boolean {
  // a stretch of one keyboard or alphabet run, forwards or backwards, wrapping round
  // ("123456789012", "poiuytrewqpo")
  return KEYBOARD_RUNS.some((run) => {
    const repeated = run.repeat(Math.ceil(lowered.length / run.length) + 1);
    return repeated.includes(lowered) || [...repeated].reverse().join('').includes(lowered);
  });
}

/** Whether a password is one of the obvious ones, whatever its case. */
export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || breachedPasswords().has(lowered)) return true;
  // a breached word with digits or signs added at the end ("sunshine1234", "dragon!!2024")
  const stem = lowered.replace(/[\p{N}\p{P}\p{S}\s]+$/u, '');
  if (stem.length >= 3 && stem !== lowered && (breachedPasswords().has(stem) || COMMON_PASSWORDS.has(stem))) return true;
  if (/^(.)\1*$/u.test(lowered)) return true;
  // the same short piece repeated ("abcabcabcabc", "1212121212121")
  if (/^(.{1,4})\1+$/u.test(lowered)) return true;
  if (/^p[a@4]s{2}w[o0]rd[\d\W_]*$/.test(lowered)) return true;
  return isRun(lowered);
}

/**
 * The problem with a password chosen for an account, or null. Length is counted in characters
 * (code points), so that a password in Chinese or Arabic is measured as its owner sees it, and
 * runs of spaces count as one towards the minimum (ASVS 2.1.1); the password itself is kept
 * exactly as typed.
 */
export function passwordProblem(password: string, { email }: { email: string }): PasswordProblem | null {
  if ([...password.replace(/\s{2,}/gu, ' ')].length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if ([...password].length > PASSWORD_MAX_LENGTH) return 'tooLong';
  const lowered = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  if (lowered === address || lowered === address.split('@')[0]) return 'sameAsEmail';
  if (isCommonPassword(password)) return 'tooCommon';
  return null;
}

/**
 * Where to go after signing in: the `next` the sign-in page was given when it is a path of this
 * site, else the home page. Only a single leading slash followed by a path character is honoured:
 * "//evil.example", "/\evil.example", "https://…" and anything with a control character would
 * lead elsewhere (an open redirect) and are dropped.
 */
export function safeNextPath(next: unknown, fallback: string): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // control characters and backslashes: browsers read "\" as "/", and a tab or newline is dropped
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  try {
    const resolved = new URL(next, 'http://normhub.invalid');
    if (resolved.origin !== 'http://normhub.invalid') return fallback;
    return resolved.pathname + resolved.search;
  } catch {
    return fallback;
  }
}

export interface ThrottleCounter {
  windowStartedAt: Date;
  hits: number;
  blockedUntil: Date | null;
}

/** How long a key is still blocked at `now`, in whole seconds (0: not blocked). */
export function secondsBlocked(counter: ThrottleCounter | null, now: Date): number {
  if (!counter?.blockedUntil) return 0;
  const left = counter.blockedUntil.getTime() - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}
