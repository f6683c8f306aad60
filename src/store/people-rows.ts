/**
 * Rows of the people tables as both engines return them (the same column names), turned into the
 * types of people-types.ts. No SQL here beyond the ORDER BY terms both engines share (the summary's
 * columns are quoted aliases in both).
 */
import type {
  ActivityView,
  MentionView,
  PeopleOrder,
  PersonRole,
  RemovalView,
  StoredActivity,
} from './people-types.js';

export interface MentionRow {
  article_rowid?: number;
  article_seq?: number;
  version_seq: number;
  ord: number;
  person_id: string;
  name: string;
  printed: string;
  role: string;
  activity: number | null;
  rank: number | null;
  titles: string;
  count: number;
  paragraph: number;
  sentence: string;
  article_id?: string;
  source_id?: string;
  title?: string | null;
  pub_date?: string | null;
}

export interface ActivityRow {
  article_rowid?: number;
  article_seq?: number;
  version_seq: number;
  ord: number;
  leader_id: string;
  kind: string;
  object: string;
  place: string | null;
  sentence: string;
  flash: number | boolean;
  article_id: string;
  source_id: string;
  title: string | null;
  pub_date: string | null;
}

export interface RemovalRow {
  version_seq: number;
  person_id: string;
  name: string;
  at: string;
  article_id: string;
  source_id: string;
  title: string | null;
  pub_date: string | null;
}

export const PEOPLE_ORDER: Record<PeopleOrder, string> = {
  appearances: '"appearances" DESC, "articles" DESC, "personId"',
  mentions: '"mentions" DESC, "personId"',
  // The undated last on both engines (PostgreSQL would put NULL first when descending). Bare
  // output names only: PostgreSQL takes no expression over them (`"lastSeen" IS NULL` failed there).
  'last-seen': '"lastSeen" DESC NULLS LAST, "articles" DESC, "personId"',
  name: '"name", "personId"',
};

export function mentionFromRow(r: MentionRow): MentionView {
  return {
    personId: r.person_id,
    name: r.name,
    printed: r.printed,
    role: r.role as PersonRole,
    activity: r.activity,
    rank: r.rank,
    titles: JSON.parse(r.titles) as string[],
    count: Number(r.count),
    paragraph: r.paragraph,
    sentence: r.sentence,
    articleId: r.article_id ?? '',
    seq: r.version_seq,
    sourceId: r.source_id ?? '',
    title: r.title ?? null,
    pubDate: r.pub_date ?? null,
  };
}

export function activityFromRow(r: ActivityRow): StoredActivity & {
  articleId: string;
  seq: number;
  sourceId: string;
  title: string | null;
  pubDate: string | null;
} {
  return {
    ord: r.ord,
    leaderId: r.leader_id,
    kind: r.kind,
    object: r.object,
    place: r.place,
    sentence: r.sentence,
    flash: r.flash === true || r.flash === 1,
    articleId: r.article_id,
    seq: r.version_seq,
    sourceId: r.source_id,
    title: r.title,
    pubDate: r.pub_date,
  };
}

export function removalFromRow(r: RemovalRow): RemovalView {
  return {
    personId: r.person_id,
    name: r.name,
    articleId: r.article_id,
    seq: r.version_seq,
    at: r.at,
    sourceId: r.source_id,
    title: r.title,
    pubDate: r.pub_date,
  };
}

/** Puts each activity's people (rows of its version, keyed "article:version") into it, in order. */
export function gatherActivities(
  activities: ReturnType<typeof activityFromRow>[],
  rows: ActivityRow[],
  members: Map<string, MentionRow[]>,
): ActivityView[] {
  return activities.map((a, i) => {
    const r = rows[i]!;
    const inIt = (members.get(`${r.article_rowid ?? r.article_seq}:${r.version_seq}`) ?? []).filter(
      (m) => m.activity === a.ord,
    );
    const pick = (role: PersonRole) =>
      inIt
        .filter((m) => m.role === role)
        .sort((x, y) => (x.rank ?? x.ord) - (y.rank ?? y.ord))
        .map((m) => ({ personId: m.person_id, name: m.name }));
    return {
      ...a,
      leader: inIt.find((m) => m.role === 'leader')?.name ?? a.leaderId,
      companions: pick('companion'),
      greeters: pick('greeter'),
      met: pick('met'),
    };
  });
}
