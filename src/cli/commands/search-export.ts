/**
 * `wirewatch search QUERY --format csv|jsonl`: every match, uncapped, streamed to standard output or
 * to `--out FILE` (written beside it and renamed when complete, so an interrupted export never looks
 * whole), with progress on a terminal.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { exportArticles } from '../../export/export-articles.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../export/formats.js';
import type { Sort } from '../../search/rank.js';
import { orderedMatches, SearchError } from '../../search/search.js';
import type { SearchLimits } from '../../config.js';
import type { ArchiveStore } from '../../store/types.js';
import { printJson, printText, UsageError } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';

export interface ExportFlags {
  format: string;
  out?: string;
  json?: boolean;
  sort: string;
}

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

export async function exportSearch(
  store: ArchiveStore,
  query: string,
  flags: ExportFlags,
  options: { limits: SearchLimits; baseUrl?: string },
): Promise<void> {
  const format = exportFormat(flags);
  let matches;
  try {
    matches = await orderedMatches(store, query, {
      sort: flags.sort as Sort,
      limits: options.limits,
    });
  } catch (error) {
    if (error instanceof SearchError)
      throw new UsageError(`${error.position === null ? '' : 'query: '}${error.message}`);
    throw error;
  }
  const partial = flags.out === undefined ? undefined : `${flags.out}.part`;
  const out: Writable = partial ? createWriteStream(partial) : process.stdout;
  // On a terminal, what the archive holds is shown safe; a file or a pipe gets the exact text.
  const toTerminal = !partial && process.stdout.isTTY === true;
  const progress = process.stderr.isTTY === true && !toTerminal;
  const total = matches.docIds.length;
  let written = 0;
  try {
    if (partial) await once(out, 'open');
    const rows = exportArticles(store, matches.docIds, {
      format,
      baseUrl: options.baseUrl,
      onProgress: progress
        ? (done) =>
            process.stderr.write(
              `\r\x1b[K${done.toLocaleString('en')} of ${total.toLocaleString('en')}`,
            )
        : undefined,
    });
    let next;
    while (!(next = await rows.next()).done) {
      const chunk = next.value;
      if (!out.write(toTerminal ? terminalSafe(chunk, 'block') : chunk)) await once(out, 'drain');
    }
    written = next.value;
    if (progress) process.stderr.write('\r\x1b[K');
    if (partial) {
      out.end();
      await once(out, 'finish');
      await rename(partial, flags.out!);
    }
  } catch (error) {
    if (partial) {
      out.destroy();
      await rm(partial, { force: true });
    }
    throw error;
  }
  const summary = {
    query: matches.query,
    sort: matches.sort,
    format,
    rows: written,
    out: flags.out ?? null,
  };
  if (flags.json) printJson(summary);
  else
    printText(
      `exported ${written} article(s) matching ${terminalSafe(matches.query)} (${matches.sort} first) as ${format}${flags.out ? ` to ${flags.out}` : ''}\n`,
      process.stderr,
    );
}
