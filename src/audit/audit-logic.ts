// Pure rules of the audit log: what is kept of a value, and how before and after compare.

import { REDACTED, SECRET_FIELD } from './audit.ts';

/**
 * The value as JSON will keep it, with the value of every field named like a secret (password,
 * hash, token…) replaced. Callers are asked to leave secrets out; this is the second line, so
 * that one forgotten field does not put a password hash into a log many people read.
 */
export function redactSecrets(value: unknown): unknown {
  if (value === undefined) return null;
  const plain = JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
  return redact(plain);
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, field]) => [key, SECRET_FIELD.test(key) && field !== null ? REDACTED : redact(field)]),
    );
  }
  return value;
}

export interface FieldChange {
  /** dotted path of the field ('name', 'address.city'); '' when the value is not an object */
  field: string;
  change: 'added' | 'removed' | 'changed' | 'same';
  /** the values as short JSON text; null when absent on that side */
  before: string | null;
  after: string | null;
}

/**
 * Before and after as a list of fields, so a reader sees what changed without comparing two
 * JSON documents by eye. Objects are walked into (dotted paths); arrays and scalars compare whole.
 */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const left = flatten(before);
  const right = flatten(after);
  const fields = [...new Set([...left.keys(), ...right.keys()])];
  return fields.map((field) => {
    const was = left.get(field);
    const now = right.get(field);
    const change = was === undefined ? 'added' : now === undefined ? 'removed' : was === now ? 'same' : 'changed';
    return { field, change, before: was ?? null, after: now ?? null };
  });
}

/** Leaf fields with their values as JSON text; absent (null/undefined) sides give no fields. */
function flatten(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (value === null || value === undefined) {
    if (prefix) into.set(prefix, 'null');
    return into;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) into.set(prefix, '{}');
    for (const [key, field] of entries) flatten(field, prefix ? `${prefix}.${key}` : key, into);
    return into;
  }
  into.set(prefix, JSON.stringify(value));
  return into;
}
