/** The crawler's network layer: the public surface of src/crawl/fetch/. */
export {
  Fetcher,
  USER_AGENT,
  type FetcherOptions,
  type FetchOptions,
  type FetchOutcome,
  type FetchResult,
  type Validators,
} from './fetcher.js';
export type { Exchange, ExchangeResponse, ExchangeError, Truncation, Header } from './exchange.js';
export { headerValue, headerValues } from './exchange.js';
export {
  NetworkGuard,
  PRIVATE_NETWORKS,
  RefusedError,
  type GuardOptions,
  type Resolver,
  type Verdict,
} from './guard.js';
export { nonPublicReason, canonicalAddress } from './addresses.js';
export { CookieJar } from './cookies.js';
export { backoffDelay, parseRetryAfter } from './backoff.js';
export { HostGate, HostBackedOff, type PolitenessOptions } from './politeness.js';
export { RobotsCache, rulesFrom, ROBOTS_AGENT, type RobotsRules } from './robots.js';
export { exchangeToWarc, type SerializedRecord } from './warc-exchange.js';
export { archiveSink, captureExchange, captureOptions, type ArchiveSink } from './archive-sink.js';
