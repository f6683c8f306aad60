/**
 * Passwords, hashed with argon2id by @node-rs/argon2 (prebuilt, no compiler needed; its defaults are
 * OWASP's: 19 MiB, 2 passes, 1 lane). The hash string carries its own parameters and salt, so a later
 * change of parameters still verifies older hashes.
 */
import { Problem } from '../errors.js';

/** Loaded when first needed: most commands and requests never hash, and it is a native module. */
const argon2 = () => import('@node-rs/argon2');

/** Shorter passwords are refused (NIST SP 800-63B asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 10;
/** Longer ones are refused too: hashing a megabyte on every sign-in attempt is a denial of service. */
export const MAX_PASSWORD_LENGTH = 256;

export function checkPasswordRules(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new Problem(
      400,
      'bad_request',
      `the password must have at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new Problem(
      400,
      'bad_request',
      `the password may have at most ${MAX_PASSWORD_LENGTH} characters`,
    );
}

export async function hashPassword(password: string): Promise<string> {
  checkPasswordRules(password);
  return (await argon2()).hash(password);
}

/** False for a wrong password, and for one too long to be anyone's. */
export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await (await argon2()).verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password no one has, verified when the name is unknown so that a wrong name takes
 * as long as a wrong password (no probing which names exist by timing).
 */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= argon2().then((a) => a.hash('not anyone’s password, only a decoy'));
  return decoyHash;
}
