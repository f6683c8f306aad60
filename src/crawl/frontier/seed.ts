/**
 * What feeds the frontier besides the walks: the sources file's lists (one entry per list, polled
 * every `pollMinutes`, walked to the end every `walkEvery`) and the archive's own articles of each
 * source (imported, or crawled before the frontier existed), read once each — the table is read from
 * where the last seeding stopped — and scheduled by the re-check policy.
 */
import { nextCheckAt } from '../recheck.js';
import { listUrl, recheckPolicy, walkInterval, type SourceConfig } from '../sources/config.js';
import {
  PRIORITY,
  type ArchiveStore,
  type EnqueueMode,
  type FrontierSeed,
} from '../../store/types.js';

const BATCH = 1000;
/** A date no schedule reaches: an entry kept for sweeps, never due on its own. */
export const NEVER = '9999-12-31T00:00:00.000Z';

/** True when `url` is on the source's site (its base URL's origin): the only URLs a source fetches. */
export function onSite(url: string, source: Pick<SourceConfig, 'baseUrl'>): boolean {
  if (!URL.canParse(url)) return false;
  return new URL(url).origin === new URL(source.baseUrl).origin;
}

export const hostOf = (url: string) => new URL(url).hostname;

/**
 * One entry per list of the source; lists no longer in the file are dropped. `sooner` makes every
 * list due now (a one-pass `wirewatch crawl` polls each list once, whatever its interval).
 */
export async function syncLists(
  store: ArchiveStore,
  source: SourceConfig,
  now: number,
  mode: EnqueueMode,
): Promise<void> {
  const urls = source.lists.map((list) => listUrl(source, list));
  const walk = walkInterval(source);
  const seeds: FrontierSeed[] = urls.map((url) => ({
    url,
    crawlSource: source.id,
    kind: 'list',
    host: hostOf(url),
    priority: PRIORITY.list,
    dueAt: new Date(now).toISOString(),
    walkDueAt: walk === null ? null : new Date(now + walk).toISOString(),
  }));
  await store.frontier.enqueue(seeds, mode);
  await store.frontier.pruneLists(source.id, urls);
}

/** The archive's articles of the source not yet read into the frontier; returns how many were added. */
export async function seedArticles(
  store: ArchiveStore,
  source: SourceConfig,
  archiveSourceId: string,
): Promise<number> {
  const policy = recheckPolicy(source);
  let mark = await store.frontier.seedMark(source.id);
  let added = 0;
  for (;;) {
    const rows = await store.frontier.checkableArticles(archiveSourceId, mark, BATCH);
    if (!rows.length) return added;
    const seeds: FrontierSeed[] = [];
    for (const row of rows) {
      if (!onSite(row.url, source)) continue;
      // A headline known only from an imported list is checked on the same schedule, not fetched
      // at once: a backfill of 100,000 old headlines must not become 100,000 requests to one host.
      const next = nextCheckAt(row, Date.parse(row.checkedAt ?? row.firstSeen), policy);
      seeds.push({
        url: row.url,
        crawlSource: source.id,
        kind: 'article',
        host: hostOf(row.url),
        priority: PRIORITY.recheck,
        dueAt: next === null ? NEVER : new Date(next).toISOString(),
      });
    }
    added += await store.frontier.enqueue(seeds, 'keep');
    mark = rows.at(-1)!.key;
    await store.frontier.setSeedMark(source.id, mark);
  }
}
