/** The SQLite engine's summaries: `stats()` (one COUNT per figure) and the per-source counts. */
import type Database from 'better-sqlite3';
import type { ArchiveStats, SourceSummary } from '../types.js';

export function archiveStats(db: Database.Database): ArchiveStats {
  const one = (sql: string) => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
  return {
    sources: one('SELECT COUNT(*) AS n FROM sources'),
    captures: one('SELECT COUNT(*) AS n FROM captures'),
    unprocessedCaptures: one('SELECT COUNT(*) AS n FROM captures WHERE processed_at IS NULL'),
    failedCaptures: one('SELECT COUNT(*) AS n FROM captures WHERE failed_at IS NOT NULL'),
    capturesWithErrors: one(`SELECT COUNT(*) AS n FROM captures WHERE errors <> '[]'`),
    captureBytes: one('SELECT SUM(size) AS n FROM captures'),
    storedCaptureBytes: one('SELECT SUM(length(data)) AS n FROM capture_chunks'),
    articles: one(`SELECT COUNT(*) AS n FROM articles WHERE status <> 'teaser'`),
    teaserOnly: one(`SELECT COUNT(*) AS n FROM articles WHERE status = 'teaser'`),
    yearUnknown: one('SELECT COUNT(*) AS n FROM articles WHERE pub_year IS NULL'),
    versions: one('SELECT COUNT(*) AS n FROM versions'),
    articlesWithSeveralVersions: one('SELECT COUNT(*) AS n FROM articles WHERE version_count > 1'),
    deletedArticles: one(`SELECT COUNT(*) AS n FROM articles WHERE status = 'deleted'`),
    edits: one(`SELECT COUNT(*) AS n FROM article_events WHERE kind = 'edit'`),
    listingEntries: one('SELECT COUNT(*) AS n FROM listing_entries'),
    stories: one('SELECT COUNT(DISTINCT story_id) AS n FROM articles'),
    storiesWithCopies: one(
      'SELECT COUNT(*) AS n FROM (SELECT story_id FROM articles GROUP BY story_id HAVING COUNT(*) > 1)',
    ),
  };
}

/**
 * Each source's figures: the counts and last capture as the writer keeps them (source_figures), the
 * first and last dates from the (source_id, pub_date) index. A few index reads a source, however large
 * the archive.
 */
export function sourceSummaries(prepare: (sql: string) => Database.Statement): SourceSummary[] {
  const rows = prepare(
    `SELECT s.id, s.name, s.language, s.label,
      coalesce(f.articles, 0) AS articles, coalesce(f.teasers, 0) AS teasers,
      (SELECT MIN(pub_date) FROM articles WHERE source_id = s.id) AS firstPublished,
      (SELECT MAX(pub_date) FROM articles WHERE source_id = s.id) AS lastPublished,
      f.last_capture AS lastCapture
    FROM sources s LEFT JOIN source_figures f ON f.source_id = s.id ORDER BY s.id`,
  ).all();
  return rows as SourceSummary[];
}
