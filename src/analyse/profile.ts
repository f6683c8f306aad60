/**
 * One person across the archive, from the rows the store keeps (pure): mentions per month, titles
 * with when each was first and last printed, appearances beside a leader, who appeared with the
 * person, the place in the printed order over time, and how long since last seen against the
 * person's own rhythm. The flags (a long absence, a fall in protocol rank) follow stated rules
 * (docs/people.md) so that a reader can check them against the articles they come from.
 */

export interface MentionFact {
  articleId: string;
  pubDate: string | null;
  titles: string[];
  count: number;
  role: string;
}

export interface ActivityFact {
  articleId: string;
  pubDate: string | null;
  leaderId: string;
  leader: string;
  kind: string;
  flash: boolean;
  companions: { personId: string; name: string }[];
}

export interface TitleSpan {
  title: string;
  first: string | null;
  last: string | null;
  articles: number;
}

export interface RankPoint {
  date: string | null;
  articleId: string;
  rank: number;
  of: number;
}

export interface Absence {
  lastSeen: string;
  /** Days from the last sighting to `asOf`. */
  days: number;
  /** The gap between sightings the person usually shows (90th percentile), when there are enough. */
  usualGap: number | null;
  /** True when `days` is far beyond the usual gap (ABSENCE_FACTOR times it, and ≥ MIN_ABSENCE_DAYS). */
  flagged: boolean;
}

export interface PersonProfile {
  months: { month: string; mentions: number; articles: number }[];
  titles: TitleSpan[];
  appearances: number;
  coAppearances: { personId: string; name: string; count: number }[];
  rank: RankPoint[];
  rankDrop: boolean;
}

/** Sightings needed before a rhythm is trusted, and how far beyond it an absence is flagged. */
export const MIN_SIGHTINGS = 6;
export const ABSENCE_FACTOR = 3;
export const MIN_ABSENCE_DAYS = 30;

const dayNumber = (iso: string) =>
  Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);

export function absenceOf(days: readonly string[], asOf: string): Absence | null {
  const seen = [...new Set(days.map((d) => d.slice(0, 10)))].sort();
  const last = seen.at(-1);
  if (!last) return null;
  const since = dayNumber(asOf) - dayNumber(last);
  const gaps = seen.slice(1).map((d, i) => dayNumber(d) - dayNumber(seen[i]!));
  const usualGap = seen.length >= MIN_SIGHTINGS ? percentile(gaps, 0.9) : null;
  const flagged =
    usualGap !== null &&
    since >= MIN_ABSENCE_DAYS &&
    since > ABSENCE_FACTOR * Math.max(1, usualGap);
  return { lastSeen: last, days: since, usualGap, flagged };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/**
 * A fall in protocol rank: the median place of the last RECENT appearances is at least RANK_FALL
 * places below the median of the ones before (at least RECENT of those too).
 */
export const RECENT = 3;
export const RANK_FALL = 3;

export function rankDropped(points: readonly RankPoint[]): boolean {
  if (points.length < 2 * RECENT) return false;
  const median = (xs: number[]) => percentile(xs, 0.5);
  const recent = median(points.slice(-RECENT).map((p) => p.rank));
  const before = median(points.slice(0, -RECENT).map((p) => p.rank));
  return recent - before >= RANK_FALL;
}

export function personProfile(
  personId: string,
  mentions: readonly MentionFact[],
  activities: readonly ActivityFact[],
): PersonProfile {
  const months = new Map<string, { mentions: number; articles: Set<string> }>();
  const titles = new Map<string, TitleSpan & { seen: Set<string> }>();
  for (const m of mentions) {
    if (m.role !== 'mention') continue;
    const month = m.pubDate?.slice(0, 7) ?? 'unknown';
    const bucket = months.get(month) ?? { mentions: 0, articles: new Set<string>() };
    bucket.mentions += m.count;
    bucket.articles.add(m.articleId);
    months.set(month, bucket);
    for (const t of m.titles) {
      const span = titles.get(t) ?? {
        title: t,
        first: null,
        last: null,
        articles: 0,
        seen: new Set(),
      };
      if (!span.seen.has(m.articleId)) {
        span.seen.add(m.articleId);
        span.articles++;
      }
      if (m.pubDate && (!span.first || m.pubDate < span.first)) span.first = m.pubDate;
      if (m.pubDate && (!span.last || m.pubDate > span.last)) span.last = m.pubDate;
      titles.set(t, span);
    }
  }
  const counted = activities.filter((a) => !a.flash);
  const together = new Map<string, { personId: string; name: string; count: number }>();
  const rank: RankPoint[] = [];
  for (const a of counted) {
    const everyone = [{ personId: a.leaderId, name: a.leader }, ...a.companions];
    for (const p of everyone) {
      if (p.personId === personId) continue;
      const c = together.get(p.personId) ?? { ...p, count: 0 };
      c.count++;
      together.set(p.personId, c);
    }
    const at = a.companions.findIndex((p) => p.personId === personId);
    if (at >= 0)
      rank.push({ date: a.pubDate, articleId: a.articleId, rank: at + 1, of: a.companions.length });
  }
  return {
    months: [...months]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, b]) => ({ month, mentions: b.mentions, articles: b.articles.size })),
    titles: [...titles.values()]
      .map(({ seen: _seen, ...span }) => span)
      .sort((a, b) => (a.first ?? '').localeCompare(b.first ?? '') || b.articles - a.articles),
    appearances: counted.length,
    coAppearances: [...together.values()].sort(
      (a, b) => b.count - a.count || a.name.localeCompare(b.name),
    ),
    rank,
    rankDrop: rankDropped(rank),
  };
}

export interface PersonFlag {
  personId: string;
  name: string;
  kind: 'absence' | 'rank-drop';
  /** The day the flag is about: the last sighting, or the appearance that showed the fall. */
  day: string;
  text: string;
}

/**
 * The flags across everyone: absences far beyond a person's usual gap (measured to `asOf`, the
 * archive's newest day) and falls in protocol rank, newest first.
 */
export function peopleFlags(
  sightings: readonly { personId: string; name: string; days: string[] }[],
  ranks: readonly (RankPoint & { personId: string; name: string })[],
  asOf: string,
): PersonFlag[] {
  const flags: PersonFlag[] = [];
  for (const s of sightings) {
    const a = absenceOf(s.days, asOf);
    if (!a?.flagged) continue;
    flags.push({
      personId: s.personId,
      name: s.name,
      kind: 'absence',
      day: a.lastSeen,
      text: `${s.name}: last seen ${a.lastSeen}, absent for ${a.days} days (usual gap ${a.usualGap} days)`,
    });
  }
  const byPerson = new Map<string, (RankPoint & { personId: string; name: string })[]>();
  for (const r of ranks) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  for (const [personId, points] of byPerson) {
    if (!rankDropped(points)) continue;
    const last = points.at(-1)!;
    flags.push({
      personId,
      name: last.name,
      kind: 'rank-drop',
      day: last.date ?? asOf,
      text: `${last.name}: listed ${points
        .slice(-RECENT)
        .map((p) => `${p.rank} of ${p.of}`)
        .join(', ')} in the latest appearances, lower than before`,
    });
  }
  return flags.sort((x, y) => y.day.localeCompare(x.day) || x.name.localeCompare(y.name));
}
