import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../config.js';
import { importPaths } from '../../pipeline/import.js';
import { acceptedCount, type IngestReport } from '../../ingest/report.js';
import { EXIT, printJson, printText, UsageError } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { withWriter, type GlobalFlags } from '../open-store.js';

interface ImportFlags extends GlobalFlags {
  source?: string;
  language?: string;
  year?: string;
  date?: string;
  format: string;
  progress?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import scraped page text, JSONL (plain or .gz), WARC files (.warc, .warc.gz) or whole folders into the archive',
    )
    .argument('<paths...>', 'files or folders (folders are read recursively)')
    .option(
      '--source <label>',
      'source of the input when the page does not say, e.g. "KCNA.kp (En)" or kcna-kp-en (for WARC: of every page in it)',
    )
    .option('--language <code>', 'language of the input when it does not say (ISO 639-1)')
    .option(
      '--year <yyyy>',
      'year of publication: evidence the page lacks (never guessed otherwise)',
    )
    .option('--date <yyyy-mm-dd>', 'full publication date of a single page')
    .option('--format <format>', 'text, jsonl, warc or auto (by name and content)', 'auto')
    .option('--no-progress', 'no progress bar even on a terminal')
    .addHelpText(
      'after',
      `
Exit codes: 0 all imported, 1 some input rejected (each reason printed; the rest still imported), 2 usage error.
Importing the same input twice changes nothing; a changed text becomes a new version.
A WARC file is kept as it is, and each HTTP exchange in it becomes a capture of its own, read by the site
template for its URL (kcna.kp, rodong.rep.kp, …) as a crawled page would be. A broken record stops the
file there: one line names it; the records before it are imported.`,
    )
    .action(async (paths: string[], flags: ImportFlags, cmd: Command) => {
      const all = { ...cmd.optsWithGlobals(), ...flags } as ImportFlags;
      const format = all.format;
      if (!['text', 'jsonl', 'warc', 'auto'].includes(format))
        throw new UsageError(`--format must be text, jsonl, warc or auto (got "${format}")`);
      const year = all.year === undefined ? undefined : Number(all.year);
      if (year !== undefined && !(Number.isInteger(year) && year >= 1900 && year <= 2200)) {
        throw new UsageError(`--year must be a four-digit year (got "${all.year}")`);
      }
      if (all.date !== undefined && !isIsoDate(all.date))
        throw new UsageError(`--date must be YYYY-MM-DD (got "${all.date}")`);
      const bar =
        all.progress !== false && !all.json && process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                format: 'importing {bar} {value}/{total} files | {read} | {file}',
                stream: process.stderr,
                hideCursor: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
      const { limits } = loadConfig({ db: all.db });
      const report = await withWriter(all, (store) =>
        importPaths(store, paths, {
          limits: limits.import,
          format: format as 'text' | 'jsonl' | 'warc' | 'auto',
          source: all.source,
          language: all.language,
          year,
          date: all.date,
          onFile: ({ done, total, path }) => {
            if (!bar) return;
            if (done === 0 && path) bar.start(total, 0, { read: '', file: terminalSafe(path) });
            bar.update(done, { file: terminalSafe(path).slice(-40) });
          },
          onProgress: (bytes) => bar?.update({ read: `${(bytes / 1e6).toFixed(1)} MB read` }),
        }),
      );
      bar?.stop();
      if (all.json) printJson({ ok: report.rejected === 0, ...report });
      else printSummary(report);
      process.exitCode = report.rejected > 0 ? EXIT.rejected : EXIT.ok;
    });
}

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Warnings and errors name files and quote their input: each is one line, made safe. */
export function printReport(r: Pick<IngestReport, 'warnings' | 'errors'>): void {
  const lines = [
    ...r.warnings.map((w) => `warning: ${terminalSafe(w)}`),
    ...r.errors.map((e) => terminalSafe(e)),
  ];
  if (lines.length) printText(`${lines.join('\n')}\n`, process.stderr);
}

function printSummary(r: IngestReport): void {
  printReport(r);
  const a = r.articles;
  printText(
    `${r.files} file(s): ${r.captures.new} new capture(s), ${r.captures.known} already imported\n` +
      `${r.records} record(s): ${a.new} new article(s), ${a.newVersion} new version(s), ${a.unchanged} unchanged, ` +
      `${a.completedTeaser} teaser(s) completed; ${r.teasers.new} new teaser(s), ${r.teasers.known} known\n` +
      rejectedLine(r),
  );
}

/** "everything else was imported" only when something was. */
function rejectedLine(r: IngestReport): string {
  if (!r.rejected) return '';
  const n = r.rejected.toLocaleString('en-US');
  if (acceptedCount(r) === 0)
    return `${n} input(s) rejected (reasons above); nothing was imported (the files' bytes are kept)\n`;
  return `${n} input(s) rejected (reasons above); everything else was imported\n`;
}
