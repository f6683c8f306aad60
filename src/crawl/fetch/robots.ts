/**
 * robots.txt, fetched once per origin and kept for a while, read by robots-txt.ts (bounded:
 * 500 KiB, a few thousand rules, wildcards matched in linear time).
 *
 * What an unreadable robots.txt means follows RFC 9309 §2.3.1: a 4xx means "no rules" (crawl), while
 * a 5xx or a network failure means "assume everything is disallowed" — the site may be overloaded, and
 * that is when a crawler should stay away. Failures are kept for a shorter time so a transient outage
 * does not block a source for long.
 */
import { parseRobotsTxt, ROBOTS_MAX_BYTES } from './robots-txt.js';

/** Product token matched against `User-agent:` lines. */
export const ROBOTS_AGENT = 'wirewatch';

export interface RobotsRules {
  /** `parsed`: a robots.txt was read; `none`: 4xx, no rules; `unreachable`: 5xx or no answer. */
  status: 'parsed' | 'none' | 'unreachable';
  isAllowed(url: string): boolean;
  /** `Crawl-delay` for our agent (or `*`), in ms; null when absent. */
  crawlDelayMs: number | null;
}

/** What the fetcher reports after fetching `/robots.txt` (redirects followed). */
export interface RobotsResponse {
  status: number | null;
  body: string;
}

export interface RobotsOptions {
  ttlMs: number;
  errorTtlMs: number;
  /** A larger Crawl-delay is capped (some sites ask for a day). */
  maxCrawlDelayMs: number;
  /** The body is read up to this many bytes; what follows is not fetched. */
  maxBytes: number;
}

export const ROBOTS_DEFAULTS: RobotsOptions = {
  ttlMs: 24 * 3600_000,
  errorTtlMs: 10 * 60_000,
  maxCrawlDelayMs: 60_000,
  maxBytes: ROBOTS_MAX_BYTES,
};

/** What a robots.txt answer's status means (RFC 9309 §2.3.1), before its body is read. Pure. */
export function robotsStatus(status: number | null): RobotsRules['status'] {
  if (status !== null && status >= 200 && status < 300) return 'parsed';
  if (status !== null && status >= 400 && status < 500 && status !== 429) return 'none';
  return 'unreachable';
}

/** Rules from a robots.txt response; the cache keeps one per origin. Pure. */
export function rulesFrom(
  _robotsUrl: string,
  response: RobotsResponse,
  maxCrawlDelayMs: number,
): RobotsRules {
  const status = robotsStatus(response.status);
  if (status === 'parsed') {
    const robots = parseRobotsTxt(response.body, ROBOTS_AGENT);
    const delay = robots.crawlDelaySeconds;
    return {
      status: 'parsed',
      isAllowed: (url) => robots.allows(pathOf(url)),
      crawlDelayMs: delay !== null && delay > 0 ? Math.min(delay * 1000, maxCrawlDelayMs) : null,
    };
  }
  if (status === 'none') return { status: 'none', isAllowed: () => true, crawlDelayMs: null };
  return { status: 'unreachable', isAllowed: () => false, crawlDelayMs: null };
}

/** What robots.txt rules are matched against: the path and the query. */
function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return '/';
  }
}

/**
 * Where robots.txt answers are kept beyond one process (the crawl frontier's `crawl_robots`), so
 * every worker on an archive reads a site's rules from one fetch.
 */
export interface SharedRobots {
  get(origin: string): Promise<(RobotsResponse & { expiresAt: number }) | null>;
  put(
    origin: string,
    response: RobotsResponse,
    fetchedAt: number,
    expiresAt: number,
  ): Promise<void>;
}

export class RobotsCache {
  private readonly entries = new Map<string, { rules: Promise<RobotsRules>; until: number }>();

  constructor(
    private readonly options: RobotsOptions,
    private readonly fetchRobots: (robotsUrl: URL) => Promise<RobotsResponse>,
    private readonly shared: SharedRobots | null = null,
  ) {}

  /** The rules for `url`'s origin; concurrent callers share one fetch. */
  rulesFor(url: URL): Promise<RobotsRules> {
    const origin = url.origin;
    const cached = this.entries.get(origin);
    if (cached && cached.until > Date.now()) return cached.rules;
    const robotsUrl = new URL('/robots.txt', origin);
    const entry = {
      until: Number.POSITIVE_INFINITY,
      rules: Promise.resolve<RobotsRules>({
        status: 'unreachable',
        isAllowed: () => false,
        crawlDelayMs: null,
      }),
    };
    entry.rules = this.read(origin, robotsUrl).then(({ response, expiresAt }) => {
      entry.until = expiresAt;
      return rulesFrom(robotsUrl.href, response, this.options.maxCrawlDelayMs);
    });
    this.entries.set(origin, entry);
    return entry.rules;
  }

  /** The shared answer while it is fresh, else a fetch (then shared); a store failure only costs a fetch. */
  private async read(
    origin: string,
    robotsUrl: URL,
  ): Promise<{ response: RobotsResponse; expiresAt: number }> {
    const kept = await this.shared?.get(origin).catch(() => null);
    if (kept && kept.expiresAt > Date.now()) return { response: kept, expiresAt: kept.expiresAt };
    const response = await this.fetchRobots(robotsUrl).catch((): RobotsResponse => ({
      status: null,
      body: '',
    }));
    // The status alone says how long to keep it: the body is parsed once, by `rulesFor`.
    const unreachable = robotsStatus(response.status) === 'unreachable';
    const now = Date.now();
    const expiresAt = now + (unreachable ? this.options.errorTtlMs : this.options.ttlMs);
    await this.shared?.put(origin, response, now, expiresAt).catch(() => {});
    return { response, expiresAt };
  }
}
