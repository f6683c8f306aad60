/**
 * Per-host politeness: one request at a time per host, a minimum gap between them, the gap robots.txt
 * asks for (`Crawl-delay`), and a longer back-off for a host that is resetting or banning us.
 *
 * The sites reset TCP connections on burst polling and ban an IP for 3–10 minutes (sites.md §0), so
 * the gate is the crawler's first defence: a host that starts refusing is left alone, for longer each
 * time, instead of being hammered into a ban.
 */

export interface PolitenessOptions {
  /** Gap between the end of one request to a host and the start of the next. */
  minDelayMs: number;
  /** Consecutive hostile answers (resets, 403, 429) after which the host is backed off. */
  banStrikes: number;
  /** First back-off of a hostile host; doubles with each further strike. */
  banBackoffMs: number;
  maxBanBackoffMs: number;
  /** A request that would have to wait longer than this is not made (see `HostBackedOff`). */
  maxWaitMs: number;
}

/** Thrown by `run` instead of waiting longer than `maxWaitMs` for a host. */
export class HostBackedOff extends Error {
  constructor(
    readonly host: string,
    readonly until: number,
  ) {
    super(`${host} is backed off until ${new Date(until).toISOString()}`);
  }
}

interface HostState {
  tail: Promise<void>;
  lastEnd: number;
  crawlDelayMs: number;
  strikes: number;
  blockedUntil: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * What the fetcher asks of politeness, per host. `HostGate` keeps it in this process; the crawl
 * frontier's gate (crawl/frontier/shared-gate.ts) shares it with every worker on the archive.
 */
export interface PolitenessGate {
  /** Runs `fn` when it is this host's turn. */
  run<T>(host: string, fn: () => Promise<T>): Promise<T>;
  setCrawlDelay(host: string, ms: number): void;
  deferUntil(host: string, until: number): void;
  recordOk(host: string): void;
  recordHostile(host: string): void;
  blockedUntil(host: string): number;
}

export class HostGate implements PolitenessGate {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly options: PolitenessOptions) {}

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { tail: Promise.resolve(), lastEnd: 0, crawlDelayMs: 0, strikes: 0, blockedUntil: 0 };
      this.hosts.set(host, state);
    }
    return state;
  }

  /** Runs `fn` when it is this host's turn: after the previous request and the required gap. */
  run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const state = this.state(host);
    const turn = state.tail.then(async () => {
      const gap = Math.max(this.options.minDelayMs, state.crawlDelayMs);
      const startAt = Math.max(state.lastEnd + gap, state.blockedUntil);
      const wait = startAt - Date.now();
      if (wait > this.options.maxWaitMs) throw new HostBackedOff(host, startAt);
      if (wait > 0) await sleep(wait);
      try {
        return await fn();
      } finally {
        state.lastEnd = Date.now();
      }
    });
    state.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** robots.txt `Crawl-delay`, in ms; it only ever lengthens the configured gap. */
  setCrawlDelay(host: string, ms: number): void {
    this.state(host).crawlDelayMs = ms;
  }

  /** No request to this host before `until` (a `Retry-After` that the caller will not wait for). */
  deferUntil(host: string, until: number): void {
    const state = this.state(host);
    state.blockedUntil = Math.max(state.blockedUntil, until);
  }

  /** A normal answer: the host is not hostile (any more). */
  recordOk(host: string): void {
    this.state(host).strikes = 0;
  }

  /** A reset, 403 or 429. Past `banStrikes` in a row the host is backed off, doubling each time. */
  recordHostile(host: string): void {
    const state = this.state(host);
    state.strikes++;
    const over = state.strikes - this.options.banStrikes;
    if (over >= 0) {
      const backoff = Math.min(this.options.maxBanBackoffMs, this.options.banBackoffMs * 2 ** over);
      state.blockedUntil = Math.max(state.blockedUntil, Date.now() + backoff);
    }
  }

  /** The host's `Crawl-delay` as robots.txt gave it (0 when none). */
  crawlDelay(host: string): number {
    return this.state(host).crawlDelayMs;
  }

  /** Hostile answers in a row from this host. */
  strikes(host: string): number {
    return this.state(host).strikes;
  }

  /** When the host may next be contacted (epoch ms; 0 when never backed off). */
  blockedUntil(host: string): number {
    return this.state(host).blockedUntil;
  }
}
