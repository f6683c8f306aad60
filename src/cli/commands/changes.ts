import type { Command } from 'commander';
import { changeLabel, listChanges, parseChanges, parseKind } from '../../history/changes.js';
import type { EditKind } from '../../model/types.js';
import { listJson, printJson, printText, UsageError, wholeNumber } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { withStore, type GlobalFlags } from '../open-store.js';
import { dateBound } from './list.js';
import { loadConfig } from '../../config.js';
import { exportChanges } from '../../export/export-changes.js';
import type { ExportFormat } from '../../export/formats.js';
import {
  exportFormat,
  FORMAT_OPTION,
  OUT_OPTION,
  refusePaging,
  writeExport,
} from '../write-export.js';

interface ChangesFlags extends GlobalFlags {
  source?: string;
  kind?: string;
  change?: string;
  since?: string;
  until?: string;
  limit: string;
  offset: string;
  format?: string;
  out?: string;
}

export function registerChanges(program: Command): void {
  program
    .command('changes')
    .description('edits, removals and re-appearances across sources, newest first')
    .option('--source <id>', 'only this source id, e.g. kcna-kp-en')
    .option('--kind <kind>', 'only edit, deleted or restored')
    .option(
      '--change <classes>',
      'edits of these classes only, comma-separated: body,headline,cosmetic (default: all)',
    )
    .option('--since <date>', 'observed on or after this day, UTC (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--until <date>', 'observed on or before this day, UTC (prefix allowed)')
    .option('--limit <n>', 'at most this many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option(...FORMAT_OPTION)
    .option(...OUT_OPTION)
    .addHelpText(
      'after',
      '\nEach line: time, source, what happened (with the edit class and size), article id, title.\n' +
        'Edits archived before classification was stored are classified as they are read.\n' +
        '--format csv|jsonl writes every change of the filters (columns in docs/api.md, "Exports").',
    )
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as ChangesFlags;
      const limit = wholeNumber('--limit', f.limit, 1);
      const offset = wholeNumber('--offset', f.offset, 0);
      const kind = f.kind === undefined ? undefined : parseKind(f.kind);
      if (kind === null)
        throw new UsageError(`--kind must be edit, deleted or restored (got "${f.kind}")`);
      let changes: EditKind[] | undefined;
      if (f.change !== undefined) {
        const parsed = parseChanges(f.change);
        if (!parsed)
          throw new UsageError(
            `--change must be a comma-separated list of body, headline, cosmetic (got "${f.change}")`,
          );
        changes = parsed;
      }
      const from = f.since ? dateBound(f.since, 'start') : undefined;
      const to = f.until ? dateBound(f.until, 'end') : undefined;
      const filters = { sourceId: f.source, kinds: kind ? [kind] : undefined, changes, from, to };
      const exporting = f.format !== undefined || f.out !== undefined;
      let format: ExportFormat | undefined;
      if (exporting) {
        if (f.format === undefined) throw new UsageError('--out goes with --format csv|jsonl');
        refusePaging(cmd, ['limit', 'offset']);
        format = exportFormat({ ...f, format: f.format });
      }
      await withStore(f, async (store) => {
        if (f.source !== undefined && !(await store.getSource(f.source)))
          throw new UsageError(
            `--source: no source "${f.source}" (wirewatch stats lists the sources)`,
          );
        if (format) {
          const flags = { ...f, format };
          const baseUrl = loadConfig(f).server.baseUrl;
          const rows = await writeExport(
            (onProgress) =>
              exportChanges(store, filters, { format: flags.format, baseUrl, onProgress }),
            flags,
          );
          if (f.json) printJson({ format, rows, out: f.out ?? null });
          else
            printText(
              `exported ${rows} change(s) as ${format}${f.out ? ` to ${f.out}` : ''}\n`,
              process.stderr,
            );
          return;
        }
        const page = await listChanges(store, { ...filters, limit, offset });
        if (f.json) {
          printJson(listJson(page.items, page.total));
          return;
        }
        const lines = page.items.map((e) => {
          const what = `${changeLabel(e)}${e.kind === 'edit' && e.versionSeq !== null ? ` (version ${e.versionSeq})` : ''}${e.reason ? ` (${e.reason})` : ''}`;
          return `${e.at.slice(0, 16).replace('T', ' ')}  ${terminalSafe(e.sourceId).padEnd(14)} ${terminalSafe(e.articleId)}  ${terminalSafe(what)}: ${terminalSafe(e.title ?? '')}`;
        });
        printText([...lines, `${page.items.length} of ${page.total}`].join('\n') + '\n');
      });
    });
}
