/** The PostgreSQL engine's `CrawlFrontier`: ./frontier.ts and ./sweeps.ts behind the one interface. */
import type { CrawlFrontier } from '../frontier-types.js';
import type { Connection } from './connection.js';
import { PostgresFrontier } from './frontier.js';
import { PostgresSweeps } from './sweeps.js';

export function postgresCrawlFrontier(conn: Connection): CrawlFrontier {
  const f = new PostgresFrontier(conn);
  const s = new PostgresSweeps(conn);
  return {
    enqueue: (seeds, mode) => f.enqueue(seeds, mode),
    claim: (c) => f.claim(c),
    renew: (url, worker, until) => f.renew(url, worker, until),
    finish: (url, worker, result, sweep) => f.finish(url, worker, result, sweep),
    release: (url, worker) => f.release(url, worker),
    releaseWorkers: (workers) => f.releaseWorkers(workers),
    leaseHolders: () => f.leaseHolders(),
    get: (url) => f.get(url),
    list: (q) => f.list(q),
    counts: (now) => f.counts(now),
    nextDue: (sources, now) => f.nextDue(sources, now),
    hosts: (sources) => f.hosts(sources),
    pruneLists: (source, keep) => f.pruneLists(source, keep),
    takeHostTurn: (host, worker, now, until) => f.takeHostTurn(host, worker, now, until),
    endHostTurn: (host, worker, nextAt) => f.endHostTurn(host, worker, nextAt),
    updateHost: (host, patch) => f.updateHost(host, patch),
    getHost: (host) => f.getHost(host),
    getRobots: (origin) => f.getRobots(origin),
    putRobots: (record) => f.putRobots(record),
    createSweep: (sweep, items) => s.createSweep(sweep, items),
    getSweep: (id) => s.getSweep(id),
    listSweeps: (q) => s.listSweeps(q),
    pendingSweepUrls: (id, limit) => s.pendingSweepUrls(id, limit),
    checkableArticles: (source, after, limit) => s.checkableArticles(source, after, limit),
    seedMark: (source) => s.seedMark(source),
    setSeedMark: (source, key) => s.setSeedMark(source, key),
  };
}
