/**
 * The alert check under load (issue 16): an archive of the 22k corpus less its last 1,000 stories,
 * 10,000 saved searches of 100 users (words, two-word phrases and words within one language, drawn
 * from the corpus's headlines with a fixed seed), then the last 1,000 stories arrive as one crawl pass
 * would bring them, and `checkAlerts` finds every saved search's new hits. Goal: under 10 s.
 * The peer, in the same run: the percolator way, a bare FTS5 table of just the 1,000 new stories with
 * each saved query run against it (the floor for queries that only need the new texts).
 *
 *   node dist/bench/alerts.js [--json] [--searches N] [--new N]
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { checkAlerts } from '../alerts/check.js';
import { importPaths } from '../pipeline/import.js';
import { SqliteStore } from '../store/sqlite/index.js';
import type { User } from '../store/types.js';
import { corpusPath, gzLines, type CorpusLine } from './corpus.js';
import { prng } from './scale.js';

const T0 = '2026-11-01T00:00:00.000Z';
const T1 = '2026-11-02T00:00:00.000Z';
const USERS = 100;
const GOAL_SECONDS = 10;

interface SavedQuery {
  ours: string;
  fts: string;
  lang: string | null;
}

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`usage: node dist/bench/alerts.js [--json] [--searches N] [--new N]\n`);
    process.exit(2);
  }
  return value;
}

/** Words of 4+ letters from headlines: the things people save searches for. */
function queriesFrom(lines: CorpusLine[], n: number): SavedQuery[] {
  const random = prng(20261206);
  const titles = lines
    .map((l) => ({
      words: (l.title ?? '').toLowerCase().match(/[a-z]{4,}/g) ?? [],
      lang: l.language ?? null,
    }))
    .filter((t) => t.words.length >= 2);
  const out: SavedQuery[] = [];
  while (out.length < n) {
    const t = titles[Math.floor(random() * titles.length)]!;
    const i = Math.floor(random() * (t.words.length - 1));
    const [a, b] = [t.words[i]!, t.words[i + 1]!];
    const kind = out.length % 4;
    if (kind === 0 || kind === 1) out.push({ ours: a, fts: a, lang: null });
    else if (kind === 2) out.push({ ours: `"${a} ${b}"`, fts: `"${a} ${b}"`, lang: null });
    else out.push({ ours: `${a} lang:${t.lang ?? 'en'}`, fts: a, lang: t.lang ?? 'en' });
  }
  return out;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const searches = arg('--searches', 10_000);
  const fresh = arg('--new', 1000);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const work = await mkdtemp(join(tmpdir(), 'wirewatch-alerts-bench-'));
  try {
    const lines: CorpusLine[] = [];
    const raw: string[] = [];
    for await (const line of gzLines(corpusPath())) {
      raw.push(line);
      lines.push(JSON.parse(line) as CorpusLine);
    }
    const base = join(work, 'base.jsonl');
    const arriving = join(work, 'new.jsonl');
    writeFileSync(base, `${raw.slice(0, -fresh).join('\n')}\n`);
    writeFileSync(arriving, `${raw.slice(-fresh).join('\n')}\n`);
    const store = new SqliteStore(join(work, 'archive.db'));
    log(`importing ${(raw.length - fresh).toLocaleString('en')} stories…`);
    await importPaths(store, [base], { format: 'auto', now: () => T0 });
    const queries = queriesFrom(lines, searches);
    log(`saving ${searches.toLocaleString('en')} searches of ${USERS} users…`);
    const users: User[] = [];
    for (let u = 0; u < USERS; u++)
      users.push(
        (await store.accounts.addUser({
          name: `u${u}`,
          role: 'reader',
          passwordHash: 'x',
          at: T0,
        }))!,
      );
    for (const [i, q] of queries.entries())
      await store.watch.addSavedSearch({
        userId: users[i % USERS]!.id,
        name: q.ours,
        query: q.ours,
        sort: 'newest',
        createdAt: T0,
      });
    for (const user of users)
      await store.alerts.addChannel({
        userId: user.id,
        kind: 'webhook',
        target: 'http://127.0.0.1:9/',
        secret: 's',
        mode: 'digest',
        createdAt: T0,
      });
    log(`${fresh.toLocaleString('en')} stories arrive…`);
    await importPaths(store, [arriving], { format: 'auto', now: () => T1 });
    const started = performance.now();
    const report = await checkAlerts(store, {
      now: new Date('2026-11-02T01:00:00.000Z'),
      origin: 'http://127.0.0.1:8080',
    });
    const oursSeconds = (performance.now() - started) / 1000;
    await store.close();

    // The peer: FTS5 over the new stories only, each saved query against it.
    const peerStarted = performance.now();
    const db = new Database(':memory:');
    db.exec('CREATE VIRTUAL TABLE t USING fts5(title, body, lang UNINDEXED)');
    const insert = db.prepare('INSERT INTO t (title, body, lang) VALUES (?, ?, ?)');
    for (const l of lines.slice(-fresh))
      insert.run(l.title ?? null, l.body ?? null, l.language ?? null);
    const count = db.prepare('SELECT COUNT(*) AS n FROM t WHERE t MATCH ?');
    const countLang = db.prepare('SELECT COUNT(*) AS n FROM t WHERE t MATCH ? AND lang = ?');
    let peerHits = 0;
    for (const q of queries) {
      const row = (q.lang ? countLang.get(q.fts, q.lang) : count.get(q.fts)) as { n: number };
      if (row.n > 0) peerHits++;
    }
    const peerSeconds = (performance.now() - peerStarted) / 1000;
    db.close();

    const machine = `${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${osType()} ${release()}, Node ${process.version}`;
    const summary = {
      machine,
      load: loadavg(),
      searches,
      newStories: fresh,
      ours: {
        seconds: oursSeconds,
        searchesWithNews: report.alerts,
        deliveries: report.deliveries,
      },
      peer: { seconds: peerSeconds, searchesWithNews: peerHits },
      goal: { seconds: GOAL_SECONDS, met: oursSeconds < GOAL_SECONDS },
    };
    if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else
      process.stdout.write(
        `Alert check: ${searches.toLocaleString('en')} saved searches, ${fresh.toLocaleString('en')} new stories (${machine}; load ${summary.load.map((x) => x.toFixed(2)).join(' / ')})\n\n` +
          `| | seconds | saved searches with news |\n|---|---:|---:|\n` +
          `| wirewatch checkAlerts (queues ${report.deliveries} digests) | ${oursSeconds.toFixed(2)} | ${report.alerts.toLocaleString('en')} |\n` +
          `| peer: FTS5 over the new stories only | ${peerSeconds.toFixed(2)} | ${peerHits.toLocaleString('en')} |\n\n` +
          `goal: under ${GOAL_SECONDS} s — ${summary.goal.met ? 'met' : 'not met'}\n`,
      );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `alerts benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
