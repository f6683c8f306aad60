/**
 * The SQLite engine's `CrawlFrontier`: the entries and hosts of ./frontier.ts and the sweeps of
 * ./sweeps.ts behind the one async interface (better-sqlite3 answers synchronously).
 */
import type { CrawlFrontier } from '../frontier-types.js';
import { SqliteFrontier } from './frontier.js';
import { SqliteSweeps } from './sweeps.js';
import type Database from 'better-sqlite3';
import type { SqliteWriter } from './writer.js';

export function sqliteCrawlFrontier(db: Database.Database, writer: SqliteWriter): CrawlFrontier {
  const f = new SqliteFrontier(db, writer);
  const s = new SqliteSweeps(db, writer);
  return {
    enqueue: (seeds, mode) => f.enqueue(seeds, mode),
    claim: (c) => f.claim(c),
    renew: (url, worker, until) => f.renew(url, worker, until),
    finish: (url, worker, result, sweep) => f.finish(url, worker, result, sweep),
    release: (url, worker) => f.release(url, worker),
    releaseWorkers: (workers) => f.releaseWorkers(workers),
    leaseHolders: async () => f.leaseHolders(),
    get: async (url) => f.get(url),
    list: async (q) => f.list(q),
    counts: async (now) => f.counts(now),
    nextDue: async (sources, now) => f.nextDue(sources, now),
    hosts: async (sources) => f.hosts(sources),
    pruneLists: (source, keep) => f.pruneLists(source, keep),
    takeHostTurn: (host, worker, now, until) => f.takeHostTurn(host, worker, now, until),
    endHostTurn: (host, worker, nextAt) => f.endHostTurn(host, worker, nextAt),
    updateHost: (host, patch) => f.updateHost(host, patch),
    getHost: async (host) => f.getHost(host),
    getRobots: async (origin) => f.getRobots(origin),
    putRobots: (record) => f.putRobots(record),
    createSweep: (sweep, items) => s.createSweep(sweep, items),
    getSweep: async (id) => s.getSweep(id),
    listSweeps: async (q) => s.listSweeps(q),
    pendingSweepUrls: async (id, limit) => s.pendingSweepUrls(id, limit),
    checkableArticles: async (source, after, limit) => s.checkableArticles(source, after, limit),
    seedMark: async (source) => s.seedMark(source),
    setSeedMark: (source, key) => s.setSeedMark(source, key),
  };
}
