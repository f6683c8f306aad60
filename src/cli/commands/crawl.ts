import type { Command } from 'commander';
import { crawl, type CrawlProgress } from '../../crawl/crawler.js';
import type { FetcherOptions } from '../../crawl/fetch/fetcher.js';
import {
  allowedNetworks,
  loadSources,
  sourcesPath,
  SourcesFileError,
  type SourceConfig,
} from '../../crawl/sources/config.js';
import { EXIT, printJson, printText, UsageError } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { withStore, type GlobalFlags } from '../open-store.js';

interface CrawlFlags extends GlobalFlags {
  sources?: string;
  only?: string[];
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
        ? `re-check (${p.articlesQueued} to go)`
        : `article ${p.articlesFetched + 1} (${p.articlesQueued} to go)`;
  return terminalSafe(`${p.source}: ${what}, ${p.errors} error(s) · ${p.url}`).slice(
    0,
    (process.stderr.columns || 100) - 1,
  );
}

export function registerCrawl(program: Command): void {
  program
    .command('crawl')
    .description(
      'one crawl pass: list pages → new article URLs → articles, every response stored as WARC',
    )
    .option(
      '--sources <file>',
      'the sources file; default $WIREWATCH_SOURCES or ./wirewatch.sources.json',
    )
    .option('--only <id...>', 'crawl only these sources')
    .addHelpText(
      'after',
      `
Pagination is followed back to articles the archive already has. Ctrl-C stops after the current
request; everything received is kept, and the next crawl extracts what was left and fetches the
articles still missing. Exit code 1 when some fetch failed or a page did not match its template.`,
    )
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as CrawlFlags;
      let all: SourceConfig[];
      try {
        all = loadSources(sourcesPath(f.sources)).sources;
      } catch (error) {
        if (error instanceof SourcesFileError) throw new UsageError(error.message);
        throw error;
      }
      const unknown = (f.only ?? []).filter((id) => !all.some((s) => s.id === id));
      if (unknown.length) throw new UsageError(`no source "${unknown[0]}" in the sources file`);
      const chosen = f.only ? all.filter((s) => f.only!.includes(s.id)) : all;
      if (chosen.length === 0)
        throw new UsageError('no sources to crawl; add one with `wirewatch sources add`');
      const stop = new AbortController();
      const onSignal = () => {
        if (stop.signal.aborted) process.exit(130);
        process.stderr.write(
          '\nstopping after the current request (Ctrl-C again to quit now; nothing received is lost)\n',
        );
        stop.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const tty = process.stderr.isTTY === true && !f.json;
      try {
        const report = await withStore(f, (store) =>
          crawl(store, chosen, {
            signal: stop.signal,
            onProgress: tty ? (p) => process.stderr.write(`\r\x1b[K${progressLine(p)}`) : undefined,
          }),
        );
        if (tty) process.stderr.write('\r\x1b[K');
        const errors = report.sources.reduce((n, s) => n + s.errors.length, 0);
        if (f.json) printJson({ ok: errors === 0, ...report });
        else {
          for (const s of report.sources) {
            for (const e of s.errors)
              printText(`${terminalSafe(s.id)}: ${terminalSafe(e)}\n`, process.stderr);
            process.stdout.write(
              `${s.id}: ${s.listPages} list page(s), ${s.newUrls} new URL(s), ${s.articlesFetched} article(s) fetched, ${s.rechecked} re-checked, ${s.errors.length} error(s)${s.stopped ? ' (stopped)' : ''}\n`,
            );
          }
          const x = report.extraction;
          process.stdout.write(
            `archive: ${x.articles.new} new articles, ${x.articles.completedTeaser} completed from lists, ${x.teasers.new} new list entries${report.resumed ? `; ${report.resumed} capture(s) from an interrupted crawl extracted` : ''}\n`,
          );
        }
        process.exitCode = errors > 0 ? EXIT.rejected : EXIT.ok;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
