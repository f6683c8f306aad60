/**
 * The scale-out engine: PostgreSQL through a node-postgres `Pool`, for several crawler workers and web
 * servers sharing one archive. Same semantics as the SQLite engine, method for method.
 *
 * Concurrency: SQLite has one writer at a time (`BEGIN IMMEDIATE`), and the reconciler relies on that:
 * it reads the candidates for a text, then decides and writes. Here `transaction()` takes a per-schema
 * advisory lock (the writer lock) for its duration, so write batches from many processes apply one after
 * another while reads run alongside. Single statements outside a transaction are safe on their own:
 * inserts are ON CONFLICT DO NOTHING, and a capture is written under a lock on its sha-256.
 *
 * @example
 *   const store = await PostgresStore.open('postgres://postgres@127.0.0.1:5432/wirewatch');
 *   try { console.log(await store.stats()); } finally { await store.close(); }
 */
import { postgresAccounts } from './accounts.js';
import { ChangeCache } from './change-cache.js';
import { postgresWatch } from './watch.js';
import { postgresTranslations } from './translations.js';
import type { TranslationStore } from '../translation-types.js';
import { postgresAlerts } from './alerts.js';
import type { AlertStore } from '../alert-types.js';
import type { WatchStore } from '../watch-types.js';
import type { AccountStore } from '../accounts-types.js';
import type {
  Article,
  ArticleDate,
  ArticleEvent,
  ListingEntry,
  Source,
  Version,
} from '../../model/types.js';
import type {
  ArchiveStats,
  ArchiveStore,
  ArticleEventView,
  ArticleQuery,
  CaptureKey,
  CaptureOutcome,
  CaptureQuery,
  CaptureRecord,
  Claim,
  CoverageDay,
  EventQuery,
  ListedArticle,
  NewCapture,
  Page,
  SourceSummary,
  StoredArticle,
  FirstVersion,
  MatchCandidates,
  MatchRequest,
  StoryCandidate,
  ArticlesAround,
} from '../types.js';
import { PostgresCaptures, REQUEUE_ALL } from './captures.js';
import { PostgresEvents } from './events.js';
import { Connection } from './connection.js';
import {
  bandValues,
  DATE_COMPATIBLE,
  MATCH_CANDIDATES_BATCH_SQL,
  MATCH_CANDIDATES_SQL,
  matchCandidatesBatchValues,
  matchCandidatesFromRows,
  matchCandidatesValues,
  cutPrefixOf,
  type FoundRow,
} from './match-candidates.js';
import {
  ARTICLE_COLUMNS,
  ARTICLE_SELECT,
  articleFromRow,
  articleValues,
  captureFromRow,
  listingFromRow,
  listingValues,
  versionFromRow,
  withoutKeys,
  type ArticleRow,
  type CaptureRow,
  type ListingRow,
  type VersionRow,
} from './rows.js';
import { PostgresSearchIndex } from './search.js';
import { PEOPLE_TABLES, PostgresPeople, peopleInserts } from './people.js';
import { postgresCrawlFrontier } from './crawl-frontier.js';
import type { CrawlFrontier } from '../frontier-types.js';
import { STATS_SQL } from './stats.js';
import { checkSchema } from './check.js';

export interface PostgresOptions {
  /** A schema of its own (created when missing) instead of the connection's default; tests use one each. */
  schema?: string;
  /** The queue's size from which a search refresh builds the GIN index once (word-index.ts). */
  searchBulkFrom?: number;
}

export { isPostgresUrl } from './url.js';

const VERSION_COLUMNS = `article_seq, seq, content_hash, title, body, first_seen, last_seen,
  capture_sha256, locator`;
const ARTICLE_SLOTS = ARTICLE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
const CANDIDATE = 'a.id, a.story_id AS "storyId", a.language, a.signature';

export class PostgresStore implements ArchiveStore {
  readonly engine = 'postgres' as const;
  readonly search: PostgresSearchIndex;
  readonly frontier: CrawlFrontier;
  readonly accounts: AccountStore;
  readonly watch: WatchStore;
  readonly translations: TranslationStore;
  readonly alerts: AlertStore;
  readonly people: PostgresPeople;
  private readonly events: PostgresEvents;
  private readonly captures: PostgresCaptures;
  /** Article counts and the sources list, until the archive changes (change-cache.ts). */
  private readonly counts = new ChangeCache<number>();
  private readonly sourceList = new ChangeCache<SourceSummary[]>(1);

  /** `migrated`: how many migrations this open applied (0 for an archive already up to date). */
  private constructor(
    private readonly conn: Connection,
    readonly migrated: number,
    searchBulkFrom?: number,
  ) {
    this.search = new PostgresSearchIndex(conn, searchBulkFrom);
    this.frontier = postgresCrawlFrontier(conn);
    this.accounts = postgresAccounts(conn);
    this.watch = postgresWatch(conn);
    this.translations = postgresTranslations(conn);
    this.alerts = postgresAlerts(conn);
    this.people = new PostgresPeople(conn);
    this.events = new PostgresEvents(conn);
    this.captures = new PostgresCaptures(conn);
  }

  /** Connects to `url`, creating the schema when missing and bringing it up to date. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const { connection, migrated } = await Connection.open(url, options.schema);
    return new PostgresStore(connection, migrated, options.searchBulkFrom);
  }

  private query<R extends object>(
    name: string,
    text: string,
    values: unknown[] = [],
  ): Promise<R[]> {
    return this.conn
      .q()
      .query<R>({ name, text, values })
      .then((r) => r.rows);
  }

  async close(): Promise<void> {
    await this.conn.end();
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.conn.transaction(fn, 'write');
  }

  refreshStatistics(): Promise<void> {
    return this.conn.refreshStatistics();
  }

  async health(): Promise<void> {
    // Through the pool (a connection of its own when every pooled one is gone): a lost server is a 503.
    await this.conn.q().query('SELECT 1');
  }

  /** Moved by notifications from every writer of this archive (change-watch.ts). */
  changeToken(): Promise<string> {
    return this.conn.changes.token();
  }

  async upsertSource(s: Source): Promise<void> {
    await this.query(
      'upsert-source',
      `INSERT INTO sources (id, name, language, label) VALUES ($1, $2, $3, $4)
      ON CONFLICT (id) DO NOTHING`,
      [s.id, s.name, s.language, s.label],
    );
  }

  async getSource(id: string): Promise<Source | null> {
    const [row] = await this.query<Source>(
      'get-source',
      'SELECT id, name, language, label FROM sources WHERE id = $1',
      [id],
    );
    return row ?? null;
  }

  /** Copies, so that a caller's change never reaches the kept list. */
  async listSources(): Promise<SourceSummary[]> {
    const kept = await this.untilChange(this.sourceList, '', () => this.sourceSummaries());
    return kept.map((s) => ({ ...s }));
  }

  /**
   * `make`'s value, kept in `cache` per change token; made anew inside a transaction, whose own
   * writes move no token until it commits.
   */
  private async untilChange<T>(
    cache: ChangeCache<T>,
    key: string,
    make: () => Promise<T>,
  ): Promise<T> {
    if (this.conn.inTransaction()) return make();
    return cache.get(await this.conn.changes.token(), key, make);
  }

  /**
   * The counts and last capture as the writers keep them (source_figures: one row a source once
   * folded, plus the deltas of transactions that could not fold), the first and last dates from the
   * articles_source_order index: a few index reads a source, however large the archive.
   *
   * With `source_id = s.id` the planner read the date index instead, filtering by source: for a
   * source that stopped publishing, every article dated after its last. A range on source_id, and
   * source_id leading the order, leave it only the (source_id, pub_date NULLS FIRST, seq) index.
   */
  private sourceSummaries(): Promise<SourceSummary[]> {
    const ofSource = 'WHERE source_id >= s.id AND source_id <= s.id AND pub_date IS NOT NULL';
    return this.query<SourceSummary>(
      'list-sources',
      `SELECT s.id, s.name, s.language, s.label,
        coalesce(f.articles, 0) AS articles, coalesce(f.teasers, 0) AS teasers,
        (SELECT pub_date FROM articles ${ofSource}
          ORDER BY source_id, pub_date NULLS FIRST LIMIT 1) AS "firstPublished",
        (SELECT pub_date FROM articles ${ofSource}
          ORDER BY source_id DESC, pub_date DESC NULLS LAST LIMIT 1) AS "lastPublished",
        f.last_capture AS "lastCapture"
      FROM sources s LEFT JOIN (SELECT source_id, sum(articles)::bigint AS articles,
          sum(teasers)::bigint AS teasers, max(last_capture) AS last_capture
        FROM source_figures GROUP BY source_id) f ON f.source_id = s.id
      ORDER BY s.id COLLATE "C"`,
    );
  }

  getCapture(key: CaptureKey): Promise<CaptureRecord | null> {
    return this.captures.get(key);
  }

  async capturesOf(sha256: string): Promise<CaptureRecord[]> {
    return this.captures.ofSha256(sha256);
  }

  putCapture(capture: NewCapture, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    return this.captures.put(capture, chunks);
  }

  readCaptureChunks(key: CaptureKey): AsyncIterable<Uint8Array> {
    return this.captures.chunks(key);
  }

  listCaptures(query: CaptureQuery = {}): Promise<Page<CaptureRecord>> {
    return this.captures.list(query);
  }

  claimCapture(claim: Claim): Promise<CaptureRecord | null> {
    return this.captures.claim(claim);
  }

  renewClaim(key: CaptureKey, worker: string, until: string): Promise<boolean> {
    return this.captures.renew(key, worker, until);
  }

  finishCapture(key: CaptureKey, worker: string | null, outcome: CaptureOutcome): Promise<boolean> {
    return this.captures.finish(key, worker, outcome);
  }

  failCapture(
    key: CaptureKey,
    worker: string,
    error: string,
    at: string,
    final: boolean,
  ): Promise<void> {
    return this.captures.fail(key, worker, error, at, final);
  }

  releaseClaims(workers: string[]): Promise<number> {
    return this.captures.release(workers);
  }

  returnCapture(key: CaptureKey, worker: string): Promise<boolean> {
    return this.captures.giveBack(key, worker);
  }

  dropAbandonedCaptures(): Promise<number> {
    return this.captures.dropAbandoned();
  }

  listClaims(): Promise<{ worker: string; captures: number }[]> {
    return this.captures.claims();
  }

  requeueCaptures(which: 'failed' | 'all'): Promise<number> {
    return this.captures.requeue(which);
  }

  requeueCapture(key: CaptureKey, options: Record<string, string | number>): Promise<void> {
    return this.captures.requeueOne(key, options);
  }

  async newestPageCaptures(): Promise<CaptureRecord[]> {
    // options is JSON (not JSONB): json_typeof / ->> read it. COLLATE "C" orders captured_at byte by
    // byte, as the ISO strings compare in JavaScript, whatever the database's collation.
    const rows = await this.query<CaptureRow>(
      'newest-page-captures',
      `
      WITH pages AS (
        SELECT c.*, COALESCE(c.options->>'sourceId', c.options->>'source') AS page_source,
          CASE WHEN c.options->>'pageKind' = 'listing' THEN 'listing' ELSE 'article' END AS page_group
        FROM captures c
        WHERE c.kind = 'warc' AND c.processed_at IS NOT NULL
          AND json_typeof(c.options->'pageKind') = 'string'
          AND (json_typeof(c.options->'sourceId') = 'string' OR json_typeof(c.options->'source') = 'string')
      ), ranked AS (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY page_source, page_group ORDER BY captured_at COLLATE "C" DESC, seq DESC) AS rn,
          MIN(seq) OVER (PARTITION BY page_source, page_group) AS first_seq
        FROM pages
      )
      SELECT * FROM ranked WHERE rn = 1 ORDER BY first_seq`,
      [],
    );
    return rows.map(captureFromRow);
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const [row] = await this.query<ArticleRow>('get-article', `${ARTICLE_SELECT} WHERE a.id = $1`, [
      id,
    ]);
    return row ? articleFromRow(row) : null;
  }

  async findArticleByUrl(url: string): Promise<StoredArticle | null> {
    const [row] = await this.query<ArticleRow>(
      'article-by-url',
      `${ARTICLE_SELECT} WHERE md5(a.url) = md5($1) AND a.url = $1 ORDER BY a.seq LIMIT 1`,
      [url],
    );
    return row ? articleFromRow(row) : null;
  }

  async findArticlesByKeys(
    sourceId: string,
    leadKey: string | null,
    titleKey: string | null,
    date: ArticleDate,
  ): Promise<StoredArticle[]> {
    if (!leadKey && !titleKey) return [];
    const rows = await this.query<ArticleRow>(
      'articles-by-keys',
      `${ARTICLE_SELECT} WHERE a.seq IN (
        SELECT seq FROM articles WHERE source_id = $1 AND md5(lead_key) = md5($2::text) AND lead_key = $2 AND ${DATE_COMPATIBLE}
        UNION SELECT seq FROM articles WHERE source_id = $1 AND md5(title_key) = md5($3::text) AND title_key = $3 AND ${DATE_COMPATIBLE})
      ORDER BY a.seq`,
      [sourceId, leadKey, titleKey, date.year, date.month, date.day],
    );
    return rows.map(articleFromRow);
  }

  /** One range of the cut headlines' index (match-candidates.ts: cutPrefixOf). */
  async findArticlesByTitlePrefixOf(
    sourceId: string,
    titleKey: string,
    minLength: number,
    date: ArticleDate,
  ): Promise<StoredArticle[]> {
    const rows = await this.query<ArticleRow>(
      'articles-by-title-prefix',
      `${ARTICLE_SELECT} WHERE a.seq IN (
        SELECT seq FROM articles WHERE source_id = $1 AND ${cutPrefixOf('$2', '$3')}
          AND ${DATE_COMPATIBLE})
      ORDER BY a.seq`,
      [sourceId, titleKey, minLength, date.year, date.month, date.day],
    );
    return rows.map(articleFromRow);
  }

  /**
   * Both kinds of candidate in one statement (one round trip, not two): the same body first (at most
   * 20), then shared bands (at most 200), each oldest first. `seq` orders them and is dropped.
   */
  async findStoryCandidates(
    bodyHash: string | null,
    signature: Uint8Array | null,
  ): Promise<StoryCandidate[]> {
    if (!bodyHash && !signature) return [];
    const rows = await this.query<StoryCandidate & { seq: number }>(
      'story-candidates',
      `
      (SELECT ${CANDIDATE}, a.seq, true AS "sameBody" FROM articles a WHERE a.body_hash = $1::text ORDER BY a.seq LIMIT 20)
      UNION ALL
      (SELECT ${CANDIDATE}, a.seq, false AS "sameBody" FROM articles a
        WHERE a.seq IN (SELECT article_seq FROM story_bands WHERE band = ANY($2::bigint[])) ORDER BY a.seq LIMIT 200)
      ORDER BY "sameBody" DESC, seq`,
      [bodyHash, bandValues(signature)],
    );
    return rows.map(({ seq: _seq, ...candidate }) => candidate);
  }

  async findMatchCandidates(request: MatchRequest): Promise<MatchCandidates> {
    const kept = this.conn.prefetch()?.take(request);
    if (kept) return kept;
    const rows = await this.query<FoundRow>(
      'match-candidates',
      MATCH_CANDIDATES_SQL,
      matchCandidatesValues(request),
    );
    return matchCandidatesFromRows(request, rows);
  }

  /** Each text's `findMatchCandidates`, for many texts in one statement (in the same order). */
  async findMatchCandidatesMany(requests: MatchRequest[]): Promise<MatchCandidates[]> {
    if (requests.length === 0) return [];
    const rows = await this.query<FoundRow & { i: number }>(
      'match-candidates-batch',
      MATCH_CANDIDATES_BATCH_SQL,
      matchCandidatesBatchValues(requests),
    );
    const byRequest = requests.map((): FoundRow[] => []);
    for (const row of rows) byRequest[row.i - 1]!.push(row);
    return requests.map((r, n) => matchCandidatesFromRows(r, byRequest[n]!));
  }

  /**
   * Inside a write transaction: the candidates of a batch of texts, and which of their new ids are
   * free, read in two statements sent at once. What the transaction writes while they are on their
   * way is weighed against them like any write after a read (match-prefetch.ts).
   */
  async prefetchMatchCandidates(requests: MatchRequest[]): Promise<void> {
    const prefetch = this.conn.prefetch();
    if (!prefetch || requests.length < 2) return;
    const since = prefetch.mark();
    const ids = [...new Set(requests.flatMap((r) => (r.newId ? [r.newId] : [])))];
    const [found, taken] = await Promise.all([
      this.findMatchCandidatesMany(requests),
      this.query<{ id: string }>(
        'ids-taken',
        'SELECT id FROM articles WHERE id = ANY($1::text[])',
        [ids],
      ),
    ]);
    prefetch.keep(requests, found, since);
    const held = new Set(taken.map((r) => r.id));
    prefetch.keepFree(
      ids.filter((id) => !held.has(id)),
      since,
    );
  }

  /**
   * One statement: the article and its band rows go in together, or (id taken) nothing does; with
   * `first`, its first version and that version's people (or its place in the people queue) too.
   */
  async insertArticle(article: StoredArticle, first?: FirstVersion): Promise<boolean> {
    if (await this.conn.deferInsert(article, first)) return true;
    const values = [...articleValues(article), bandValues(article.keys.signature)];
    const param = (v: unknown) => `$${values.push(v)}`;
    const ctes = [
      `ins AS (INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_SLOTS})
        ON CONFLICT (id) DO NOTHING RETURNING seq)`,
      `bands AS (INSERT INTO story_bands (band, article_seq)
        SELECT b, ins.seq FROM ins, unnest($${ARTICLE_COLUMNS.length + 1}::bigint[]) b)`,
    ];
    if (first) {
      const { version: v, people } = first;
      const seq = `${param(v.seq)}::int`;
      ctes.push(`ver AS (INSERT INTO versions (${VERSION_COLUMNS})
        SELECT ins.seq, ${seq}, ${[v.contentHash, v.title, v.paragraphs.join('\n'), v.firstSeen, v.lastSeen, v.captureSha256, v.locator].map(param).join(', ')} FROM ins)`);
      if (people)
        ctes.push(...peopleInserts(people, [], param, { article: 'ins.seq', seq, from: 'ins' }));
      else
        ctes.push(
          `queue AS (INSERT INTO people_queue (article_seq, seq) SELECT ins.seq, ${seq} FROM ins)`,
        );
    }
    // Prepared once per shape: the text depends only on which tables get rows.
    const shape = ctes.map((c) => c.slice(0, c.indexOf(' '))).join('-');
    const text = `WITH ${ctes.join(',\n')} SELECT seq FROM ins`;
    const inserted = (await this.query(`insert-article-${shape}`, text, values)).length > 0;
    if (inserted) this.conn.prefetch()?.wrote(article);
    return inserted;
  }

  /** The band rows are rewritten only when the signature changed (the LSH index follows it). */
  async updateArticle(article: StoredArticle): Promise<void> {
    this.conn.prefetch()?.wrote(article);
    const sets = ARTICLE_COLUMNS.slice(1)
      .map((col, i) => `${col} = $${i + 2}`)
      .join(', ');
    await this.conn.atomic(async (db) => {
      const {
        rows: [row],
      } = await db.query<{ seq: number; before: Buffer | null }>({
        name: 'update-article',
        text: `UPDATE articles a SET ${sets} FROM (SELECT seq, signature FROM articles WHERE id = $1 FOR UPDATE) old
          WHERE a.seq = old.seq RETURNING a.seq, old.signature AS before`,
        values: articleValues(article),
      });
      if (!row) throw new Error(`no article ${article.id} to update`);
      const after = article.keys.signature;
      const unchanged = row.before && after ? row.before.equals(after) : row.before === after;
      if (unchanged) return;
      await db.query('DELETE FROM story_bands WHERE article_seq = $1', [row.seq]);
      await db.query(
        'INSERT INTO story_bands (band, article_seq) SELECT unnest($1::bigint[]), $2',
        [bandValues(after), row.seq],
      );
    });
  }

  async listArticles(q: ArticleQuery): Promise<Page<Article>> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (q.sourceId) add('a.source_id = ?', q.sourceId);
    if (q.status) add('a.status = ?', q.status);
    if (q.storyId) add('a.story_id = ?', q.storyId);
    if (q.from) add('a.pub_date >= ?', q.from);
    if (q.to) add('a.pub_date <= ?', q.to);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const dir = q.order === 'oldest' ? 'ASC' : 'DESC';
    const db = this.conn.q();
    const total = await this.countArticles(clause, values, q.storyId !== undefined);
    if (q.limit === 0) return { items: [], total };
    // Unknown dates last either way; newest first is a backward scan of a date index (migration 18).
    const { rows } = await db.query<ArticleRow>(
      `${ARTICLE_SELECT} ${clause}
      ORDER BY a.pub_date ${dir} NULLS LAST, a.seq ${dir} LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, q.limit ?? 50, q.offset ?? 0],
    );
    return { items: rows.map((r) => withoutKeys(articleFromRow(r))), total };
  }

  /** A story's count is one index seek, cheaper than keeping it (`few`). */
  private countArticles(clause: string, values: unknown[], few: boolean): Promise<number> {
    const count = async () =>
      (
        await this.conn
          .q()
          .query<{ n: number }>(`SELECT COUNT(*) AS n FROM articles a ${clause}`, values)
      ).rows[0]!.n;
    if (few) return count();
    return this.untilChange(this.counts, `${clause}\u0000${JSON.stringify(values)}`, count);
  }

  async articlesAround(articleId: string, limit: number): Promise<ArticlesAround> {
    // Row values compare date, then insertion order; a NULL pub_date (no full date) matches nothing.
    // LATERAL, so the article's own date bounds a scan of the (source_id, pub_date, seq) index; the
    // NULLS clause is the index's own (migration 18), which is what lets the scan give the order.
    const side = async (op: '<' | '>', dir: 'ASC' | 'DESC') =>
      (
        await this.query<ArticleRow>(
          `articles-around-${dir}`,
          `SELECT n.* FROM (SELECT source_id, pub_date, seq AS at FROM articles WHERE id = $1) me
          CROSS JOIN LATERAL (${ARTICLE_SELECT}
            WHERE a.source_id = me.source_id AND (a.pub_date, a.seq) ${op} (me.pub_date, me.at)
            ORDER BY a.pub_date ${dir} NULLS ${dir === 'ASC' ? 'FIRST' : 'LAST'}, a.seq ${dir}
            LIMIT $2) n`,
          [articleId, limit],
        )
      ).map((r) => withoutKeys(articleFromRow(r)));
    const [before, after] = await Promise.all([side('<', 'DESC'), side('>', 'ASC')]);
    return { before, after };
  }

  /** Keyset pages of 500 in insertion order: memory stays bounded and no client is held between pages. */
  async *iterateArticles(): AsyncIterable<Article> {
    let after = 0;
    for (;;) {
      const rows = await this.query<ArticleRow>(
        'iterate-articles',
        `${ARTICLE_SELECT} WHERE a.seq > $1 ORDER BY a.seq LIMIT 500`,
        [after],
      );
      if (rows.length === 0) return;
      for (const r of rows) yield withoutKeys(articleFromRow(r));
      after = rows[rows.length - 1]!.seq;
    }
  }

  async getVersions(articleId: string): Promise<Version[]> {
    const rows = await this.query<VersionRow>(
      'versions',
      `SELECT a.id AS article_id, v.* FROM versions v
      JOIN articles a ON a.seq = v.article_seq WHERE a.id = $1 ORDER BY v.seq`,
      [articleId],
    );
    return rows.map(versionFromRow);
  }

  async insertVersion(v: Version): Promise<void> {
    await this.query(
      'insert-version',
      `WITH v AS (INSERT INTO versions (${VERSION_COLUMNS})
        VALUES ((SELECT seq FROM articles WHERE id = $1), $2, $3, $4, $5, $6, $7, $8, $9)
        RETURNING article_seq, seq)
      INSERT INTO people_queue (article_seq, seq) SELECT article_seq, seq FROM v ON CONFLICT DO NOTHING`,
      [
        v.articleId,
        v.seq,
        v.contentHash,
        v.title,
        v.paragraphs.join('\n'),
        v.firstSeen,
        v.lastSeen,
        v.captureSha256,
        v.locator,
      ],
    );
  }

  async updateVersionSeen(
    articleId: string,
    seq: number,
    firstSeen: string,
    lastSeen: string,
  ): Promise<void> {
    await this.query(
      'update-version-seen',
      `UPDATE versions SET first_seen = $1, last_seen = $2
      WHERE article_seq = (SELECT seq FROM articles WHERE id = $3) AND seq = $4`,
      [firstSeen, lastSeen, articleId, seq],
    );
  }

  async insertListingEntry(e: ListingEntry): Promise<void> {
    await this.query(
      'insert-listing',
      `INSERT INTO listing_entries (capture_sha256, position, source_id, text, dateline,
      pub_year, pub_month, pub_day, date_basis, link, article_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      ON CONFLICT (capture_sha256, position) DO NOTHING`,
      listingValues(e),
    );
  }

  async listListingEntries(filter: {
    articleId?: string;
    captureSha256?: string;
  }): Promise<ListingEntry[]> {
    const rows = filter.articleId
      ? await this.query<ListingRow>(
          'listings-by-article',
          `SELECT * FROM listing_entries WHERE article_id = $1
          ORDER BY capture_sha256 COLLATE "C", position`,
          [filter.articleId],
        )
      : await this.query<ListingRow>(
          'listings-by-capture',
          `SELECT * FROM listing_entries WHERE capture_sha256 = $1
          ORDER BY position`,
          [filter.captureSha256 ?? ''],
        );
    return rows.map(listingFromRow);
  }

  insertEvent(event: ArticleEvent): Promise<void> {
    return this.events.insertEvent(event);
  }

  listEvents(query: EventQuery): Promise<Page<ArticleEventView>> {
    return this.events.listEvents(query);
  }

  coverage(query: { sourceId?: string; from?: string; to?: string }): Promise<CoverageDay[]> {
    return this.events.coverage(query);
  }

  markChecked(articleId: string, at: string): Promise<void> {
    return this.events.markChecked(articleId, at);
  }

  listListedArticles(
    sourceId: string,
    origin: string,
    from: string,
    to: string,
    before: string,
  ): Promise<ListedArticle[]> {
    return this.events.listListedArticles(sourceId, origin, from, to, before);
  }

  async clearDerived(): Promise<void> {
    // The articles and their search index go together (TRUNCATE fires no row triggers).
    await this.conn.atomic(async (db) => {
      // One TRUNCATE: PostgreSQL refuses to truncate a table others reference unless they go with it.
      await db.query(`TRUNCATE article_events, listing_entries, versions, story_bands, ${PEOPLE_TABLES},
        translations, articles, source_figures; UPDATE translation_state SET mark = 0`);
      await db.query(REQUEUE_ALL);
      await this.search.clear(db);
    });
  }

  async stats(): Promise<ArchiveStats> {
    const [row] = await this.query<ArchiveStats>('stats', STATS_SQL);
    return row!;
  }

  async checkIntegrity(): Promise<string[]> {
    return checkSchema(this.conn.q());
  }
}
