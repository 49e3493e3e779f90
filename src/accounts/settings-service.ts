// Values every app process must share without configuration: today the secret key, when
// SECRET_KEY is not set. The first process to start generates it and keeps it in the settings
// table; every later one (and every restart) reads the same value, so CSRF tokens made by one
// process are accepted by the others.

import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { readOrCreateSetting } from './sessions-store.ts';

const SECRET_KEY_SETTING = 'secret_key';

export async function loadSecretKey(db: Db, configured: string | null | undefined): Promise<string> {
  if (configured) return configured;
  return readOrCreateSetting(db, SECRET_KEY_SETTING, randomBytes(32).toString('base64url'));
}
