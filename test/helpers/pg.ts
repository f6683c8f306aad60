/**
 * The real PostgreSQL of the machine (no mocks): WIREWATCH_TEST_PG_URL, by default the local trust-auth
 * server's `test` database. Each archive gets a fresh schema, dropped by `dropAll`. When the server is
 * down the tests fail loudly: `.ci/run` starts it first.
 */
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/index.js';

export const PG_URL =
  process.env.WIREWATCH_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

const created: string[] = [];
let counter = 0;

/** A schema name of its own for this test process. */
export function freshSchema(label = 't'): string {
  const name = `ww_${label}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  created.push(name);
  return name;
}

/** A fresh, empty PostgreSQL archive in a schema of its own. */
export async function freshPgStore(): Promise<PostgresStore> {
  return PostgresStore.open(PG_URL, { schema: freshSchema() });
}

/** The `--db` URL of a fresh schema, for CLI runs (options=-c search_path=…). */
export function freshPgUrl(): string {
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${freshSchema('cli')}`);
  return url.toString();
}

/** The schema a `--db` URL of `freshPgUrl` names. */
export const schemaOf = (url: string) => /search_path=(\w+)/.exec(decodeURIComponent(url))![1]!;

/**
 * Articles committed so far in the archive at `url`, read directly (milliseconds, where a `stats`
 * process takes seconds on a loaded machine); 0 before its tables exist.
 */
export async function committedArticles(url: string): Promise<number> {
  return withClient(async (c) => {
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${schemaOf(url)}.articles`,
    );
    return rows[0]!.n;
  }).catch(() => 0);
}

/** Throws a clear message when PostgreSQL cannot be reached: these tests never skip. */
export async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_URL} (${(error as Error).message}): start it (see .ci/run) or set WIREWATCH_TEST_PG_URL`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

export async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops every schema this process created. */
export async function dropAll(): Promise<void> {
  if (!created.length) return;
  const names = created.splice(0);
  // One schema a statement: dropping them all at once can take more locks than the server's table holds.
  await withClient(async (c) => {
    for (const name of names) await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  });
}
