/**
 * The random secrets accounts hand out (session ids, API tokens, CSRF tokens) and the digest they are
 * kept as. They carry 256 random bits, so one SHA-256 is enough to keep them: there is nothing to
 * guess that a slow hash would protect.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret: 32 random bytes, base64url, after a prefix that says what it is (`ww_`). */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function digestOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two secrets in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The prefix of every API token, so a leaked one is recognisable (and secret scanners can find it). */
export const TOKEN_PREFIX = 'ww_';
