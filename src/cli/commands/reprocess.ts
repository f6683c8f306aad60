import type { Command } from 'commander';
import { reprocessAll } from '../../ingest/import-paths.js';
import { EXIT, printJson, printText } from '../output.js';
import { printReport } from './import.js';
import { withStore, type GlobalFlags } from '../open-store.js';

export function registerReprocess(program: Command): void {
  program
    .command('reprocess')
    .description('re-run extraction over every stored capture (after an extractor improved), rebuilding articles')
    .addHelpText('after', `
Captures are the archive's ground truth: articles, versions and listings are rebuilt from them, oldest
first, with the same ids. Exit code 1 when some capture's content is still rejected.`)
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as GlobalFlags;
      const report = await withStore(f, (store) => reprocessAll(store));
      if (f.json) printJson({ ok: report.rejected === 0, ...report });
      else {
        printReport({ warnings: [], errors: report.errors });
        printText(`reprocessed ${report.files} capture(s): ${report.articles.new} articles, ${report.articles.newVersion} extra versions, ${report.teasers.new} teasers; ${report.rejected} rejected\n`);
      }
      process.exitCode = report.rejected > 0 ? EXIT.rejected : EXIT.ok;
    });
}
