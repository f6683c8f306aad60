/**
 * `wirewatch import PATH...`: every file becomes a capture (store bytes), then the queue is drained
 * (pipeline/driver.ts). A capture already processed is skipped (importing twice changes nothing); one
 * left unprocessed by an interrupted run is completed by the drain, whoever queued it.
 */
import { lstat, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportLimits } from '../config.js';
import type { ArchiveStore } from '../store/types.js';
import { captureFile, fileErrorText } from '../capture/capture-file.js';
import type { InputFormat } from '../capture/sniff.js';
import { drain } from './driver.js';
import { emptyReport, reject, type IngestReport } from '../ingest/report.js';

export interface ImportOptions {
  format: InputFormat;
  source?: string;
  language?: string;
  year?: number;
  date?: string;
  now?: () => string;
  onFile?: (event: { done: number; total: number; path: string }) => void;
  onProgress?: (bytes: number) => void;
  /** The config's `limits.import` (default: its defaults). */
  limits?: ImportLimits;
}

export async function importPaths(
  store: ArchiveStore,
  paths: string[],
  opts: ImportOptions,
): Promise<IngestReport> {
  const report = emptyReport();
  const now = opts.now ?? (() => new Date().toISOString());
  const files: string[] = [];
  const walk = { seen: new Set<string>() };
  for (const p of paths) await expand(p, files, report, walk, true);
  const options = importOptions(opts);

  let done = 0;
  for (const path of files) {
    opts.onFile?.({ done, total: files.length, path });
    report.files++;
    const captured = await captureFile(store, path, {
      format: opts.format,
      options,
      capturedAt: now(),
    });
    done++;
    if ('error' in captured) {
      reject(report, captured.error);
      continue;
    }
    const capture = captured.capture;
    const known = capture.processedAt !== null;
    if (known) report.captures.known++;
    else report.captures.new++;
    // Known bytes with new evidence (say, `--year` this time) are extracted again with it: nothing is lost.
    if (known && !sameOptions(capture.options, options))
      await store.requeueCapture(capture, options);
  }
  opts.onFile?.({ done, total: files.length, path: '' });
  await drain(store, { report, now, onProgress: opts.onProgress, limits: opts.limits });
  return report;
}

function importOptions(opts: ImportOptions): Record<string, string | number> {
  const options: Record<string, string | number> = {};
  if (opts.source) options.source = opts.source;
  if (opts.language) options.language = opts.language;
  if (opts.year !== undefined) options.year = opts.year;
  if (opts.date) options.date = opts.date;
  if (opts.format !== 'auto') options.format = opts.format;
  return options;
}

function sameOptions(
  a: Record<string, string | number>,
  b: Record<string, string | number>,
): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/**
 * Folders are walked recursively in name order; hidden files are skipped. A path named on the command
 * line is taken as given (a link included), but inside a folder links are not followed: a scraped
 * folder with a link to /etc must not import /etc/passwd, and two links to each other must not walk
 * forever. A folder reached twice (bind mounts, a named path inside another) is read once.
 */
async function expand(
  path: string,
  into: string[],
  report: IngestReport,
  walk: { seen: Set<string> },
  named: boolean,
): Promise<void> {
  try {
    const link = await lstat(path);
    if (link.isSymbolicLink() && !named) {
      reject(
        report,
        `${path}: a symbolic link inside a folder; not followed (name its target to import it)`,
      );
      return;
    }
    const real = await realpath(path);
    const info = link.isSymbolicLink() ? await lstat(real) : link;
    if (!info.isDirectory()) {
      into.push(path);
      return;
    }
    if (walk.seen.has(real)) return;
    walk.seen.add(real);
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      await expand(join(path, e.name), into, report, walk, false);
    }
  } catch (error) {
    reject(report, `${path}: ${fileErrorText(error)}`);
  }
}
