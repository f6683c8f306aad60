/**
 * Opaque cursors: base64url of `{"o": offset}`. Clients pass back the `next` they were given and never
 * build one; the format may change (to a keyset) without breaking them.
 *
 *   encodeCursor(50) === 'eyJvIjo1MH0'; decodeCursor('eyJvIjo1MH0') === 50
 */
import { Problem } from '../errors.js';

export class CursorError extends Problem {
  constructor(message: string) {
    super(400, 'bad_request', message);
    this.name = 'CursorError';
  }
}

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/** The offset a cursor stands for; 0 when there is none. Throws CursorError on anything we did not issue. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error();
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('cursor: not a cursor this API issued');
  }
  const o = (value as { o?: unknown } | null)?.o;
  if (typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0)
    throw new CursorError('cursor: not a cursor this API issued');
  return o;
}

/** The cursor after a page of `count` items starting at `offset`, or null when `total` is reached. */
export function nextCursor(offset: number, count: number, total: number): string | null {
  return count > 0 && offset + count < total ? encodeCursor(offset + count) : null;
}
