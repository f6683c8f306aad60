/**
 * The PostgreSQL change token (store/postgres/change-watch.ts) on the machine's real server: moved by a
 * write of another connection once it is committed, at once by the store's own commit, not by a read
 * or by a write to another archive on the same server; back on the server's snapshot while its
 * listening connection is lost, and listening again afterwards. Every table notifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTENER_NAME } from '../../src/store/postgres/change-watch.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { dropAll, freshSchema, PG_URL, requirePostgres, withClient } from '../helpers/pg.js';

beforeAll(requirePostgres);
afterAll(dropAll);

const source = (id: string) => ({ id, name: id, language: 'en', label: `${id} (En)` });

/** Resolves once `check` holds, polled every 10 ms; fails after `ms`. */
async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const listeners = async (schema: string) =>
  withClient(async (c) => {
    const { rows } = await c.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
      [`${LISTENER_NAME} ${schema}`],
    );
    return rows.map((r) => r.pid);
  });

/** The server's store and another connection to the same archive, its first token asked. */
async function archive(): Promise<{ schema: string; server: PostgresStore; other: PostgresStore }> {
  const schema = freshSchema('changes');
  const server = await PostgresStore.open(PG_URL, { schema });
  const other = await PostgresStore.open(PG_URL, { schema });
  await server.changeToken();
  await until(async () => (await listeners(schema)).length === 1);
  return { schema, server, other };
}

describe('PostgreSQL change token', () => {
  it("moves on another connection's commit, on its own at once, and not on a read", async () => {
    const { server, other } = await archive();
    try {
      const listening = await server.changeToken();
      expect(await server.changeToken()).toBe(listening);
      await other.upsertSource(source('kcna'));
      await until(async () => (await server.changeToken()) !== listening);

      const before = await server.changeToken();
      await server.upsertSource(source('rodong'));
      const afterOwn = await server.changeToken();
      expect(afterOwn).not.toBe(before);
      await server.transaction(async () => {
        await server.upsertSource(source('voice'));
      });
      expect(await server.changeToken()).not.toBe(afterOwn);

      // Its own notifications may still be on their way: reads are compared once they are in.
      await new Promise((r) => setTimeout(r, 300));
      const settled = await server.changeToken();
      await server.transaction(() => server.getSource('kcna'));
      await server.listSources();
      await new Promise((r) => setTimeout(r, 300));
      expect(await server.changeToken()).toBe(settled);
    } finally {
      await server.close();
      await other.close();
    }
  });

  it('does not move on a write to another archive on the same server', async () => {
    const { server, other } = await archive();
    const elsewhere = await PostgresStore.open(PG_URL, { schema: freshSchema('elsewhere') });
    try {
      const before = await server.changeToken();
      await elsewhere.upsertSource(source('kcna'));
      await new Promise((r) => setTimeout(r, 300));
      expect(await server.changeToken()).toBe(before);
      // While this archive's own write is seen.
      await other.upsertSource(source('kcna'));
      await until(async () => (await server.changeToken()) !== before);
    } finally {
      await Promise.all([server.close(), other.close(), elsewhere.close()]);
    }
  });

  it('reads the snapshot while its listener is lost, and listens again', async () => {
    const { schema, server, other } = await archive();
    try {
      const [pid] = await listeners(schema);
      await withClient((c) => c.query('SELECT pg_terminate_backend($1)', [pid]));
      // Whether or not it has noticed yet, a commit is seen by the next token once delivered.
      for (let round = 0; round < 3; round++) {
        const before = await server.changeToken();
        await other.upsertSource(source(`s${round}`));
        await until(async () => (await server.changeToken()) !== before);
      }
      await until(async () => {
        const now = await listeners(schema);
        return now.length === 1 && now[0] !== pid;
      });
      const before = await server.changeToken();
      await other.upsertSource(source('after'));
      await until(async () => (await server.changeToken()) !== before);
    } finally {
      await server.close();
      await other.close();
    }
    expect(await listeners(schema)).toEqual([]);
  });

  it('has a notifying trigger on every table of the archive', async () => {
    const schema = freshSchema('triggers');
    const store = await PostgresStore.open(PG_URL, { schema });
    await store.close();
    const { rows } = await withClient((c) =>
      c.query<{ table: string; notifies: boolean }>(
        `SELECT t.tablename AS table, EXISTS (SELECT 1 FROM pg_trigger g
            WHERE g.tgrelid = format('%I.%I', t.schemaname, t.tablename)::regclass
            AND g.tgname = 'wirewatch_changed') AS notifies
          FROM pg_tables t WHERE t.schemaname = $1`,
        [schema],
      ),
    );
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((r) => !r.notifies)).toEqual([]);
  });
});
