import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_DB, loadConfig } from '../../config.js';
import { importPaths } from '../../pipeline/import.js';
import { EXIT, printJson, UsageError } from '../output.js';
import { publishOptions, serveArchive, type PublishFlags } from './serve.js';
import { archivePath, withStore, type GlobalFlags } from '../open-store.js';

/** The bundled demo data (the seed page and a sample of real KCNA stories), shipped in the package. */
export const DEMO_DIR = fileURLToPath(new URL('../../../demo/', import.meta.url));

export function registerDemo(program: Command): void {
  publishOptions(
    program
      .command('demo')
      .description(
        'build the demo archive from the bundled data (the seed page and ~300 real KCNA stories), then serve the reader on it',
      )
      .option('--no-serve', 'only build the archive and print its stats')
      .option('--host <address>', 'address to listen on', '127.0.0.1')
      .option('--port <n>', 'port (0 picks a free one)', '8080'),
  )
    .addHelpText(
      'after',
      '\nThe default archive is ./data/demo.db here (--db or WIREWATCH_DB to change). Building it again changes nothing.',
    )
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as GlobalFlags &
        PublishFlags & { serve: boolean; host: string; port: string };
      // Parsed before the import, so a bad --base-url is reported at once.
      const { db } = loadConfig(f, process.env, { db: DEMO_DB });
      if (!existsSync(DEMO_DIR)) throw new Error(`demo data missing at ${DEMO_DIR}`);
      const report = await withStore({ ...f, db }, (store) =>
        importPaths(store, [DEMO_DIR], { format: 'auto' }),
      );
      const stats = await withStore({ ...f, db }, (store) => store.stats());
      process.exitCode = report.rejected > 0 ? EXIT.rejected : EXIT.ok;
      const shown = archivePath({ db });
      const summary = (url: string | null) => {
        if (f.json) {
          printJson({ db: shown, import: report, stats, url });
          return;
        }
        process.stdout.write(
          `demo archive: ${shown}\n` +
            `${stats.articles} articles, ${stats.teaserOnly} teaser-only, ${stats.versions} versions, ${stats.listingEntries} listing entries, ${stats.stories} stories\n` +
            (url
              ? `reader: ${url}  (Ctrl-C stops)\n`
              : `serve it:  node dist/cli/main.js serve --db ${shown}\n`) +
            `search:  node dist/cli/main.js search --db ${shown} '"Kim Jong Il"' --facets\n`,
        );
      };
      if (!f.serve) {
        summary(null);
        return;
      }
      const port = Number(f.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be 0–65535 (got "${f.port}")`);
      await serveArchive({ ...f, db }, f.host, port, summary);
    });
}
