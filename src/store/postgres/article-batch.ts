/**
 * New articles inserted many at a time. An import applies its texts one by one, and a new article
 * was one statement each: about 0.7 ms of round trip, parsing and executor start-up for a few
 * index entries of work. Inside a write transaction, an article whose id the batch's read-ahead
 * found free (match-prefetch.ts) cannot collide, so its insert can wait: it is kept here and sent
 * with the others in one statement, before the transaction's next statement of any kind, so that
 * every read sees it (connection.ts).
 */
import type { FirstVersion, StoredArticle } from '../types.js';
import { bandValues } from './match-candidates.js';
import { ARTICLE_COLUMNS, articleValues } from './rows.js';

/** The type of each of ARTICLE_COLUMNS, in order, for their arrays. */
const ARTICLE_TYPES: Record<(typeof ARTICLE_COLUMNS)[number], string> = {
  id: 'text',
  source_id: 'text',
  url: 'text',
  title: 'text',
  dateline: 'json',
  pub_year: 'int',
  pub_month: 'int',
  pub_day: 'int',
  date_basis: 'text',
  pub_date: 'text',
  language: 'text',
  teaser: 'text',
  status: 'text',
  story_id: 'text',
  version_count: 'int',
  first_seen: 'text',
  last_seen: 'text',
  flags: 'json',
  lead_key: 'text',
  title_key: 'text',
  body_hash: 'text',
  signature: 'bytea',
  removed_at: 'text',
};

/** The rows of one table as columns: each parameter an array, unnested together. */
class Columns {
  private readonly names: string[];
  private readonly types: string[];
  readonly arrays: unknown[][];
  /** `spec`: "name type, name type, …". */
  constructor(spec: string) {
    const pairs = spec.split(',').map((part) => part.trim().split(/\s+/) as [string, string]);
    this.names = pairs.map(([name]) => name);
    this.types = pairs.map(([, type]) => type);
    this.arrays = pairs.map(() => []);
  }
  push(row: readonly unknown[]): void {
    row.forEach((value, i) => this.arrays[i]!.push(value));
  }
  /** `unnest($a::t[], …) AS alias(names)`, its parameters numbered after `values`' and added to it. */
  from(values: unknown[], alias: string): string {
    const args = this.arrays.map((array, i) => `$${values.push(array)}::${this.types[i]}[]`);
    return `unnest(${args.join(', ')}) AS ${alias}(${this.names.join(', ')})`;
  }
}

const A = ARTICLE_COLUMNS.join(', ');
/** The articles' columns, and their order in the batch (the order their seqs are given in). */
const ARTICLES = `${ARTICLE_COLUMNS.map((c) => `${c} ${ARTICLE_TYPES[c]}`).join(', ')}, i int`;
const BANDS = 'id text, band bigint';
const VERSIONS =
  'id text, seq int, hash text, title text, body text, first_seen text, last_seen text, capture text, locator text';
const MENTIONS =
  'id text, vseq int, ord int, p text, n text, pr text, r text, act int, rk int, t text, c int, para int, s text';
const ACTIVITIES =
  'id text, vseq int, ord int, leader text, kind text, object text, place text, sentence text, flash bool';
const QUEUE = 'id text, seq int';

/** The statement, given its unnested inputs: one shape whatever the articles, so it is prepared once. */
function statementText(p: Record<'x' | 'b' | 'v' | 'm' | 'a' | 'q', string>): string {
  return `WITH ins AS (INSERT INTO articles (${A})
    SELECT ${A} FROM ${p.x} ORDER BY x.i
    ON CONFLICT (id) DO NOTHING RETURNING seq, id),
  bands AS (INSERT INTO story_bands (band, article_seq)
    SELECT b.band, ins.seq FROM ins JOIN ${p.b} ON b.id = ins.id),
  ver AS (INSERT INTO versions (article_seq, seq, content_hash, title, body, first_seen, last_seen,
      capture_sha256, locator)
    SELECT ins.seq, v.seq, v.hash, v.title, v.body, v.first_seen, v.last_seen, v.capture, v.locator
    FROM ins JOIN ${p.v} ON v.id = ins.id),
  m AS (INSERT INTO person_mentions (article_seq, version_seq, ord, person_id, name, printed, role,
      activity, rank, titles, count, paragraph, sentence)
    SELECT ins.seq, m.vseq, m.ord, m.p, m.n, m.pr, m.r, m.act, m.rk, m.t, m.c, m.para, m.s
    FROM ins JOIN ${p.m} ON m.id = ins.id),
  act AS (INSERT INTO person_activities (article_seq, version_seq, ord, leader_id, kind, object,
      place, sentence, flash)
    SELECT ins.seq, a.vseq, a.ord, a.leader, a.kind, a.object, a.place, a.sentence, a.flash
    FROM ins JOIN ${p.a} ON a.id = ins.id),
  queue AS (INSERT INTO people_queue (article_seq, seq)
    SELECT ins.seq, q.seq FROM ins JOIN ${p.q} ON q.id = ins.id)
  SELECT count(*)::int AS inserted FROM ins`;
}

/** Articles waiting to be inserted by the transaction they were made in. */
export class ArticleBatch {
  private entries: { article: StoredArticle; first?: FirstVersion }[] = [];

  get size(): number {
    return this.entries.length;
  }

  add(article: StoredArticle, first?: FirstVersion): void {
    this.entries.push({ article, first });
  }

  /** The statement inserting every article kept (null when none), which are then no longer kept. */
  take(): { text: string; values: unknown[]; count: number } | null {
    if (this.entries.length === 0) return null;
    const entries = this.entries;
    this.entries = [];
    const articles = new Columns(ARTICLES);
    const bands = new Columns(BANDS);
    const versions = new Columns(VERSIONS);
    const mentions = new Columns(MENTIONS);
    const activities = new Columns(ACTIVITIES);
    const queue = new Columns(QUEUE);
    for (const { article, first } of entries) {
      const id = article.id;
      articles.push([...articleValues(article), articles.arrays[0]!.length]);
      for (const band of bandValues(article.keys.signature)) bands.push([id, band]);
      if (!first) continue;
      const v = first.version;
      versions.push([
        id,
        v.seq,
        v.contentHash,
        v.title,
        v.paragraphs.join('\n'),
        v.firstSeen,
        v.lastSeen,
        v.captureSha256,
        v.locator,
      ]);
      if (!first.people) {
        queue.push([id, v.seq]);
        continue;
      }
      first.people.mentions.forEach((m, ord) =>
        mentions.push([
          id,
          v.seq,
          ord,
          m.personId,
          m.name,
          m.printed,
          m.role,
          m.activity,
          m.rank,
          JSON.stringify(m.titles),
          m.count,
          m.paragraph,
          m.sentence,
        ]),
      );
      for (const a of first.people.activities)
        activities.push([
          id,
          v.seq,
          a.ord,
          a.leaderId,
          a.kind,
          a.object,
          a.place,
          a.sentence,
          a.flash,
        ]);
    }
    const values: unknown[] = [];
    const text = statementText({
      x: articles.from(values, 'x'),
      b: bands.from(values, 'b'),
      v: versions.from(values, 'v'),
      m: mentions.from(values, 'm'),
      a: activities.from(values, 'a'),
      q: queue.from(values, 'q'),
    });
    return { text, values, count: entries.length };
  }
}
