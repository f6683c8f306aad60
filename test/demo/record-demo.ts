/**
 * Records the demonstration history: runs the real crawler once a simulated day against the staged
 * fixture site (demo-timeline.ts) into a fresh SQLite archive, then writes that archive's captures as a
 * WARC file with `export --warc`'s own code. `npm start` imports the file like any other WARC, so
 * every version, removal, restoration and flag the demo shows is derived again from the recorded bytes.
 *
 * Only the clock is simulated (vitest's fake Date): capture times, check times and the re-check
 * schedule all read it. Run inside vitest; `RECORD_DEMO=1 npx vitest run test/demo` rewrites the
 * bundled file (demo/demo-recording.warc.gz).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { vi } from 'vitest';
import { exportWarc } from '../../src/capture/export-warc.js';
import { crawl } from '../../src/crawl/crawler.js';
import { sourceConfigSchema } from '../../src/crawl/sources/config.js';
import { DEMO_SOURCE_LABEL } from '../../src/model/sources.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { FIXTURE_FETCHER } from '../helpers/fixture-site.js';
import { HISTORY_LIST, startHistorySite, type SiteArticle } from '../helpers/history-site.js';
import { DAYS, passTime, publishedBy, stageChanges } from './demo-timeline.js';

/** The host the recording names; `.test` never resolves outside the recorder. */
export const DEMO_HOST = 'demo-agency.test';
/** The port the bundled recording was made on (URLs keep it); tests record on any free port. */
export const DEMO_PORT = 48_731;

/** Every article rechecked at each daily pass: an offset just under each whole day, for a month. */
const DAILY = Array.from({ length: 30 }, (_, k) => `${24 * (k + 1) - 1}h`);

export interface Recording {
  warc: string;
  log: string[];
}

export async function recordDemo(dir: string, port = 0): Promise<Recording> {
  const articles: SiteArticle[] = [];
  const site = await startHistorySite(articles, 1000, port);
  const store = new SqliteStore(join(dir, 'recording.db'));
  const source = sourceConfigSchema.parse({
    id: 'demo',
    profile: 'kcna-en',
    archiveSource: DEMO_SOURCE_LABEL,
    baseUrl: `http://${DEMO_HOST}:${site.port}`,
    lists: [HISTORY_LIST],
    delayMs: 0,
    allowPrivate: true,
    walkEvery: '1d',
    recheck: { after: DAILY, monthlySample: 0, maxPerPass: 1000 },
    onDeletionSpike: 'flag',
  });
  const log: string[] = [];
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  try {
    for (let day = 0; day < DAYS; day++) {
      publishedBy(day, articles);
      const staged = stageChanges(day, articles);
      vi.setSystemTime(passTime(day));
      const report = await crawl(store, [source], { fetcher: FIXTURE_FETCHER });
      const s = report.sources[0]!;
      log.push(
        `day ${day}: ${s.articlesFetched} fetched, ${s.rechecked} rechecked${staged ? `; ${staged}` : ''}`,
      );
    }
  } finally {
    vi.useRealTimers();
    await site.close();
  }
  const warc = join(dir, 'demo-recording.warc.gz');
  const out = createWriteStream(warc);
  await once(out, 'open');
  await exportWarc(store, out);
  out.end();
  await once(out, 'finish');
  await store.close();
  return { warc, log };
}
