/**
 * Rate limits on sign-in attempts and on API tokens, in this process's memory (rate-limiter-flexible:
 * a well-kept limiter with the time to wait it reports for `Retry-After`). Several server processes
 * each count on their own, so the effective limit is that many times the setting.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Problem } from '../errors.js';

export interface AuthLimits {
  /** Failed sign-ins one name may have in the window before it is refused until the window ends. */
  failuresPerName: number;
  /** Sign-in attempts, right or wrong, one client address may make in the window. */
  attemptsPerAddress: number;
  /** The window, in seconds. */
  windowSeconds: number;
  /** Requests one API token may make a minute. */
  tokenRequestsPerMinute: number;
}

function tooMany(res: unknown, what: string): Problem {
  const ms = res instanceof RateLimiterRes ? res.msBeforeNext : 60_000;
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new Problem(429, 'rate_limited', `${what}; try again in ${seconds} s`, {
    retryAfterSeconds: seconds,
  });
}

export class SignInLimits {
  private readonly byName: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;
  private readonly byToken: RateLimiterMemory;
  private readonly failuresPerName: number;

  constructor(limits: AuthLimits) {
    this.failuresPerName = limits.failuresPerName;
    this.byName = new RateLimiterMemory({
      points: limits.failuresPerName,
      duration: limits.windowSeconds,
    });
    this.byAddress = new RateLimiterMemory({
      points: limits.attemptsPerAddress,
      duration: limits.windowSeconds,
    });
    this.byToken = new RateLimiterMemory({
      points: limits.tokenRequestsPerMinute,
      duration: 60,
    });
  }

  /** Before checking a password: throws a 429 when this address or this name has had too many. */
  async beforeAttempt(name: string, address: string): Promise<void> {
    try {
      await this.byAddress.consume(address);
    } catch (res) {
      throw tooMany(res, 'too many sign-in attempts from this address');
    }
    const failures = await this.byName.get(name);
    if (failures && failures.consumedPoints >= this.failuresPerName)
      throw tooMany(failures, `too many failed sign-ins for "${name}"`);
  }

  async failed(name: string): Promise<void> {
    await this.byName.penalty(name, 1);
  }

  async succeeded(name: string): Promise<void> {
    await this.byName.delete(name);
  }

  /** One request of an API token: throws a 429 past its rate. */
  async tokenRequest(tokenId: number): Promise<void> {
    try {
      await this.byToken.consume(String(tokenId));
    } catch (res) {
      throw tooMany(res, 'this API token has made too many requests');
    }
  }
}
