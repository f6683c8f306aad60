/**
 * Ordered migrations of the PostgreSQL engine; `schema_version` records how many have run. Append, never
 * edit a shipped one. The tables mirror sqlite/migrations.ts column for column (see docs/data-model.md,
 * "Engines"), with these differences:
 * - `seq BIGINT GENERATED ALWAYS AS IDENTITY` stands for SQLite's rowid (insertion order).
 * - JSON columns are `json`, not `jsonb`: the text is kept as written, so an export is the same on both.
 * - Times stay ISO 8601 TEXT and `pub_date` stays 'YYYY-MM-DD' TEXT. `pub_date` sorts in the "C" collation,
 *   like SQLite's binary one, whatever the database's default; other orderings say COLLATE "C" in the query.
 * - URLs and title keys can be longer than a B-tree entry allows (~2.7 kB), so their indexes are on md5().
 */
import { CUT_TITLE } from '../cut-title.js';
import { CUT_KEY } from './match-candidates.js';

/** One in this many statements writing a source's figures folds their deltas (migration 19). */
export const FOLD_EVERY = 32;

export const migrations: readonly string[] = [
  /* 1: the archive core */ `
  CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    label TEXT NOT NULL
  );

  CREATE TABLE captures (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    captured_at TEXT NOT NULL,
    media_type TEXT NOT NULL,
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    stored_encoding TEXT NOT NULL,
    options JSON NOT NULL,
    bytes_complete BOOLEAN NOT NULL DEFAULT false,
    processed_at TEXT,
    errors JSON NOT NULL DEFAULT '[]'
  );

  CREATE TABLE capture_chunks (
    capture_seq BIGINT NOT NULL REFERENCES captures(seq) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (capture_seq, n)
  );
  -- the chunks are gzip already: storing them out of line uncompressed saves TOAST a futile attempt
  ALTER TABLE capture_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

  CREATE TABLE articles (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL REFERENCES sources(id),
    url TEXT,
    title TEXT,
    dateline JSON,
    pub_year INTEGER,
    pub_month INTEGER,
    pub_day INTEGER,
    date_basis TEXT NOT NULL,
    -- 'YYYY-MM-DD' when the full date is known, else NULL: date filters never guess a year
    pub_date TEXT COLLATE "C",
    language TEXT,
    teaser TEXT,
    status TEXT NOT NULL,
    story_id TEXT NOT NULL,
    version_count INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    flags JSON NOT NULL DEFAULT '[]',
    lead_key TEXT,
    title_key TEXT,
    body_hash TEXT,
    signature BYTEA
  );
  CREATE INDEX articles_source_date ON articles(source_id, pub_date);
  CREATE INDEX articles_date ON articles(pub_date);
  CREATE INDEX articles_lead_key ON articles(source_id, md5(lead_key), pub_year, pub_month, pub_day);
  CREATE INDEX articles_title_key ON articles(source_id, md5(title_key), pub_year, pub_month, pub_day);
  CREATE INDEX articles_body_hash ON articles(body_hash);
  CREATE INDEX articles_story ON articles(story_id);
  CREATE INDEX articles_url ON articles(md5(url));

  -- one row per MinHash LSH band and article: band = band index * 2^32 + 32-bit band key
  CREATE TABLE story_bands (
    band BIGINT NOT NULL,
    article_seq BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    PRIMARY KEY (band, article_seq)
  );
  CREATE INDEX story_bands_article ON story_bands(article_seq);

  CREATE TABLE versions (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    seq INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT,
    -- paragraphs joined by a newline (extraction guarantees none contains one)
    body TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    capture_sha256 TEXT NOT NULL,
    locator TEXT NOT NULL,
    PRIMARY KEY (article_seq, seq),
    UNIQUE (article_seq, content_hash)
  );

  CREATE TABLE listing_entries (
    capture_sha256 TEXT NOT NULL,
    position INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id),
    text TEXT NOT NULL,
    dateline JSON,
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
  /* 2: search (docs/search.md), the counterpart of SQLite's migration 2 */ `
  -- One tsvector per article, keyed by its seq: title words weighted A, body words B, written exactly as
  -- FTS5 stores them (search/text.ts indexTokens; tsearch.ts builds the literal, so no dictionary or
  -- parser of PostgreSQL's touches the text). The text itself lives in versions.
  CREATE TABLE search_docs (
    article_seq BIGINT PRIMARY KEY,
    tsv TSVECTOR NOT NULL
  );
  CREATE INDEX search_docs_tsv ON search_docs USING gin (tsv);

  -- The index's words, kept by refresh like FTS5's fts5vocab 'row' table: how many documents hold each
  -- (a word leaves when none does) and how often it occurs in all (what "most frequent" orders by, as
  -- in SQLite). In the "C" collation, so [prefix, prefix || U+FFFF) is a range of the primary key.
  CREATE TABLE search_vocab (
    term TEXT COLLATE "C" PRIMARY KEY,
    docs INTEGER NOT NULL,
    cnt INTEGER NOT NULL
  );

  -- Articles whose indexed text or attributes changed since the index last caught up: imports only
  -- queue, and the index catches up in bulk afterwards (and before any search).
  CREATE TABLE search_queue (article_seq BIGINT PRIMARY KEY, reindex BOOLEAN NOT NULL);
  -- bumped whenever the index changes, so in-memory search columns know when to reload
  CREATE TABLE search_state (generation INTEGER NOT NULL);
  INSERT INTO search_state VALUES (1);
  INSERT INTO search_queue SELECT seq, false FROM articles;

  -- SET search_path FROM CURRENT: the functions find their tables in the archive's schema whoever calls.
  CREATE FUNCTION search_queue_inserted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
  BEGIN
    INSERT INTO search_queue VALUES (NEW.seq, false) ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$;
  CREATE FUNCTION search_queue_updated() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
  BEGIN
    INSERT INTO search_queue VALUES (NEW.seq, true) ON CONFLICT (article_seq) DO UPDATE SET reindex = true;
    RETURN NULL;
  END $$;
  CREATE TRIGGER articles_search_insert AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION search_queue_inserted();
  -- the columns SQLite's trigger watches; json has no equality, so the dateline compares as text
  CREATE TRIGGER articles_search_update AFTER UPDATE ON articles FOR EACH ROW
  WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.teaser IS DISTINCT FROM NEW.teaser
    OR OLD.version_count <> NEW.version_count OR OLD.status <> NEW.status OR OLD.story_id <> NEW.story_id
    OR OLD.source_id <> NEW.source_id OR OLD.language IS DISTINCT FROM NEW.language
    OR OLD.dateline::text IS DISTINCT FROM NEW.dateline::text OR OLD.pub_year IS DISTINCT FROM NEW.pub_year
    OR OLD.pub_month IS DISTINCT FROM NEW.pub_month OR OLD.pub_day IS DISTINCT FROM NEW.pub_day)
  EXECUTE FUNCTION search_queue_updated();
  `,
  /* 3: revisions and deletions, the counterpart of SQLite's migration 4 (SQLite's 3, the vocabulary table, has none here) */ `
  ALTER TABLE articles ADD COLUMN removed_at TEXT;
  ALTER TABLE articles ADD COLUMN checked_at TEXT;
  CREATE INDEX articles_first_seen ON articles(first_seen COLLATE "C");

  CREATE TABLE article_events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id TEXT NOT NULL,
    source_id TEXT NOT NULL,
    at TEXT COLLATE "C" NOT NULL,
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

  INSERT INTO article_events (article_id, source_id, at, kind, version_seq)
    SELECT a.id, a.source_id, v.first_seen, 'edit', v.seq FROM versions v JOIN articles a ON a.seq = v.article_seq
    WHERE v.seq > 1 ORDER BY v.first_seen COLLATE "C";
  `,
  /* 4: search over older versions (version:any), the counterpart of SQLite's migration 5 */ `
  -- One tsvector per version that is no longer its article's current text, built like search_docs'
  -- (tsearch.ts). Apart from search_docs, so a default search reads exactly what it read before.
  CREATE TABLE search_old_docs (
    article_seq BIGINT NOT NULL,
    version_seq INTEGER NOT NULL,
    tsv TSVECTOR NOT NULL,
    PRIMARY KEY (article_seq, version_seq)
  );
  CREATE INDEX search_old_docs_tsv ON search_old_docs USING gin (tsv);

  -- Versions to index: a version's text never changes, so it is queued once, when the next version
  -- arrives and it stops being current. refresh() drains this along with search_queue.
  CREATE TABLE search_old_queue (
    article_seq BIGINT NOT NULL,
    version_seq INTEGER NOT NULL,
    PRIMARY KEY (article_seq, version_seq)
  );
  CREATE FUNCTION search_old_queue_inserted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
  BEGIN
    INSERT INTO search_old_queue VALUES (NEW.article_seq, NEW.seq - 1) ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$;
  CREATE TRIGGER versions_search_old_insert AFTER INSERT ON versions FOR EACH ROW WHEN (NEW.seq > 1)
  EXECUTE FUNCTION search_old_queue_inserted();
  -- an archive's existing older versions: every version with a later one
  INSERT INTO search_old_queue SELECT v.article_seq, v.seq FROM versions v
    WHERE EXISTS (SELECT 1 FROM versions n WHERE n.article_seq = v.article_seq AND n.seq > v.seq);
  `,
  /* 5: the capture queue (pipeline/driver.ts) and the search refresh log, as SQLite's migration 6 */ `
  -- Keys scoped by kind: an uncompressed WARC file holding one exchange has that exchange's sha-256.
  ALTER TABLE captures DROP CONSTRAINT captures_sha256_key;
  ALTER TABLE captures ADD CONSTRAINT captures_sha256_kind_key UNIQUE (sha256, kind);
  -- the imported WARC file an exchange was cut from
  ALTER TABLE captures ADD COLUMN parent_seq BIGINT;
  -- claims: a worker holds a capture until claim_expires (renewed while it works)
  ALTER TABLE captures ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE captures ADD COLUMN claimed_by TEXT;
  ALTER TABLE captures ADD COLUMN claim_expires TEXT;
  -- the retry budget ran out: parked until re-queued
  ALTER TABLE captures ADD COLUMN failed_at TEXT;
  ALTER TABLE captures ADD COLUMN last_error TEXT;
  CREATE INDEX captures_pending ON captures(seq) WHERE processed_at IS NULL AND failed_at IS NULL;
  CREATE INDEX captures_pending_origin ON captures(origin, seq) WHERE processed_at IS NULL AND failed_at IS NULL;
  CREATE INDEX captures_failed ON captures(failed_at) WHERE failed_at IS NOT NULL;

  -- Which documents each refresh step re-indexed, so readers catch up without writing.
  CREATE TABLE search_refreshes (generation BIGINT PRIMARY KEY, docs JSONB);
  `,
  /* 6: the crawl frontier, shared host politeness and robots.txt, sweeps, as SQLite's migration 7 */ `
  -- ISO times are TEXT compared byte by byte (COLLATE "C"), as in captures.
  CREATE TABLE frontier (
    url TEXT PRIMARY KEY,
    crawl_source TEXT NOT NULL,
    kind TEXT NOT NULL,
    host TEXT NOT NULL,
    priority INTEGER NOT NULL,
    due_at TEXT COLLATE "C" NOT NULL,
    walk_due_at TEXT COLLATE "C",
    walk_capture TEXT,
    claimed_by TEXT,
    claim_expires TEXT COLLATE "C",
    last_fetched_at TEXT,
    last_status INTEGER,
    last_outcome TEXT,
    etag TEXT,
    last_modified TEXT,
    fetches INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL
  );
  CREATE INDEX frontier_due ON frontier(host, priority, due_at);
  CREATE INDEX frontier_source ON frontier(crawl_source, kind);
  CREATE INDEX frontier_claimed ON frontier(claimed_by) WHERE claimed_by IS NOT NULL;
  -- the driver looks for claims of dead local workers at each drain: a crawler drains after each page
  CREATE INDEX captures_claimed ON captures(claimed_by) WHERE claimed_by IS NOT NULL;
  -- and for captures a killed writer left incomplete (dropped once no session writes them)
  CREATE INDEX captures_incomplete ON captures(seq) WHERE NOT bytes_complete;

  -- Politeness shared by every worker (epoch ms).
  CREATE TABLE crawl_hosts (
    host TEXT PRIMARY KEY,
    holder TEXT,
    lease_until BIGINT NOT NULL DEFAULT 0,
    next_at BIGINT NOT NULL DEFAULT 0,
    crawl_delay_ms INTEGER,
    strikes INTEGER NOT NULL DEFAULT 0,
    blocked_until BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE crawl_robots (
    origin TEXT PRIMARY KEY,
    status INTEGER,
    body TEXT NOT NULL,
    fetched_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );

  CREATE TABLE sweeps (
    id BIGSERIAL PRIMARY KEY,
    created_at TEXT COLLATE "C" NOT NULL,
    requested_by TEXT NOT NULL,
    scope JSONB NOT NULL,
    source_id TEXT,
    reason TEXT,
    total INTEGER NOT NULL DEFAULT 0,
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
    sweep_id BIGINT NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    outcome TEXT,
    detail TEXT,
    checked_at TEXT,
    PRIMARY KEY (sweep_id, url)
  );
  CREATE INDEX sweep_items_pending ON sweep_items(url) WHERE outcome IS NULL;

  CREATE TABLE frontier_seeds (crawl_source TEXT PRIMARY KEY, last_article BIGINT NOT NULL);
  `,
  // 7: events an import brought (export records) name its capture: history, never an alarm.
  `
  ALTER TABLE article_events ADD COLUMN brought_by TEXT;
  `,
  // 8: the people of every version, as SQLite's migration 9.
  `
  CREATE TABLE people_queue (
    article_seq BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (article_seq, seq)
  );
  CREATE FUNCTION people_queue_inserted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
  BEGIN
    INSERT INTO people_queue (article_seq, seq) VALUES (NEW.article_seq, NEW.seq) ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$;
  CREATE TRIGGER versions_people_queue AFTER INSERT ON versions FOR EACH ROW
  EXECUTE FUNCTION people_queue_inserted();
  INSERT INTO people_queue SELECT article_seq, seq FROM versions ON CONFLICT DO NOTHING;
  CREATE TABLE person_mentions (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    version_seq INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    person_id TEXT NOT NULL COLLATE "C",
    name TEXT NOT NULL,
    printed TEXT NOT NULL,
    role TEXT NOT NULL,
    activity INTEGER,
    rank INTEGER,
    titles TEXT NOT NULL DEFAULT '[]',
    count INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    PRIMARY KEY (article_seq, version_seq, ord)
  );
  CREATE INDEX person_mentions_person ON person_mentions(person_id, article_seq);
  CREATE TABLE person_activities (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    version_seq INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    leader_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    object TEXT NOT NULL,
    place TEXT,
    sentence TEXT NOT NULL,
    flash BOOLEAN NOT NULL,
    PRIMARY KEY (article_seq, version_seq, ord)
  );
  CREATE TABLE person_removals (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    version_seq INTEGER NOT NULL,
    person_id TEXT NOT NULL COLLATE "C",
    name TEXT NOT NULL,
    at TEXT NOT NULL COLLATE "C",
    PRIMARY KEY (article_seq, version_seq, person_id)
  );
  CREATE INDEX person_removals_person ON person_removals(person_id, at);
  CREATE INDEX person_removals_at ON person_removals(at);
  `,
  // 9: a version is queued for its people by the statement that inserts it, or not at all when the
  // statement writes its people too (an import's new article: one round trip, not six).
  `
  DROP TRIGGER IF EXISTS versions_people_queue ON versions;
  DROP FUNCTION IF EXISTS people_queue_inserted();
  `,
  // 10: the headlines cut short ("…"), the only ones a whole title's prefix lookup may return, in an
  // index of their own, in byte order: the prefixes of a title are one range of it (match-candidates.ts).
  `
  CREATE INDEX IF NOT EXISTS articles_cut_title_key
    ON articles(source_id, ${CUT_KEY}) WHERE ${CUT_TITLE};
  `,
  // 11: accounts (docs/data-model.md, "Accounts"): users, sessions, API tokens, the audit log,
  // saved searches, follows, private feed tokens and alerts.
  `
  CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL COLLATE "C"
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    scopes TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
  );
  CREATE INDEX api_tokens_user ON api_tokens(user_id);
  CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail JSONB NOT NULL DEFAULT '{}'
  );
  CREATE TABLE saved_searches (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    sort TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    alerted_at TEXT NOT NULL
  );
  CREATE INDEX saved_searches_user ON saved_searches(user_id);
  CREATE TABLE follows (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
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
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
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
    id BIGSERIAL PRIMARY KEY,
    channel_id BIGINT NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    subject TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT COLLATE "C",
    last_error TEXT,
    delivered_at TEXT
  );
  CREATE INDEX alert_deliveries_due ON alert_deliveries(next_attempt_at) WHERE status = 'pending';
  CREATE INDEX alert_deliveries_channel ON alert_deliveries(channel_id, id);
  CREATE TABLE feed_tokens (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE
  );
  `,
  /* 12: translations (store/translation-types.ts), linked by the pipeline driver */ `
  CREATE TABLE translations (
    article_seq BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    other_seq BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    other_language TEXT NOT NULL,
    score REAL NOT NULL,
    only_here JSON NOT NULL,
    only_there JSON NOT NULL,
    PRIMARY KEY (article_seq, other_language)
  );
  CREATE INDEX translations_other ON translations(other_seq);
  CREATE TABLE translation_state (mark BIGINT NOT NULL);
  INSERT INTO translation_state VALUES (0);
  `,
  /* 13: the search columns written down by the drain (search/columns-snapshot.ts) */ `
  CREATE TABLE search_snapshot (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL,
    data BYTEA NOT NULL
  );
  `,
  /* 14: translations re-linked after an edit (pipeline/derive-translations.ts) */ `
  -- Edits (article_events of kind 'edit') up to this seq are linked: the days of those after it are
  -- linked again, so what one edition has and another lacks follows the texts as they are now. 0 at
  -- first: the days of every edit archived so far are linked once more.
  ALTER TABLE translation_state ADD COLUMN edit_mark BIGINT NOT NULL DEFAULT 0;
  `,
  /* 15: each document's length in words, for BM25 (search/bm25.ts) */ `
  -- Counted when a text is indexed, so every article is indexed once more. IF NOT EXISTS: a test takes
  -- the later migrations back and runs them again.
  ALTER TABLE search_docs ADD COLUMN IF NOT EXISTS words INTEGER NOT NULL DEFAULT 0;
  INSERT INTO search_queue SELECT seq, true FROM articles
    ON CONFLICT (article_seq) DO UPDATE SET reindex = true;
  `,
  /* 16: the key lookups by whole date (match-candidates.ts) */ `
  -- A lead or a title repeats from day to day (wire copy opens the same way): by key alone, a lookup
  -- read every day's copy to keep the compatible ones, more each year. By key and whole date it reads
  -- the same day's, plus the few copies whose date lacks a part.
  DROP INDEX IF EXISTS articles_lead_key;
  DROP INDEX IF EXISTS articles_title_key;
  CREATE INDEX articles_lead_key ON articles(source_id, md5(lead_key), pub_date);
  CREATE INDEX articles_title_key ON articles(source_id, md5(title_key), pub_date);
  `,
  /* 17: every write notifies the archive's listeners (change-watch.ts) */ `
  -- Once per statement, delivered at commit, folded into one per transaction: the schema's own
  -- channel, so that writes to another archive on the same server wake no one here. A table added by
  -- a later migration needs the same trigger (a test checks that every table has it).
  CREATE OR REPLACE FUNCTION wirewatch_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('wirewatch_' || md5(TG_TABLE_SCHEMA), '');
    RETURN NULL;
  END $$;
  DO $$
  DECLARE t text;
  BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
      EXECUTE format('DROP TRIGGER IF EXISTS wirewatch_changed ON %I', t);
      EXECUTE format('CREATE TRIGGER wirewatch_changed
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
        FOR EACH STATEMENT EXECUTE FUNCTION wirewatch_changed()', t);
    END LOOP;
  END $$;
  `,
  /* 18: the date orders carry seq, as SQLite's rowid rides in each of its indexes */ `
  -- A source's newest articles, and an article's neighbours by date, are read in the order
  -- (pub_date, seq): without seq the index gave the dates only, and PostgreSQL sorted every article of
  -- the source on each article page (with the sort spilling to disk). NULLS FIRST so that a backward
  -- scan is the newest-first order, which puts articles without a full date last.
  CREATE INDEX IF NOT EXISTS articles_source_order ON articles(source_id, pub_date NULLS FIRST, seq);
  CREATE INDEX IF NOT EXISTS articles_order ON articles(pub_date NULLS FIRST, seq);
  DROP INDEX IF EXISTS articles_source_date;
  DROP INDEX IF EXISTS articles_date;
  `,
  /* 19: each source's figures kept by the writers (listSources), as SQLite's migration 15 */ `
  -- Rows of deltas, never one row a source updated in place: workers writing the same source would
  -- wait on that row's lock until each other's commit. Each writing statement adds its deltas, and
  -- one in FOLD_EVERY folds the table into one row a source, unless another transaction is folding
  -- (readers sum what is there). Folding at every statement would leave as many dead rows as there
  -- are sources each time, for a vacuum to clear; a delta leaves one.
  -- Articles and versions are removed only by clearDerived, which empties this table with them.
  -- SET search_path FROM CURRENT, as for the search queue's functions: whoever writes, the archive's.
  CREATE TABLE source_figures (
    source_id TEXT NOT NULL,
    articles BIGINT NOT NULL DEFAULT 0,
    teasers BIGINT NOT NULL DEFAULT 0,
    last_capture TEXT COLLATE "C"
  );
  INSERT INTO source_figures (source_id, articles, teasers, last_capture)
    SELECT s.id,
      (SELECT count(*) FROM articles a WHERE a.source_id = s.id AND a.status <> 'teaser'),
      (SELECT count(*) FROM articles a WHERE a.source_id = s.id AND a.status = 'teaser'),
      (SELECT max(c.captured_at) FROM versions v JOIN articles a ON a.seq = v.article_seq
        JOIN captures c ON c.sha256 = v.capture_sha256 WHERE a.source_id = s.id)
    FROM sources s;
  CREATE SEQUENCE source_figures_writes;
  -- Sources named in recount get their last capture read again (an article moved between them),
  -- and fold at once.
  CREATE FUNCTION source_figures_fold(recount text[] DEFAULT '{}') RETURNS void
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
  DECLARE folder bigint := hashtext('wirewatch source_figures ' || current_schema());
  BEGIN
    -- One folder at a time (per archive schema); rows another transaction has not committed stay.
    IF cardinality(recount) > 0 THEN
      PERFORM pg_advisory_xact_lock(folder);
    ELSIF nextval('source_figures_writes') % ${FOLD_EVERY} <> 0
      OR NOT pg_try_advisory_xact_lock(folder) THEN
      RETURN;
    END IF;
    WITH gone AS (DELETE FROM source_figures RETURNING *)
    INSERT INTO source_figures (source_id, articles, teasers, last_capture)
      SELECT g.source_id, sum(g.articles), sum(g.teasers),
        CASE WHEN g.source_id = ANY(recount) THEN (SELECT max(c.captured_at) FROM versions v
          JOIN articles a ON a.seq = v.article_seq JOIN captures c ON c.sha256 = v.capture_sha256
          WHERE a.source_id = g.source_id) ELSE max(g.last_capture) END
      FROM gone g GROUP BY g.source_id;
  END $$;
  CREATE FUNCTION source_figures_articles_inserted() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
  BEGIN
    INSERT INTO source_figures (source_id, articles, teasers)
      SELECT source_id, count(*) FILTER (WHERE status <> 'teaser'), count(*) FILTER (WHERE status = 'teaser')
      FROM new_rows GROUP BY source_id;
    IF FOUND THEN PERFORM source_figures_fold(); END IF;
    RETURN NULL;
  END $$;
  -- A teaser becomes an article when its page is captured. An article never moves to another
  -- source (its id derives from its source), but were one moved, both sources are counted again.
  CREATE FUNCTION source_figures_articles_updated() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
  DECLARE
    moved text[];
    counted boolean;
  BEGIN
    INSERT INTO source_figures (source_id, articles, teasers)
      SELECT source_id, sum(d_articles), sum(d_teasers) FROM (
        SELECT source_id, (status <> 'teaser')::int AS d_articles, (status = 'teaser')::int AS d_teasers
          FROM new_rows
        UNION ALL
        SELECT source_id, -(status <> 'teaser')::int, -(status = 'teaser')::int FROM old_rows) d
      GROUP BY source_id HAVING sum(d_articles) <> 0 OR sum(d_teasers) <> 0;
    counted := FOUND;
    SELECT array_agg(DISTINCT s) INTO moved FROM old_rows o JOIN new_rows n ON n.seq = o.seq,
      LATERAL (VALUES (o.source_id), (n.source_id)) AS m(s) WHERE o.source_id <> n.source_id;
    IF moved IS NOT NULL THEN
      PERFORM source_figures_fold(moved);
    ELSIF counted THEN
      PERFORM source_figures_fold();
    END IF;
    RETURN NULL;
  END $$;
  CREATE FUNCTION source_figures_versions_inserted() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
  BEGIN
    INSERT INTO source_figures (source_id, last_capture)
      SELECT a.source_id, max(c.captured_at) FROM new_rows v JOIN articles a ON a.seq = v.article_seq
        JOIN captures c ON c.sha256 = v.capture_sha256 GROUP BY a.source_id;
    IF FOUND THEN PERFORM source_figures_fold(); END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER source_figures_articles_insert AFTER INSERT ON articles REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION source_figures_articles_inserted();
  CREATE TRIGGER source_figures_articles_update AFTER UPDATE ON articles
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION source_figures_articles_updated();
  CREATE TRIGGER source_figures_versions_insert AFTER INSERT ON versions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION source_figures_versions_inserted();
  CREATE TRIGGER wirewatch_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON source_figures
    FOR EACH STATEMENT EXECUTE FUNCTION wirewatch_changed();
  `,
];
