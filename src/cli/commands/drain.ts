import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { drain, type DrainResult } from '../../pipeline/driver.js';
import { reopening, work } from '../../pipeline/work.js';
import { reportWaiting, unreachableArchive } from '../unreachable.js';
import { EXIT, printJson, printJsonLine, printText, UsageError, wholeNumber } from '../output.js';
import { printReport } from './import.js';
import { withWriter, type GlobalFlags } from '../open-store.js';
import { loadConfig } from '../../config.js';
import { isPostgresUrl } from '../../store/postgres/url.js';

interface DrainFlags extends GlobalFlags {
  workers: string;
}

interface WorkFlags extends GlobalFlags {
  poll: string;
}

/** What a drain did, for `--json` and the one-line summary. */
function summary(r: DrainResult) {
  return {
    ok: r.failed === 0 && r.report.rejected === 0,
    processed: r.processed,
    failures: r.failures,
    failed: r.failed,
    ...r.report,
  };
}

function printSummary(r: ReturnType<typeof summary>): void {
  printReport(r);
  const a = r.articles;
  printText(
    `processed ${r.processed} capture(s): ${a.new} new article(s), ${a.newVersion} new version(s), ` +
      `${r.teasers.new} new teaser(s); ${r.failed} failed, ${r.rejected} input(s) rejected\n`,
  );
}

export function registerDrain(program: Command): void {
  program
    .command('drain')
    .description(
      'process every capture waiting in the queue (what import, crawl and reprocess do after storing bytes)',
    )
    .option(
      '--workers <n>',
      'worker processes sharing the queue (PostgreSQL only: SQLite has one writer)',
      '1',
    )
    .addHelpText(
      'after',
      `
A capture that fails is retried (3 attempts), then parked as failed: \`wirewatch captures --failed\`
lists them and \`wirewatch captures --retry\` puts them back. Exit code 1 when some capture failed or some
input was rejected.`,
    )
    .action(async (flags: DrainFlags, cmd: Command) => {
      const f = { ...cmd.optsWithGlobals(), ...flags } as DrainFlags;
      const workers = wholeNumber('--workers', f.workers, 1);
      const { db, limits } = loadConfig({ db: f.db });
      if (workers > 1 && !isPostgresUrl(db))
        throw new UsageError('--workers above 1 needs a PostgreSQL archive: SQLite has one writer');
      const result =
        workers > 1
          ? await drainInProcesses(db, workers)
          : summary(await withWriter(f, (store) => drain(store, { limits: limits.import })));
      if (f.json) printJson(result);
      else printSummary(result);
      process.exitCode = result.ok ? EXIT.ok : EXIT.rejected;
    });

  program
    .command('work')
    .description(
      'run as a long-lived worker: drain the queue, wait, drain again, until stopped (SIGINT or SIGTERM)',
    )
    .option('--poll <seconds>', 'how long to wait between drains', '5')
    .addHelpText(
      'after',
      `
Several workers may share one PostgreSQL archive, on one host or several: each claims different captures,
and a capture whose worker died goes to another once its claim runs out (60 s). A stop lets the capture
in hand finish. While the PostgreSQL server is out of reach (restarting, a lost connection), at start
too, the worker says so on stderr and waits. With --json, one JSON line per drain that did something.`,
    )
    .action(async (flags: WorkFlags, cmd: Command) => {
      const f = { ...cmd.optsWithGlobals(), ...flags } as WorkFlags;
      const pollMs = wholeNumber('--poll', f.poll, 0) * 1000;
      const stop = new AbortController();
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
      const { db, limits } = loadConfig({ db: f.db });
      const total = (await reopening(
        () =>
          withWriter(f, (store) =>
            work(store, {
              limits: limits.import,
              pollMs,
              signal: stop.signal,
              onDrain: (r) => {
                if (f.json) printJsonLine(summary(r));
                else printSummary(summary(r));
              },
              onUnavailable: reportWaiting,
            }),
          ),
        (error) => unreachableArchive(db, error),
        { pollMs, signal: stop.signal, onUnavailable: reportWaiting },
      )) ?? { processed: 0, failed: 0 };
      process.exitCode = total.failed > 0 ? EXIT.rejected : EXIT.ok;
    });
}

/** `drain --workers N`: N processes of `wirewatch drain` on one PostgreSQL archive, their counts added up. */
async function drainInProcesses(db: string, workers: number): Promise<ReturnType<typeof summary>> {
  const runs = Array.from({ length: workers }, () => runChild(db));
  const results = await Promise.all(runs);
  const sum = results.reduce((a, b) => ({
    ...a,
    processed: a.processed + b.processed,
    failures: a.failures + b.failures,
    failed: a.failed + b.failed,
    rejected: a.rejected + b.rejected,
    records: a.records + b.records,
    errors: [...a.errors, ...b.errors],
    warnings: [...a.warnings, ...b.warnings],
    articles: {
      new: a.articles.new + b.articles.new,
      unchanged: a.articles.unchanged + b.articles.unchanged,
      newVersion: a.articles.newVersion + b.articles.newVersion,
      completedTeaser: a.articles.completedTeaser + b.articles.completedTeaser,
    },
    teasers: { new: a.teasers.new + b.teasers.new, known: a.teasers.known + b.teasers.known },
  }));
  return { ...sum, ok: sum.failed === 0 && sum.rejected === 0 };
}

function runChild(db: string): Promise<ReturnType<typeof summary>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1]!, 'drain', '--db', db, '--json'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(out) as ReturnType<typeof summary>);
      } catch {
        reject(new Error(`a drain worker ended with exit code ${code} and no report`));
      }
    });
  });
}
