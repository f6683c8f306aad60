/**
 * `Problem`: the one error that crosses layers. It is a user's mistake or a refusal, and it carries
 * what every surface needs to answer it: the HTTP status, a stable code for the API, and the exit
 * code for the CLI. The API, the pages, the feeds and the CLI each map it in one place. Any other
 * error is an internal failure (500, exit 1), whose details go to stderr only.
 *
 *   throw new Problem(400, 'limit_exceeded', 'the query has 300 prefixes; at most 16', { limit: 'search.maxPrefixes' });
 */

/** Exit codes of `wirewatch`: 1 also covers "not found" and unexpected failures (docs/architecture.md). */
export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

/** Codes of the API's error body (`internal` is never a Problem: it is what anything else becomes). */
export const PROBLEM_CODES = [
  'bad_request',
  'bad_query',
  'not_found',
  'limit_exceeded',
  'misdirected',
  'search_timeout',
  'unavailable',
  'unauthorized',
  'forbidden',
  'conflict',
  'rate_limited',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 421 | 429 | 503;

export interface ProblemDetails {
  /** 0-based character of the query where the problem was found. */
  position?: number | null;
  /** The config key of a limit that was exceeded, e.g. `search.maxPrefixes` (under `limits`). */
  limit?: string;
  /** For a 503 or 429: when to try again, in seconds (the `Retry-After` header). */
  retryAfterSeconds?: number;
  /** Default: 2 (usage) for a 4xx other than 404 and 409, else 1. */
  exitCode?: number;
}

export class Problem extends Error {
  readonly position: number | null;
  readonly limit: string | null;
  readonly retryAfterSeconds: number | null;
  readonly exitCode: number;

  constructor(
    readonly status: ProblemStatus,
    readonly code: ProblemCode,
    message: string,
    details: ProblemDetails = {},
  ) {
    super(message);
    this.name = 'Problem';
    this.position = details.position ?? null;
    this.limit = details.limit ?? null;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
    this.exitCode =
      details.exitCode ??
      (status === 404 || status === 409 || status >= 500 ? EXIT.rejected : EXIT.usage);
  }
}

/** A limit of `limits` in the config was exceeded: 400, naming the key so an operator can raise it. */
export function limitExceeded(key: string, message: string): Problem {
  return new Problem(400, 'limit_exceeded', `${message} (limits.${key})`, { limit: key });
}

const diskFullProblems = new WeakSet<Problem>();

/**
 * The disk holding the archive is full (SQLite's SQLITE_FULL, PostgreSQL's 53100 disk_full): a 503
 * `unavailable`, exit 1, one line. The write that hit it was rolled back; nothing of the capture in
 * hand counts against it (pipeline/driver.ts), so once space is freed a re-run completes the work.
 */
export function diskFull(reason: string): Problem {
  const problem = new Problem(
    503,
    'unavailable',
    `the disk holding the archive is full: ${reason}; free some space and try again`,
    { exitCode: EXIT.rejected },
  );
  diskFullProblems.add(problem);
  return problem;
}

/** True for a Problem made by `diskFull`. */
export function isDiskFull(error: unknown): boolean {
  return error instanceof Problem && diskFullProblems.has(error);
}
