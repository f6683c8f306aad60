/**
 * One crawl source's fetching, as the frontier's workers do it: its profile, its session cookies,
 * its politeness (shared with every worker through the archive), every exchange stored as a WARC
 * capture tagged with the profile and archive source, and then the driver run until those captures
 * are processed — so what the next step looks up (is this URL known? did the text change?) is
 * already in the archive, whichever worker processed them.
 */
import { archiveSink, type ArchiveSink } from '../fetch/archive-sink.js';
import { CookieJar } from '../fetch/cookies.js';
import {
  Fetcher,
  type FetcherOptions,
  type FetchOptions,
  type FetchResult,
} from '../fetch/fetcher.js';
import { profileById, type SiteProfile } from '../../extract/sites/index.js';
import type { IngestReport } from '../../ingest/report.js';
import type { SourceCache } from '../../ingest/sources-cache.js';
import { drain } from '../../pipeline/driver.js';
import type { ArchiveStore, CaptureRecord } from '../../store/types.js';
import { allowedNetworks, type SourceConfig } from '../sources/config.js';
import { SharedHostGate, sharedRobots } from './shared-gate.js';

export interface SourceFetcherContext {
  store: ArchiveStore;
  worker: string;
  sources: SourceCache;
  extraction: IngestReport;
  /** Options for the Fetcher (tests: resolver, timeouts); the source's delay and networks go on top. */
  fetcher?: FetcherOptions;
  now?: () => string;
  /** Where exchanges the store could not take are kept (./spool.ts); none: they are lost. */
  spoolDir?: string;
}

function failure(result: FetchResult): string | null {
  if (result.outcome === 'ok') return null;
  const status = result.status ? ` (HTTP ${result.status})` : '';
  return `${result.url}: ${result.outcome}${status}${result.reason ? `: ${result.reason}` : ''}`;
}

/** A capture another worker is processing is waited for this long at most. */
const SETTLE_MS = 120_000;

export class SourceFetcher {
  readonly profile: SiteProfile;
  readonly jar = new CookieJar();
  private readonly fetcher: Fetcher;
  private readonly sink: ArchiveSink;

  constructor(
    readonly source: SourceConfig,
    private readonly ctx: SourceFetcherContext,
  ) {
    this.profile = profileById(source.profile)!;
    const tags = {
      profile: this.profile.id,
      ...(source.archiveSource ? { source: source.archiveSource } : {}),
    };
    this.sink = archiveSink({ store: ctx.store, tags, spoolDir: ctx.spoolDir });
    const base = ctx.fetcher ?? {};
    this.fetcher = new Fetcher({
      ...base,
      guard: { ...base.guard, allow: [...(base.guard?.allow ?? []), ...allowedNetworks(source)] },
      politeness: { ...base.politeness, minDelayMs: source.delayMs },
      gate: (politeness) => new SharedHostGate(ctx.store, ctx.worker, politeness),
      sharedRobots: sharedRobots(ctx.store),
      onExchange: this.sink.onExchange,
    });
  }

  /** The archive source its pages belong to: the one the sources file names, else the profile's. */
  get archiveSourceName(): string | null {
    return this.source.archiveSource ?? this.profile.sourceId;
  }

  async close(): Promise<void> {
    await this.fetcher.close();
  }

  /**
   * Fetches (every exchange stored: robots.txt, redirects, retries), then drains until this fetch's
   * captures are processed. `errors` has one line for a failed fetch and one per line its
   * processing rejected.
   */
  async fetch(
    url: string,
    options: FetchOptions = {},
  ): Promise<{ result: FetchResult; captures: CaptureRecord[]; errors: string[] }> {
    const before = this.sink.captures.length;
    const result = await this.fetcher.fetch(url, { ...options, cookies: this.jar });
    const captures = this.sink.captures.slice(before);
    const errorsBefore = this.ctx.extraction.errors.length;
    await this.settle(captures);
    const errors = this.ctx.extraction.errors.slice(errorsBefore);
    const failed = failure(result);
    if (failed) errors.push(failed);
    return { result, captures, errors };
  }

  /** Drains (any worker's captures, oldest first) until these are processed or parked as failed. */
  async settle(captures: CaptureRecord[]): Promise<void> {
    const started = Date.now();
    const options = {
      worker: this.ctx.worker,
      report: this.ctx.extraction,
      sources: this.ctx.sources,
      now: this.ctx.now,
      refresh: false,
    };
    for (;;) {
      const open = [];
      for (const c of captures) {
        const stored = await this.ctx.store.getCapture(c);
        if (stored && !stored.processedAt && !stored.failedAt) open.push(stored);
      }
      if (!open.length || Date.now() - started > SETTLE_MS) return;
      const done = await drain(this.ctx.store, { ...options, limit: 1 });
      // Nothing to claim: another worker holds it; wait for it to finish.
      if (done.processed + done.failures === 0) await new Promise((r) => setTimeout(r, 100));
    }
  }
}
