/**
 * Continuous crawling (`wirewatch serve --crawl`): each source is crawled when its poll interval has
 * passed since its last pass, one pass at a time, until the signal aborts. A pass is `crawl` itself,
 * so stopping at any moment loses nothing.
 */
import type { ArchiveStore } from '../store/types.js';
import { crawl, type CrawlOptions, type CrawlReport } from './crawler.js';
import type { SourceConfig } from './sources/config.js';

export interface ScheduleOptions extends CrawlOptions {
  signal: AbortSignal;
  /** Called after each pass of one source. */
  onPass?: (source: string, report: CrawlReport) => void;
  clock?: () => number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function runSchedule(
  store: ArchiveStore,
  sources: SourceConfig[],
  options: ScheduleOptions,
): Promise<void> {
  const clock = options.clock ?? Date.now;
  const due = new Map(sources.map((s) => [s.id, clock()]));
  while (!options.signal.aborted && sources.length) {
    for (const source of sources) {
      if (options.signal.aborted) break;
      if (due.get(source.id)! > clock()) continue;
      try {
        const report = await crawl(store, [source], options);
        options.onPass?.(source.id, report);
      } catch (error) {
        process.stderr.write(
          `wirewatch: crawl of ${source.id} failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      }
      due.set(source.id, clock() + source.pollMinutes * 60_000);
    }
    const next = Math.min(...due.values());
    await sleep(Math.max(50, next - clock()), options.signal);
  }
}
