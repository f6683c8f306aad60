import type { Command } from 'commander';
import { crawl, type CrawlProgress, type SourceCrawlReport } from '../../crawl/crawler.js';
import { runForever } from '../../crawl/frontier/run.js';
import { chooseSources, readSources, spoolDir, stopOnSignal } from '../crawl-sources.js';
import type { FetcherOptions } from '../../crawl/fetch/fetcher.js';
import { allowedNetworks, type SourceConfig } from '../../crawl/sources/config.js';
import { EXIT, printJson, printJsonLine, printText, wholeNumber } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { withWriter, type GlobalFlags } from '../open-store.js';
import { reportWaiting, unreachableArchive } from '../unreachable.js';
import { reopening } from '../../pipeline/work.js';
import { loadConfig } from '../../config.js';

interface CrawlFlags extends GlobalFlags {
  sources?: string;
  only?: string[];
  worker?: boolean;
  poll?: string;
}

/** The Fetcher settings a source asks for (politeness delay, private addresses for a local copy). */
export function crawlFetcherOptions(source: SourceConfig): FetcherOptions {
  return {
    guard: { allow: allowedNetworks(source) },
    politeness: { minDelayMs: source.delayMs },
  };
}

function progressLine(p: CrawlProgress): string {
  const what =
    p.phase === 'list'
      ? `list page ${p.listPages + 1}`
      : p.phase === 'recheck'
        ? 're-check'
        : `article ${p.articlesFetched + 1}`;
  return terminalSafe(`${p.source}: ${what}, ${p.errors} error(s) · ${p.url}`).slice(
    0,
    (process.stderr.columns || 100) - 1,
  );
}

export function registerCrawl(program: Command): void {
  program
    .command('crawl')
    .description(
      'one crawl pass (or, with --worker, crawl until stopped): lists → new articles → re-checks, every response kept as WARC',
    )
    .option(
      '--sources <file>',
      'the sources file; default $WIREWATCH_SOURCES or ./wirewatch.sources.json',
    )
    .option('--only <id...>', 'crawl only these sources')
    .option(
      '--worker',
      'a long-lived worker: take what is due from the crawl frontier until stopped; run several, on one host or many',
    )
    .option(
      '--poll <seconds>',
      'with --worker: the longest wait between two looks at the frontier',
      '30',
    )
    .addHelpText(
      'after',
      `
A pass polls each list from page 1 back to articles the archive already has (and walks it to the
last page when its deep walk is due: weekly by default), fetches the new articles, then the known
ones whose re-check is due (at most recheck.maxPerPass per source) and any sweep's items. All of it
is frontier work shared by every crawler on the archive: Ctrl-C stops after the current request,
everything received is kept, and what was not reached stays due. Exit code 1 when some fetch failed
or a page did not match its template.`,
    )
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as CrawlFlags;
      const chosen = chooseSources(readSources(f.sources), f.only, 'crawl');
      const pollMs = wholeNumber('--poll', f.poll ?? '30', 1) * 1000;
      const stop = stopOnSignal('nothing received is lost');
      const tty = process.stderr.isTTY === true && !f.json;
      const onProgress = tty
        ? (p: CrawlProgress) => process.stderr.write(`\r\x1b[K${progressLine(p)}`)
        : undefined;
      try {
        if (f.worker) {
          const { db } = loadConfig({ db: f.db });
          await reopening(
            () =>
              withWriter(f, (store) =>
                runForever(store, chosen, {
                  signal: stop.signal,
                  spoolDir: spoolDir(f),
                  onUnavailable: reportWaiting,
                  pollMs,
                  onProgress,
                  onIdle: (worker) => {
                    if (tty) process.stderr.write('\r\x1b[K');
                    const spell = [...worker.reports.values()];
                    if (f.json) printJsonLine({ at: new Date().toISOString(), sources: spell });
                    else for (const s of spell) process.stdout.write(`${summary(s)} so far\n`);
                  },
                }),
              ),
            (error) => unreachableArchive(db, error),
            { pollMs, signal: stop.signal, onUnavailable: reportWaiting },
          );
          if (tty) process.stderr.write('\r\x1b[K');
          process.exitCode = EXIT.ok;
          return;
        }
        const report = await withWriter(f, (store) =>
          crawl(store, chosen, { signal: stop.signal, onProgress, spoolDir: spoolDir(f) }),
        );
        if (tty) process.stderr.write('\r\x1b[K');
        const errors = report.sources.reduce((n, s) => n + s.errors.length, 0);
        if (f.json) printJson({ ok: errors === 0, ...report });
        else {
          for (const s of report.sources) {
            for (const e of s.errors)
              printText(`${terminalSafe(s.id)}: ${terminalSafe(e)}\n`, process.stderr);
            process.stdout.write(`${summary(s)}${s.stopped ? ' (stopped)' : ''}\n`);
          }
          const x = report.extraction;
          process.stdout.write(
            `archive: ${x.articles.new} new articles, ${x.articles.completedTeaser} completed from lists, ${x.teasers.new} new list entries${report.resumed ? `; ${report.resumed} capture(s) from an interrupted crawl extracted` : ''}\n`,
          );
        }
        process.exitCode = errors > 0 ? EXIT.rejected : EXIT.ok;
      } finally {
        stop.release();
      }
    });
}

function summary(s: SourceCrawlReport): string {
  const walks = s.walks ? `, ${s.walks} list(s) walked to the last page` : '';
  return `${terminalSafe(s.id)}: ${s.listPages} list page(s), ${s.newUrls} new URL(s), ${s.articlesFetched} article(s) fetched, ${s.rechecked} re-checked${walks}, ${s.errors.length} error(s)`;
}
