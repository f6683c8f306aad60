import type { Command } from 'commander';
import { addDays, coverageReport, flagText, utcToday } from '../../history/coverage-report.js';
import { templateHealth } from '../../ingest/template-health.js';
import { printJson, printText, UsageError } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { archivePath, withStore, type GlobalFlags } from '../open-store.js';

/**
 * The day the coverage flags treat as today (UTC): `WIREWATCH_TODAY=YYYY-MM-DD` fixes it, for tests and
 * for looking at an old archive as it stood; otherwise the clock's.
 */
function flagsToday(): string {
  const fixed = process.env.WIREWATCH_TODAY;
  if (fixed === undefined || fixed === '') return utcToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fixed) || Number.isNaN(Date.parse(`${fixed}T00:00:00Z`))) {
    throw new UsageError(`WIREWATCH_TODAY must be a day, YYYY-MM-DD (got "${fixed}")`);
  }
  return fixed;
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description(
      'counts of the archive: captures, articles, versions, edits, removals, teasers, stories, per source; coverage flags of the last 7 days',
    )
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as GlobalFlags;
      await withStore(f, async (store) => {
        const today = flagsToday();
        const [stats, sources, health, coverage] = await Promise.all([
          store.stats(),
          store.listSources(),
          templateHealth(store),
          coverageReport(store, { from: addDays(today, -7), to: today, today }),
        ]);
        if (f.json) {
          const items = sources.map((s) => {
            const h = health.get(s.id);
            return h ? { ...s, template: { status: h.status, url: h.url, problem: h.problem } } : s;
          });
          printJson({
            ...stats,
            sources: { items, total: sources.length },
            coverageFlags: coverage.flags,
          });
          return;
        }
        const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
        // For one-line fields: line breaks become spaces.
        const one = terminalSafe;
        printText(
          [
            `archive:   ${one(archivePath(f))}`,
            `captures:  ${stats.captures} (${mb(stats.captureBytes)} received, ${mb(stats.storedCaptureBytes)} stored), ${stats.unprocessedCaptures} unprocessed, ${stats.failedCaptures} failed, ${stats.capturesWithErrors} with rejections`,
            `articles:  ${stats.articles} full, ${stats.teaserOnly} teaser-only, ${stats.yearUnknown} with year unknown`,
            `versions:  ${stats.versions} (${stats.articlesWithSeveralVersions} articles with more than one)`,
            `history:   ${stats.edits} edits, ${stats.deletedArticles} articles removed from their sources`,
            `listings:  ${stats.listingEntries} teaser entries`,
            `stories:   ${stats.stories} (${stats.storiesWithCopies} with copies)`,
            ...(coverage.flags.length
              ? [
                  '',
                  `coverage flags since ${coverage.from}:`,
                  ...coverage.flags.map((fl) => `  ⚠ ${one(fl.sourceId)}: ${one(flagText(fl))}`),
                ]
              : [`coverage:  no flags since ${coverage.from}`]),
            '',
            ...sources.map(
              (s) =>
                `${one(s.id).padEnd(16)} ${one(s.label).padEnd(22)} ${String(s.articles).padStart(7)} articles ${String(s.teasers).padStart(5)} teasers  ${s.firstPublished ?? '?'} … ${s.lastPublished ?? '?'}${
                  health.get(s.id)?.status === 'template broken'
                    ? `  TEMPLATE BROKEN at ${one(String(health.get(s.id)!.url))}`
                    : ''
                }`,
            ),
          ].join('\n') + '\n',
        );
      });
    });
}
