/**
 * The SQLite side of people (store/people-types.ts): the queue of versions to derive, the rows derived
 * from each, and the reads of the people pages and the search filters. Counts read current versions
 * only (a row's version_seq equal to its article's version_count).
 */
import type Database from 'better-sqlite3';
import type {
  ActivityView,
  CompanionRank,
  DerivePeople,
  MentionView,
  PeopleQuery,
  PendingVersion,
  PersonRemoval,
  PersonSummary,
  RemovalView,
  StoredMention,
  VersionPeople,
} from '../people-types.js';
import { removedPersons } from '../../analyse/version-people.js';
import type { Page } from '../types.js';
import type { SqliteWriter } from './writer.js';
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

const CURRENT = 'a.rowid = m.article_rowid AND m.version_seq = a.version_count';
/** Seen on the day the text is dated, never on the day it was archived (an undated text is no sighting). */
const DAY = 'a.pub_date';

export class SqlitePeople {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    private readonly writer: SqliteWriter,
  ) {
    this.s = {
      pending:
        db.prepare(`SELECT a.id AS articleId, q.article_rowid AS rowid, q.seq, v.title, v.body,
        a.pub_date AS date, v.first_seen AS firstSeen FROM people_queue q
        JOIN versions v ON v.article_rowid = q.article_rowid AND v.seq = q.seq
        JOIN articles a ON a.rowid = q.article_rowid
        ORDER BY q.article_rowid, q.seq LIMIT ?`),
      orphans: db.prepare(`DELETE FROM people_queue WHERE NOT EXISTS (SELECT 1 FROM versions v
        WHERE v.article_rowid = people_queue.article_rowid AND v.seq = people_queue.seq)`),
      previous: db.prepare(`SELECT person_id AS "personId", name FROM person_mentions
        WHERE article_rowid = ? AND version_seq = ? AND role = 'mention' ORDER BY ord`),
      clearMentions: db.prepare(
        'DELETE FROM person_mentions WHERE article_rowid = ? AND version_seq = ?',
      ),
      clearActivities: db.prepare(
        'DELETE FROM person_activities WHERE article_rowid = ? AND version_seq = ?',
      ),
      clearRemovals: db.prepare(
        'DELETE FROM person_removals WHERE article_rowid = ? AND version_seq = ?',
      ),
      dequeue: db.prepare('DELETE FROM people_queue WHERE article_rowid = ? AND seq = ?'),
      mention:
        db.prepare(`INSERT OR REPLACE INTO person_mentions (article_rowid, version_seq, ord, person_id, name,
        printed, role, activity, rank, titles, count, paragraph, sentence) VALUES (@rowid, @seq, @ord,
        @personId, @name, @printed, @role, @activity, @rank, @titles, @count, @paragraph, @sentence)`),
      activity:
        db.prepare(`INSERT OR REPLACE INTO person_activities (article_rowid, version_seq, ord, leader_id, kind,
        object, place, sentence, flash) VALUES (@rowid, @seq, @ord, @leaderId, @kind, @object, @place,
        @sentence, @flash)`),
      removal:
        db.prepare(`INSERT OR IGNORE INTO person_removals (article_rowid, version_seq, person_id,
        name, at) VALUES (@rowid, @seq, @personId, @name, @at)`),
      count: db.prepare('SELECT count(*) AS n FROM people_queue'),
      any: db.prepare('SELECT 1 FROM people_queue LIMIT 1'),
      requeue: db.prepare(
        'INSERT OR IGNORE INTO people_queue SELECT article_rowid, seq FROM versions',
      ),
      rowid: db.prepare('SELECT rowid, version_count AS current FROM articles WHERE id = ?'),
    };
  }

  async derivePending(limit: number, derive: DerivePeople): Promise<number> {
    // Nothing queued (the usual case after an import): no write lock taken at all.
    if (!this.s.any.get()) return 0;
    // IMMEDIATE: a transaction that reads and then writes must hold the write lock from its start,
    // or a second process's commit in between fails it with "database is locked" at once.
    return this.writer.write(() =>
      this.db
        .transaction(() => {
          const rows = this.s.pending.all(limit) as (Omit<PendingVersion, 'paragraphs'> & {
            rowid: number;
            body: string;
          })[];
          for (const r of rows) {
            const version: PendingVersion = {
              articleId: r.articleId,
              seq: r.seq,
              title: r.title,
              paragraphs: r.body ? r.body.split('\n') : [],
              date: r.date,
              firstSeen: r.firstSeen,
            };
            const previous =
              r.seq > 1
                ? (this.s.previous.all(r.rowid, r.seq - 1) as { personId: string; name: string }[])
                : null;
            const { people, removals } = derive(version, previous);
            this.write(r.rowid, r.seq, people, removals);
            this.s.dequeue.run(r.rowid, r.seq);
          }
          // Versions gone with their article (never, short of clearDerived) leave the queue at its end.
          if (rows.length < limit) this.s.orphans.run();
          return rows.length;
        })
        .immediate(),
    );
  }

  putVersionPeople(
    articleId: string,
    seq: number,
    people: VersionPeople,
    at: string,
  ): Promise<void> {
    const put = () => {
      const article = this.s.rowid.get(articleId) as { rowid: number } | undefined;
      if (!article) return;
      const previous =
        seq > 1
          ? (this.s.previous.all(article.rowid, seq - 1) as { personId: string; name: string }[])
          : [];
      const removals = removedPersons(people, previous, { articleId, seq, at });
      this.write(article.rowid, seq, people, removals, true);
      this.s.dequeue.run(article.rowid, seq);
    };
    // Inside the import's transaction already (the usual case): no savepoint of its own needed.
    return this.writer.write(() =>
      this.writer.inTransaction() ? put() : this.db.transaction(put).immediate(),
    );
  }

  private write(
    rowid: number,
    seq: number,
    people: VersionPeople,
    removals: PersonRemoval[],
    fresh = false,
  ): void {
    // A version just inserted has nothing to clear (and a concurrent derivation of it wrote the
    // same rows, which the inserts replace).
    if (!fresh) {
      this.s.clearMentions.run(rowid, seq);
      this.s.clearActivities.run(rowid, seq);
      this.s.clearRemovals.run(rowid, seq);
    }
    people.mentions.forEach((m, ord) =>
      this.s.mention.run({ rowid, seq, ord, ...m, titles: JSON.stringify(m.titles) }),
    );
    for (const a of people.activities)
      this.s.activity.run({ rowid, seq, ...a, flash: a.flash ? 1 : 0 });
    for (const r of removals)
      this.s.removal.run({ rowid, seq, personId: r.personId, name: r.name, at: r.at });
  }

  async pendingCount(): Promise<number> {
    return (this.s.count.get() as { n: number }).n;
  }

  requeueAll(): Promise<number> {
    return this.writer.write(() => this.s.requeue.run().changes);
  }

  /** Part of `clearDerived`, inside its transaction. */
  clear(): void {
    this.db
      .exec(`DELETE FROM person_mentions; DELETE FROM person_activities; DELETE FROM person_removals;
      DELETE FROM people_queue;`);
  }

  async listPeople(q: PeopleQuery): Promise<Page<PersonSummary>> {
    const where = q.ids ? `WHERE m.person_id IN (${q.ids.map(() => '?').join(', ')})` : '';
    const ids = q.ids ?? [];
    const people = `SELECT m.person_id AS "personId", max(m.name) AS "name",
        count(DISTINCT m.article_rowid) AS "articles",
        sum(CASE WHEN m.role = 'mention' THEN m.count ELSE 0 END) AS "mentions",
        count(DISTINCT CASE WHEN m.role IN ('leader', 'companion') AND act.flash = 0
          THEN m.article_rowid * 64 + m.activity END) AS "appearances",
        min(${DAY}) AS "firstSeen", max(${DAY}) AS "lastSeen",
        (SELECT count(*) FROM person_removals r WHERE r.person_id = m.person_id) AS "removals"
      FROM person_mentions m JOIN articles a ON ${CURRENT}
      LEFT JOIN person_activities act ON act.article_rowid = m.article_rowid
        AND act.version_seq = m.version_seq AND act.ord = m.activity
      ${where} GROUP BY m.person_id`;
    const total = (
      this.db
        .prepare(
          `SELECT count(DISTINCT m.person_id) AS n FROM person_mentions m JOIN articles a ON ${CURRENT} ${where}`,
        )
        .get(...ids) as { n: number }
    ).n;
    const items = this.db
      .prepare(`${people} ORDER BY ${PEOPLE_ORDER[q.order ?? 'appearances']} LIMIT ? OFFSET ?`)
      .all(...ids, q.limit ?? 50, q.offset ?? 0) as PersonSummary[];
    return { items, total };
  }

  async mentionsOf(personId: string, limit = 20_000): Promise<MentionView[]> {
    const rows = this.db
      .prepare(
        `SELECT m.*, a.id AS article_id, a.source_id, v.title, a.pub_date, a.first_seen AS article_first_seen
        FROM person_mentions m JOIN articles a ON ${CURRENT}
        JOIN versions v ON v.article_rowid = m.article_rowid AND v.seq = m.version_seq
        WHERE m.person_id = ? ORDER BY ${DAY} IS NULL, ${DAY}, a.rowid, m.ord LIMIT ?`,
      )
      .all(personId, limit) as MentionRow[];
    return rows.map(mentionFromRow);
  }

  async activitiesOf(personId: string, limit = 5_000): Promise<ActivityView[]> {
    const activities = this.db
      .prepare(
        `SELECT act.*, a.id AS article_id, a.source_id, v.title, a.pub_date, a.first_seen AS article_first_seen
        FROM person_activities act JOIN articles a ON a.rowid = act.article_rowid AND act.version_seq = a.version_count
        JOIN versions v ON v.article_rowid = act.article_rowid AND v.seq = act.version_seq
        WHERE EXISTS (SELECT 1 FROM person_mentions m WHERE m.article_rowid = act.article_rowid
          AND m.version_seq = act.version_seq AND m.activity = act.ord AND m.person_id = ?
          AND m.role IN ('leader', 'companion'))
        ORDER BY ${DAY} IS NULL, ${DAY}, a.rowid, act.ord LIMIT ?`,
      )
      .all(personId, limit) as ActivityRow[];
    return this.withPeople(activities);
  }

  private withPeople(activities: ActivityRow[]): ActivityView[] {
    const members = new Map<string, MentionRow[]>();
    const stmt = this.db
      .prepare(`SELECT * FROM person_mentions WHERE article_rowid = ? AND version_seq = ?
      AND activity IS NOT NULL ORDER BY ord`);
    for (const a of activities) {
      const key = `${a.article_rowid}:${a.version_seq}`;
      if (!members.has(key))
        members.set(key, stmt.all(a.article_rowid, a.version_seq) as MentionRow[]);
    }
    return gatherActivities(activities.map(activityFromRow), activities, members);
  }

  async articlePeople(
    articleId: string,
    seq?: number,
  ): Promise<{ mentions: StoredMention[]; activities: ActivityView[] }> {
    const article = this.s.rowid.get(articleId) as { rowid: number; current: number } | undefined;
    if (!article) return { mentions: [], activities: [] };
    const version = seq ?? article.current;
    const mentions = (
      this.db
        .prepare(
          `SELECT * FROM person_mentions WHERE article_rowid = ? AND version_seq = ? AND role = 'mention'
          ORDER BY ord`,
        )
        .all(article.rowid, version) as MentionRow[]
    ).map(mentionFromRow);
    const activities = this.db
      .prepare(
        `SELECT act.*, a.id AS article_id, a.source_id, v.title, a.pub_date, a.first_seen AS article_first_seen
        FROM person_activities act JOIN articles a ON a.rowid = act.article_rowid
        JOIN versions v ON v.article_rowid = act.article_rowid AND v.seq = act.version_seq
        WHERE act.article_rowid = ? AND act.version_seq = ? ORDER BY act.ord`,
      )
      .all(article.rowid, version) as ActivityRow[];
    return { mentions, activities: this.withPeople(activities) };
  }

  async removals(q: {
    personId?: string;
    from?: string;
    limit?: number;
    offset?: number;
  }): Promise<Page<RemovalView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [
      ['r.person_id = ?', q.personId],
      ['r.at >= ?', q.from],
    ] as const) {
      if (!value) continue;
      where.push(column);
      params.push(value);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM person_removals r ${clause}`).get(...params) as {
        n: number;
      }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT r.*, a.id AS article_id, a.source_id, a.title, a.pub_date FROM person_removals r
        JOIN articles a ON a.rowid = r.article_rowid ${clause} ORDER BY r.at DESC, r.article_rowid, r.person_id
        LIMIT ? OFFSET ?`,
      )
      .all(...params, q.limit ?? 50, q.offset ?? 0) as RemovalRow[];
    return { items: rows.map(removalFromRow), total };
  }

  async sightings(
    minArticles: number,
  ): Promise<{ personId: string; name: string; days: string[] }[]> {
    const rows = this.db
      .prepare(
        `SELECT m.person_id AS personId, max(m.name) AS name, group_concat(DISTINCT ${DAY}) AS days
        FROM person_mentions m JOIN articles a ON ${CURRENT} WHERE m.role = 'mention'
          AND a.pub_date IS NOT NULL
        GROUP BY m.person_id HAVING count(DISTINCT m.article_rowid) >= ?`,
      )
      .all(minArticles) as { personId: string; name: string; days: string }[];
    return rows.map((r) => ({ ...r, days: r.days.split(',').sort() }));
  }

  async companionRanks(): Promise<CompanionRank[]> {
    return this.db
      .prepare(
        `SELECT m.person_id AS personId, m.name, a.id AS articleId, a.pub_date AS pubDate, m.rank,
        (SELECT count(*) FROM person_mentions o WHERE o.article_rowid = m.article_rowid
          AND o.version_seq = m.version_seq AND o.activity = m.activity AND o.role = 'companion') AS "of"
        FROM person_mentions m JOIN articles a ON ${CURRENT}
        JOIN person_activities act ON act.article_rowid = m.article_rowid
          AND act.version_seq = m.version_seq AND act.ord = m.activity
        WHERE m.role = 'companion' AND act.flash = 0 ORDER BY ${DAY} IS NULL, ${DAY}, a.rowid, m.rank`,
      )
      .all() as CompanionRank[];
  }

  async documents(
    personIds: string[],
    role: 'person' | 'with',
    anyVersion: boolean,
  ): Promise<Uint32Array> {
    if (!personIds.length) return new Uint32Array(0);
    const roles = role === 'with' ? "AND m.role IN ('leader', 'companion')" : '';
    const current = anyVersion ? '' : `JOIN articles a ON ${CURRENT}`;
    const rows = this.db
      .prepare(
        `SELECT DISTINCT m.article_rowid FROM person_mentions m ${current}
        WHERE m.person_id IN (${personIds.map(() => '?').join(', ')}) ${roles} ORDER BY m.article_rowid`,
      )
      .raw()
      .all(...personIds) as [number][];
    return Uint32Array.from(rows, (r) => r[0]);
  }
}
