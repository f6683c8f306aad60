import { Fetcher, type FetcherOptions } from '../../src/crawl/fetch/fetcher.js';
import type { Exchange } from '../../src/crawl/fetch/exchange.js';
import { fixtureResolver } from '../helpers/fixture-site.js';

/**
 * A fetcher for the fixture site: 127.0.0.1 allowed, `*.test` names resolved to it, and short
 * timeouts and delays so the hostile cases finish quickly. Every exchange is collected.
 */
export function testFetcher(options: FetcherOptions = {}) {
  const exchanges: Exchange[] = [];
  const fetcher = new Fetcher({
    guard: { allow: ['127.0.0.1'], resolve: fixtureResolver() },
    connectTimeoutMs: 1_000,
    limits: {
      headersTimeoutMs: 300,
      bodyIdleTimeoutMs: 300,
      totalTimeoutMs: 3_000,
      maxBodyBytes: 256 * 1024,
    },
    retry: { max: 2, baseMs: 20, maxMs: 100, maxRetryAfterMs: 3_000 },
    politeness: {
      minDelayMs: 0,
      banStrikes: 3,
      banBackoffMs: 300,
      maxBanBackoffMs: 1_000,
      maxWaitMs: 5_000,
    },
    ...options,
    onExchange: async (exchange) => {
      exchanges.push(exchange);
      await options.onExchange?.(exchange);
    },
  });
  return { fetcher, exchanges };
}
