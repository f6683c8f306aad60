/**
 * The embedded engine: one SQLite file (WAL), better-sqlite3 12. Synchronous underneath, async at the
 * interface so the PostgreSQL engine can stand in its place.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CUT_TITLE } from '../cut-title.js';
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
  FirstVersion,
  ListedArticle,
  NewCapture,
  Page,
  SourceSummary,
  StoredArticle,
  MatchCandidates,
  MatchRequest,
  StoryCandidate,
  ArticlesAround,
} from '../types.js';
import { SqliteCaptures } from './captures.js';
import { sqliteCrawlFrontier } from './crawl-frontier.js';
import { sqliteAccounts } from './accounts.js';
import { sqliteWatch } from './watch.js';
import { sqliteTranslations } from './translations.js';
import type { TranslationStore } from '../translation-types.js';
import { sqliteAlerts } from './alerts.js';
import type { AlertStore } from '../alert-types.js';
import type { WatchStore } from '../watch-types.js';
import type { AccountStore } from '../accounts-types.js';
import type { CrawlFrontier } from '../frontier-types.js';
import { SqliteEvents } from './events.js';
import { StatementCache } from './statement-cache.js';
import { SqlitePeople } from './people.js';
import { SqliteWriter } from './writer.js';
import { quickCheck } from './quick-check.js';
import { archiveStats, sourceSummaries } from './stats.js';

type StoryCandidateRow = Omit<StoryCandidate, 'sameBody'> & { sameBody: number };
import { migrations } from './migrations.js';
import { BANDS, bandKeysOf } from '../../reconcile/minhash.js';
import { SqliteSearchIndex } from './search.js';
import {
  ARTICLE_SELECT,
  withoutKeys,
  articleFromRow,
  articleParams,
  captureFromRow,
  listingFromRow,
  versionFromRow,
  type ArticleRow,
  type CaptureRow,
  type ListingRow,
  type VersionRow,
} from './rows.js';

/** An unknown part (NULL) on either side is no contradiction: a year-unknown copy matches a dated one. */
const DATE_COMPATIBLE = `(pub_year IS NULL OR @year IS NULL OR pub_year = @year)
  AND (pub_month IS NULL OR @month IS NULL OR pub_month = @month)
  AND (pub_day IS NULL OR @day IS NULL OR pub_day = @day)`;

const BAND_SLOTS = Array.from({ length: BANDS }, () => '?').join(', ');
/** Keeps a key in its own band position: equal keys in different bands are no evidence. */
const bandValue = (key: number, index: number) => index * 2 ** 32 + key;

/**
 * A writer's page cache, in MiB: hash-like keys (lead, body hash, MinHash bands) make index writes
 * random, and the hot pages are kept in memory.
 */
const WRITER_CACHE_MIB = 128;

export interface SqliteOptions {
  /** The connection's page cache in MiB (`cache_size`); a writer's by default. */
  cacheMiB?: number;
}

export class SqliteStore implements ArchiveStore {
  readonly engine = 'sqlite' as const;
  readonly search: SqliteSearchIndex;
  readonly frontier: CrawlFrontier;
  readonly accounts: AccountStore;
  readonly watch: WatchStore;
  readonly translations: TranslationStore;
  readonly alerts: AlertStore;
  readonly people: SqlitePeople;
  private readonly db: Database.Database;
  private readonly writer: SqliteWriter;
  private readonly stmt: ReturnType<SqliteStore['prepareAll']>;
  private readonly events: SqliteEvents;
  private readonly captures: SqliteCaptures;

  /** Opens (creating when missing) the archive at `path` and brings its schema up to date. */
  constructor(
    readonly path: string,
    options: SqliteOptions = {},
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // First: two processes opening a new archive at once wait for each other, from the first pragma on.
    // Another process's write batch holds the lock about a second; on a loaded machine, longer.
    this.db.pragma('busy_timeout = 30000');
    this.db.pragma('journal_mode = WAL');
    // NORMAL is safe against corruption in WAL mode, including kill -9; only an OS crash can lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`cache_size = -${(options.cacheMiB ?? WRITER_CACHE_MIB) * 1024}`);
    this.db.pragma('temp_store = MEMORY');
    this.migrate();
    this.stmt = this.prepareAll();
    this.writer = new SqliteWriter(this.db, () => {
      this.tokenThisTurn = null;
    });
    this.search = new SqliteSearchIndex(this.db, this.writer);
    this.events = new SqliteEvents(this.db);
    this.captures = new SqliteCaptures(this.db, this.writer);
    this.frontier = sqliteCrawlFrontier(this.db, this.writer);
    this.accounts = sqliteAccounts(this.db, this.writer);
    this.watch = sqliteWatch(this.db, this.writer);
    this.translations = sqliteTranslations(this.db, this.writer);
    this.alerts = sqliteAlerts(this.db, this.writer);
    this.people = new SqlitePeople(this.db, this.writer);
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const read = () =>
      (
        this.db.prepare('SELECT version FROM schema_version').get() as
          { version: number } | undefined
      )?.version ?? 0;
    const current = read();
    if (current > migrations.length) {
      throw new Error(
        `archive ${this.path} has schema ${current}, newer than this wirewatch (${migrations.length}): upgrade wirewatch`,
      );
    }
    if (current === migrations.length) return;
    // Off while tables are rebuilt (SQLite's documented way to change a schema); checked before commit.
    this.db.pragma('foreign_keys = OFF');
    try {
      this.db
        .transaction(() => {
          // Another process may have migrated while this one waited for the write lock.
          const start = read();
          if (start >= migrations.length) return;
          for (let v = start; v < migrations.length; v++) this.db.exec(migrations[v]!);
          this.db.prepare('DELETE FROM schema_version').run();
          this.db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(migrations.length);
          const broken = this.db.pragma('foreign_key_check') as unknown[];
          if (broken.length)
            throw new Error(`migration left ${broken.length} rows without their parent`);
        })
        .immediate();
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  private prepareAll() {
    const p = (sql: string) => this.db.prepare(sql);
    return {
      health: p('SELECT version FROM schema_version'),
      totalChanges: p('SELECT total_changes() AS n'),
      changeToken: p(
        "SELECT data_version || '.' || total_changes() AS token FROM pragma_data_version",
      ),
      upsertSource:
        p(`INSERT INTO sources (id, name, language, label) VALUES (@id, @name, @language, @label)
        ON CONFLICT(id) DO NOTHING`),
      getSource: p('SELECT id, name, language, label FROM sources WHERE id = ?'),
      getArticle: p(`${ARTICLE_SELECT} WHERE a.id = ?`),
      articleByUrl: p(`${ARTICLE_SELECT} WHERE a.url = ? ORDER BY a.rowid LIMIT 1`),
      // A UNION of two index searches: SQLite's planner scans the whole source for the OR form.
      articlesByKeys: p(`${ARTICLE_SELECT} WHERE a.rowid IN (
          SELECT rowid FROM articles WHERE source_id = @source AND lead_key = @lead AND ${DATE_COMPATIBLE}
          UNION SELECT rowid FROM articles WHERE source_id = @source AND title_key = @title AND ${DATE_COMPATIBLE})
        ORDER BY a.rowid`),
      // One range of the title key index: every prefix of @key at least as long as @floor sorts in it.
      articlesByTitlePrefix: p(`${ARTICLE_SELECT} WHERE a.rowid IN (
          SELECT rowid FROM articles WHERE source_id = @source AND title_key >= @floor
            AND title_key < @key AND substr(@key, 1, length(title_key)) = title_key AND ${CUT_TITLE}
            AND ${DATE_COMPATIBLE})
        ORDER BY a.rowid`),
      storyByBody:
        p(`SELECT id, story_id AS storyId, language, signature, 1 AS sameBody FROM articles
        WHERE body_hash = ? ORDER BY rowid LIMIT 20`),
      storyByBands: p(`SELECT a.id, a.story_id AS storyId, a.language, a.signature, 0 AS sameBody
        FROM articles a WHERE a.rowid IN (SELECT article_rowid FROM story_bands WHERE band IN (${BAND_SLOTS}))
        ORDER BY a.rowid LIMIT 200`),
      insertArticle:
        p(`INSERT INTO articles (id, source_id, url, title, dateline, pub_year, pub_month, pub_day, date_basis,
        pub_date, language, teaser, status, story_id, version_count, first_seen, last_seen, removed_at, flags, lead_key,
        title_key, body_hash, signature) VALUES (@id, @source_id, @url, @title, @dateline, @pub_year, @pub_month, @pub_day,
        @date_basis, @pub_date, @language, @teaser, @status, @story_id, @version_count, @first_seen, @last_seen,
        @removed_at, @flags, @lead_key, @title_key, @body_hash, @signature) ON CONFLICT(id) DO NOTHING`),
      updateArticle:
        p(`UPDATE articles SET source_id = @source_id, url = @url, title = @title, dateline = @dateline,
        pub_year = @pub_year, pub_month = @pub_month, pub_day = @pub_day, date_basis = @date_basis,
        pub_date = @pub_date, language = @language, teaser = @teaser, status = @status, story_id = @story_id,
        version_count = @version_count, first_seen = @first_seen, last_seen = @last_seen, removed_at = @removed_at, flags = @flags,
        lead_key = @lead_key, title_key = @title_key, body_hash = @body_hash, signature = @signature WHERE id = @id`),
      rowidOf: p('SELECT rowid, signature FROM articles WHERE id = ?'),
      deleteBands: p('DELETE FROM story_bands WHERE article_rowid = ?'),
      insertBands: p(
        `INSERT OR IGNORE INTO story_bands (band, article_rowid) VALUES ${BAND_SLOTS.split(', ')
          .map(() => '(?, ?)')
          .join(', ')}`,
      ),
      versions:
        p(`SELECT a.id AS article_id, v.* FROM versions v JOIN articles a ON a.rowid = v.article_rowid
        WHERE a.id = ? ORDER BY v.seq`),
      insertVersion:
        p(`INSERT INTO versions (article_rowid, seq, content_hash, title, body, first_seen, last_seen,
        capture_sha256, locator) VALUES ((SELECT rowid FROM articles WHERE id = @article_id), @seq, @content_hash,
        @title, @body, @first_seen, @last_seen, @capture_sha256, @locator)`),
      updateVersionSeen: p(`UPDATE versions SET first_seen = ?, last_seen = ?
        WHERE article_rowid = (SELECT rowid FROM articles WHERE id = ?) AND seq = ?`),
      insertListing:
        p(`INSERT OR IGNORE INTO listing_entries (capture_sha256, position, source_id, text, dateline,
        pub_year, pub_month, pub_day, date_basis, link, article_id) VALUES (@capture_sha256, @position, @source_id,
        @text, @dateline, @pub_year, @pub_month, @pub_day, @date_basis, @link, @article_id)`),
      listingsByArticle: p(
        'SELECT * FROM listing_entries WHERE article_id = ? ORDER BY capture_sha256, position',
      ),
      listingsByCapture: p(
        'SELECT * FROM listing_entries WHERE capture_sha256 = ? ORDER BY position',
      ),
    };
  }

  async close(): Promise<void> {
    await this.search.closeThread();
    if (this.db.open) this.db.close();
  }

  /** Searches' FTS5 matches run on a thread of their own from now on: a server's event loop stays free. */
  searchOnThread(): void {
    this.search.matchOnThread(this.path);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.writer.transaction(fn);
  }

  /** Nothing to do: SQLite's lookups here are planned from the indexes alone (no ANALYZE is run). */
  async refreshStatistics(): Promise<void> {}

  async health(): Promise<void> {
    // One row of a one-row table: proves the connection is open and the file's pages can be read.
    this.stmt.health.get();
  }

  /**
   * `data_version` changes when another connection commits; this connection's own writes (a sweep
   * run by the server) count in `total_changes()`. Both only grow.
   *
   * Read once per turn of the event loop, and again after this process writes: the requests one
   * turn handles arrived together, before it began, so another process's write that ends during the
   * turn may be ordered after all of them (their clients learn of it only from a later answer).
   * Under load a turn handles dozens of requests, and the statement cost each of them 4–15 µs.
   */
  private tokenThisTurn: string | null = null;
  async changeToken(): Promise<string> {
    if (this.tokenThisTurn === null) {
      this.tokenThisTurn = this.dataVersion();
      setImmediate(() => {
        this.tokenThisTurn = null;
      });
    }
    return this.tokenThisTurn;
  }

  async upsertSource(source: Source): Promise<void> {
    await this.writer.write(() => this.stmt.upsertSource.run(source));
  }

  async getSource(id: string): Promise<Source | null> {
    return (this.stmt.getSource.get(id) as Source | undefined) ?? null;
  }

  /** Read each time: a few index reads a source (source_figures), a new list for each caller. */
  async listSources(): Promise<SourceSummary[]> {
    return sourceSummaries((sql) => this.cached(sql));
  }

  async getCapture(key: CaptureKey): Promise<CaptureRecord | null> {
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

  async listCaptures(query: CaptureQuery = {}): Promise<Page<CaptureRecord>> {
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

  async listClaims(): Promise<{ worker: string; captures: number }[]> {
    return this.captures.claims();
  }

  requeueCaptures(which: 'failed' | 'all'): Promise<number> {
    return this.captures.requeue(which);
  }

  requeueCapture(key: CaptureKey, options: Record<string, string | number>): Promise<void> {
    return this.captures.requeueOne(key, options);
  }

  async newestPageCaptures(): Promise<CaptureRecord[]> {
    // BINARY collation on captured_at: the same order as comparing the ISO strings in JavaScript.
    const rows = this.db
      .prepare(
        `
      WITH pages AS (
        SELECT c.*, COALESCE(json_extract(options, '$.sourceId'), json_extract(options, '$.source'))
            AS page_source,
          CASE WHEN json_extract(options, '$.pageKind') = 'listing' THEN 'listing' ELSE 'article' END AS page_group
        FROM captures c
        WHERE kind = 'warc' AND processed_at IS NOT NULL AND json_type(options, '$.pageKind') = 'text'
          AND (json_type(options, '$.sourceId') = 'text' OR json_type(options, '$.source') = 'text')
      ), ranked AS (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY page_source, page_group ORDER BY captured_at DESC, seq DESC) AS rn,
          MIN(seq) OVER (PARTITION BY page_source, page_group) AS first_seq
        FROM pages
      )
      SELECT * FROM ranked WHERE rn = 1 ORDER BY first_seq`,
      )
      .all() as CaptureRow[];
    return rows.map(captureFromRow);
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const row = this.stmt.getArticle.get(id) as ArticleRow | undefined;
    return row ? articleFromRow(row) : null;
  }

  async findArticleByUrl(url: string): Promise<StoredArticle | null> {
    const row = this.stmt.articleByUrl.get(url) as ArticleRow | undefined;
    return row ? articleFromRow(row) : null;
  }

  async findArticlesByKeys(
    sourceId: string,
    leadKey: string | null,
    titleKey: string | null,
    date: ArticleDate,
  ): Promise<StoredArticle[]> {
    if (!leadKey && !titleKey) return [];
    const rows = this.stmt.articlesByKeys.all({
      source: sourceId,
      lead: leadKey,
      title: titleKey,
      year: date.year,
      month: date.month,
      day: date.day,
    }) as ArticleRow[];
    return rows.map(articleFromRow);
  }

  async findArticlesByTitlePrefixOf(
    sourceId: string,
    titleKey: string,
    minLength: number,
    date: ArticleDate,
  ): Promise<StoredArticle[]> {
    if (titleKey.length <= minLength) return [];
    const rows = this.stmt.articlesByTitlePrefix.all({
      source: sourceId,
      key: titleKey,
      floor: titleKey.slice(0, minLength),
      year: date.year,
      month: date.month,
      day: date.day,
    }) as ArticleRow[];
    return rows.map(articleFromRow);
  }

  async findStoryCandidates(
    bodyHash: string | null,
    signature: Uint8Array | null,
  ): Promise<StoryCandidate[]> {
    const rows = bodyHash ? (this.stmt.storyByBody.all(bodyHash) as StoryCandidateRow[]) : [];
    if (signature)
      rows.push(
        ...(this.stmt.storyByBands.all(
          ...bandKeysOf(signature).map(bandValue),
        ) as StoryCandidateRow[]),
      );
    return rows.map((r) => ({ ...r, sameBody: r.sameBody === 1 }));
  }

  /** Nothing to save: every lookup below is in process. */
  async prefetchMatchCandidates(_requests: MatchRequest[]): Promise<void> {}

  /** In process every lookup is cheap: the three in turn, story candidates only when still needed. */
  async findMatchCandidates(r: MatchRequest): Promise<MatchCandidates> {
    const byKeys = await this.findArticlesByKeys(r.sourceId, r.leadKey, r.titleKey, r.date);
    const byTitlePrefix =
      r.prefixFloor !== null && r.titleKey
        ? await this.findArticlesByTitlePrefixOf(r.sourceId, r.titleKey, r.prefixFloor, r.date)
        : [];
    const story =
      r.story && !byKeys.length && !byTitlePrefix.length
        ? await this.findStoryCandidates(r.story.bodyHash, r.story.signature)
        : null;
    return { byKeys, byTitlePrefix, story };
  }

  async insertArticle(article: StoredArticle, first?: FirstVersion): Promise<boolean> {
    const inserted = await this.writer.write(() => {
      const result = this.stmt.insertArticle.run(articleParams(article));
      if (result.changes === 0) return false;
      this.writeBands(Number(result.lastInsertRowid), article.keys.signature);
      return true;
    });
    if (inserted && first) {
      const { version, people } = first;
      await this.insertVersion(version);
      if (people)
        await this.people.putVersionPeople(article.id, version.seq, people, version.firstSeen);
    }
    return inserted;
  }

  updateArticle(article: StoredArticle): Promise<void> {
    return this.writer.write(() => this.writeArticle(article));
  }

  private writeArticle(article: StoredArticle): void {
    const before = this.stmt.rowidOf.get(article.id) as
      { rowid: number; signature: Buffer | null } | undefined;
    if (!before) throw new Error(`no article ${article.id} to update`);
    this.stmt.updateArticle.run(articleParams(article));
    const after = article.keys.signature;
    const unchanged =
      before.signature && after ? before.signature.equals(after) : before.signature === after;
    if (unchanged) return;
    this.stmt.deleteBands.run(before.rowid);
    this.writeBands(before.rowid, after);
  }

  /** The LSH index is derived from the signature here, so it can never disagree with it. */
  private writeBands(rowid: number, signature: Uint8Array | null): void {
    if (!signature) return;
    this.stmt.insertBands.run(
      bandKeysOf(signature).flatMap((key, index) => [bandValue(key, index), rowid]),
    );
  }

  async listArticles(q: ArticleQuery): Promise<Page<Article>> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.sourceId) {
      where.push('a.source_id = @sourceId');
      params.sourceId = q.sourceId;
    }
    if (q.status) {
      where.push('a.status = @status');
      params.status = q.status;
    }
    if (q.storyId) {
      where.push('a.story_id = @storyId');
      params.storyId = q.storyId;
    }
    if (q.from) {
      where.push('a.pub_date >= @from');
      params.from = q.from;
    }
    if (q.to) {
      where.push('a.pub_date <= @to');
      params.to = q.to;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // Unknown dates last either way. Newest first needs no extra term (NULL sorts lowest), so the date
    // indexes deliver the order; the page's rowids come first and only they are joined to their text.
    const order =
      q.order === 'oldest'
        ? 'a.pub_date IS NULL, a.pub_date ASC, a.rowid ASC'
        : 'a.pub_date DESC, a.rowid DESC';
    const total = this.countArticles(clause, params);
    if (q.limit === 0) return { items: [], total };
    const rowids = this.cached(
      `SELECT a.rowid FROM articles a ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    )
      .pluck()
      .all({ ...params, limit: q.limit ?? 50, offset: q.offset ?? 0 }) as number[];
    if (rowids.length === 0) return { items: [], total };
    const rows = this.cached(
      `${ARTICLE_SELECT} WHERE a.rowid IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(rowids)) as ArticleRow[];
    const byRowid = new Map(rows.map((r) => [r.rowid, r]));
    return { items: rowids.map((id) => withoutKeys(articleFromRow(byRowid.get(id)!))), total };
  }

  async articlesAround(articleId: string, limit: number): Promise<ArticlesAround> {
    // Row values compare date, then rowid, so the (source_id, pub_date) index delivers each side in
    // order; an article without a full date has a NULL pub_date and so no neighbours.
    const side = (op: '<' | '>', dir: 'ASC' | 'DESC') =>
      (
        this.cached(
          `${ARTICLE_SELECT} JOIN (SELECT source_id, pub_date, rowid AS at FROM articles WHERE id = ?) me
          ON a.source_id = me.source_id WHERE (a.pub_date, a.rowid) ${op} (me.pub_date, me.at)
          ORDER BY a.pub_date ${dir}, a.rowid ${dir} LIMIT ?`,
        ).all(articleId, limit) as ArticleRow[]
      ).map((r) => withoutKeys(articleFromRow(r)));
    return { before: side('<', 'DESC'), after: side('>', 'ASC') };
  }

  /**
   * Exact totals are a count over an index (a millisecond per 20k articles), so they are kept until the
   * archive changes: `data_version` moves when another connection commits, `total_changes()` when this one writes.
   * A story's count is one index seek, cheaper than keeping it.
   */
  private counts = { version: '', values: new Map<string, number>() };
  private countArticles(clause: string, params: Record<string, unknown>): number {
    const version = this.dataVersion();
    if (version !== this.counts.version || this.counts.values.size > 1000)
      this.counts = { version, values: new Map() };
    if (params.storyId !== undefined)
      return (
        this.cached(`SELECT COUNT(*) AS n FROM articles a ${clause}`).get(params) as { n: number }
      ).n;
    const key = `${clause}\u0000${JSON.stringify(params)}`;
    let n = this.counts.values.get(key);
    if (n === undefined) {
      n = (
        this.cached(`SELECT COUNT(*) AS n FROM articles a ${clause}`).get(params) as { n: number }
      ).n;
      this.counts.values.set(key, n);
    }
    return n;
  }

  /**
   * Moves when another connection commits (`data_version`) and when this one writes, read now. One
   * prepared statement: `db.pragma()` would prepare its statement again on every call.
   */
  private dataVersion(): string {
    return (this.stmt.changeToken.get() as { token: string }).token;
  }

  private statements: StatementCache | undefined;
  private cached(sql: string): Database.Statement {
    return (this.statements ??= new StatementCache(this.db)).get(sql);
  }

  async *iterateArticles(): AsyncIterable<Article> {
    const stmt = this.db.prepare(`${ARTICLE_SELECT} WHERE a.rowid > ? ORDER BY a.rowid LIMIT 500`);
    let after = 0;
    for (;;) {
      const rows = stmt.all(after) as ArticleRow[];
      if (rows.length === 0) return;
      for (const r of rows) yield withoutKeys(articleFromRow(r));
      after = rows[rows.length - 1]!.rowid;
    }
  }

  async getVersions(articleId: string): Promise<Version[]> {
    return (this.stmt.versions.all(articleId) as VersionRow[]).map(versionFromRow);
  }

  async insertVersion(v: Version): Promise<void> {
    await this.writer.write(() =>
      this.stmt.insertVersion.run({
        article_id: v.articleId,
        seq: v.seq,
        content_hash: v.contentHash,
        title: v.title,
        body: v.paragraphs.join('\n'),
        first_seen: v.firstSeen,
        last_seen: v.lastSeen,
        capture_sha256: v.captureSha256,
        locator: v.locator,
      }),
    );
  }

  async updateVersionSeen(
    articleId: string,
    seq: number,
    firstSeen: string,
    lastSeen: string,
  ): Promise<void> {
    await this.writer.write(() =>
      this.stmt.updateVersionSeen.run(firstSeen, lastSeen, articleId, seq),
    );
  }

  async insertListingEntry(e: ListingEntry): Promise<void> {
    await this.writer.write(() =>
      this.stmt.insertListing.run({
        capture_sha256: e.captureSha256,
        position: e.position,
        source_id: e.sourceId,
        text: e.text,
        dateline: e.dateline ? JSON.stringify(e.dateline) : null,
        pub_year: e.published.year,
        pub_month: e.published.month,
        pub_day: e.published.day,
        date_basis: e.published.basis,
        link: e.link,
        article_id: e.articleId,
      }),
    );
  }

  async listListingEntries(filter: {
    articleId?: string;
    captureSha256?: string;
  }): Promise<ListingEntry[]> {
    const rows = filter.articleId
      ? this.stmt.listingsByArticle.all(filter.articleId)
      : this.stmt.listingsByCapture.all(filter.captureSha256 ?? '');
    return (rows as ListingRow[]).map(listingFromRow);
  }

  async insertEvent(event: ArticleEvent): Promise<void> {
    await this.writer.write(() => this.events.insertEvent(event));
  }

  async listEvents(query: EventQuery): Promise<Page<ArticleEventView>> {
    return this.events.listEvents(query);
  }

  async coverage(query: { sourceId?: string; from?: string; to?: string }): Promise<CoverageDay[]> {
    return this.events.coverage(query);
  }

  async markChecked(articleId: string, at: string): Promise<void> {
    await this.writer.write(() => this.events.markChecked(articleId, at));
  }

  async listListedArticles(
    sourceId: string,
    origin: string,
    from: string,
    to: string,
    before: string,
  ): Promise<ListedArticle[]> {
    return this.events.listListedArticles(sourceId, origin, from, to, before);
  }

  clearDerived(): Promise<void> {
    // One transaction: a reprocess killed here leaves the archive as it was, never articles without versions.
    return this.transaction(async () => {
      this.db.exec(`DELETE FROM article_events; DELETE FROM listing_entries; DELETE FROM versions;
        DELETE FROM story_bands; DELETE FROM translations; UPDATE translation_state SET mark = 0;`);
      this.people.clear();
      this.db.exec('DELETE FROM articles; DELETE FROM source_figures');
      this.captures.requeueAll();
      this.search.clear();
    });
  }

  async stats(): Promise<ArchiveStats> {
    return archiveStats(this.db);
  }

  async checkIntegrity(): Promise<string[]> {
    return quickCheck(this.db);
  }
}
