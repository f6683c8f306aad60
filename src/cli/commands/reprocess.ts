import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { reprocessAll } from '../../pipeline/reprocess.js';
import { emptyReport } from '../../ingest/report.js';
import { drain } from '../../pipeline/driver.js';
import { EXIT, printJson, printText } from '../output.js';
import { printReport } from './import.js';
import { withWriter, type GlobalFlags } from '../open-store.js';

interface ReprocessFlags extends GlobalFlags {
  failed?: boolean;
}

export function registerReprocess(program: Command): void {
  program
    .command('reprocess')
    .description(
      're-run extraction over every stored capture (after an extractor improved), rebuilding articles',
    )
    .option(
      '--failed',
      'only the captures parked as failed: put them back in the queue and drain it',
    )
    .addHelpText(
      'after',
      `
Captures are the archive's ground truth: articles, versions and listings are rebuilt from them, oldest
first, with the same ids. Clearing and re-queueing is one transaction: stopped half-way, the archive shows
its captures as pending, and \`wirewatch drain\` (or reprocess again) finishes the job.
Exit code 1 when some capture's content is still rejected or some capture failed.`,
    )
    .action(async (flags: ReprocessFlags, cmd: Command) => {
      const f = { ...cmd.optsWithGlobals(), ...flags } as ReprocessFlags;
      const limits = loadConfig({ db: f.db }).limits.import;
      const report = await withWriter(f, async (store) => {
        if (!f.failed) return reprocessAll(store, { limits });
        const requeued = await store.requeueCaptures('failed');
        const { report: r } = await drain(store, { report: emptyReport(), limits });
        r.files = requeued;
        return r;
      });
      if (f.json) printJson({ ok: report.rejected === 0, ...report });
      else {
        printReport({ warnings: [], errors: report.errors });
        printText(
          `reprocessed ${report.files} capture(s): ${report.articles.new} articles, ${report.articles.newVersion} extra versions, ${report.teasers.new} teasers; ${report.rejected} rejected\n`,
        );
      }
      process.exitCode = report.rejected > 0 ? EXIT.rejected : EXIT.ok;
    });
}
