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
];
