/**
 * Sweeps: re-checking many articles at once — a whole source (`wirewatch recheck --source`, a
 * deletion spike), a span of publication dates, or every article a search finds (everything naming a
 * purged official). A sweep is frontier work: its items become due now at sweep priority, any worker
 * takes them, and a stopped sweep goes on where it stopped. Only articles on a configured source's
 * site can be re-checked; the others are counted, not fetched.
 */
import { matchingDocuments } from '../../search/search.js';
import type { SearchLimits } from '../../config.js';
import { SourceCache } from '../../ingest/sources-cache.js';
import type {
  ArchiveStore,
  Sweep,
  SweepItem,
  SweepRequester,
  SweepScope,
} from '../../store/types.js';
import { profileById } from '../../extract/sites/index.js';
import { fullDay } from '../../model/label.js';
import { listUrl, type SourceConfig } from '../sources/config.js';
import { hostOf, onSite } from './seed.js';

export interface SweepRequest {
  /** Crawl source ids (the sources file); empty: every source. */
  sources: string[];
  /** An archive source (id or label): only the crawl sources that archive into it. */
  sourceId?: string | null;
  published?: { from: string; to: string } | null;
  query?: string | null;
  requestedBy: SweepRequester;
  reason?: string | null;
  limits?: SearchLimits;
  now?: string;
}

export interface PlannedSweep {
  sweep: Sweep;
  /** Articles in scope whose URL is on no configured source's site: not re-checked. */
  skipped: number;
  /** True when an unfinished sweep of the same scope was found and goes on instead. */
  resumed: boolean;
}

/** A sweep request that cannot be carried out (an unknown source, no crawl source at all). */
export class SweepScopeError extends Error {}

const BATCH = 1000;

/**
 * `2012`, `2012-03`, `2012-03-04`, or `FROM..TO` of those: inclusive `YYYY-MM-DD` bounds of
 * publication dates, or why the text is none.
 */
export function parsePublishedSpan(text: string): { from: string; to: string } | { error: string } {
  const [a, b, extra] = text.split('..');
  if (extra !== undefined || !a)
    return { error: `expected FROM..TO, e.g. 2013-12-01..2013-12-31 (got "${text}")` };
  const from = dayBound(a, 'from');
  const to = dayBound(b || a, 'to');
  if ('error' in from) return from;
  if ('error' in to) return to;
  if (from.day > to.day) return { error: `${from.day} is after ${to.day}` };
  return { from: from.day, to: to.day };
}

function dayBound(part: string, side: 'from' | 'to'): { day: string } | { error: string } {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(part.trim());
  const month = m?.[2] ? Number(m[2]) : null;
  if (!m || (month !== null && (month < 1 || month > 12)))
    return { error: `"${part}" is not a year, month (YYYY-MM) or day (YYYY-MM-DD)` };
  if (month === null) return { day: side === 'from' ? `${m[1]}-01-01` : `${m[1]}-12-31` };
  const last = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  const day = m[3] ? Number(m[3]) : side === 'from' ? 1 : last;
  if (day < 1 || day > last) return { error: `${part} is not a day of the calendar` };
  return { day: `${m[1]}-${m[2]}-${String(day).padStart(2, '0')}` };
}

/** The archive source a crawl source's pages go to: the one the file names, else the profile's. */
export async function archiveSourceOf(
  cache: SourceCache,
  source: SourceConfig,
): Promise<string | null> {
  const name = source.archiveSource ?? profileById(source.profile)?.sourceId ?? null;
  return name ? ((await cache.resolve(name, null))?.id ?? null) : null;
}

/** The crawl sources a request covers, each with its archive source. */
async function inScope(
  store: ArchiveStore,
  all: SourceConfig[],
  req: SweepRequest,
): Promise<Array<{ source: SourceConfig; archiveId: string | null }>> {
  const unknown = req.sources.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length) throw new SweepScopeError(`no source "${unknown[0]}" in the sources file`);
  const chosen = req.sources.length ? all.filter((s) => req.sources.includes(s.id)) : all;
  if (!chosen.length)
    throw new SweepScopeError('no sources to re-check; add one with `wirewatch sources add`');
  const cache = new SourceCache(store);
  const withArchive = await Promise.all(
    chosen.map(async (source) => ({ source, archiveId: await archiveSourceOf(cache, source) })),
  );
  if (!req.sourceId) return withArchive;
  const wanted = (await cache.resolve(req.sourceId, null))?.id ?? req.sourceId;
  const matching = withArchive.filter((s) => s.archiveId === wanted);
  if (!matching.length)
    throw new SweepScopeError(`no configured source archives into "${req.sourceId}"`);
  return matching;
}

const inSpan = (pubDate: string | null, span: SweepRequest['published']) =>
  !span || (pubDate !== null && pubDate >= span.from && pubDate <= span.to);

/** Items for the articles in scope, and how many in scope no source can fetch. */
async function articleItems(
  store: ArchiveStore,
  scoped: Array<{ source: SourceConfig; archiveId: string | null }>,
  req: SweepRequest,
): Promise<{ items: SweepItem[]; skipped: number }> {
  const items: SweepItem[] = [];
  let skipped = 0;
  const take = (url: string | null, sourceId: string, pubDate: string | null) => {
    if (!url || !inSpan(pubDate, req.published)) return;
    const by = scoped.find((s) => s.archiveId === sourceId && onSite(url, s.source));
    if (!by) return void skipped++;
    items.push({ url, kind: 'article', crawlSource: by.source.id, host: hostOf(url) });
  };
  if (req.query) {
    const docs = await matchingDocuments(store, req.query, { limits: req.limits });
    const archives = new Set(scoped.map((s) => s.archiveId));
    for (let i = 0; i < docs.length; i += BATCH) {
      const found = await store.search.documents(docs.slice(i, i + BATCH));
      for (const a of found.values()) {
        if (!archives.has(a.sourceId)) continue;
        take(a.url, a.sourceId, fullDay(a.published));
      }
    }
    return { items, skipped };
  }
  for (const archiveId of new Set(scoped.map((s) => s.archiveId))) {
    if (!archiveId) continue;
    for (let after = 0; ;) {
      const rows = await store.frontier.checkableArticles(archiveId, after, BATCH);
      if (!rows.length) break;
      for (const row of rows) take(row.url, archiveId, row.pubDate);
      after = rows.at(-1)!.key;
    }
  }
  return { items, skipped };
}

const sameScope = (a: SweepScope, b: SweepScope) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Creates the sweep (or finds the unfinished one of the same scope and goes on with it). A sweep of
 * whole sources also walks their lists to the last page: what was added, and what dropped out of
 * every page.
 */
export async function planSweep(
  store: ArchiveStore,
  all: SourceConfig[],
  req: SweepRequest,
): Promise<PlannedSweep> {
  const scoped = await inScope(store, all, req);
  const whole = !req.published && !req.query;
  const scope: SweepScope = {
    crawlSources: scoped.map((s) => s.source.id),
    sourceId: req.sourceId ?? null,
    published: req.published ?? null,
    query: req.query ?? null,
    lists: whole,
  };
  const open = await store.frontier.listSweeps({ unfinished: true, limit: 100 });
  const same = open.items.find((s) => sameScope(s.scope, scope));
  if (same) return { sweep: same, skipped: 0, resumed: true };
  const { items, skipped } = await articleItems(store, scoped, req);
  if (whole) {
    for (const { source } of scoped) {
      for (const list of source.lists) {
        const url = listUrl(source, list);
        items.push({ url, kind: 'list', crawlSource: source.id, host: hostOf(url) });
      }
    }
  }
  const sweep = await store.frontier.createSweep(
    {
      createdAt: req.now ?? new Date().toISOString(),
      requestedBy: req.requestedBy,
      scope,
      reason: req.reason ?? null,
    },
    items,
  );
  return { sweep, skipped, resumed: false };
}
