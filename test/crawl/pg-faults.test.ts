/**
 * A long-lived crawler worker (`crawl --worker`, `serve --crawl`) on PostgreSQL whose connections are
 * terminated (pg_terminate_backend, scoped by application_name): it says so, waits and carries on
 * over a new connection instead of stopping, and a stop still ends it cleanly.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runForever } from '../../src/crawl/frontier/run.js';
import type { Problem } from '../../src/errors.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { dropAll, freshSchema, PG_URL, requirePostgres, withClient } from '../helpers/pg.js';

afterAll(dropAll);

describe('runForever and a terminated PostgreSQL connection (postgres)', () => {
  it('waits and carries on; a stop ends it', async () => {
    await requirePostgres();
    const name = `ww_fault_crawl_${process.pid}`;
    const url = new URL(PG_URL);
    url.searchParams.set('application_name', name);
    const store = await PostgresStore.open(url.toString(), { schema: freshSchema() });
    const stop = new AbortController();
    const problems: Problem[] = [];
    let failed: unknown = null;
    const running = runForever(store, [], {
      signal: stop.signal,
      pollMs: 20,
      onUnavailable: (p) => problems.push(p),
    }).catch((error: unknown) => (failed = error));
    try {
      for (let i = 0; i < 100 && problems.length < 2 && failed === null; i++) {
        await withClient((c) =>
          c.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
            [name],
          ),
        );
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(failed).toBeNull();
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0]).toMatchObject({ status: 503, code: 'unavailable' });
      // Reconnected: the archive answers again through the same store.
      expect((await store.stats()).articles).toBe(0);
    } finally {
      stop.abort();
      await running;
      await store.close();
    }
    expect(failed).toBeNull();
  });
});
