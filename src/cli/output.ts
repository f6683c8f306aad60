/** How commands speak: human text by default, one stable JSON document with `--json`. */

export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

/** A user's mistake: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(lines: string[]): void {
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
}

/** `{"items": [...], "total": N}`: the shape of every list. */
export function listJson<T>(items: T[], total = items.length): { items: T[]; total: number } {
  return { items, total };
}

/** A `--limit`-style option: a whole number of at least `min`, or a usage error naming the option. */
export function wholeNumber(name: string, value: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be a whole number ≥ ${min} (got "${value}")`);
  return n;
}
