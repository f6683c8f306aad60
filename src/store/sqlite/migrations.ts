/**
 * Ordered migrations; `schema_version` records how many have run. Append, never edit a shipped one.
 */
export const migrations: readonly string[] = [
  /* 1: the archive core */ `
  CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    label TEXT NOT NULL
  );

  CREATE TABLE captures (
    seq INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    captured_at TEXT NOT NULL,
    media_type TEXT NOT NULL,
    kind TEXT NOT NULL,
    size INTEGER NOT NULL,
    stored_encoding TEXT NOT NULL,
    options TEXT NOT NULL,
    bytes_complete INTEGER NOT NULL DEFAULT 0,
    processed_at TEXT,
    errors TEXT NOT NULL DEFAULT '[]'
  );

  CREATE TABLE capture_chunks (
    capture_seq INTEGER NOT NULL REFERENCES captures(seq) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (capture_seq, n)
  ) WITHOUT ROWID;

  CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL REFERENCES sources(id),
    url TEXT,
    title TEXT,
    dateline TEXT,
    pub_year INTEGER,
    pub_month INTEGER,
    pub_day INTEGER,
    date_basis TEXT NOT NULL,
    -- 'YYYY-MM-DD' when the full date is known, else NULL: date filters never guess a year
    pub_date TEXT,
    language TEXT,
    teaser TEXT,
    status TEXT NOT NULL,
    story_id TEXT NOT NULL,
    version_count INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    flags TEXT NOT NULL DEFAULT '[]',
    lead_key TEXT,
    title_key TEXT,
    body_hash TEXT,
    signature BLOB
  );
  CREATE INDEX articles_source_date ON articles(source_id, pub_date);
  CREATE INDEX articles_date ON articles(pub_date);
  -- the date columns let a key lookup test date compatibility in the index, without reading rows
  CREATE INDEX articles_lead_key ON articles(source_id, lead_key, pub_year, pub_month, pub_day);
  CREATE INDEX articles_title_key ON articles(source_id, title_key, pub_year, pub_month, pub_day);
  CREATE INDEX articles_body_hash ON articles(body_hash);
  CREATE INDEX articles_story ON articles(story_id);
  CREATE INDEX articles_url ON articles(url);

  -- one row per MinHash LSH band and article: band = band index * 2^32 + 32-bit band key
  CREATE TABLE story_bands (
    band INTEGER NOT NULL,
    article_rowid INTEGER NOT NULL,
    PRIMARY KEY (band, article_rowid)
  ) WITHOUT ROWID;
  CREATE INDEX story_bands_article ON story_bands(article_rowid);

  CREATE TABLE versions (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid),
    seq INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT,
    -- paragraphs joined by a newline (extraction guarantees none contains one)
    body TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    capture_sha256 TEXT NOT NULL,
    locator TEXT NOT NULL,
    PRIMARY KEY (article_rowid, seq),
    UNIQUE (article_rowid, content_hash)
  );

  CREATE TABLE listing_entries (
    capture_sha256 TEXT NOT NULL,
    position INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id),
    text TEXT NOT NULL,
    dateline TEXT,
    pub_year INTEGER,
    pub_month INTEGER,
    pub_day INTEGER,
    date_basis TEXT NOT NULL,
    link TEXT,
    article_id TEXT NOT NULL,
    PRIMARY KEY (capture_sha256, position)
  );
  CREATE INDEX listing_entries_article ON listing_entries(article_id);
  `,
  /* 2: search (docs/search.md) */ `
  -- the dateline's place, for the place: filter and facet
  ALTER TABLE articles ADD COLUMN place TEXT GENERATED ALWAYS AS (json_extract(dateline, '$.place')) VIRTUAL;

  -- Contentless: the text lives in versions; the index holds only tokens (CJK runs as bigrams, see
  -- search/text.ts), keyed by the article's rowid. Older versions will get a second index of the same
  -- shape for version:any, so a match can say which version it came from.
  CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2');
  CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, row);

  -- Articles whose indexed text or attributes changed since the index last caught up. Imports only
  -- queue; the index is brought up to date in bulk afterwards (and before any search), which is far
  -- cheaper than indexing row by row inside the import.
  CREATE TABLE search_queue (article_rowid INTEGER PRIMARY KEY, reindex INTEGER NOT NULL);
  -- bumped whenever the index changes, so in-memory search columns know when to reload
  CREATE TABLE search_state (generation INTEGER NOT NULL);
  INSERT INTO search_state VALUES (1);
  INSERT INTO search_queue SELECT rowid, 0 FROM articles;

  CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO search_queue VALUES (new.rowid, 0);
  END;
  CREATE TRIGGER articles_search_update AFTER UPDATE ON articles
  WHEN old.title IS NOT new.title OR old.teaser IS NOT new.teaser OR old.version_count <> new.version_count
    OR old.status <> new.status OR old.story_id <> new.story_id OR old.source_id <> new.source_id
    OR old.language IS NOT new.language OR old.dateline IS NOT new.dateline OR old.pub_year IS NOT new.pub_year
    OR old.pub_month IS NOT new.pub_month OR old.pub_day IS NOT new.pub_day BEGIN
    INSERT INTO search_queue VALUES (new.rowid, 1) ON CONFLICT(article_rowid) DO UPDATE SET reindex = 1;
  END;
  `,
  /* 3: the search vocabulary */ `
  -- Every word the index holds, for stemming by expansion (search/stems.ts). FTS5's own vocabulary
  -- table counts occurrences as it reads, which costs tens of milliseconds for a common word's range.
  -- Filled in bulk from it after large refreshes, word by word after small ones; never pruned (a stale
  -- word only widens a query by a word nothing matches).
  CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
  INSERT INTO search_terms SELECT term FROM search_vocab;
  `,
  /* 4: revisions and deletions (docs/data-model.md, "History") */ `
  -- the tombstone: when the source was first seen without the article (status 'deleted')
  ALTER TABLE articles ADD COLUMN removed_at TEXT;
  -- the last fetch of the article's own page that got an answer, for the re-check schedule
  ALTER TABLE articles ADD COLUMN checked_at TEXT;
  -- coverage counts articles per day archived
  CREATE INDEX articles_first_seen ON articles(first_seen);

  CREATE TABLE article_events (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    source_id TEXT NOT NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    version_seq INTEGER,
    change TEXT,
    edit_size INTEGER,
    reason TEXT,
    capture_sha256 TEXT,
    UNIQUE (article_id, kind, at)
  );
  CREATE INDEX article_events_at ON article_events(at);
  CREATE INDEX article_events_source_at ON article_events(source_id, at);

  -- Edits archived before this migration: their class is worked out when they are read.
  INSERT INTO article_events (article_id, source_id, at, kind, version_seq)
    SELECT a.id, a.source_id, v.first_seen, 'edit', v.seq FROM versions v JOIN articles a ON a.rowid = v.article_rowid
    WHERE v.seq > 1 ORDER BY v.first_seen;
  `,
  /* 5: search over older versions, version:any (docs/search.md) */ `
  -- The text of every version that is no longer an article's current one, indexed like search_fts (the
  -- same columns and tokenizer, text rewritten by ww_index_text). Keyed by article_rowid * 2^20 + seq
  -- (see sqlite/older-search.ts): no mapping table to keep, and an article's versions are adjacent, so a
  -- match lists them grouped by article, newest last. Kept apart from search_fts so that default
  -- searches read exactly what they read before.
  CREATE VIRTUAL TABLE search_old_fts USING fts5(title, body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2');

  -- Versions to add to search_old_fts. A version's text never changes, so it is indexed once: when the
  -- next version arrives, the one before it stops being current. refresh() drains this with search_queue.
  CREATE TABLE search_old_queue (article_rowid INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (article_rowid, seq)) WITHOUT ROWID;
  CREATE TRIGGER versions_search_old_insert AFTER INSERT ON versions WHEN new.seq > 1 BEGIN
    INSERT OR IGNORE INTO search_old_queue VALUES (new.article_rowid, new.seq - 1);
  END;
  -- an archive's existing older versions: every version with a later one
  INSERT INTO search_old_queue SELECT v.article_rowid, v.seq FROM versions v
    WHERE EXISTS (SELECT 1 FROM versions n WHERE n.article_rowid = v.article_rowid AND n.seq > v.seq);
  `,
  /* 6: the capture queue (pipeline/driver.ts) and the search refresh log */ `
  -- Keys scoped by kind: an uncompressed WARC file holding one exchange has that exchange's sha-256.
  -- SQLite cannot drop a UNIQUE constraint, so the table is rebuilt (foreign keys are off while
  -- migrations run; capture_chunks keeps pointing at the same seq numbers).
  CREATE TABLE captures_next (
    seq INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    origin TEXT NOT NULL,
    captured_at TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    stored_encoding TEXT NOT NULL,
    options TEXT NOT NULL,
    bytes_complete INTEGER NOT NULL DEFAULT 0,
    processed_at TEXT,
    errors TEXT NOT NULL DEFAULT '[]',
    -- the imported WARC file an exchange was cut from
    parent_seq INTEGER,
    -- claims: a worker holds a capture until claim_expires (renewed while it works); for a capture
    -- nobody holds, claim_expires is unused
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT,
    claim_expires TEXT,
    -- the retry budget ran out: parked until re-queued
    failed_at TEXT,
    last_error TEXT,
    UNIQUE (sha256, kind)
  );
  INSERT INTO captures_next (seq, sha256, kind, origin, captured_at, media_type, size, stored_encoding, options,
    bytes_complete, processed_at, errors)
    SELECT seq, sha256, kind, origin, captured_at, media_type, size, stored_encoding, options, bytes_complete,
      processed_at, errors FROM captures;
  DROP TABLE captures;
  ALTER TABLE captures_next RENAME TO captures;
  CREATE INDEX captures_pending ON captures(seq) WHERE processed_at IS NULL AND failed_at IS NULL;
  CREATE INDEX captures_pending_origin ON captures(origin, seq) WHERE processed_at IS NULL AND failed_at IS NULL;
  CREATE INDEX captures_failed ON captures(failed_at) WHERE failed_at IS NOT NULL;

  -- Which documents each refresh re-indexed, so readers (searches, other processes) catch up without
  -- writing: a reader more than a few generations behind, or after a large refresh (docs NULL), reloads.
  CREATE TABLE search_refreshes (generation INTEGER PRIMARY KEY, docs TEXT);
  `,
  /* 7: the crawl frontier (crawl/frontier/), shared host politeness and robots.txt, sweeps */ `
  -- Every URL the crawler watches: when it is next due, who is fetching it, what it last answered.
  CREATE TABLE frontier (
    url TEXT PRIMARY KEY,
    crawl_source TEXT NOT NULL,
    kind TEXT NOT NULL,
    host TEXT NOT NULL,
    priority INTEGER NOT NULL,
    due_at TEXT NOT NULL,
    walk_due_at TEXT,
    -- lists: the record of the last walk that reached the last page (its capture's sha-256)
    walk_capture TEXT,
    claimed_by TEXT,
    claim_expires TEXT,
    last_fetched_at TEXT,
    last_status INTEGER,
    last_outcome TEXT,
    etag TEXT,
    last_modified TEXT,
    fetches INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL
  ) WITHOUT ROWID;
  -- a claim reads one (host, priority) range from its oldest due entry
  CREATE INDEX frontier_due ON frontier(host, priority, due_at);
  CREATE INDEX frontier_source ON frontier(crawl_source, kind);
  CREATE INDEX frontier_claimed ON frontier(claimed_by) WHERE claimed_by IS NOT NULL;
  -- the driver looks for claims of dead local workers at each drain: a crawler drains after each page
  CREATE INDEX captures_claimed ON captures(claimed_by) WHERE claimed_by IS NOT NULL;

  -- Politeness shared by every worker: whose turn it is, and when the next request may start (epoch ms).
  CREATE TABLE crawl_hosts (
    host TEXT PRIMARY KEY,
    holder TEXT,
    lease_until INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL DEFAULT 0,
    crawl_delay_ms INTEGER,
    strikes INTEGER NOT NULL DEFAULT 0,
    blocked_until INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  CREATE TABLE crawl_robots (
    origin TEXT PRIMARY KEY,
    status INTEGER,
    body TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  -- Re-checks asked for at once (wirewatch recheck, POST /api/v1/sweeps, a deletion spike).
  CREATE TABLE sweeps (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    scope TEXT NOT NULL,
    source_id TEXT,
    reason TEXT,
    total INTEGER NOT NULL DEFAULT 0,
    -- items ended so far, per outcome (kept here so a progress read never counts a million items)
    n_unchanged INTEGER NOT NULL DEFAULT 0,
    n_new INTEGER NOT NULL DEFAULT 0,
    n_edited INTEGER NOT NULL DEFAULT 0,
    n_removed INTEGER NOT NULL DEFAULT 0,
    n_restored INTEGER NOT NULL DEFAULT 0,
    n_unreachable INTEGER NOT NULL DEFAULT 0,
    n_failed INTEGER NOT NULL DEFAULT 0,
    n_walked INTEGER NOT NULL DEFAULT 0,
    last_checked_at TEXT,
    finished_at TEXT
  );
  CREATE INDEX sweeps_source ON sweeps(source_id, created_at);
  CREATE TABLE sweep_items (
    sweep_id INTEGER NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    outcome TEXT,
    detail TEXT,
    checked_at TEXT,
    PRIMARY KEY (sweep_id, url)
  ) WITHOUT ROWID;
  CREATE INDEX sweep_items_pending ON sweep_items(url) WHERE outcome IS NULL;

  -- How far each crawl source has read the articles table for URLs to watch.
  CREATE TABLE frontier_seeds (crawl_source TEXT PRIMARY KEY, last_article INTEGER NOT NULL) WITHOUT ROWID;
  `,
  // 8: events an import brought (export records) name its capture: history, never an alarm.
  `
  ALTER TABLE article_events ADD COLUMN brought_by TEXT;
  `,
  // 9: the people of every version (docs/data-model.md, "People"), derived by the drain from a queue.
  `
  -- Versions whose people are to be derived: every new version, and every version once (this migration
  -- or "wirewatch people --reanalyse" after the gazetteer changed).
  CREATE TABLE people_queue (
    article_rowid INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (article_rowid, seq)
  ) WITHOUT ROWID;
  CREATE TRIGGER versions_people_queue AFTER INSERT ON versions BEGIN
    INSERT OR IGNORE INTO people_queue (article_rowid, seq) VALUES (new.article_rowid, new.seq);
  END;
  INSERT OR IGNORE INTO people_queue SELECT article_rowid, seq FROM versions;
  -- One row per person and role in a version: mentions counted, titles gathered, the first sentence kept.
  CREATE TABLE person_mentions (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid),
    version_seq INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    person_id TEXT NOT NULL,
    name TEXT NOT NULL,
    printed TEXT NOT NULL,
    role TEXT NOT NULL,
    activity INTEGER,
    rank INTEGER,
    titles TEXT NOT NULL DEFAULT '[]',
    count INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    PRIMARY KEY (article_rowid, version_seq, ord)
  ) WITHOUT ROWID;
  CREATE INDEX person_mentions_person ON person_mentions(person_id, article_rowid);
  CREATE TABLE person_activities (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid),
    version_seq INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    leader_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    object TEXT NOT NULL,
    place TEXT,
    sentence TEXT NOT NULL,
    flash INTEGER NOT NULL,
    PRIMARY KEY (article_rowid, version_seq, ord)
  ) WITHOUT ROWID;
  -- A person the version before named and this version does not: an edit's trace of a purge.
  CREATE TABLE person_removals (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid),
    version_seq INTEGER NOT NULL,
    person_id TEXT NOT NULL,
    name TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (article_rowid, version_seq, person_id)
  ) WITHOUT ROWID;
  CREATE INDEX person_removals_person ON person_removals(person_id, at);
  CREATE INDEX person_removals_at ON person_removals(at);
  `,
  // 10: accounts (docs/data-model.md, "Accounts"): users, sessions, API tokens, the audit log,
  // saved searches, follows, private feed tokens and alerts.
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    scopes TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
  );
  CREATE INDEX api_tokens_user ON api_tokens(user_id);
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
  );
  CREATE TABLE saved_searches (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    sort TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    alerted_at TEXT NOT NULL
  );
  CREATE INDEX saved_searches_user ON saved_searches(user_id);
  CREATE TABLE follows (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    alerted_at TEXT NOT NULL,
    absence_alerted TEXT,
    UNIQUE (user_id, kind, target)
  );
  CREATE TABLE alert_channels (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    secret TEXT NOT NULL,
    mode TEXT NOT NULL,
    created_at TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    paused_at TEXT,
    pause_reason TEXT
  );
  CREATE INDEX alert_channels_user ON alert_channels(user_id);
  CREATE TABLE alert_deliveries (
    id INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    subject TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT ,
    last_error TEXT,
    delivered_at TEXT
  );
  CREATE INDEX alert_deliveries_due ON alert_deliveries(next_attempt_at) WHERE status = 'pending';
  CREATE INDEX alert_deliveries_channel ON alert_deliveries(channel_id, id);
  CREATE TABLE feed_tokens (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE
  );
  `,
  /* 11: full-width forms indexed as ASCII (search/text.ts indexText): re-index the texts that hold them */ `
  INSERT INTO search_queue (article_rowid, reindex)
  SELECT a.rowid, 1 FROM articles a
  LEFT JOIN versions v ON v.article_rowid = a.rowid AND v.seq = a.version_count
  WHERE a.title GLOB '*[！-～]*' OR coalesce(v.body, a.teaser) GLOB '*[！-～]*'
  ON CONFLICT(article_rowid) DO UPDATE SET reindex = 1;
  `,
  /* 12: translations (store/translation-types.ts), linked by the pipeline driver */ `
  CREATE TABLE translations (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    other_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    other_language TEXT NOT NULL,
    score REAL NOT NULL,
    only_here TEXT NOT NULL,
    only_there TEXT NOT NULL,
    PRIMARY KEY (article_rowid, other_language)
  ) WITHOUT ROWID;
  CREATE INDEX translations_other ON translations(other_rowid);
  -- Articles up to this rowid are linked; the driver links the days of those after it.
  CREATE TABLE translation_state (mark INTEGER NOT NULL);
  INSERT INTO translation_state VALUES (0);
  `,
  /* 13: the search columns written down by the drain (search/columns-snapshot.ts) */ `
  CREATE TABLE search_snapshot (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL,
    data BLOB NOT NULL
  );
  `,
  /* 14: translations re-linked after an edit (pipeline/derive-translations.ts) */ `
  -- Edits (article_events of kind 'edit') up to this seq are linked: the days of those after it are
  -- linked again, so what one edition has and another lacks follows the texts as they are now. 0 at
  -- first: the days of every edit archived so far are linked once more.
  ALTER TABLE translation_state ADD COLUMN edit_mark INTEGER NOT NULL DEFAULT 0;
  `,
  /* 15: each source's figures kept by the writer (listSources), not read from every article */ `
  -- The counts, and the latest capture time of the captures that brought the source's versions.
  -- The first and last dates are read from articles_source_date, two index seeks a source.
  -- Articles and versions are removed only by clearDerived, which empties this table with them.
  CREATE TABLE source_figures (
    source_id TEXT PRIMARY KEY,
    articles INTEGER NOT NULL DEFAULT 0,
    teasers INTEGER NOT NULL DEFAULT 0,
    last_capture TEXT
  ) WITHOUT ROWID;
  INSERT INTO source_figures (source_id, articles, teasers, last_capture)
    SELECT s.id,
      (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id AND a.status <> 'teaser'),
      (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id AND a.status = 'teaser'),
      (SELECT MAX(c.captured_at) FROM versions v JOIN articles a ON a.rowid = v.article_rowid
        JOIN captures c ON c.sha256 = v.capture_sha256 WHERE a.source_id = s.id)
    FROM sources s;
  CREATE TRIGGER source_figures_article_insert AFTER INSERT ON articles BEGIN
    INSERT INTO source_figures (source_id, articles, teasers)
      VALUES (new.source_id, new.status <> 'teaser', new.status = 'teaser')
      ON CONFLICT(source_id) DO UPDATE SET articles = articles + excluded.articles,
        teasers = teasers + excluded.teasers;
  END;
  -- A teaser becomes an article when its page is captured. An article never moves to another
  -- source (its id derives from its source), but were one moved, both sources are counted again.
  CREATE TRIGGER source_figures_article_update AFTER UPDATE OF source_id, status ON articles
    WHEN old.source_id IS NOT new.source_id OR (old.status = 'teaser') <> (new.status = 'teaser')
  BEGIN
    UPDATE source_figures SET articles = articles - (old.status <> 'teaser'),
      teasers = teasers - (old.status = 'teaser') WHERE source_id = old.source_id;
    INSERT INTO source_figures (source_id, articles, teasers)
      VALUES (new.source_id, new.status <> 'teaser', new.status = 'teaser')
      ON CONFLICT(source_id) DO UPDATE SET articles = articles + excluded.articles,
        teasers = teasers + excluded.teasers;
    UPDATE source_figures SET last_capture = (SELECT MAX(c.captured_at) FROM versions v
        JOIN articles a ON a.rowid = v.article_rowid JOIN captures c ON c.sha256 = v.capture_sha256
        WHERE a.source_id = source_figures.source_id)
      WHERE old.source_id IS NOT new.source_id AND source_id IN (old.source_id, new.source_id);
  END;
  CREATE TRIGGER source_figures_version_insert AFTER INSERT ON versions BEGIN
    UPDATE source_figures SET last_capture = c.at
      FROM (SELECT MAX(captured_at) AS at FROM captures WHERE sha256 = new.capture_sha256) c
      WHERE source_id = (SELECT source_id FROM articles WHERE rowid = new.article_rowid)
        AND c.at IS NOT NULL AND (last_capture IS NULL OR c.at > last_capture);
  END;
  `,
];
