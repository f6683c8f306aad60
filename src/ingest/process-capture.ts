/** Extraction of one stored capture, whatever its kind; used by import and by reprocess alike. */
import type { ArchiveStore, CaptureRecord } from '../store/types.js';
import { ingestCrawledPage } from './crawled-page.js';
import { ingestJsonl } from './jsonl.js';
import { ingestWarcFile } from './warc-file.js';
import { reject, type IngestReport } from './report.js';
import type { SourceCache } from './sources-cache.js';
import { ingestTextPage } from './text-page.js';

export async function processCapture(
  store: ArchiveStore, capture: CaptureRecord, sources: SourceCache, report: IngestReport,
  options: {
    now: () => string;
    onProgress?: (bytes: number) => void;
    /** Set by `reprocess`, which replays every capture in its own turn, so a WARC file only stores its missing exchanges. */
    replay?: boolean;
  },
): Promise<void> {
  const before = report.errors.length;
  let options_ = capture.options;
  const rejectedBefore = report.rejected;
  switch (capture.kind) {
    case 'text-page':
      await ingestTextPage(store, capture, sources, report);
      break;
    case 'jsonl':
      await ingestJsonl(store, capture, sources, report, options.onProgress);
      break;
    case 'warc':
      // A crawled response: its site profile reads it (errors and refusals have nothing to read).
      options_ = await ingestCrawledPage(store, capture, sources, report);
      break;
    case 'warc-file':
      // An imported WARC file: each exchange becomes a `warc` capture of its own, extracted in turn.
      // One already processed (a re-import, or the same exchange crawled here) is left as it is.
      await ingestWarcFile(store, capture, report, {
        now: options.now, replay: options.replay === true,
        process: (exchange) => processCapture(store, exchange, sources, report, options),
      });
      break;
    default:
      reject(report, `${capture.origin}: unknown kind of capture "${capture.kind}"; the bytes are kept`);
  }
  const errors = report.errors.slice(before);
  if (report.rejected > rejectedBefore && errors.length === 0) errors.push(`${report.rejected - rejectedBefore} rejected`);
  await store.markCaptureProcessed(capture.sha256, options.now(), errors, options_);
}
