/**
 * The two peers, built from the same corpus lines: a straightforward SQLite FTS5 table (porter
 * stemming, bm25 ORDER BY, snippet(), count(*) and GROUP BY for facets) and PostgreSQL full-text search
 * (a weighted tsvector with a GIN index, ts_rank, ts_headline), as Miniflux does it.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { gzLines, type CorpusLine } from '../corpus.js';
import { sourceIdOf, type QueryCase } from './queries.js';

export interface PeerResult {
  total: number;
  hits: number;
  facets: number;
}

export function buildFts5(path: string, input: string): Promise<number> {
  return (async () => {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2');
      CREATE TABLE meta (rowid INTEGER PRIMARY KEY, source TEXT, lang TEXT, published TEXT, year INTEGER, month INTEGER);`);
    const doc = db.prepare('INSERT INTO docs (rowid, title, body) VALUES (?, ?, ?)');
    const meta = db.prepare('INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?)');
    let n = 0;
    db.exec('BEGIN');
    for await (const line of gzLines(input)) {
      const r = JSON.parse(line) as CorpusLine;
      n++;
      doc.run(n, r.title ?? null, r.body ?? null);
      const published = r.published?.slice(0, 10) ?? null;
      meta.run(
        n,
        sourceIdOf(r.source, r.language),
        r.language ?? null,
        published,
        published ? Number(published.slice(0, 4)) : null,
        published ? Number(published.slice(5, 7)) : null,
      );
    }
    db.exec('COMMIT');
    db.close();
    return n;
  })();
}

export function openFts5(path: string) {
  const db = new Database(path, { readonly: true });
  db.pragma('cache_size = -131072');
  return {
    run(q: QueryCase): PeerResult {
      const where = q.fts5.where ? `AND ${q.fts5.where}` : '';
      const params = [q.fts5.match, ...(q.fts5.params ?? [])];
      const order = q.sort === 'newest' ? 'm.published DESC' : 'bm25(docs, 3.0, 1.0)';
      const hits = db
        .prepare(
          `SELECT docs.rowid, docs.title, snippet(docs, 1, '[', ']', '…', 24) FROM docs
        JOIN meta m ON m.rowid = docs.rowid WHERE docs MATCH ? ${where} ORDER BY ${order} LIMIT 20`,
        )
        .all(...params);
      const groups = db
        .prepare(
          `SELECT m.source, m.lang, m.year, m.month, count(*) AS n FROM docs
        JOIN meta m ON m.rowid = docs.rowid WHERE docs MATCH ? ${where} GROUP BY 1, 2, 3, 4`,
        )
        .all(...params) as { n: number }[];
      const total = groups.reduce((s, g) => s + g.n, 0);
      return { total, hits: hits.length, facets: groups.length };
    },
    close: () => db.close(),
  };
}

export async function buildPostgres(url: string, schema: string, input: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path = ${schema};
      CREATE TABLE docs (id integer PRIMARY KEY, title text, body text, source text, lang text, published date, tsv tsvector);`);
    let batch: unknown[][] = [];
    let n = 0;
    const flush = async () => {
      if (!batch.length) return;
      const values = batch.map(
        (
          _,
          i,
        ) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6},
        setweight(to_tsvector('english', coalesce($${i * 6 + 2}, '')), 'A') || setweight(to_tsvector('english', coalesce($${i * 6 + 3}, '')), 'B'))`,
      );
      await client.query(`INSERT INTO docs VALUES ${values.join(',')}`, batch.flat());
      batch = [];
    };
    await client.query('BEGIN');
    for await (const line of gzLines(input)) {
      const r = JSON.parse(line) as CorpusLine;
      n++;
      const published =
        r.published && /^\d{4}-\d{2}-\d{2}/.test(r.published) ? r.published.slice(0, 10) : null;
      batch.push([
        n,
        r.title ?? null,
        r.body ?? null,
        sourceIdOf(r.source, r.language),
        r.language ?? null,
        published,
      ]);
      if (batch.length === 500) await flush();
    }
    await flush();
    await client.query('COMMIT');
    await client.query(
      'CREATE INDEX docs_tsv ON docs USING gin (tsv); CREATE INDEX docs_published ON docs (published); ANALYZE docs;',
    );
    return n;
  } finally {
    await client.end();
  }
}

export async function openPostgres(url: string, schema: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET search_path = ${schema}`);
  return {
    async run(q: QueryCase): Promise<PeerResult> {
      const where = q.postgres.where ? `AND ${q.postgres.where}` : '';
      const params = [q.postgres.tsquery, ...(q.postgres.params ?? [])];
      const order =
        q.sort === 'newest' ? 'published DESC' : "ts_rank(tsv, to_tsquery('english', $1)) DESC";
      const hits = await client.query(
        `SELECT id, title, ts_headline('english', body, to_tsquery('english', $1)) FROM (
          SELECT id, title, body, tsv FROM docs WHERE tsv @@ to_tsquery('english', $1) ${where} ORDER BY ${order} LIMIT 20) t`,
        params,
      );
      const groups = await client.query(
        `SELECT source, lang, extract(year FROM published) y, extract(month FROM published) m, count(*)::int n
        FROM docs WHERE tsv @@ to_tsquery('english', $1) ${where} GROUP BY 1, 2, 3, 4`,
        params,
      );
      const total = groups.rows.reduce((s: number, g: { n: number }) => s + g.n, 0);
      return { total, hits: hits.rowCount ?? 0, facets: groups.rowCount ?? 0 };
    },
    async size(): Promise<{ table: number; index: number }> {
      const r = await client.query(
        `SELECT pg_total_relation_size('docs')::bigint t, pg_relation_size('docs_tsv')::bigint i`,
      );
      return { table: Number(r.rows[0].t), index: Number(r.rows[0].i) };
    },
    close: () => client.end(),
  };
}
