/**
 * The crawl frontier's part of the storage contract: both engines must pass these same tests
 * (entries, claims, host turns, robots.txt, sweeps, seeding).
 */
import { describe, expect, it } from 'vitest';
import { PRIORITY, type ArchiveStore, type FrontierSeed } from '../../src/store/types.js';

const T0 = '2026-12-01T00:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function seed(url: string, over: Partial<FrontierSeed> = {}): FrontierSeed {
  return {
    url,
    crawlSource: 'kcna',
    kind: 'article',
    host: new URL(url).hostname,
    priority: PRIORITY.recheck,
    dueAt: T0,
    ...over,
  };
}

const claim = (store: ArchiveStore, worker: string, now: string, hosts = ['kcna.test']) =>
  store.frontier.claim({ worker, now, until: at(60), crawlSources: ['kcna'], hosts });

export function frontierContract(engine: string, makeStore: () => Promise<ArchiveStore>): void {
  describe(`crawl frontier contract (${engine})`, () => {
    it('keeps an entry on a second enqueue, or makes it sooner and more urgent when asked', async () => {
      const store = await makeStore();
      try {
        const url = 'http://kcna.test/a/1';
        expect(await store.frontier.enqueue([seed(url, { dueAt: at(100) })], 'keep')).toBe(1);
        await store.frontier.enqueue([seed(url, { dueAt: at(5) })], 'keep');
        expect((await store.frontier.get(url))!.dueAt).toBe(at(100));
        await store.frontier.enqueue(
          [seed(url, { dueAt: at(10), priority: PRIORITY.sweep })],
          'sooner',
        );
        expect(await store.frontier.get(url)).toMatchObject({
          dueAt: at(10),
          priority: PRIORITY.sweep,
          kind: 'article',
          crawlSource: 'kcna',
          fetches: 0,
          claimedBy: null,
        });
        // never later nor less urgent than it was
        await store.frontier.enqueue([seed(url, { dueAt: at(50) })], 'sooner');
        expect(await store.frontier.get(url)).toMatchObject({
          dueAt: at(10),
          priority: PRIORITY.sweep,
        });
      } finally {
        await store.close();
      }
    });

    it('claims due entries by priority then due time, never one leased, not due or of another source', async () => {
      const store = await makeStore();
      try {
        await store.frontier.enqueue(
          [
            seed('http://kcna.test/old', { dueAt: at(-30) }),
            seed('http://kcna.test/older', { dueAt: at(-60) }),
            seed('http://kcna.test/new', { dueAt: at(0), priority: PRIORITY.new }),
            seed('http://kcna.test/later', {
              dueAt: at(30),
              priority: PRIORITY.list,
              kind: 'list',
            }),
            seed('http://kcna.test/other', { dueAt: at(-90), crawlSource: 'rodong' }),
          ],
          'keep',
        );
        const order: string[] = [];
        for (;;) {
          const entry = await claim(store, 'w1', T0);
          if (!entry) break;
          expect(entry.claimedBy).toBe('w1');
          order.push(entry.url);
        }
        expect(order).toEqual([
          'http://kcna.test/new',
          'http://kcna.test/older',
          'http://kcna.test/old',
        ]);
        // a lease that ran out makes the entry claimable again
        const again = await claim(store, 'w2', at(61));
        expect(again?.url).toBe('http://kcna.test/later');
        expect((await claim(store, 'w2', at(61)))?.claimedBy).toBe('w2');
        // the first three claims' leases ran out at at(60): the oldest of them is due again first
        expect(await store.frontier.nextDue(['kcna'], at(61))).toBe(at(-60));
        // while every entry is leased, nothing is due
        expect(await store.frontier.nextDue(['kcna'], at(59))).toBeNull();
        await store.frontier.release('http://kcna.test/later', 'w2');
        expect((await store.frontier.get('http://kcna.test/later'))!.claimedBy).toBeNull();
      } finally {
        await store.close();
      }
    });

    it('gives concurrent claims different entries', async () => {
      const store = await makeStore();
      try {
        const urls = Array.from({ length: 12 }, (_, i) => `http://kcna.test/c/${i}`);
        await store.frontier.enqueue(
          urls.map((u) => seed(u)),
          'keep',
        );
        const claims = await Promise.all(
          Array.from({ length: 16 }, (_, i) => claim(store, `w${i}`, T0)),
        );
        const got = claims.filter((c) => c !== null).map((c) => c!.url);
        expect(got.sort()).toEqual([...urls].sort());
      } finally {
        await store.close();
      }
    });

    it('finishes a fetch: schedules the next one, records validators, ends the sweep items of the URL', async () => {
      const store = await makeStore();
      try {
        const a = 'http://kcna.test/s/1';
        const b = 'http://kcna.test/s/2';
        await store.frontier.enqueue([seed(a, { dueAt: at(500) })], 'keep');
        const sweep = await store.frontier.createSweep(
          {
            createdAt: T0,
            requestedBy: 'cli',
            scope: { crawlSources: ['kcna'], lists: false },
            reason: null,
          },
          [
            { url: a, kind: 'article', crawlSource: 'kcna', host: 'kcna.test' },
            { url: b, kind: 'article', crawlSource: 'kcna', host: 'kcna.test' },
            { url: b, kind: 'article', crawlSource: 'kcna', host: 'kcna.test' },
          ],
        );
        expect(sweep).toMatchObject({ total: 2, finishedAt: null, requestedBy: 'cli' });
        expect(sweep.counts.pending).toBe(2);
        expect(await store.frontier.get(a)).toMatchObject({ dueAt: T0, priority: PRIORITY.sweep });
        expect((await store.frontier.pendingSweepUrls(sweep.id, 10)).sort()).toEqual([a, b]);

        const first = (await claim(store, 'w1', T0))!;
        await store.frontier.finish(
          first.url,
          'w1',
          {
            fetchedAt: at(1),
            status: 200,
            outcome: 'ok',
            etag: '"e1"',
            lastModified: null,
            dueAt: at(600),
            priority: PRIORITY.recheck,
            failures: 0,
          },
          { outcome: 'edited', detail: 'version 2' },
        );
        expect(await store.frontier.get(first.url)).toMatchObject({
          lastStatus: 200,
          lastOutcome: 'ok',
          etag: '"e1"',
          dueAt: at(600),
          fetches: 1,
          claimedBy: null,
          priority: PRIORITY.recheck,
        });
        const half = (await store.frontier.getSweep(sweep.id))!;
        expect(half.counts).toMatchObject({ edited: 1, pending: 1 });
        expect(half.finishedAt).toBeNull();

        const second = (await claim(store, 'w1', at(2)))!;
        await store.frontier.finish(
          second.url,
          'w1',
          {
            fetchedAt: at(3),
            status: 404,
            outcome: 'http-error',
            etag: null,
            lastModified: null,
            dueAt: at(900),
            priority: PRIORITY.recheck,
            failures: 0,
          },
          { outcome: 'removed', detail: 'HTTP 404' },
        );
        const done = (await store.frontier.getSweep(sweep.id))!;
        expect(done.counts).toMatchObject({ edited: 1, removed: 1, pending: 0 });
        expect(done.finishedAt).toBe(at(3));
        expect(await store.frontier.listSweeps({ unfinished: true })).toEqual({
          items: [],
          total: 0,
        });
        expect((await store.frontier.listSweeps({})).items.map((s) => s.id)).toEqual([sweep.id]);
        const counts = await store.frontier.counts(at(4));
        expect(counts).toEqual([
          { crawlSource: 'kcna', kind: 'article', total: 2, due: 0, failing: 0 },
        ]);
      } finally {
        await store.close();
      }
    });

    it('ends an empty sweep at once', async () => {
      const store = await makeStore();
      try {
        const sweep = await store.frontier.createSweep(
          {
            createdAt: T0,
            requestedBy: 'api',
            scope: { crawlSources: [], lists: false },
            reason: 'x',
          },
          [],
        );
        expect(sweep).toMatchObject({ total: 0, finishedAt: T0, reason: 'x' });
      } finally {
        await store.close();
      }
    });

    it('gives one worker at a time a turn on a host, and keeps the gap after it', async () => {
      const store = await makeStore();
      try {
        const now = 1_000_000;
        expect(await store.frontier.takeHostTurn('kcna.test', 'w1', now, now + 60_000)).toEqual({
          granted: true,
        });
        const refused = await store.frontier.takeHostTurn(
          'kcna.test',
          'w2',
          now + 10,
          now + 60_000,
        );
        expect(refused).toEqual({ granted: false, waitUntil: now + 60_000, holder: 'w1' });
        await store.frontier.endHostTurn('kcna.test', 'w1', now + 2_500);
        expect(
          await store.frontier.takeHostTurn('kcna.test', 'w2', now + 100, now + 60_000),
        ).toEqual({
          granted: false,
          waitUntil: now + 2_500,
          holder: null,
        });
        expect(
          await store.frontier.takeHostTurn('kcna.test', 'w2', now + 2_500, now + 62_500),
        ).toEqual({ granted: true });
        // a holder that died: its lease runs out and another worker goes on
        expect(
          (await store.frontier.takeHostTurn('kcna.test', 'w3', now + 62_501, now + 100_000))
            .granted,
        ).toBe(true);
        await store.frontier.updateHost('kcna.test', { strikes: 3, blockedUntil: now + 500_000 });
        await store.frontier.updateHost('kcna.test', { blockedUntil: now + 1 });
        expect(await store.frontier.getHost('kcna.test')).toMatchObject({
          strikes: 3,
          blockedUntil: now + 500_000,
          holder: 'w3',
        });
        await store.frontier.releaseWorkers(['w3']);
        expect(await store.frontier.takeHostTurn('kcna.test', 'w4', now + 499_999, now)).toEqual({
          granted: false,
          waitUntil: now + 500_000,
          holder: null,
        });
      } finally {
        await store.close();
      }
    });

    it('keeps robots.txt as read, per origin', async () => {
      const store = await makeStore();
      try {
        expect(await store.frontier.getRobots('http://kcna.test')).toBeNull();
        const record = {
          origin: 'http://kcna.test',
          status: 200,
          body: 'User-agent: *\nDisallow: /x',
          fetchedAt: 5,
          expiresAt: 10,
        };
        await store.frontier.putRobots(record);
        await store.frontier.putRobots({ ...record, status: null, body: '', fetchedAt: 6 });
        expect(await store.frontier.getRobots('http://kcna.test')).toEqual({
          ...record,
          status: null,
          body: '',
          fetchedAt: 6,
        });
      } finally {
        await store.close();
      }
    });

    it('walks the articles of a source with URLs for seeding, and remembers how far', async () => {
      const store = await makeStore();
      try {
        await store.upsertSource({
          id: 'kcna-kp-en',
          name: 'KCNA.kp',
          language: 'en',
          label: 'KCNA.kp (En)',
        });
        expect(await store.frontier.seedMark('kcna')).toBe(0);
        const rows = await store.frontier.checkableArticles('kcna-kp-en', 0, 10);
        expect(rows).toEqual([]);
        await store.frontier.setSeedMark('kcna', 42);
        await store.frontier.setSeedMark('kcna', 43);
        expect(await store.frontier.seedMark('kcna')).toBe(43);
      } finally {
        await store.close();
      }
    });

    it('forgets list entries dropped from the sources file', async () => {
      const store = await makeStore();
      try {
        await store.frontier.enqueue(
          [
            seed('http://kcna.test/list/1', { kind: 'list' }),
            seed('http://kcna.test/list/2', { kind: 'list' }),
            seed('http://kcna.test/a/1'),
          ],
          'keep',
        );
        expect(await store.frontier.pruneLists('kcna', ['http://kcna.test/list/2'])).toBe(1);
        const left = (await store.frontier.list({ crawlSource: 'kcna' })).items.map((e) => e.url);
        expect(left.sort()).toEqual(['http://kcna.test/a/1', 'http://kcna.test/list/2']);
        expect((await store.frontier.hosts(['kcna'])).map((h) => h.host)).toEqual(['kcna.test']);
        expect(await store.frontier.hosts(['rodong'])).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
}
