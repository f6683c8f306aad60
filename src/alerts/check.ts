/**
 * Turns what is new into alerts: for every saved search, its hits received since its last check; for
 * every follow, an article's edits, removals and restorations, a person's or a source's new articles,
 * a followed source's coverage flags of the days completed since (each day's flags once, when the
 * day is over), and a followed person's absence (once per absence). Each user's alerts are queued
 * on each of their channels — one delivery per alert, or one digest per check — and sent later by
 * deliver.ts, so a check never waits on a receiver.
 */
import { followNews, newHits } from '../accounts/watch.js';
import { addDays, coverageReport } from '../history/coverage-report.js';
import type { SearchHit } from '../search/search.js';
import type { Article } from '../model/types.js';
import type { ArchiveStore, Follow } from '../store/types.js';
import { personReport } from '../history/people.js';
import { alertMessage, type Alert, type AlertArticle } from './payload.js';

/** Articles named in one alert; the total says how many there were. */
const ARTICLES_PER_ALERT = 20;

export interface CheckReport {
  savedSearches: number;
  follows: number;
  alerts: number;
  deliveries: number;
}

function articleOf(h: SearchHit, origin: string): AlertArticle {
  return {
    id: h.id,
    title: h.title.segments.map((s) => s.text).join(''),
    url: h.url,
    link: `${origin}/articles/${encodeURIComponent(h.id)}`,
  };
}

/**
 * A followed person's absence, once: flagged now (analyse/profile.ts: far beyond their usual gap,
 * measured to the archive's newest sighting) and not yet told of for this last sighting. A person
 * seen again is forgotten, so a later absence is told of too.
 */
async function newAbsence(
  store: ArchiveStore,
  f: Follow,
): Promise<{ lastSeen: string; days: number; usualGap: number | null } | null> {
  const absence = (await personReport(store, f.target))?.absence ?? null;
  if (!absence?.flagged) {
    if (f.absenceAlerted !== null) await store.watch.markAbsenceAlerted(f.id, null);
    return null;
  }
  if (f.absenceAlerted === absence.lastSeen) return null;
  await store.watch.markAbsenceAlerted(f.id, absence.lastSeen);
  return { lastSeen: absence.lastSeen, days: absence.days, usualGap: absence.usualGap };
}

export async function checkAlerts(
  store: ArchiveStore,
  options: { now: Date; origin: string },
): Promise<CheckReport> {
  const at = options.now.toISOString();
  const today = at.slice(0, 10);
  const byUser = new Map<number, Alert[]>();
  const add = (userId: number, alert: Alert) =>
    byUser.set(userId, [...(byUser.get(userId) ?? []), alert]);
  const searches = await store.watch.listSavedSearches();
  // Every search's new hits come from the same few new articles: each is read once.
  const documentCache = new Map<number, Article>();
  for (const saved of searches) {
    const found = await newHits(store, saved, {
      since: saved.alertedAt,
      limit: ARTICLES_PER_ALERT,
      snippets: false,
      documentCache,
    });
    if (found.total > 0)
      add(saved.userId, {
        type: 'saved-search',
        savedSearch: { id: saved.id, name: saved.name, query: saved.query },
        total: found.total,
        articles: found.hits.map((h) => articleOf(h, options.origin)),
      });
    await store.watch.markAlerted('search', saved.id, at);
  }
  const follows = await store.watch.listAllFollows();
  for (const f of follows) {
    const news = await followNews(store, { ...f, lastSeenAt: f.alertedAt }, ARTICLES_PER_ALERT);
    const flags =
      f.kind === 'source' && f.alertedAt.slice(0, 10) < today
        ? (
            await coverageReport(store, {
              sourceId: f.target,
              from: f.alertedAt.slice(0, 10),
              to: addDays(today, -1),
              today,
            })
          ).flags
        : [];
    const absence = f.kind === 'person' ? await newAbsence(store, f) : null;
    if (news.count > 0 || flags.length > 0 || absence)
      add(f.userId, {
        type: 'follow',
        follow: { id: f.id, kind: f.kind, target: f.target, label: f.label },
        total: news.count,
        articles: (news.articles?.hits ?? []).map((h) => articleOf(h, options.origin)),
        events: (news.events ?? []).map((e) => ({
          kind: e.kind,
          at: e.at,
          change: e.change,
          reason: e.reason,
          versionSeq: e.versionSeq,
        })),
        flags: flags.map((x) => ({ kind: x.kind, day: x.day, detail: x.detail })),
        absence,
      });
    await store.watch.markAlerted('follow', f.id, at);
  }
  let alerts = 0;
  let deliveries = 0;
  for (const [userId, list] of byUser) {
    alerts += list.length;
    for (const channel of await store.alerts.listChannels(userId)) {
      const groups = channel.mode === 'digest' ? [list] : list.map((a) => [a]);
      const queued = groups.map((group) => {
        const message = alertMessage(group, at);
        return {
          channelId: channel.id,
          createdAt: at,
          subject: message.subject,
          payload: message.json,
        };
      });
      await store.alerts.enqueue(queued);
      deliveries += queued.length;
    }
  }
  return { savedSearches: searches.length, follows: follows.length, alerts, deliveries };
}
