/**
 * An export on the command line (`search --format`, `changes --format`): rows streamed to standard
 * output or to `--out FILE` (written beside it and renamed when complete, so an interrupted export
 * never looks whole), with progress on a terminal. On a terminal, the archive's text is shown safe;
 * a file or a pipe gets the exact text.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { EXPORT_FORMATS, type ExportFormat } from '../export/formats.js';
import { UsageError } from './output.js';
import { terminalSafe } from './terminal-safe.js';

export interface ExportFlags {
  format: string;
  out?: string;
  json?: boolean;
}

export const FORMAT_OPTION = [
  '--format <format>',
  'csv or jsonl: every item (not a page), streamed',
] as const;
export const OUT_OPTION = [
  '--out <file>',
  'with --format: write to this file instead of standard output',
] as const;

/** The format asked for, or a usage error; `--json` needs `--out` (both would write to stdout). */
export function exportFormat(flags: ExportFlags): ExportFormat {
  if (!EXPORT_FORMATS.includes(flags.format as ExportFormat))
    throw new UsageError(
      `--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${flags.format}")`,
    );
  if (flags.json && flags.out === undefined)
    throw new UsageError(
      '--json prints a summary, and --format writes the rows, both to standard output: give --out FILE',
    );
  return flags.format as ExportFormat;
}

/** Options given on the command line that page a list: an export has every item, so they conflict. */
export function refusePaging(
  cmd: { getOptionValueSource(o: string): string | undefined },
  options: string[],
) {
  const given = options.filter((o) => cmd.getOptionValueSource(o) === 'cli');
  if (given.length)
    throw new UsageError(
      `--format exports every item: --${given[0]} is for one page (narrow the query instead)`,
    );
}

/** Writes `rows` where the flags say; returns how many rows were written. */
export async function writeExport(
  rows: (onProgress?: (done: number, total: number) => void) => AsyncGenerator<string, number>,
  flags: ExportFlags,
): Promise<number> {
  const partial = flags.out === undefined ? undefined : `${flags.out}.part`;
  const out: Writable = partial ? createWriteStream(partial) : process.stdout;
  const toTerminal = !partial && process.stdout.isTTY === true;
  const progress = process.stderr.isTTY === true && !toTerminal;
  try {
    if (partial) await once(out, 'open');
    const chunks = rows(
      progress
        ? (done, total) =>
            process.stderr.write(
              `\r\x1b[K${done.toLocaleString('en')} of ${total.toLocaleString('en')}`,
            )
        : undefined,
    );
    let next;
    while (!(next = await chunks.next()).done) {
      const chunk = toTerminal ? terminalSafe(next.value, 'block') : next.value;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    if (progress) process.stderr.write('\r\x1b[K');
    if (partial) {
      out.end();
      await once(out, 'finish');
      await rename(partial, flags.out!);
    }
    return next.value;
  } catch (error) {
    if (partial) {
      out.destroy();
      await rm(partial, { force: true });
    }
    throw error;
  }
}
