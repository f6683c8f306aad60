/**
 * The crawler's fetcher: one URL in, one FetchResult out, every exchange on the way recorded.
 *
 * Order of checks for each hop: scheme and SSRF guard (after DNS; the address is pinned), robots.txt,
 * then the per-host gate (one at a time, min delay, Crawl-delay, back-off), then the request with its
 * limits. Redirects are followed here, by hand, so every hop passes the same checks; retries (network
 * errors, truncated bodies, 5xx, 429) happen per hop with exponential backoff and jitter.
 *
 * ```ts
 * const fetcher = new Fetcher({ onExchange: archiveSink({ warcPath, store }).onExchange });
 * const first = await fetcher.fetch('http://kcna.kp/en/article/list/…', { cookies: jar });
 * const again = await fetcher.fetch(first.finalUrl, { conditional: first.validators }); // 304 → not-modified
 * ```
 */
import { Agent } from 'undici';
import { decodeResponse } from '../../capture/decode.js';
import { backoffDelay, parseRetryAfter, type BackoffOptions } from './backoff.js';
import type { CookieJar } from './cookies.js';
import {
  headerValue,
  headerValues,
  type Exchange,
  type Header,
  type Truncation,
} from './exchange.js';
import { NetworkGuard, type GuardOptions } from './guard.js';
import { isReset, performExchange, type ExchangeLimits } from './http.js';
import {
  HostBackedOff,
  HostGate,
  type PolitenessGate,
  type PolitenessOptions,
} from './politeness.js';
import { cutRobotsBody } from './robots-txt.js';
import {
  RobotsCache,
  ROBOTS_DEFAULTS,
  type RobotsOptions,
  type RobotsResponse,
  type SharedRobots,
} from './robots.js';

export const USER_AGENT = 'wirewatch/0.1 (+https://github.com/wirewatch)';

export interface FetcherOptions {
  userAgent?: string;
  guard?: GuardOptions;
  connectTimeoutMs?: number;
  limits?: Partial<ExchangeLimits>;
  maxRedirects?: number;
  retry?: Partial<BackoffOptions> & {
    /** Retries after the first attempt. */
    max?: number;
    /** A longer Retry-After is not waited for: the host is deferred and the fetch gives up. */
    maxRetryAfterMs?: number;
    /**
     * The whole fetch (robots.txt, attempts, waits between them, redirects) gives up once it has
     * taken this long, an attempt under way cut at that moment: a host that drips its pages holds
     * a URL for this long, not for every retry's deadline.
     */
    budgetMs?: number;
  };
  politeness?: Partial<PolitenessOptions>;
  /**
   * Politeness shared beyond this fetcher (the crawl frontier's, across workers); by default a
   * `HostGate` of this fetcher's own, built from `politeness`.
   */
  gate?: (options: PolitenessOptions) => PolitenessGate;
  /** `false` skips robots.txt (only for hosts we run ourselves). */
  robots?: Partial<RobotsOptions> | false;
  /** robots.txt answers shared with other workers (the crawl frontier's). */
  sharedRobots?: SharedRobots;
  /** Receives every exchange (attempts, hops, robots.txt, refusals) before the result is returned. */
  onExchange?: (exchange: Exchange) => Promise<void> | void;
}

/** The validators of a previous response, for a conditional GET of the same URL. */
export interface Validators {
  url: string;
  etag: string | null;
  lastModified: string | null;
}

export interface FetchOptions {
  method?: 'GET' | 'POST';
  /** Sent as `application/x-www-form-urlencoded` (makes the request a POST unless `method` says otherwise). */
  form?: Record<string, string> | URLSearchParams;
  headers?: Record<string, string>;
  /** The source session's cookies: sent with each hop, updated from each `Set-Cookie`. */
  cookies?: CookieJar;
  conditional?: Validators | null;
}

export type FetchOutcome =
  | 'ok' // 2xx, whole body
  | 'not-modified' // 304 to a conditional GET
  | 'truncated' // a response arrived but its body was cut off (size cap, timeout, reset)
  | 'http-error' // a final status that is neither 2xx nor 304
  | 'network-error' // no response at all, retries exhausted
  | 'redirect-error' // loop, too many hops, or a redirect without a usable Location
  | 'refused'; // not sent: scheme, SSRF guard, robots.txt, or a backed-off host

export interface FetchResult {
  url: string;
  finalUrl: string;
  outcome: FetchOutcome;
  status: number | null;
  headers: Header[];
  /** The final response's body (what arrived of it); empty without a response. */
  body: Buffer;
  truncated: Truncation | null;
  /** Why the outcome is not `ok`, in one line; null when it is. */
  reason: string | null;
  validators: Validators;
  /** Every exchange of this fetch, in order (robots.txt fetches are recorded through `onExchange` only). */
  exchanges: Exchange[];
  /** The body as text: content codings undone, charset chosen as capture/decode.ts says. */
  text(): string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Fetcher {
  readonly guard: NetworkGuard;
  readonly gate: PolitenessGate;
  private readonly agent: Agent;
  private readonly robots: RobotsCache | null;
  private readonly userAgent: string;
  private readonly limits: ExchangeLimits;
  private readonly robotsLimits: ExchangeLimits;
  private readonly maxRedirects: number;
  private readonly retry: BackoffOptions & {
    max: number;
    maxRetryAfterMs: number;
    budgetMs: number;
  };
  private readonly onExchange: (exchange: Exchange) => Promise<void> | void;

  constructor(options: FetcherOptions = {}) {
    this.userAgent = options.userAgent ?? USER_AGENT;
    this.guard = new NetworkGuard(options.guard);
    const connectTimeoutMs = options.connectTimeoutMs ?? 30_000;
    // Timeouts are passed per request; the Agent only owns connections, which go through the guard.
    this.agent = new Agent({
      connect: this.guard.pinnedConnector({ timeoutMs: connectTimeoutMs }),
      connections: 1,
    });
    this.limits = {
      headersTimeoutMs: 60_000,
      bodyIdleTimeoutMs: 60_000,
      totalTimeoutMs: 180_000,
      maxBodyBytes: 20 * 1024 * 1024,
      ...options.limits,
    };
    this.maxRedirects = options.maxRedirects ?? 10;
    this.retry = {
      max: 3,
      baseMs: 2_000,
      maxMs: 60_000,
      maxRetryAfterMs: 120_000,
      budgetMs: 240_000,
      ...options.retry,
    };
    const politeness: PolitenessOptions = {
      minDelayMs: 2_500,
      banStrikes: 3,
      banBackoffMs: 5 * 60_000,
      maxBanBackoffMs: 60 * 60_000,
      maxWaitMs: 15 * 60_000,
      ...options.politeness,
    };
    this.gate = options.gate ? options.gate(politeness) : new HostGate(politeness);
    this.onExchange = options.onExchange ?? (() => {});
    const robots = { ...ROBOTS_DEFAULTS, ...(options.robots || {}) };
    // A robots.txt is read only so far, whatever a page may weigh: its size is the site's choice.
    this.robotsLimits = { ...this.limits, maxBodyBytes: robots.maxBytes };
    this.robots =
      options.robots === false
        ? null
        : new RobotsCache(
            robots,
            (robotsUrl) => this.fetchRobots(robotsUrl),
            options.sharedRobots ?? null,
          );
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  fetch(url: string, options: FetchOptions = {}): Promise<FetchResult> {
    return this.follow(url, options, 'page');
  }

  private async fetchRobots(robotsUrl: URL): Promise<RobotsResponse> {
    const result = await this.follow(robotsUrl.href, {}, 'robots');
    if (
      result.outcome === 'refused' ||
      result.outcome === 'network-error' ||
      result.outcome === 'redirect-error'
    )
      return { status: null, body: '' };
    // A truncated robots.txt is still read, as far as its last whole line: RFC 9309 asks crawlers
    // to parse at least 500 KiB, and Google uses what precedes its cap.
    return { status: result.status, body: cutRobotsBody(result.text(), result.truncated !== null) };
  }

  /** Follows redirects by hand, checking every hop. */
  private async follow(
    startUrl: string,
    options: FetchOptions,
    purpose: Exchange['purpose'],
  ): Promise<FetchResult> {
    const exchanges: Exchange[] = [];
    const started = Date.now();
    const record = async (exchange: Exchange) => {
      exchanges.push(exchange);
      await this.onExchange(exchange);
    };
    let url: URL;
    try {
      url = new URL(startUrl);
    } catch {
      const exchange = refusal(purpose, startUrl, 'GET', 'not a valid URL');
      await record(exchange);
      return result(startUrl, startUrl, 'refused', exchanges, 'not a valid URL');
    }
    let method: 'GET' | 'POST' = options.method ?? (options.form ? 'POST' : 'GET');
    let body: Buffer | null = options.form
      ? Buffer.from(new URLSearchParams(options.form).toString())
      : null;
    const seen = new Set<string>();
    for (let hop = 0; ; hop++) {
      const key = `${method} ${url.href}`;
      if (seen.has(key))
        return result(
          startUrl,
          url.href,
          'redirect-error',
          exchanges,
          `redirect loop back to ${url.href}`,
        );
      seen.add(key);

      const verdict = await this.guard.check(url);
      if (!verdict.ok && verdict.unresolved) {
        // A name that does not resolve is a network failure (DNS is flaky too), not a refusal.
        await record({
          ...refusal(purpose, url.href, method, ''),
          refused: null,
          error: { code: verdict.unresolved.code, message: verdict.reason },
        });
        return result(startUrl, url.href, 'network-error', exchanges, verdict.reason);
      }
      if (!verdict.ok) {
        await record(refusal(purpose, url.href, method, verdict.reason));
        return result(startUrl, url.href, 'refused', exchanges, verdict.reason);
      }
      if (purpose === 'page' && this.robots) {
        const rules = await this.robots.rulesFor(url);
        if (rules.crawlDelayMs !== null) this.gate.setCrawlDelay(url.hostname, rules.crawlDelayMs);
        if (!rules.isAllowed(url.href)) {
          const reason =
            rules.status === 'unreachable'
              ? 'robots.txt unreachable: everything disallowed for now'
              : 'disallowed by robots.txt';
          await record(refusal(purpose, url.href, method, reason));
          return result(startUrl, url.href, 'refused', exchanges, reason);
        }
      }

      if (Date.now() - started >= this.retry.budgetMs)
        return result(
          startUrl,
          url.href,
          'network-error',
          exchanges,
          `the fetch budget of ${this.retry.budgetMs} ms was spent before ${url.href} was asked for`,
        );
      const headers = this.requestHeaders(url, method, body, options);
      const last = await this.attempts(
        purpose,
        url,
        method,
        headers,
        body,
        verdict.address,
        options.cookies,
        record,
        started,
      );
      if (last.refused) return result(startUrl, url.href, 'refused', exchanges, last.refused);
      const response = last.response;
      if (!response)
        return result(
          startUrl,
          url.href,
          'network-error',
          exchanges,
          `${last.error?.code}: ${last.error?.message}`,
        );

      const location = headerValue(response.headers, 'location');
      if (REDIRECTS.has(response.status)) {
        if (!location)
          return result(
            startUrl,
            url.href,
            'redirect-error',
            exchanges,
            `${response.status} without a Location`,
          );
        if (hop >= this.maxRedirects)
          return result(
            startUrl,
            url.href,
            'redirect-error',
            exchanges,
            `more than ${this.maxRedirects} redirects`,
          );
        try {
          url = new URL(location, url);
        } catch {
          return result(
            startUrl,
            url.href,
            'redirect-error',
            exchanges,
            `unusable Location ${JSON.stringify(location)}`,
          );
        }
        // As browsers do: 303 always, and 301/302 after a POST, continue as a GET without the body.
        if (
          response.status === 303 ||
          (method === 'POST' && (response.status === 301 || response.status === 302))
        ) {
          method = 'GET';
          body = null;
        }
        continue;
      }
      const outcome = response.truncated
        ? 'truncated'
        : response.status === 304
          ? 'not-modified'
          : response.status >= 200 && response.status < 300
            ? 'ok'
            : 'http-error';
      const reason =
        outcome === 'truncated'
          ? `body truncated (${response.truncated}): ${last.error?.message ?? ''}`.trim()
          : outcome === 'http-error'
            ? `HTTP ${response.status}`
            : null;
      const done = result(startUrl, url.href, outcome, exchanges, reason);
      // A 304 need not repeat the validators; the ones that earned it stay valid.
      if (
        outcome === 'not-modified' &&
        options.conditional &&
        !done.validators.etag &&
        !done.validators.lastModified
      ) {
        done.validators = { ...options.conditional, url: url.href };
      }
      return done;
    }
  }

  /**
   * No Accept-Encoding is sent: bodies then arrive as identity, so the size cap counts real bytes and
   * the WARC payload is the page itself. (`text()` still undoes a content-coding sent regardless.)
   */
  private requestHeaders(
    url: URL,
    method: string,
    body: Buffer | null,
    options: FetchOptions,
  ): Header[] {
    const headers: Header[] = [
      ['host', url.host],
      ['user-agent', this.userAgent],
      ['accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
    ];
    if (body) headers.push(['content-type', 'application/x-www-form-urlencoded']);
    for (const [name, value] of Object.entries(options.headers ?? {}))
      headers.push([name.toLowerCase(), value]);
    const validators = options.conditional;
    if (method === 'GET' && validators && validators.url === url.href) {
      if (validators.etag) headers.push(['if-none-match', validators.etag]);
      if (validators.lastModified) headers.push(['if-modified-since', validators.lastModified]);
    }
    return headers;
  }

  /** One hop: the first attempt plus retries. Returns the last exchange. */
  private async attempts(
    purpose: Exchange['purpose'],
    url: URL,
    method: 'GET' | 'POST',
    headers: Header[],
    body: Buffer | null,
    ip: string,
    cookies: CookieJar | undefined,
    record: (e: Exchange) => Promise<void>,
    started: number,
  ): Promise<Exchange> {
    // Politeness is per host name: the ports of one server share its patience.
    const host = url.hostname;
    for (let attempt = 0; ; attempt++) {
      const cookie = cookies?.headerFor(url);
      const sent: Header[] = cookie ? [...headers, ['cookie', cookie]] : headers;
      let exchange: Exchange;
      try {
        exchange = await this.gate.run(host, () => {
          const limits = purpose === 'robots' ? this.robotsLimits : this.limits;
          // The fetch's budget bounds each attempt too: a drip is cut when the budget runs out.
          const left = Math.max(1, this.retry.budgetMs - (Date.now() - started));
          return performExchange(
            this.agent,
            {
              purpose,
              url,
              method,
              headers: sent,
              body,
              ip: this.guard.pinned(url.hostname) ?? ip,
            },
            left < limits.totalTimeoutMs ? { ...limits, totalTimeoutMs: left } : limits,
          );
        });
      } catch (error) {
        if (!(error instanceof HostBackedOff)) throw error;
        exchange = refusal(purpose, url.href, method, error.message);
      }
      if (exchange.error?.code === 'WIREWATCH_REFUSED') {
        // The connector's own check refused (the pin expired and the name now resolves privately).
        exchange = { ...exchange, refused: exchange.error.message, ip: null };
      }
      await record(exchange);
      if (exchange.refused) return exchange;
      const response = exchange.response;
      if (response) cookies?.setFromResponse(url, headerValues(response.headers, 'set-cookie'));

      const status = response?.status ?? 0;
      const hostile =
        (exchange.error !== null && isReset(exchange.error)) || status === 403 || status === 429;
      if (hostile) this.gate.recordHostile(host);
      else if (response) this.gate.recordOk(host);

      const retryable =
        !response ||
        (response.truncated !== null && response.truncated !== 'length') ||
        status >= 500 ||
        status === 429;
      if (!retryable) return exchange;
      let delay = backoffDelay(attempt + 1, this.retry);
      const retryAfter = response
        ? parseRetryAfter(headerValue(response.headers, 'retry-after') ?? undefined)
        : null;
      if (retryAfter !== null) {
        // Retry-After binds every request to the host, not only this one.
        this.gate.deferUntil(host, Date.now() + retryAfter);
        if (retryAfter > this.retry.maxRetryAfterMs) return exchange;
        delay = Math.max(delay, retryAfter);
      }
      if (attempt >= this.retry.max) return exchange;
      if (Date.now() + delay - started >= this.retry.budgetMs) return exchange;
      await sleep(delay);
    }
  }
}

function refusal(
  purpose: Exchange['purpose'],
  url: string,
  method: string,
  reason: string,
): Exchange {
  return {
    purpose,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    url,
    method,
    requestHeaders: [],
    requestBody: null,
    ip: null,
    response: null,
    error: null,
    refused: reason,
  };
}

function result(
  url: string,
  finalUrl: string,
  outcome: FetchOutcome,
  exchanges: Exchange[],
  reason: string | null,
): FetchResult {
  const last = exchanges.at(-1);
  const response =
    outcome === 'refused' || outcome === 'network-error' ? null : (last?.response ?? null);
  const headers = response?.headers ?? [];
  const body = response?.body ?? Buffer.alloc(0);
  return {
    url,
    finalUrl,
    outcome,
    status: response?.status ?? null,
    headers,
    body,
    truncated: response?.truncated ?? null,
    reason,
    validators: {
      url: finalUrl,
      etag: headerValue(headers, 'etag'),
      lastModified: headerValue(headers, 'last-modified'),
    },
    exchanges,
    text: () =>
      decodeResponse(body, {
        contentType: headerValue(headers, 'content-type'),
        contentEncoding: headerValues(headers, 'content-encoding').join(', '),
      }).text,
  };
}
