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
];
