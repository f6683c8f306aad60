/** `stats()` of the PostgreSQL engine in one round trip; every count is a BIGINT, read as a number. */
export const STATS_SQL = `SELECT
  (SELECT COUNT(*) FROM sources) AS sources,
  (SELECT COUNT(*) FROM captures) AS captures,
  (SELECT COUNT(*) FROM captures WHERE processed_at IS NULL) AS "unprocessedCaptures",
  (SELECT COUNT(*) FROM captures WHERE failed_at IS NOT NULL) AS "failedCaptures",
  (SELECT COUNT(*) FROM captures WHERE errors::text <> '[]') AS "capturesWithErrors",
  (SELECT COALESCE(SUM(size), 0)::bigint FROM captures) AS "captureBytes",
  (SELECT COALESCE(SUM(octet_length(data)), 0)::bigint FROM capture_chunks) AS "storedCaptureBytes",
  (SELECT COUNT(*) FROM articles WHERE status <> 'teaser') AS articles,
  (SELECT COUNT(*) FROM articles WHERE status = 'teaser') AS "teaserOnly",
  (SELECT COUNT(*) FROM articles WHERE pub_year IS NULL) AS "yearUnknown",
  (SELECT COUNT(*) FROM versions) AS versions,
  (SELECT COUNT(*) FROM articles WHERE version_count > 1) AS "articlesWithSeveralVersions",
  (SELECT COUNT(*) FROM articles WHERE status = 'deleted') AS "deletedArticles",
  (SELECT COUNT(*) FROM article_events WHERE kind = 'edit') AS edits,
  (SELECT COUNT(*) FROM listing_entries) AS "listingEntries",
  (SELECT COUNT(DISTINCT story_id) FROM articles) AS stories,
  (SELECT COUNT(*) FROM (SELECT story_id FROM articles GROUP BY story_id HAVING COUNT(*) > 1) s) AS "storiesWithCopies"`;
