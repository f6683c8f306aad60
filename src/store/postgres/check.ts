/**
 * `wirewatch check` on PostgreSQL: the server looks after its own files, so this is a cheap sanity
 * check of what wirewatch relies on — the schema version it knows and every table of the archive.
 */
import type { Queryable } from './connection.js';
import { migrations } from './migrations.js';

/** Every table the migrations create, as of the newest one. */
const TABLES = [
  'article_events',
  'articles',
  'capture_chunks',
  'captures',
  'crawl_hosts',
  'crawl_robots',
  'frontier',
  'frontier_seeds',
  'listing_entries',
  'schema_version',
  'search_docs',
  'search_old_docs',
  'search_old_queue',
  'search_queue',
  'search_refreshes',
  'search_state',
  'search_vocab',
  'sources',
  'story_bands',
  'sweep_items',
  'sweeps',
  'versions',
];

export async function checkSchema(db: Queryable): Promise<string[]> {
  const problems: string[] = [];
  const { rows: present } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
  );
  const have = new Set(present.map((r) => r.name));
  for (const table of TABLES) if (!have.has(table)) problems.push(`table ${table} is missing`);
  if (have.has('schema_version')) {
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_version');
    const versions = rows.map((r) => r.version);
    if (versions.length !== 1 || versions[0] !== migrations.length)
      problems.push(
        `schema_version holds ${JSON.stringify(versions)}, expected [${migrations.length}]`,
      );
  }
  return problems;
}
