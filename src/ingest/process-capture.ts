/**
 * Extraction of one stored capture, whatever its kind: called by the pipeline driver only
 * (pipeline/driver.ts), which claims the capture, runs this, and marks it done.
 */
import { DEFAULT_LIMITS, type ImportLimits } from '../config.js';
import type { CaptureKind } from '../model/types.js';
import type { ArchiveStore, CaptureRecord } from '../store/types.js';
import { ingestCrawledPage } from './crawled-page.js';
import { ingestJsonl } from './jsonl.js';
import { splitWarcFile } from './warc-file.js';
import { reject, type IngestReport } from './report.js';
import type { SourceCache } from './sources-cache.js';
import { ingestTextPage } from './text-page.js';

/**
 * Kinds applied in one transaction with their "done" mark. A JSONL file commits in batches instead
 * (a large file is not one transaction), and a WARC file only stores its exchanges as captures.
 */
export function isAtomicKind(kind: CaptureKind): boolean {
  return kind !== 'jsonl' && kind !== 'warc-file';
}

export interface ProcessOutcome {
  /** The lines rejected while processing it, kept on the capture. */
  errors: string[];
  /** The options it was processed with, when processing learned more (profile, source, page kind). */
  options?: Record<string, string | number>;
}

export async function processCapture(
  store: ArchiveStore,
  capture: CaptureRecord,
  sources: SourceCache,
  report: IngestReport,
  options: { onProgress?: (bytes: number) => void; limits?: ImportLimits } = {},
): Promise<ProcessOutcome> {
  const limits = options.limits ?? DEFAULT_LIMITS.import;
  const before = report.errors.length;
  const rejectedBefore = report.rejected;
  let learned: Record<string, string | number> | undefined;
  switch (capture.kind) {
    case 'text-page':
      await ingestTextPage(store, capture, sources, report, limits);
      break;
    case 'jsonl':
      await ingestJsonl(store, capture, sources, report, limits, options.onProgress);
      break;
    case 'warc':
      // A crawled response: its site profile reads it (errors and refusals have nothing to read).
      learned = await ingestCrawledPage(store, capture, sources, report, limits);
      break;
    case 'warc-file':
      // An imported WARC file: each exchange becomes a `warc` capture of its own, queued in turn.
      await splitWarcFile(store, capture, report, limits);
      break;
    default:
      reject(
        report,
        `${capture.origin}: unknown kind of capture "${capture.kind}"; the bytes are kept`,
      );
  }
  const errors = report.errors.slice(before);
  if (report.rejected > rejectedBefore && errors.length === 0)
    errors.push(`${report.rejected - rejectedBefore} rejected`);
  return { errors, ...(learned ? { options: learned } : {}) };
}
