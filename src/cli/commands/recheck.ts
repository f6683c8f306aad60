/**
 * `wirewatch recheck`: a sweep — every article of the chosen sources (or of a span of publication
 * dates, or that a search finds) fetched again now, and whole sources' lists walked to the last page,
 * with a report of what changed. A sweep is frontier work: Ctrl-C stops it, running the same command
 * again goes on with it, and other crawler workers on the archive help.
 */
import { auditSweep, cliActor } from '../../accounts/audit.js';
import type { Command } from 'commander';
import { runSweep } from '../../crawl/frontier/run.js';
import { parsePublishedSpan, planSweep, SweepScopeError } from '../../crawl/frontier/sweeps.js';
import { loadConfig } from '../../config.js';
import type { Sweep } from '../../store/types.js';
import { chooseSources, readSources, spoolDir, stopOnSignal } from '../crawl-sources.js';
import { withWriter, type GlobalFlags } from '../open-store.js';
import { EXIT, printJson, printText, UsageError } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import type { SourceConfig } from '../../crawl/sources/config.js';

interface RecheckFlags extends GlobalFlags {
  sources?: string;
  source?: string[];
  all?: boolean;
  published?: string;
  query?: string;
}

/** `--published`: a span, or a usage error naming the flag. */
export function publishedSpan(text: string): { from: string; to: string } {
  const span = parsePublishedSpan(text);
  if ('error' in span) throw new UsageError(`--published: ${span.error}`);
  return span;
}

export function sweepLine(s: Sweep): string {
  const c = s.counts;
  const checked = s.total - c.pending;
  const parts = [
    `${c.unchanged} unchanged`,
    `${c.edited} edited`,
    `${c.removed} removed`,
    `${c.restored} restored`,
    `${c.new} first text`,
    `${c.unreachable} unreachable`,
    `${c.failed} failed`,
  ];
  const lists = c.walked ? `; ${c.walked} list(s) walked` : '';
  return `sweep ${s.id}: ${checked.toLocaleString('en')} of ${s.total.toLocaleString('en')} checked — ${parts.join(', ')}${lists}`;
}

/** `--source` names crawl sources (the sources file) or, failing that, one archive source. */
function scopeOf(
  all: SourceConfig[],
  f: RecheckFlags,
): { sources: string[]; sourceId: string | null } {
  if (f.all && f.source?.length) throw new UsageError('give --all or --source, not both');
  const named = f.source ?? [];
  const crawl = named.filter((id) => all.some((s) => s.id === id));
  const other = named.filter((id) => !crawl.includes(id));
  if (other.length > 1 || (other.length && crawl.length))
    throw new UsageError(`no source "${other[0]}" in the sources file`);
  if (other.length) return { sources: [], sourceId: other[0]! };
  chooseSources(all, crawl.length ? crawl : undefined, 're-check');
  return { sources: crawl, sourceId: null };
}

export function registerRecheck(program: Command): void {
  program
    .command('recheck')
    .description(
      'a sweep: fetch again every article of the sources (or a date span, or a search), walk their lists to the end',
    )
    .option(
      '--sources <file>',
      'the sources file; default $WIREWATCH_SOURCES or ./wirewatch.sources.json',
    )
    .option(
      '--source <id...>',
      'these sources only (ids in the sources file, or one archive source such as kcna-kp-en)',
    )
    .option('--all', 'every source (the default)')
    .option(
      '--published <FROM..TO>',
      'only articles published in this span (YYYY, YYYY-MM or YYYY-MM-DD)',
    )
    .option('--query <search>', 'only the articles this search finds, e.g. \'"Jang Song Thaek"\'')
    .addHelpText(
      'after',
      `
Only articles whose URL is on a configured source's site can be fetched; the others are counted.
A sweep of whole sources also walks their lists to the last page: articles added, and articles
dropped from every page. Ctrl-C stops after the current request; the same command goes on with the
unfinished sweep. Exit codes: 0 every item checked, 1 some failed or are still pending, 2 usage error.`,
    )
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as RecheckFlags;
      const all = readSources(f.sources);
      const { sources, sourceId } = scopeOf(all, f);
      const published = f.published ? publishedSpan(f.published) : null;
      const stop = stopOnSignal('the sweep goes on when you run it again');
      const tty = process.stderr.isTTY === true && !f.json;
      try {
        const out = await withWriter(f, async (store) => {
          let planned;
          try {
            planned = await planSweep(store, all, {
              sources,
              sourceId,
              published,
              query: f.query ?? null,
              requestedBy: 'cli',
              limits: loadConfig({}).limits.search,
            });
          } catch (error) {
            if (error instanceof SweepScopeError) throw new UsageError(error.message);
            throw error;
          }
          if (!planned.resumed) await auditSweep(store, cliActor(), planned.sweep);
          if (!f.json) {
            const how = planned.resumed ? 'going on with' : 'started';
            process.stderr.write(
              `${how} sweep ${planned.sweep.id}: ${planned.sweep.total.toLocaleString('en')} item(s)${planned.skipped ? `; ${planned.skipped} article(s) in scope are on no configured source's site and are not re-checked` : ''}\n`,
            );
          }
          const run = await runSweep(store, all, planned.sweep.id, {
            signal: stop.signal,
            spoolDir: spoolDir(f),
            onSweep: tty
              ? (s) =>
                  process.stderr.write(
                    `\r\x1b[K${sweepLine(s)}`.slice(0, (process.stderr.columns || 100) - 1),
                  )
              : undefined,
          });
          return { planned, run };
        });
        if (tty) process.stderr.write('\r\x1b[K');
        const { planned, run } = out;
        const errors = [...run.worker.reports.values()].flatMap((r) => r.errors);
        const failed = run.sweep.counts.failed + run.sweep.counts.pending;
        if (f.json) {
          printJson({
            ok: failed === 0,
            sweep: run.sweep,
            resumed: planned.resumed,
            skipped: planned.skipped,
            unfinished: run.unfinished,
            errors,
          });
        } else {
          for (const e of errors) printText(`${terminalSafe(e)}\n`, process.stderr);
          process.stdout.write(`${sweepLine(run.sweep)}\n`);
          if (run.unfinished) {
            process.stdout.write(
              `${run.sweep.counts.pending} item(s) still pending: run the same command again to go on\n`,
            );
          }
        }
        process.exitCode = failed > 0 ? EXIT.rejected : EXIT.ok;
      } finally {
        stop.release();
      }
    });
}
