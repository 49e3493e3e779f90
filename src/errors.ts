// Application errors carry a stable code; the HTTP layer maps codes to statuses and the
// i18n catalogues map them to messages in the user's language.

export type ErrorParams = Record<string, string | number | null | undefined>;

export class AppError extends Error {
  readonly code: string;
  readonly params: ErrorParams;

  /** `message` is the English text, used in logs and by the CLI when no catalogue applies. */
  constructor(code: string, message: string, params: ErrorParams = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

const STATUS_BY_PREFIX: Array<[RegExp, number]> = [
  [/\.not_found$/, 404],
  [/\.forbidden$/, 403],
  [/\.unauthenticated$/, 401],
  [/\.conflict$|\.stale_version$/, 409],
  [/\.too_large$/, 413],
  [/\.rate_limited$/, 429],
  [/^import\.|\.invalid$|^request\./, 400],
];

export function httpStatusFor(code: string): number {
  for (const [pattern, status] of STATUS_BY_PREFIX) if (pattern.test(code)) return status;
  return 500;
}
