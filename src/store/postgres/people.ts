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
        const previous =
          r.seq > 1
            ? (
                await db.query<{ personId: string; name: string }>(
                  `SELECT person_id AS "personId", name FROM person_mentions
                  WHERE article_seq = $1 AND version_seq = $2 AND role = 'mention' ORDER BY ord`,
                  [r.articleSeq, r.seq - 1],
                )
              ).rows
            : null;
        const { people, removals } = derive(
          {
            articleId: r.articleId,
            seq: r.seq,
            title: r.title,
            paragraphs: r.body ? r.body.split('\n') : [],
            date: r.date,
            firstSeen: r.firstSeen,
          },
          previous,
        );
        await this.write(db, r.articleSeq, r.seq, people, removals);
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
      const {
        rows: [article],
      } = await db.query<{ seq: string }>('SELECT seq FROM articles WHERE id = $1', [articleId]);
      if (!article) return;
      const previous =
        seq > 1
          ? (
              await db.query<{ personId: string; name: string }>(
                `SELECT person_id AS "personId", name FROM person_mentions
                WHERE article_seq = $1 AND version_seq = $2 AND role = 'mention' ORDER BY ord`,
                [article.seq, seq - 1],
              )
            ).rows
          : [];
      const removals = removedPersons(people, previous, { articleId, seq, at });
      await this.write(db, article.seq, seq, people, removals);
    });
  }

  private async write(
    db: Queryable,
    article: string,
    seq: number,
    people: ReturnType<DerivePeople>['people'],
    removals: ReturnType<DerivePeople>['removals'],
  ): Promise<void> {
    const key = [article, seq];
    for (const table of ['person_mentions', 'person_activities', 'person_removals']) {
      await db.query(`DELETE FROM ${table} WHERE article_seq = $1 AND version_seq = $2`, key);
    }
    await db.query('DELETE FROM people_queue WHERE article_seq = $1 AND seq = $2', key);
    if (people.mentions.length) {
      const m = people.mentions;
      await db.query(
        `INSERT INTO person_mentions (article_seq, version_seq, ord, person_id, name, printed, role, activity,
        rank, titles, count, paragraph, sentence)
        SELECT $1, $2, o - 1, p, n, pr, r, act, rk, t, c, para, s FROM unnest($3::text[], $4::text[],
          $5::text[], $6::text[], $7::int[], $8::int[], $9::text[], $10::int[], $11::int[], $12::text[])
          WITH ORDINALITY AS x(p, n, pr, r, act, rk, t, c, para, s, o)`,
        [
          ...key,
          m.map((x) => x.personId),
          m.map((x) => x.name),
          m.map((x) => x.printed),
          m.map((x) => x.role),
          m.map((x) => x.activity),
          m.map((x) => x.rank),
          m.map((x) => JSON.stringify(x.titles)),
          m.map((x) => x.count),
          m.map((x) => x.paragraph),
          m.map((x) => x.sentence),
        ],
      );
    }
    for (const a of people.activities) {
      await db.query(
        `INSERT INTO person_activities (article_seq, version_seq, ord, leader_id, kind, object, place,
        sentence, flash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [...key, a.ord, a.leaderId, a.kind, a.object, a.place, a.sentence, a.flash],
      );
    }
    for (const r of removals) {
      await db.query(
        `INSERT INTO person_removals (article_seq, version_seq, person_id, name, at)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [...key, r.personId, r.name, r.at],
      );
    }
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
