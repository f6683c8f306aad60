/** The PostgreSQL side of people: the counterpart of sqlite/people.ts, query for query. */
import type {
  ActivityView,
  CompanionRank,
  DerivePeople,
  MentionView,
  PeopleQuery,
  PersonSummary,
  RemovalView,
  StoredMention,
  VersionPeople,
} from '../people-types.js';
import { removedPersons } from '../../analyse/version-people.js';
import type { Page } from '../types.js';
import {
  activityFromRow,
  gatherActivities,
  mentionFromRow,
  PEOPLE_ORDER,
  removalFromRow,
  type ActivityRow,
  type MentionRow,
  type RemovalRow,
} from '../people-rows.js';
import type { Connection, Queryable } from './connection.js';

/** Truncated with the articles by `clearDerived`. */
export const PEOPLE_TABLES = 'person_mentions, person_activities, person_removals, people_queue';

const CURRENT = 'a.seq = m.article_seq AND m.version_seq = a.version_count';
/** Seen on the day the text is dated, never on the day it was archived (an undated text is no sighting). */
const DAY = 'a.pub_date';
const ACTIVITY_COLUMNS = `act.*, a.id AS article_id, a.source_id, v.title, a.pub_date`;

interface PendingRow {
  articleId: string;
  articleSeq: string;
  seq: number;
  title: string | null;
  body: string;
  date: string | null;
  firstSeen: string;
}

export class PostgresPeople {
  constructor(private readonly conn: Connection) {}

  private async rows<R extends object>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.conn.q().query<R>(text, values)).rows;
  }

  /** Rows locked by another worker's batch are skipped: each version is derived once at a time. */
  derivePending(limit: number, derive: DerivePeople): Promise<number> {
    return this.conn.atomic(async (db) => {
      const { rows } = await db.query<PendingRow>(
        `SELECT a.id AS "articleId", q.article_seq AS "articleSeq", q.seq, v.title, v.body,
          a.pub_date AS date, v.first_seen AS "firstSeen" FROM people_queue q
        JOIN versions v ON v.article_seq = q.article_seq AND v.seq = q.seq
        JOIN articles a ON a.seq = q.article_seq
        ORDER BY q.article_seq, q.seq LIMIT $1 FOR UPDATE OF q SKIP LOCKED`,
        [limit],
      );
      for (const r of rows) {
        const cleared = await clearVersion(db, BY_SEQ, r.articleSeq, r.seq);
        const { people, removals } = derive(
          {
            articleId: r.articleId,
            seq: r.seq,
            title: r.title,
            paragraphs: r.body ? r.body.split('\n') : [],
            date: r.date,
            firstSeen: r.firstSeen,
          },
          r.seq > 1 ? cleared!.previous : null,
        );
        await insertPeople(db, r.articleSeq, r.seq, people, removals);
      }
      return rows.length;
    });
  }

  putVersionPeople(
    articleId: string,
    seq: number,
    people: VersionPeople,
    at: string,
  ): Promise<void> {
    return this.conn.atomic(async (db) => {
      const cleared = await clearVersion(db, BY_ID, articleId, seq);
      if (!cleared) return;
      const removals = removedPersons(people, cleared.previous, { articleId, seq, at });
      await insertPeople(db, cleared.seq, seq, people, removals);
    });
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.rows<{ n: number }>('SELECT count(*)::int AS n FROM people_queue');
    return row!.n;
  }

  async requeueAll(): Promise<number> {
    const result = await this.conn
      .q()
      .query(
        'INSERT INTO people_queue SELECT article_seq, seq FROM versions ON CONFLICT DO NOTHING',
      );
    return result.rowCount ?? 0;
  }

  async listPeople(q: PeopleQuery): Promise<Page<PersonSummary>> {
    const where = q.ids ? 'WHERE m.person_id = ANY($1::text[])' : '';
    const ids = q.ids ? [q.ids] : [];
    const n = ids.length;
    const [total] = await this.rows<{ n: number }>(
      `SELECT count(DISTINCT m.person_id)::int AS n FROM person_mentions m JOIN articles a ON ${CURRENT} ${where}`,
      ids,
    );
    const items = await this.rows<PersonSummary>(
      `SELECT m.person_id AS "personId", max(m.name) AS "name",
        count(DISTINCT m.article_seq)::int AS "articles",
        sum(CASE WHEN m.role = 'mention' THEN m.count ELSE 0 END)::int AS "mentions",
        count(DISTINCT CASE WHEN m.role IN ('leader', 'companion') AND NOT act.flash
          THEN m.article_seq * 64 + m.activity END)::int AS "appearances",
        min(${DAY}) AS "firstSeen", max(${DAY}) AS "lastSeen",
        (SELECT count(*)::int FROM person_removals r WHERE r.person_id = m.person_id) AS "removals"
      FROM person_mentions m JOIN articles a ON ${CURRENT}
      LEFT JOIN person_activities act ON act.article_seq = m.article_seq
        AND act.version_seq = m.version_seq AND act.ord = m.activity
      ${where} GROUP BY m.person_id
      ORDER BY ${PEOPLE_ORDER[q.order ?? 'appearances']} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...ids, q.limit ?? 50, q.offset ?? 0],
    );
    return { items, total: total!.n };
  }

  async mentionsOf(personId: string, limit = 20_000): Promise<MentionView[]> {
    const rows = await this.rows<MentionRow>(
      `SELECT m.*, a.id AS article_id, a.source_id, v.title, a.pub_date
      FROM person_mentions m JOIN articles a ON ${CURRENT}
      JOIN versions v ON v.article_seq = m.article_seq AND v.seq = m.version_seq
      WHERE m.person_id = $1 ORDER BY ${DAY} IS NULL, ${DAY}, a.seq, m.ord LIMIT $2`,
      [personId, limit],
    );
    return rows.map(mentionFromRow);
  }

  async activitiesOf(personId: string, limit = 5_000): Promise<ActivityView[]> {
    const rows = await this.rows<ActivityRow>(
      `SELECT ${ACTIVITY_COLUMNS} FROM person_activities act
      JOIN articles a ON a.seq = act.article_seq AND act.version_seq = a.version_count
      JOIN versions v ON v.article_seq = act.article_seq AND v.seq = act.version_seq
      WHERE EXISTS (SELECT 1 FROM person_mentions m WHERE m.article_seq = act.article_seq
        AND m.version_seq = act.version_seq AND m.activity = act.ord AND m.person_id = $1
        AND m.role IN ('leader', 'companion'))
      ORDER BY ${DAY} IS NULL, ${DAY}, a.seq, act.ord LIMIT $2`,
      [personId, limit],
    );
    return this.withPeople(rows);
  }

  private async withPeople(activities: ActivityRow[]): Promise<ActivityView[]> {
    const members = new Map<string, MentionRow[]>();
    for (const a of activities) {
      const key = `${a.article_seq}:${a.version_seq}`;
      if (members.has(key)) continue;
      members.set(
        key,
        await this.rows<MentionRow>(
          `SELECT * FROM person_mentions WHERE article_seq = $1 AND version_seq = $2
          AND activity IS NOT NULL ORDER BY ord`,
          [a.article_seq, a.version_seq],
        ),
      );
    }
    return gatherActivities(activities.map(activityFromRow), activities, members);
  }

  async articlePeople(
    articleId: string,
    seq?: number,
  ): Promise<{ mentions: StoredMention[]; activities: ActivityView[] }> {
    const [article] = await this.rows<{ seq: string; current: number }>(
      'SELECT seq, version_count AS current FROM articles WHERE id = $1',
      [articleId],
    );
    if (!article) return { mentions: [], activities: [] };
    const version = seq ?? article.current;
    const mentions = (
      await this.rows<MentionRow>(
        `SELECT * FROM person_mentions WHERE article_seq = $1 AND version_seq = $2 AND role = 'mention'
        ORDER BY ord`,
        [article.seq, version],
      )
    ).map(mentionFromRow);
    const activities = await this.rows<ActivityRow>(
      `SELECT ${ACTIVITY_COLUMNS} FROM person_activities act JOIN articles a ON a.seq = act.article_seq
      JOIN versions v ON v.article_seq = act.article_seq AND v.seq = act.version_seq
      WHERE act.article_seq = $1 AND act.version_seq = $2 ORDER BY act.ord`,
      [article.seq, version],
    );
    return { mentions, activities: await this.withPeople(activities) };
  }

  async removals(q: {
    personId?: string;
    from?: string;
    limit?: number;
    offset?: number;
  }): Promise<Page<RemovalView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.personId) where.push(`r.person_id = $${params.push(q.personId)}`);
    if (q.from) where.push(`r.at >= $${params.push(q.from)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [total] = await this.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM person_removals r ${clause}`,
      params,
    );
    const rows = await this.rows<RemovalRow>(
      `SELECT r.*, a.id AS article_id, a.source_id, a.title, a.pub_date FROM person_removals r
      JOIN articles a ON a.seq = r.article_seq ${clause}
      ORDER BY r.at DESC, r.article_seq, r.person_id
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit ?? 50, q.offset ?? 0],
    );
    return { items: rows.map(removalFromRow), total: total!.n };
  }

  async sightings(
    minArticles: number,
  ): Promise<{ personId: string; name: string; days: string[] }[]> {
    return this.rows<{ personId: string; name: string; days: string[] }>(
      `SELECT m.person_id AS "personId", max(m.name) AS name,
        array_agg(DISTINCT ${DAY} ORDER BY ${DAY}) AS days
      FROM person_mentions m JOIN articles a ON ${CURRENT} WHERE m.role = 'mention'
        AND a.pub_date IS NOT NULL
      GROUP BY m.person_id HAVING count(DISTINCT m.article_seq) >= $1`,
      [minArticles],
    );
  }

  async companionRanks(): Promise<CompanionRank[]> {
    return this.rows<CompanionRank>(
      `SELECT m.person_id AS "personId", m.name, a.id AS "articleId", a.pub_date AS "pubDate", m.rank,
        (SELECT count(*)::int FROM person_mentions o WHERE o.article_seq = m.article_seq
          AND o.version_seq = m.version_seq AND o.activity = m.activity AND o.role = 'companion') AS "of"
      FROM person_mentions m JOIN articles a ON ${CURRENT}
      JOIN person_activities act ON act.article_seq = m.article_seq
        AND act.version_seq = m.version_seq AND act.ord = m.activity
      WHERE m.role = 'companion' AND NOT act.flash ORDER BY ${DAY} IS NULL, ${DAY}, a.seq, m.rank`,
    );
  }

  async documents(
    personIds: string[],
    role: 'person' | 'with',
    anyVersion: boolean,
  ): Promise<Uint32Array> {
    if (!personIds.length) return new Uint32Array(0);
    const roles = role === 'with' ? "AND m.role IN ('leader', 'companion')" : '';
    const current = anyVersion ? '' : `JOIN articles a ON ${CURRENT}`;
    const rows = await this.rows<{ d: string }>(
      `SELECT DISTINCT m.article_seq AS d FROM person_mentions m ${current}
      WHERE m.person_id = ANY($1::text[]) ${roles} ORDER BY 1`,
      [personIds],
    );
    return Uint32Array.from(rows, (r) => Number(r.d));
  }
}

/** The article of a version, by its id ($1 text) or its seq ($1 bigint). */
const BY_ID = 'SELECT seq FROM articles WHERE id = $1';
const BY_SEQ = 'SELECT $1::bigint AS seq';

/**
 * One round trip instead of six (an import derives every new version): empties what a version's
 * people were and its queue entry, and returns its article's seq with the previous version's
 * mentions (for removals). Null when there is no such article.
 */
async function clearVersion(
  db: Queryable,
  article: string,
  key: string,
  seq: number,
): Promise<{ seq: string; previous: { personId: string; name: string }[] } | null> {
  const of = (table: string, column = 'version_seq') =>
    `DELETE FROM ${table} x USING a WHERE x.article_seq = a.seq AND x.${column} = $2`;
  const {
    rows: [row],
  } = await db.query<{ seq: string; previous: { personId: string; name: string }[] }>({
    name: article === BY_ID ? 'people-clear-by-id' : 'people-clear-by-seq',
    text: `WITH a AS (${article}),
      m AS (${of('person_mentions')}), act AS (${of('person_activities')}),
      r AS (${of('person_removals')}), q AS (${of('people_queue', 'seq')})
    SELECT a.seq, (SELECT coalesce(json_agg(json_build_object('personId', p.person_id, 'name', p.name)
        ORDER BY p.ord), '[]') FROM person_mentions p
      WHERE p.article_seq = a.seq AND p.version_seq = $2 - 1 AND p.role = 'mention') AS previous
    FROM a`,
    values: [key, seq],
  });
  return row ?? null;
}

/** A version's mentions, activities and removals in one statement (each table takes its rows by unnest). */
async function insertPeople(
  db: Queryable,
  article: string,
  seq: number,
  people: ReturnType<DerivePeople>['people'],
  removals: ReturnType<DerivePeople>['removals'],
): Promise<void> {
  if (!people.mentions.length && !people.activities.length && !removals.length) return;
  const values: unknown[] = [article, seq];
  const param = (v: unknown) => `$${values.push(v)}`;
  const ctes = peopleInserts(people, removals, param, { article: '$1', seq: '$2', from: '' });
  const shape = ctes.map((c) => c.slice(0, c.indexOf(' '))).join('-');
  await db.query({ name: `people-${shape}`, text: `WITH ${ctes.join(', ')} SELECT 1`, values });
}

/**
 * Data-modifying CTEs that insert a version's people rows. `param` adds a value and names its
 * placeholder; `at` says where the article's seq and the version's seq come from (parameters, or
 * the columns of a CTE named in `from`, such as the article inserted by the same statement).
 */
export function peopleInserts(
  people: ReturnType<DerivePeople>['people'],
  removals: ReturnType<DerivePeople>['removals'],
  param: (value: unknown) => string,
  at: { article: string; seq: string; from: string },
): string[] {
  const m = people.mentions;
  const act = people.activities;
  const arrays = (columns: [unknown[], string][]) =>
    columns.map(([list, type]) => `${param(list)}::${type}[]`).join(', ');
  const from = at.from ? `${at.from}, ` : '';
  const ctes: string[] = [];
  if (m.length)
    ctes.push(`m AS (INSERT INTO person_mentions (article_seq, version_seq, ord, person_id, name,
      printed, role, activity, rank, titles, count, paragraph, sentence)
      SELECT ${at.article}, ${at.seq}, o - 1, p, n, pr, r, act, rk, t, c, para, s FROM ${from}unnest(${arrays(
        [
          [m.map((x) => x.personId), 'text'],
          [m.map((x) => x.name), 'text'],
          [m.map((x) => x.printed), 'text'],
          [m.map((x) => x.role), 'text'],
          [m.map((x) => x.activity), 'int'],
          [m.map((x) => x.rank), 'int'],
          [m.map((x) => JSON.stringify(x.titles)), 'text'],
          [m.map((x) => x.count), 'int'],
          [m.map((x) => x.paragraph), 'int'],
          [m.map((x) => x.sentence), 'text'],
        ],
      )}) WITH ORDINALITY AS x(p, n, pr, r, act, rk, t, c, para, s, o))`);
  if (act.length)
    ctes.push(`act AS (INSERT INTO person_activities (article_seq, version_seq, ord, leader_id, kind,
      object, place, sentence, flash)
      SELECT ${at.article}, ${at.seq}, x.* FROM ${from}unnest(${arrays([
        [act.map((a) => a.ord), 'int'],
        [act.map((a) => a.leaderId), 'text'],
        [act.map((a) => a.kind), 'text'],
        [act.map((a) => a.object), 'text'],
        [act.map((a) => a.place), 'text'],
        [act.map((a) => a.sentence), 'text'],
        [act.map((a) => a.flash), 'bool'],
      ])}) AS x)`);
  if (removals.length)
    ctes.push(`r AS (INSERT INTO person_removals (article_seq, version_seq, person_id, name, at)
      SELECT ${at.article}, ${at.seq}, x.* FROM ${from}unnest(${arrays([
        [removals.map((r) => r.personId), 'text'],
        [removals.map((r) => r.name), 'text'],
        [removals.map((r) => r.at), 'text'],
      ])}) AS x ON CONFLICT DO NOTHING)`);
  return ctes;
}
