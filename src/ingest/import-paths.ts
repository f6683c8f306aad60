/**
 * `wirewatch import PATH...`: every file becomes a capture, then is extracted. A capture already
 * processed is skipped (importing twice changes nothing); one left unprocessed by an interrupted run is
 * completed.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArchiveStore } from '../store/types.js';
import { captureFile, fileErrorText } from '../capture/capture-file.js';
import type { InputFormat } from '../capture/sniff.js';
import { processCapture } from './process-capture.js';
import { emptyReport, reject, type IngestReport } from './report.js';
import { SourceCache } from './sources-cache.js';

export interface ImportOptions {
  format: InputFormat;
  source?: string;
  language?: string;
  year?: number;
  date?: string;
  now?: () => string;
  onFile?: (event: { done: number; total: number; path: string }) => void;
  onProgress?: (bytes: number) => void;
}

export async function importPaths(store: ArchiveStore, paths: string[], opts: ImportOptions): Promise<IngestReport> {
  const report = emptyReport();
  const now = opts.now ?? (() => new Date().toISOString());
  const files: string[] = [];
  for (const p of paths) await expand(p, files, report);
  const sources = new SourceCache(store);
  const options: Record<string, string | number> = {};
  if (opts.source) options.source = opts.source;
  if (opts.language) options.language = opts.language;
  if (opts.year !== undefined) options.year = opts.year;
  if (opts.date) options.date = opts.date;
  if (opts.format !== 'auto') options.format = opts.format;

  let done = 0;
  for (const path of files) {
    opts.onFile?.({ done, total: files.length, path });
    report.files++;
    const captured = await captureFile(store, path, { format: opts.format, options, capturedAt: now() });
    done++;
    if ('error' in captured) {
      reject(report, captured.error);
      continue;
    }
    const known = captured.capture.processedAt !== null;
    if (known && sameOptions(captured.capture.options, options)) {
      report.captures.known++;
      continue;
    }
    // Known bytes with new evidence (say, `--year` this time) are extracted again with it: nothing is lost.
    if (known) report.captures.known++;
    else report.captures.new++;
    await processCapture(store, { ...captured.capture, options }, sources, report, { now, onProgress: opts.onProgress });
  }
  opts.onFile?.({ done, total: files.length, path: '' });
  // The search index catches up once, in bulk, rather than row by row inside the import.
  await store.search.refresh();
  return report;
}

function sameOptions(a: Record<string, string | number>, b: Record<string, string | number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/** Folders are walked recursively in name order; hidden files are skipped. */
async function expand(path: string, into: string[], report: IngestReport): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) {
      into.push(path);
      return;
    }
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      await expand(join(path, e.name), into, report);
    }
  } catch (error) {
    reject(report, `${path}: ${fileErrorText(error)}`);
  }
}

/** Re-runs extraction over every stored capture, oldest first, rebuilding what was derived from them. */
export async function reprocessAll(store: ArchiveStore, opts: { now?: () => string } = {}): Promise<IngestReport> {
  const report = emptyReport();
  const now = opts.now ?? (() => new Date().toISOString());
  const sources = new SourceCache(store);
  await store.clearDerived();
  for (const capture of await store.listCaptures()) {
    if (!capture.bytesComplete) continue;
    report.files++;
    await processCapture(store, { ...capture, processedAt: null }, sources, report, { now, replay: true });
  }
  await store.search.refresh();
  return report;
}
