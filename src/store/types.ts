/**
 * The one storage interface. Everything above this folder talks to an `ArchiveStore`; SQL lives only in
 * the engine folders below it (sqlite/ now, postgres/ next), which must pass the same contract tests
 * (test/store/contract.ts).
 */
import type { TranslationStore } from './translation-types.js';
import type {
  Article,
  ArticleDate,
  ArticleEvent,
  ArticleEventKind,
  ArticleStatus,
  Capture,
  CaptureKind,
  EditKind,
  ListingEntry,
  Source,
  Version,
} from '../model/types.js';
import type { Postings } from '../search/bm25.js';
import type { DocumentWords } from '../search/token-cache.js';
import type { TextExpr } from '../search/plan.js';
import type { AccountStore } from './accounts-types.js';
import type { WatchStore } from './watch-types.js';
import type { AlertStore } from './alert-types.js';
import type { CrawlFrontier } from './frontier-types.js';
import type { PeopleStore, VersionPeople } from './people-types.js';

export type * from './frontier-types.js';
export type * from './accounts-types.js';
export type * from './watch-types.js';
export { FOLLOW_KINDS, SAVED_SORTS } from './watch-types.js';
export type * from './alert-types.js';
export { CHANNEL_KINDS, CHANNEL_MODES } from './alert-types.js';
export type * from './people-types.js';
export { PRIORITY, SWEEP_OUTCOMES } from './frontier-types.js';

/** How a capture's bytes sit in the store: gzip-compressed by us, or verbatim (already gzip). */
export type StoredEncoding = 'gzip' | 'identity';

export interface CaptureRecord extends Capture {
  /** The store's number for it: captures are processed in this order. */
  seq: number;
  storedEncoding: StoredEncoding;
  /** True once every chunk of the bytes is stored; an interrupted write leaves false and is redone. */
  bytesComplete: boolean;
  /** The capture this one was cut from (an imported WARC file's exchange), or null. */
  parentSeq: number | null;
  /** How many times a worker claimed it (pipeline/driver.ts): the retry budget counts these. */
  attempts: number;
  /** Set when the retry budget ran out: it is not claimed again until re-queued. */
  failedAt: string | null;
  /** Why the last attempt failed (an exception, not a rejected record: those are `errors`). */
  lastError: string | null;
}

/**
 * What identifies a capture: the same bytes can be two captures of different kinds (an uncompressed
 * WARC file holding one exchange has that exchange's sha-256).
 */
export interface CaptureKey {
  sha256: string;
  kind: CaptureKind;
}

/** A capture about to be stored: the queue fields start empty. */
export type NewCapture = Omit<
  CaptureRecord,
  'seq' | 'bytesComplete' | 'parentSeq' | 'attempts' | 'failedAt' | 'lastError'
> & { parentSeq?: number | null };

/** Where a capture is in the queue. */
export type CaptureState = 'pending' | 'done' | 'failed';

export interface CaptureQuery {
  state?: CaptureState;
  limit?: number;
  offset?: number;
}

/** A worker's hold on a capture, until `until` (ISO time); `worker` names the holder. */
export interface Claim {
  worker: string;
  now: string;
  until: string;
  /** Captures claimed this many times are failed instead of claimed again. */
  maxAttempts: number;
}

/** How a processed capture ends: what it rejected, and the options it was processed with. */
export interface CaptureOutcome {
  processedAt: string;
  errors: string[];
  options?: Record<string, string | number>;
}

/** Keys the reconciler matches and groups on; stored beside the article, never shown. */
export interface ArticleKeys {
  leadKey: string | null;
  titleKey: string | null;
  bodyHash: string | null;
  /** MinHash signature (reconcile/minhash.ts), or null when the text is too short to fingerprint. */
  signature: Uint8Array | null;
}

export interface StoredArticle extends Article {
  keys: ArticleKeys;
}

/** Just what near-duplicate grouping needs of an article. */
export interface StoryCandidate {
  id: string;
  storyId: string;
  language: string | null;
  signature: Uint8Array | null;
  sameBody: boolean;
}

/** What `findMatchCandidates` looks up for one text. */
export interface MatchRequest {
  sourceId: string;
  leadKey: string | null;
  titleKey: string | null;
  date: ArticleDate;
  /** Look for headlines cut short that this title completes, at least this long (null: don't). */
  prefixFloor: number | null;
  /** The text's story keys, when it has a body to group by. */
  story: { bodyHash: string | null; signature: Uint8Array | null } | null;
  /** The id the text is inserted under if it matches nothing (its first derived id). */
  newId?: string;
}

export interface MatchCandidates {
  byKeys: StoredArticle[];
  /** Empty when the request had no `prefixFloor` or no title key. */
  byTitlePrefix: StoredArticle[];
  /** Null when not looked up (no `story` asked, or candidates found above): ask if still needed. */
  story: StoryCandidate[] | null;
}

export interface ArticleQuery {
  sourceId?: string;
  status?: ArticleStatus;
  /** Only the copies of one near-duplicate story (its articles across every source). */
  storyId?: string;
  /** Inclusive `YYYY-MM-DD` bounds on the published date; articles whose year is unknown never match. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
  order?: 'newest' | 'oldest';
}

export interface ArticlesAround {
  before: Article[];
  after: Article[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface EventQuery {
  sourceId?: string;
  articleId?: string;
  kinds?: ArticleEventKind[];
  /** Edits of these classes only (other kinds pass); an edit not yet classified passes too. */
  changes?: EditKind[];
  /** Inclusive bounds on `at`, compared as ISO strings (a bare `YYYY-MM-DD` works). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** An event with what a list of changes shows of its article. */
export interface ArticleEventView extends ArticleEvent {
  title: string | null;
  url: string | null;
  status: ArticleStatus;
}

/** One source's activity on one day (UTC). */
export interface CoverageDay {
  sourceId: string;
  day: string;
  /** Articles whose (full) publication date is this day. */
  published: number;
  /** Articles first archived this day. */
  archived: number;
  edits: number;
  deletions: number;
  restorations: number;
}

/** An article a listing named before, for noticing that a listing stopped naming it. */
export interface ListedArticle {
  id: string;
  url: string | null;
  status: ArticleStatus;
  pubDate: string;
}

export interface SourceSummary extends Source {
  articles: number;
  teasers: number;
  firstPublished: string | null;
  lastPublished: string | null;
  lastCapture: string | null;
}

export interface ArchiveStats {
  sources: number;
  captures: number;
  unprocessedCaptures: number;
  /** Captures whose retry budget ran out (`wirewatch captures --failed`). */
  failedCaptures: number;
  capturesWithErrors: number;
  captureBytes: number;
  storedCaptureBytes: number;
  articles: number;
  teaserOnly: number;
  yearUnknown: number;
  versions: number;
  articlesWithSeveralVersions: number;
  deletedArticles: number;
  edits: number;
  listingEntries: number;
  stories: number;
  storiesWithCopies: number;
}

/** An article's searchable attributes, keyed by its engine-internal document number. */
export interface SearchRow {
  docId: number;
  sourceId: string;
  language: string | null;
  year: number | null;
  month: number | null;
  day: number | null;
  place: string | null;
  status: ArticleStatus;
  storyId: string;
  /** When the archive first received it (ISO 8601): `archived:` filters on it. */
  firstSeen: string;
  /** Words the index holds for it, headline and body (0 while not indexed): its length for BM25. */
  words: number;
}

export interface TextMatches {
  /** Document numbers in ascending order. */
  ids: Uint32Array;
}

/** Matches among older versions: per article (ascending), the seq of its newest older version that matched. */
export interface OlderMatches {
  ids: Uint32Array;
  versions: Uint32Array;
}

/**
 * What search (src/search) needs of an engine: full-text matching of a compiled text expression and
 * the attributes it filters, counts and sorts on in memory. The engine keeps the index in step with the
 * articles; `refresh` brings it up to date and says what changed.
 */
export interface SearchIndex {
  /**
   * Indexes what changed since the last refresh: the writer's step, run once at the end of a drain.
   * `generation` changes whenever the index does; `changed` lists the documents this call re-indexed.
   */
  refresh(): Promise<{ generation: number; changed: number[] }>;
  /**
   * The reader's side, which writes nothing: the current generation and the documents re-indexed
   * since `generation` (null when the log no longer reaches back that far: reload everything).
   */
  changesSince(generation: number): Promise<{ generation: number; changed: number[] | null }>;
  /**
   * The columns as the last drain wrote them down (search/columns-snapshot.ts) and the generation
   * they are of, or null; with `headBytes`, only that many first bytes (enough to tell the format).
   */
  snapshot(headBytes?: number): Promise<{ generation: number; data: Uint8Array } | null>;
  /**
   * Keeps a snapshot of the columns at `generation`, unless a later one is kept already (two
   * writers finishing in turn); `replace` keeps it whatever is there (one that cannot be read).
   */
  saveSnapshot(generation: number, data: Uint8Array, replace?: boolean): Promise<void>;
  /**
   * Attributes of the given documents, or of every document, a batch at a time in document order:
   * loading a million articles never holds more than one batch of rows (`batchSize`, of every document).
   */
  rows(docIds?: number[], batchSize?: number): AsyncIterable<SearchRow[]>;
  /** Documents matching `expr`. */
  match(expr: TextExpr): Promise<TextMatches>;
  /**
   * The documents holding one index token and how often (search/bm25.ts `Postings`): what relevance
   * scores every match with.
   */
  postings(token: string): Promise<Postings>;
  /**
   * The words the index holds of each of these documents now, each with its count as in `postings`
   * (a document not indexed is absent): what brings word lists read earlier up to date (token-cache.ts).
   * With `tokens`, only those words are given: what completes a few scores (search/common-words.ts).
   */
  indexedWords(docIds: number[], tokens?: string[]): Promise<DocumentWords>;
  /**
   * `expr` over the older versions, those that are no longer their article's current text (what
   * `version:any` adds to `match`). Only among `docIds` when given. A separate index: `match` never
   * reads it.
   */
  matchOlder(expr: TextExpr, docIds?: number[]): Promise<OlderMatches>;
  /**
   * Indexed words in `[prefix, prefix + U+FFFF)`, at most `limit`, in code-point order. An engine may
   * keep a word whose last article changed (SQLite does): it only widens a query by a word nothing matches.
   */
  vocabulary(prefix: string, limit: number): Promise<string[]>;
  documents(docIds: number[]): Promise<Map<number, Article>>;
}

/** An article's first version as it is inserted with the article (`ArchiveStore.insertArticle`). */
export interface FirstVersion {
  version: Version;
  /** Read with the text; null leaves them to the drain's derivation. */
  people: VersionPeople | null;
}

export interface ArchiveStore {
  readonly engine: 'sqlite' | 'postgres';
  readonly search: SearchIndex;
  /** The crawler's work list, shared politeness and sweeps (crawl/frontier/). */
  readonly frontier: CrawlFrontier;
  /** Users, sessions, API tokens and the audit log (accounts/). */
  readonly accounts: AccountStore;
  /** Saved searches, follows and private feed tokens of the users. */
  readonly watch: WatchStore;
  /** Alert channels of the users and the log of deliveries to them (alerts/). */
  readonly alerts: AlertStore;
  /** The people of every version (store/people-types.ts), derived by the pipeline driver. */
  readonly people: PeopleStore;
  /** Translations between editions (store/translation-types.ts), linked by the pipeline driver. */
  readonly translations: TranslationStore;
  close(): Promise<void>;
  /**
   * The cheapest query that proves the archive answers (`GET /healthz`): resolves when it does, throws
   * when it does not (PostgreSQL: a lost connection is a 503 `unavailable` Problem). Reads no table
   * that grows with the archive.
   */
  health(): Promise<void>;
  /**
   * A value that changes whenever anything in the archive may have changed and never comes back: a
   * reader that cached what it read under one token must read again once the token differs. Cheap
   * (SQLite: no I/O; PostgreSQL: one round trip, no table read). Read it before what it vouches for.
   */
  changeToken(): Promise<string>;
  /** Runs `fn` atomically; nested calls join the outer transaction. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** After a run of writes (a drain's end): the query planner's statistics brought up to date. */
  refreshStatistics(): Promise<void>;

  upsertSource(source: Source): Promise<void>;
  getSource(id: string): Promise<Source | null>;
  listSources(): Promise<SourceSummary[]>;

  getCapture(key: CaptureKey): Promise<CaptureRecord | null>;
  /** Every capture of these bytes, whatever its kind (a version names its capture by sha-256 only). */
  capturesOf(sha256: string): Promise<CaptureRecord[]>;
  /**
   * Stores the bytes (already encoded as `storedEncoding`) chunk by chunk; replaces an incomplete write.
   * The capture is then pending: the next drain processes it. When `chunks` throws an
   * `AbandonedWrite` (its bytes are not the capture's after all), the row is removed; any other
   * error leaves the row incomplete, to be replaced by the next write of the same bytes.
   */
  putCapture(capture: NewCapture, chunks: AsyncIterable<Uint8Array>): Promise<void>;
  /** The stored chunks, in order, still in their stored encoding. */
  readCaptureChunks(key: CaptureKey): AsyncIterable<Uint8Array>;
  /** Oldest first, the order in which they are processed. */
  listCaptures(query?: CaptureQuery): Promise<Page<CaptureRecord>>;

  /**
   * The queue (pipeline/driver.ts). Claims the oldest pending capture that no live claim holds and
   * that no earlier unfinished capture of the same origin precedes (a URL's fetches apply in order),
   * counting the attempt; first fails what used up its budget with no worker left on it.
   */
  claimCapture(claim: Claim): Promise<CaptureRecord | null>;
  /** Extends a claim still held by `worker`; false when it was lost (expired and taken). */
  renewClaim(key: CaptureKey, worker: string, until: string): Promise<boolean>;
  /**
   * Marks it processed, if `worker` still holds it (false otherwise: inside a transaction, the caller
   * rolls back). `worker` null: no claim to check (a capture finished outside the queue).
   */
  finishCapture(key: CaptureKey, worker: string | null, outcome: CaptureOutcome): Promise<boolean>;
  /** Records a failed attempt and lets it go; `final` (the budget is spent) parks it as failed. */
  failCapture(
    key: CaptureKey,
    worker: string,
    error: string,
    at: string,
    final: boolean,
  ): Promise<void>;
  /** Drops the claims of these workers (processes known to be dead), so their captures go back. */
  releaseClaims(workers: string[]): Promise<number>;
  /**
   * Hands a capture `worker` claimed back to the queue, its attempt not counted: the archive failed,
   * not the capture (its disk is full). False when `worker` no longer held it.
   */
  returnCapture(key: CaptureKey, worker: string): Promise<boolean>;
  /** Who holds claims now, with how many. */
  listClaims(): Promise<{ worker: string; captures: number }[]>;
  /**
   * Removes captures whose bytes were never all written and whose writer is gone (a dead process of
   * this host; on PostgreSQL, no session holds the capture's write lock). Their exchange was lost
   * with the writer, and whoever fetched or imported it fetches or imports it again; left, they
   * would count as unprocessed for ever. Returns how many were removed.
   */
  dropAbandonedCaptures(): Promise<number>;
  /** Puts captures back in the queue with a fresh budget: the failed ones, or all (`reprocess`). */
  requeueCaptures(which: 'failed' | 'all'): Promise<number>;
  /** One capture back in the queue, to be processed with `options` (new evidence such as `--year`). */
  requeueCapture(key: CaptureKey, options: Record<string, string | number>): Promise<void>;
  /**
   * For template health: per source (`options.sourceId`, the one extraction resolved; else
   * `options.source`, as archives before it recorded it) and page kind (`listing` when
   * `options.pageKind` is `listing`, `article` for any other kind) the newest processed `warc`
   * capture — latest `capturedAt`, the later stored on a tie. Captures without a string source and
   * `pageKind` are left out. One row per group, groups in the order of their first capture, so a
   * 100k-capture archive answers with a handful of rows instead of every capture.
   */
  newestPageCaptures(): Promise<CaptureRecord[]>;

  getArticle(id: string): Promise<StoredArticle | null>;
  findArticleByUrl(url: string): Promise<StoredArticle | null>;
  /**
   * Articles of a source whose lead or title key equals the given one and whose date does not
   * contradict `date` (an unknown part on either side is no contradiction).
   */
  findArticlesByKeys(
    sourceId: string,
    leadKey: string | null,
    titleKey: string | null,
    date: ArticleDate,
  ): Promise<StoredArticle[]>;
  /**
   * Articles of a source whose title is cut short ("…" or "..." at its end: ./cut-title.ts), whose
   * title key is a proper prefix of `titleKey` at least `minLength` characters long, and whose date
   * does not contradict `date`, oldest first: the headlines that this whole title may complete
   * (reconcile/identity.ts: truncationKeyFloor).
   */
  findArticlesByTitlePrefixOf(
    sourceId: string,
    titleKey: string,
    minLength: number,
    date: ArticleDate,
  ): Promise<StoredArticle[]>;
  /**
   * Possible copies of a text, oldest first: articles with the same body hash, then articles sharing
   * at least one MinHash LSH band with `signature` (the caller checks the similarity).
   */
  findStoryCandidates(
    bodyHash: string | null,
    signature: Uint8Array | null,
  ): Promise<StoryCandidate[]>;
  /**
   * The three lookups a text is matched by, asked at once (PostgreSQL: one round trip instead of
   * three): `findArticlesByKeys`, `findArticlesByTitlePrefixOf` when `prefixFloor` is set, and
   * `findStoryCandidates` when `story` is set and the first two found nothing.
   */
  findMatchCandidates(request: MatchRequest): Promise<MatchCandidates>;
  /**
   * A hint, inside a `transaction`: these texts' candidates are about to be asked for in turn. A
   * server engine reads them in one round trip and answers `findMatchCandidates` from them while
   * nothing the transaction writes could change them; the embedded engine has no round trips to save.
   */
  prefetchMatchCandidates(requests: MatchRequest[]): Promise<void>;
  /**
   * False, writing nothing, when an article with this id exists already. With `first`, its first
   * version and that version's people (or, when null, a place in the people queue) go in with it:
   * PostgreSQL writes a new article in one round trip.
   */
  insertArticle(article: StoredArticle, first?: FirstVersion): Promise<boolean>;
  /** Writes every field of the article (id is the key). */
  updateArticle(article: StoredArticle): Promise<void>;
  listArticles(query: ArticleQuery): Promise<Page<Article>>;
  /**
   * The articles of `articleId`'s source next to it in publication order (date, then as stored): up to
   * `limit` published before it, newest first, and up to `limit` after it, oldest first. Both empty when
   * the article is unknown or has no full date (it has no place in that order).
   */
  articlesAround(articleId: string, limit: number): Promise<ArticlesAround>;
  /** Every article in stable (insertion) order, for export. */
  iterateArticles(): AsyncIterable<Article>;

  getVersions(articleId: string): Promise<Version[]>;
  /** Queues the version for the people derivation (`people.derivePending`). */
  insertVersion(version: Version): Promise<void>;
  updateVersionSeen(
    articleId: string,
    seq: number,
    firstSeen: string,
    lastSeen: string,
  ): Promise<void>;

  /** Ignores an entry already stored for the same capture and position. */
  insertListingEntry(entry: ListingEntry): Promise<void>;
  listListingEntries(filter: {
    articleId?: string;
    captureSha256?: string;
  }): Promise<ListingEntry[]>;

  /** Ignores an event already stored (same article, kind and time): replays record it once. */
  insertEvent(event: ArticleEvent): Promise<void>;
  /** Newest first. */
  listEvents(query: EventQuery): Promise<Page<ArticleEventView>>;
  /** Per source and day, oldest first; `from`/`to` are inclusive `YYYY-MM-DD` bounds. */
  coverage(query: { sourceId?: string; from?: string; to?: string }): Promise<CoverageDay[]>;
  /** Records that the article's own page was fetched and answered at `at` (keeps the latest). */
  markChecked(articleId: string, at: string): Promise<void>;
  /**
   * Articles of `sourceId` with a full date in [from, to] that a listing entry of a capture fetched
   * from `origin`, before `before`, named.
   */
  listListedArticles(
    sourceId: string,
    origin: string,
    from: string,
    to: string,
    before: string,
  ): Promise<ListedArticle[]>;

  /**
   * Removes everything derived from captures (articles, versions, listings, events, the search index)
   * and puts every capture back in the queue, in one transaction: `reprocess` then drains.
   */
  clearDerived(): Promise<void>;
  stats(): Promise<ArchiveStats>;
  /**
   * What is wrong with the archive itself, none when sound: SQLite runs `PRAGMA quick_check` (the
   * file's pages and indexes, in time linear in its size); PostgreSQL, whose server keeps its own
   * files, checks the schema version and that every table is there.
   */
  checkIntegrity(): Promise<string[]>;
}

/**
 * Thrown by a capture's chunk source when what it was reading is not the capture's bytes after all
 * (the file changed or vanished since it was hashed): no later write would complete that row.
 */
export class AbandonedWrite extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'AbandonedWrite';
  }
}
