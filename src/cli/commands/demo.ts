import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_DB, loadConfig } from '../../config.js';
import { importPaths } from '../../ingest/import-paths.js';
import { EXIT, printJson } from '../output.js';
import { withStore, type GlobalFlags } from '../open-store.js';

/** The bundled demo data (the seed page and a sample of real KCNA stories), shipped in the package. */
export const DEMO_DIR = fileURLToPath(new URL('../../../demo/', import.meta.url));

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('build the demo archive from the bundled data (the seed page and ~300 real KCNA stories) and print its stats')
    .addHelpText('after', '\nThe default archive is ./data/demo.db here (--db or WIREWATCH_DB to change). Running it again changes nothing.')
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as GlobalFlags;
      const { db } = loadConfig({ db: f.db }, process.env, { db: DEMO_DB });
      if (!existsSync(DEMO_DIR)) throw new Error(`demo data missing at ${DEMO_DIR}`);
      const report = await withStore({ ...f, db }, (store) => importPaths(store, [DEMO_DIR], { format: 'auto' }));
      const stats = await withStore({ ...f, db }, (store) => store.stats());
      if (f.json) {
        printJson({ db, import: report, stats });
      } else {
        process.stdout.write(
          `demo archive: ${db}\n` +
          `${stats.articles} articles, ${stats.teaserOnly} teaser-only, ${stats.versions} versions, ${stats.listingEntries} listing entries, ${stats.stories} stories\n` +
          `try:  node dist/cli/main.js list --db ${db} --limit 5\n` +
          `      node dist/cli/main.js list --db ${db} --source kcna-kp-en\n`,
        );
      }
      process.exitCode = report.rejected > 0 ? EXIT.rejected : EXIT.ok;
    });
}
