/**
 * What authentication costs the reader (issue 16): the same article pages, served by two servers of
 * the same archive in turn — one open (no users, on loopback, as before accounts), one private (a user,
 * every request with a Bearer token: its digest looked up, its owner's role read, its rate limit
 * counted). Goal: the private server's p95 at most 5 % above the open one's, in the same run.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeToken } from '../accounts/tokens.js';
import { addUser } from '../accounts/users.js';
import { SqliteStore } from '../store/sqlite/index.js';
import {
  load,
  startServer,
  stopServer,
  warmPass,
  warmUp,
  type Case,
  type CaseResult,
  type Served,
} from './reader-load.js';

export const AUTH_GOAL = 0.05;

export interface AuthOverhead {
  open: CaseResult[];
  token: CaseResult[];
  /** Under load: median p95 with a token over the open server's median p95, minus 1. */
  p95Overhead: number;
  rpsOpen: number;
  rpsToken: number;
}

/** A copy of the archive with one reader and a token that never expires; returns the token. */
async function privateCopy(db: string, dir: string): Promise<{ path: string; secret: string }> {
  const path = join(dir, 'reader-bench-private.db');
  await copyFile(db, path);
  const store = new SqliteStore(path);
  try {
    const user = await addUser(store, 'bench', {
      name: 'bench-reader',
      role: 'reader',
      password: 'a password for the benchmark',
    });
    const made = await makeToken(store, 'bench', user, {
      label: 'bench',
      scopes: ['read'],
      expiresAt: null,
    });
    return { path, secret: made.secret };
  } finally {
    await store.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs the article page `rounds` times on each server, alternating, so that drift of the machine
 * (other load, thermal) falls on both alike.
 */
export async function measureAuthOverhead(
  db: string,
  dir: string,
  article: Case,
  options: { duration: number; connections: number; rounds: number; log: (s: string) => void },
): Promise<AuthOverhead> {
  const { path, secret } = await privateCopy(db, dir);
  const tokenCase: Case = {
    ...article,
    name: `${article.name}, Bearer token`,
    headers: { authorization: `Bearer ${secret}` },
  };
  let open: Served | null = null;
  let withToken: Served | null = null;
  try {
    open = await startServer(db);
    // Its rate limit is counted on every request, set high enough never to answer 429.
    withToken = await startServer(path, {
      WIREWATCH_LIMITS: JSON.stringify({ auth: { tokenRequestsPerMinute: 100_000_000 } }),
    });
    await warmUp(open.url, [article]);
    await warmUp(withToken.url, [tokenCase]);
    // Both page caches hold the pages, so what differs is the token's check.
    await warmPass(open.url, article, options.connections, 1);
    await warmPass(withToken.url, tokenCase, options.connections, 1);
    const results = { open: [] as CaseResult[], token: [] as CaseResult[] };
    // Under load (the goal), then one request at a time (what one request costs, without queueing).
    for (const connections of [options.connections, 1])
      for (let round = 1; round <= options.rounds; round++) {
        options.log(
          `authentication, ${connections} connection(s), round ${round}/${options.rounds}: open, then with a token…`,
        );
        results.open.push(await load(open.url, article, options.duration, connections));
        results.token.push(await load(withToken.url, tokenCase, options.duration, connections));
      }
    const underLoad = (rs: CaseResult[]) => rs.filter((r) => r.connections === options.connections);
    const p95 = (rs: CaseResult[]) => median(underLoad(rs).map((r) => r.p95));
    const rps = (rs: CaseResult[]) => median(underLoad(rs).map((r) => r.rps));
    return {
      ...results,
      p95Overhead: p95(results.token) / p95(results.open) - 1,
      rpsOpen: rps(results.open),
      rpsToken: rps(results.token),
    };
  } finally {
    await stopServer(open);
    await stopServer(withToken);
  }
}
