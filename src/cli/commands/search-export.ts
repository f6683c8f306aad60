/** `wirewatch search QUERY --format csv|jsonl`: every match, uncapped, in date order. */
import type { SearchLimits } from '../../config.js';
import { exportArticles } from '../../export/export-articles.js';
import type { Sort } from '../../search/rank.js';
import { orderedMatches, SearchError } from '../../search/search.js';
import type { ArchiveStore } from '../../store/types.js';
import { printJson, printText, UsageError } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { exportFormat, writeExport, type ExportFlags } from '../write-export.js';

export async function exportSearch(
  store: ArchiveStore,
  query: string,
  flags: ExportFlags & { sort: string },
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
  const written = await writeExport(
    (onProgress) =>
      exportArticles(store, matches.docIds, { format, baseUrl: options.baseUrl, onProgress }),
    flags,
  );
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
