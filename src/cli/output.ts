/**
 * How commands speak: human text by default, one stable JSON document with `--json`. Untrusted text
 * in human output goes through `terminalSafe` field by field (one-line fields flattened), and the
 * whole text once more on its way out (`printText`), so no raw control reaches the terminal.
 */
import { EXIT, Problem } from '../errors.js';
import { terminalSafe } from './terminal-safe.js';
import { safeJson } from '../export/safe-json.js';

export { EXIT };

/** A user's mistake: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Problem {
  constructor(message: string) {
    super(400, 'bad_request', message, { exitCode: EXIT.usage });
    this.name = 'UsageError';
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${safeJson(value, 2)}\n`);
}

/** One JSON value per line (`wirewatch work --json`), escaped as `printJson` does. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${safeJson(value)}\n`);
}

/** Human-readable text, made terminal-safe as a block on its way out. */
export function printText(text: string, stream: NodeJS.WritableStream = process.stdout): void {
  stream.write(terminalSafe(text, 'block'));
}

export function printLines(lines: string[]): void {
  if (lines.length) printText(`${lines.join('\n')}\n`);
}

/** `{"items": [...], "total": N}`: the shape of every list. */
export function listJson<T>(items: T[], total = items.length): { items: T[]; total: number } {
  return { items, total };
}

/** A `--limit`-style option: a whole number of at least `min`, or a usage error naming the option. */
export function wholeNumber(name: string, value: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${name} must be a whole number ≥ ${min} (got "${value}")`);
  return n;
}
