/**
 * One crawl pass (`wirewatch crawl`) over configured sources, through the crawl frontier: every list
 * polled from page 1 until known articles (walked to its last page when its deep walk is due), the
 * new article URLs fetched, then the known ones whose re-check is due and any sweep's items, within
 * the per-pass caps. Every exchange is stored as a WARC capture and processed by the driver before
 * the next step, so a pass stopped at any point loses nothing: what it did not reach stays due in the
 * frontier for the next pass, or for any worker.
 */
import { emptyReport, type IngestReport } from '../ingest/report.js';
import { drain, refreshSearch } from '../pipeline/driver.js';
import type { ArchiveStore } from '../store/types.js';
import type { SourceConfig } from './sources/config.js';
import {
  FrontierWorker,
  type CrawlProgress,
  type SourceCrawlReport,
  type WorkerOptions,
} from './frontier/worker.js';
import { PRIORITY } from '../store/types.js';

export type { CrawlProgress, SourceCrawlReport };

export type CrawlOptions = WorkerOptions;

export interface CrawlReport {
  sources: SourceCrawlReport[];
  /** Extraction counts over every capture of the pass. */
  extraction: IngestReport;
  /** Captures from an earlier, interrupted pass that were extracted first. */
  resumed: number;
  stopped: boolean;
}

/** Works on entries until none is due (or `stop`); returns how many it worked on. */
export async function workUntilIdle(
  worker: FrontierWorker,
  next: () => ReturnType<FrontierWorker['claim']>,
  stop: () => boolean,
): Promise<number> {
  let done = 0;
  while (!stop()) {
    const entry = await next();
    if (!entry) break;
    await worker.process(entry);
    done++;
  }
  return done;
}

export async function crawl(
  store: ArchiveStore,
  sources: SourceConfig[],
  options: CrawlOptions = {},
): Promise<CrawlReport> {
  const worker = new FrontierWorker(store, sources, options);
  // Resume: whatever an interrupted pass (or anything else) left in the queue goes first.
  const resumed = await drain(store, {
    report: worker.extraction,
    now: options.now,
    refresh: false,
  });
  const fetchedNew = new Map<string, number>();
  const rechecked = new Map<string, number>();
  const byId = new Map(sources.map((s) => [s.id, s]));
  const caps = {
    newLeft: (id: string) => (fetchedNew.get(id) ?? 0) < byId.get(id)!.maxNewPerPass,
    recheckLeft: (id: string) => (rechecked.get(id) ?? 0) < byId.get(id)!.recheck.maxPerPass,
  };
  try {
    await worker.prepare('sooner');
    await workUntilIdle(
      worker,
      async () => {
        const entry = await worker.claim(caps);
        if (entry?.priority === PRIORITY.new) bump(fetchedNew, entry.crawlSource);
        if (entry?.priority === PRIORITY.recheck) bump(rechecked, entry.crawlSource);
        return entry;
      },
      () => options.signal?.aborted === true,
    );
    await worker.escalatePending();
  } finally {
    await worker.close();
  }
  await refreshSearch(store);
  return {
    sources: sources.map((s) => worker.reports.get(s.id)!),
    extraction: worker.extraction ?? emptyReport(),
    resumed: resumed.processed,
    stopped: options.signal?.aborted === true,
  };
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
