/**
 * Atom feeds of the archive's history: `/feeds/changes` (edits, removals, re-appearances, filtered like
 * the /changes page), `/feeds/coverage` (one entry per coverage flag of the last 30 days) and
 * `/feeds/new` (what's new, one entry per complete day of the last two weeks, for all or `?source=`). Entry
 * ids are built from what identifies the event in the store (article, kind, time; or source, flag,
 * day), so they are the same on every request and a feed reader shows each once.
 */
import type { Context, Hono } from 'hono';
import {
  changeLabel,
  listChanges,
  NOTABLE_CHANGES,
  parseChanges,
  parseKind,
} from '../history/changes.js';
import { addDays, coverageReport, flagText, utcToday } from '../history/coverage-report.js';
import type { CoverageFlag } from '../history/coverage.js';
import type { ArchiveStore, ArticleEventView, Sweep } from '../store/types.js';
import type { AppOptions } from '../server/app.js';
import { linkOrigin } from '../server/hosts.js';
import { changesHref } from '../web/pages/changes.js';
import { renderAtom, type AtomEntry, type AtomFeed } from './atom.js';

const ENTRIES = 50;

export function send(c: Context, feed: Omit<AtomFeed, 'updated'>): Response {
  const updated = feed.entries.reduce(
    (max, e) => (e.updated > max ? e.updated : max),
    '1970-01-01T00:00:00Z',
  );
  return c.body(renderAtom({ ...feed, updated }), 200, {
    'Content-Type': 'application/atom+xml; charset=utf-8',
  });
}

export function changeEntry(e: ArticleEventView, origin: string, sourceLabel: string): AtomEntry {
  const article = `${origin}/articles/${encodeURIComponent(e.articleId)}`;
  const label = changeLabel(e);
  const diff = e.kind === 'edit' && e.versionSeq !== null && e.versionSeq > 1;
  return {
    id: `urn:wirewatch:change:${encodeURIComponent(e.articleId)}:${e.kind}:${e.at}`,
    title: `${label[0]!.toUpperCase()}${label.slice(1)}: ${e.title ?? `article ${e.articleId}`}`,
    updated: e.at,
    link: diff ? `${article}/diff?from=${e.versionSeq! - 1}&to=${e.versionSeq}` : article,
    summary: `${sourceLabel}: ${label}${e.reason ? ` (${e.reason})` : ''}${diff ? `, version ${e.versionSeq}` : ''}.`,
    categories: [e.sourceId, e.kind],
  };
}

export function historyFeedRoutes(app: Hono, { store, publicUrl, today }: AppOptions): void {
  const originOf = (c: Context) => linkOrigin(c.req.url, publicUrl);

  app.get('/changes', async (c) => {
    const origin = originOf(c);
    const { source, kind, change } = c.req.query();
    if (source && !(await store.getSource(source))) return c.text(`no source "${source}"`, 404);
    const kinds = kind ? parseKind(kind) : undefined;
    if (kinds === null)
      return c.text(`kind: expected edit, deleted or restored (got "${kind}")`, 400);
    const changes = change ? parseChanges(change) : [...NOTABLE_CHANGES];
    if (changes === null)
      return c.text(
        `change: expected a comma-separated list of body, headline, cosmetic (got "${change}")`,
        400,
      );
    const page = await listChanges(store, {
      sourceId: source || undefined,
      kinds: kinds ? [kinds] : undefined,
      changes,
      limit: ENTRIES,
    });
    const labels = new Map((await store.listSources()).map((s) => [s.id, s.label]));
    const params = new URLSearchParams();
    if (source) params.set('source', source);
    if (kinds) params.set('kind', kinds);
    params.set('change', changes.join(','));
    const query = params.toString();
    return send(c, {
      id: `urn:wirewatch:feed:changes:${query}`,
      title: `Changes${source ? ` in ${labels.get(source) ?? source}` : ''} · wirewatch`,
      selfLink: `${origin}/feeds/changes?${query}`,
      alternateLink: `${origin}${changesHref({ source: source ?? '', kind: kinds ?? null, cosmetic: changes.includes('cosmetic') })}`,
      entries: page.items.map((e) => changeEntry(e, origin, labels.get(e.sourceId) ?? e.sourceId)),
    });
  });

  app.get('/new', (c) => digestFeed(c, store, originOf(c), (today ?? utcToday)()));

  app.get('/coverage', async (c) => {
    const origin = originOf(c);
    const report = await coverageReport(store, { today: (today ?? utcToday)() });
    const labels = new Map((await store.listSources()).map((s) => [s.id, s.label]));
    const entries: AtomEntry[] = [];
    for (const f of report.flags.reverse()) {
      const label = labels.get(f.sourceId) ?? f.sourceId;
      const sweep = f.kind === 'deletion-spike' ? await escalationOf(store, f) : null;
      entries.push({
        id: `urn:wirewatch:flag:${encodeURIComponent(f.sourceId)}:${f.kind}:${f.day}`,
        title: `⚠ ${label}: ${f.kind === 'deletion-spike' ? 'deletion spike' : 'volume drop'} on ${f.day}`,
        // an escalation updates the entry, so a reader sees the sweep that answered the flag
        updated: sweep ? sweep.createdAt : `${f.day}T00:00:00Z`,
        link: sweep
          ? `${origin}/sweeps/${sweep.id}`
          : `${origin}/sources#coverage-${encodeURIComponent(f.sourceId)}`,
        summary: `${label}: ${flagText(f)}.${
          sweep
            ? ` A sweep of the whole source (sweep ${sweep.id}) was started at ${sweep.createdAt}: ${sweep.total - sweep.counts.pending} of ${sweep.total} checked so far, ${sweep.counts.removed} removed, ${sweep.counts.edited} edited.`
            : ''
        }`,
        categories: [f.sourceId, f.kind],
      });
    }
    return send(c, {
      id: 'urn:wirewatch:feed:coverage',
      title: 'Coverage flags · wirewatch',
      selfLink: `${origin}/feeds/coverage`,
      alternateLink: `${origin}/sources`,
      entries,
    });
  });
}

/** Days the digest feed looks back over; a day's entry appears once the day is over. */
const DIGEST_FEED_DAYS = 14;

/** `/feeds/new`: one entry per complete day with any activity, what the /new page shows for it. */
async function digestFeed(c: Context, store: ArchiveStore, origin: string, today: string) {
  const source = c.req.query('source') ?? '';
  const found = source ? await store.getSource(source) : null;
  if (source && !found) return c.text(`no source "${source}"`, 404);
  const yesterday = addDays(today, -1);
  const report = await coverageReport(store, {
    sourceId: source || undefined,
    from: addDays(today, -DIGEST_FEED_DAYS),
    to: yesterday,
    today,
  });
  const entries: AtomEntry[] = [];
  for (let day = yesterday; day >= report.from; day = addDays(day, -1)) {
    const days = report.days.filter((d) => d.day === day);
    const sum = (k: 'archived' | 'edits' | 'deletions' | 'restorations') =>
      days.reduce((n, d) => n + d[k], 0);
    const flags = report.flags.filter((f) => f.day === day);
    const counts = [
      [sum('archived'), 'text received', 'texts received'],
      [sum('edits'), 'edit', 'edits'],
      [sum('deletions'), 'removal', 'removals'],
      [sum('restorations'), 're-appearance', 're-appearances'],
    ] as const;
    if (counts.every(([n]) => n === 0) && flags.length === 0) continue;
    const text = counts
      .filter(([n]) => n > 0)
      .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
      .join(', ');
    const params = new URLSearchParams({ ...(source ? { source } : {}), since: day, until: day });
    entries.push({
      id: `urn:wirewatch:new:${encodeURIComponent(source || 'all')}:${day}`,
      title: `${day}: ${text || 'no texts'}${flags.length ? ` · ⚠ ${flags.length} coverage flag(s)` : ''}`,
      updated: `${day}T23:59:59Z`,
      link: `${origin}/new?${params}`,
      summary: [text ? `${text}.` : '', ...flags.map((f) => `⚠ ${f.sourceId}: ${flagText(f)}.`)]
        .filter(Boolean)
        .join(' '),
      categories: source ? [source] : [],
    });
  }
  return send(c, {
    id: `urn:wirewatch:feed:new:${encodeURIComponent(source || 'all')}`,
    title: `What's new${found ? ` in ${found.label}` : ''}, day by day · wirewatch`,
    selfLink: `${origin}/feeds/new${source ? `?source=${encodeURIComponent(source)}` : ''}`,
    alternateLink: `${origin}/new${source ? `?source=${encodeURIComponent(source)}` : ''}`,
    entries,
  });
}

/** The sweep a deletion spike set off (on its day or after), if it did. */
async function escalationOf(store: ArchiveStore, f: CoverageFlag): Promise<Sweep | null> {
  const found = await store.frontier.listSweeps({
    sourceId: f.sourceId,
    requestedBy: 'deletion-spike',
    since: `${f.day}T00:00:00.000Z`,
    limit: 1,
  });
  return found.items[0] ?? null;
}
