/**
 * Streams articles as CSV or JSONL, in the order given, a batch at a time: memory is bounded by the
 * batch, not by the export (a million rows write as well as ten). The caller says what to write and
 * where; this module reads the store and yields text, and returns the number of rows written.
 */
import type { Source } from '../model/types.js';
import type { ArchiveStore } from '../store/types.js';
import { safeJson } from './safe-json.js';
import { csvHeader, csvLines } from './csv.js';
import { ARTICLE_COLUMNS, articleCsvRow, articleJsonRecord, type ExportFormat } from './formats.js';

/** Articles read from the store at a time. */
const BATCH = 250;

export interface ExportOptions {
  format: ExportFormat;
  /** The public base URL for permalinks; without it they are paths. */
  baseUrl?: string;
  /** Called after each batch with the rows written so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Stops between batches (a client that went away). */
  signal?: AbortSignal;
}

export async function* exportArticles(
  store: ArchiveStore,
  docIds: Uint32Array,
  options: ExportOptions,
): AsyncGenerator<string, number> {
  const sources = new Map<string, Source>(
    (await store.listSources()).map((s) => [
      s.id,
      { id: s.id, name: s.name, language: s.language, label: s.label },
    ]),
  );
  if (options.format === 'csv') yield csvHeader(ARTICLE_COLUMNS);
  let done = 0;
  let written = 0;
  for (let start = 0; start < docIds.length; start += BATCH) {
    if (options.signal?.aborted) return written;
    const ids = Array.from(docIds.subarray(start, start + BATCH));
    const articles = await store.search.documents(ids);
    const rows: string[][] = [];
    const lines: string[] = [];
    for (const id of ids) {
      const a = articles.get(id);
      // Gone since the match (a reprocess between the two): nothing to write.
      if (!a) continue;
      const source = sources.get(a.sourceId) ?? unknownSource(a.sourceId);
      if (options.format === 'csv') rows.push(articleCsvRow(a, source.name, options.baseUrl));
      else {
        const history = await articleHistory(store, a.id);
        lines.push(`${safeJson(articleJsonRecord(a, source, history, options.baseUrl))}\n`);
      }
    }
    done += ids.length;
    written += options.format === 'csv' ? rows.length : lines.length;
    yield options.format === 'csv' ? csvLines(rows) : lines.join('');
    options.onProgress?.(done, docIds.length);
  }
  return written;
}

/** What an export record holds besides the article: its versions, listing entries and events. */
export async function articleHistory(store: ArchiveStore, articleId: string) {
  const [versions, listings, events] = await Promise.all([
    store.getVersions(articleId),
    store.listListingEntries({ articleId }),
    store.listEvents({ articleId, limit: 100_000 }),
  ]);
  return {
    versions,
    listings,
    events: events.items
      .reverse()
      // brought_by names a capture of this archive: the importing archive sets its own.
      .map(({ title: _t, url: _u, status: _s, broughtBy: _b, ...e }) => e),
  };
}

function unknownSource(id: string): Source {
  return { id, name: id, language: '', label: id };
}
