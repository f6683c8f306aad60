/**
 * Politeness shared by every crawler worker on one archive: before a request, a worker takes the
 * host's turn in the archive (`crawl_hosts`: one holder at a time, no start before `next_at`, none
 * while the host is backed off), and after it sets when the next request may start. Back-offs and
 * `Crawl-delay` are written there too, so a ban seen by one worker holds for all of them.
 *
 * An in-process `HostGate` runs first, so this process's own requests queue in memory rather than
 * polling the archive; the archive decides between processes.
 */
import {
  HostBackedOff,
  HostGate,
  type PolitenessGate,
  type PolitenessOptions,
} from '../fetch/politeness.js';
import type { SharedRobots } from '../fetch/robots.js';
import type { ArchiveStore } from '../../store/types.js';
import { isDeadLocalWorker } from '../../pipeline/worker-id.js';

/** How often a worker waiting for another's turn looks again, at most. */
const POLL_MS = 250;
/** A turn's lease, renewed while the request runs. */
const TURN_LEASE_MS = 20_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SharedHostGate implements PolitenessGate {
  private readonly local: HostGate;
  /** Writes of strikes, back-offs and delays not yet known to be done: awaited before the next turn. */
  private pending: Promise<unknown>[] = [];

  constructor(
    private readonly store: ArchiveStore,
    private readonly worker: string,
    private readonly options: PolitenessOptions,
  ) {
    this.local = new HostGate(options);
  }

  run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(host, async () => {
      await this.settle();
      await this.takeTurn(host);
      // The turn is held in short leases renewed while the request runs: a worker killed mid-request
      // stops renewing, and the host is free again within one lease.
      const renew = setInterval(() => {
        const now = Date.now();
        this.store.frontier
          .takeHostTurn(host, this.worker, now, now + TURN_LEASE_MS)
          .catch(() => {});
      }, TURN_LEASE_MS / 4);
      renew.unref();
      try {
        return await fn();
      } finally {
        clearInterval(renew);
        // Crawl-delay comes from robots.txt, which every worker reads alike (crawl_robots).
        const gap = Math.max(this.options.minDelayMs, this.local.crawlDelay(host));
        await this.store.frontier.endHostTurn(host, this.worker, Date.now() + gap);
      }
    });
  }

  private async takeTurn(host: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      const turn = await this.store.frontier.takeHostTurn(
        host,
        this.worker,
        now,
        now + TURN_LEASE_MS,
      );
      if (turn.granted) return;
      // A holder of this machine that died (kill -9) gives its turn back at once.
      if (turn.holder && isDeadLocalWorker(turn.holder)) {
        await this.store.frontier.releaseWorkers([turn.holder]);
        continue;
      }
      if (turn.waitUntil - now > this.options.maxWaitMs)
        throw new HostBackedOff(host, turn.waitUntil);
      await sleep(Math.min(POLL_MS, Math.max(1, turn.waitUntil - now)));
    }
  }

  private async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
  }

  private share(write: Promise<void>): void {
    this.pending.push(write.catch(() => {}));
  }

  setCrawlDelay(host: string, ms: number): void {
    if (this.local.crawlDelay(host) === ms) return; // set on every request: share a change only
    this.local.setCrawlDelay(host, ms);
    this.share(this.store.frontier.updateHost(host, { crawlDelayMs: ms }));
  }

  deferUntil(host: string, until: number): void {
    this.local.deferUntil(host, until);
    this.share(this.store.frontier.updateHost(host, { blockedUntil: until }));
  }

  recordOk(host: string): void {
    const had = this.local.strikes(host);
    this.local.recordOk(host);
    if (had > 0) this.share(this.store.frontier.updateHost(host, { strikes: 0 }));
  }

  recordHostile(host: string): void {
    this.local.recordHostile(host);
    this.share(
      this.store.frontier.updateHost(host, {
        strikes: this.local.strikes(host),
        blockedUntil: this.local.blockedUntil(host),
      }),
    );
  }

  blockedUntil(host: string): number {
    return this.local.blockedUntil(host);
  }
}

/** robots.txt as every worker of the archive reads it (`crawl_robots`). */
export function sharedRobots(store: ArchiveStore): SharedRobots {
  return {
    async get(origin) {
      const record = await store.frontier.getRobots(origin);
      return record
        ? { status: record.status, body: record.body, expiresAt: record.expiresAt }
        : null;
    },
    put: (origin, response, fetchedAt, expiresAt) =>
      store.frontier.putRobots({
        origin,
        status: response.status,
        body: response.body,
        fetchedAt,
        expiresAt,
      }),
  };
}
