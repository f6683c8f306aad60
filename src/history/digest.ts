/**
 * What's new in the archive between two days (UTC, inclusive), for all sources or one: the texts it
 * received (by their first sighting, whatever their publication date), the edits, removals and
 * re-appearances it observed, and the coverage flags of those days. One assembly for the /new page
 * and its Atom feed.
 */
import { Problem } from '../errors.js';
import type { ArticleEventKind } from '../model/types.js';
import { searchArchive, type SearchHit } from '../search/search.js';
import type { ArchiveStore, ArticleEventView } from '../store/types.js';
import { listChanges } from './changes.js';
import { addDays, calendarDay, coverageReport } from './coverage-report.js';
import type { CoverageFlag } from './coverage.js';

/** Items of each list shown; every total is exact. */
export const DIGEST_ITEMS = 50;
/** The longest digest: a month of days. */
export const DIGEST_MAX_DAYS = 31;

export interface DigestList<T> {
  total: number;
  items: T[];
}

export interface Digest {
  since: string;
  until: string;
  sourceId: string | null;
  /** The search that lists every text received in the span (for a link and an export). */
  query: string;
  received: DigestList<SearchHit>;
  edits: DigestList<ArticleEventView>;
  removals: DigestList<ArticleEventView>;
  restorations: DigestList<ArticleEventView>;
  flags: CoverageFlag[];
}

export interface DigestRequest {
  sourceId?: string;
  /** First day; default the day before `today`. */
  since?: string;
  /** Last day; default `today`. */
  until?: string;
  today: string;
}

export async function archiveDigest(store: ArchiveStore, req: DigestRequest): Promise<Digest> {
  for (const name of ['since', 'until'] as const) {
    const day = req[name];
    if (day !== undefined && calendarDay(day) === null)
      throw new Problem(400, 'bad_request', `${name}: not a calendar day: "${day}"`);
  }
  const until = req.until ?? req.today;
  const since = req.since ?? addDays(until, -1);
  if (since > until) throw new Problem(400, 'bad_request', 'since: after until');
  if (addDays(since, DIGEST_MAX_DAYS - 1) < until)
    throw new Problem(400, 'bad_request', `a digest covers at most ${DIGEST_MAX_DAYS} days`);
  const source = req.sourceId ? ` source:${req.sourceId}` : '';
  const query = `archived:${since}..${until}${source}`;
  const events = (kind: ArticleEventKind) =>
    listChanges(store, {
      sourceId: req.sourceId,
      kinds: [kind],
      from: since,
      to: `${until}T23:59:59.999Z`,
      limit: DIGEST_ITEMS,
    });
  const [received, edits, removals, restorations, coverage] = await Promise.all([
    searchArchive(store, { query, sort: 'newest', limit: DIGEST_ITEMS }),
    events('edit'),
    events('deleted'),
    events('restored'),
    coverageReport(store, { sourceId: req.sourceId, from: since, to: until, today: req.today }),
  ]);
  return {
    since,
    until,
    sourceId: req.sourceId ?? null,
    query,
    received: { total: received.total, items: received.hits },
    edits,
    removals,
    restorations,
    flags: coverage.flags,
  };
}
