/**
 * A JSONL capture, streamed line by line (bounded memory at any size), committed in batches so an
 * interrupted import leaves a consistent archive that a re-run completes without duplicates.
 */
import type { ArchiveStore, CaptureRecord } from '../store/types.js';
import { captureContent } from '../capture/open-capture.js';
import { decodeUtf8, numberedLines, type NumberedLine } from '../capture/lines.js';
import { looksBinary } from '../capture/sniff.js';
import { extractJsonlRecord } from '../extract/jsonl-record.js';
import { applyArticle } from '../reconcile/apply.js';
import { importExportRecord, isExportRecord } from './export-format.js';
import { countOutcome, reject, type IngestReport } from './report.js';
import type { SourceCache } from './sources-cache.js';

const MAX_BATCH_LINES = 20_000;
const COMMIT_EVERY_MS = 1000;

/** zlib errors carry a `Z_…` code; anything else is a bug and must not pass for bad input. */
function isStreamError(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'string' && String((error as { code: string }).code).startsWith('Z_');
}

export async function ingestJsonl(
  store: ArchiveStore, capture: CaptureRecord, sources: SourceCache, report: IngestReport,
  onProgress?: (bytes: number) => void,
): Promise<void> {
  const defaults = {
    sourceLabel: typeof capture.options.source === 'string' ? capture.options.source : null,
    language: typeof capture.options.language === 'string' ? capture.options.language : null,
  };
  let lastLine = 0;
  const ingestLine = async (line: NumberedLine) => {
    const where = `${capture.origin}:${line.number}`;
    const decoded = decodeUtf8(line.bytes);
    if ('error' in decoded) return reject(report, `${where}: ${decoded.error}`);
    if (!decoded.text.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(decoded.text);
    } catch (e) {
      const why = line.terminated ? `invalid JSON (${(e as Error).message})` : 'truncated line: the file ends inside a JSON record';
      return reject(report, `${where}: ${why}`);
    }
    report.records++;
    const at = { captureSha256: capture.sha256, locator: `line ${line.number}`, seenAt: capture.capturedAt };
    if (isExportRecord(value)) {
      const result = await importExportRecord(store, value, at);
      if ('error' in result) return reject(report, `${where}: ${result.error}`);
      if (result.articleOutcome) countOutcome(report, result.articleOutcome);
      return;
    }
    const result = extractJsonlRecord(value, defaults);
    if ('error' in result) return reject(report, `${where}: ${result.error}`);
    const source = await sources.resolve(result.sourceLabel ?? '', result.article.language);
    if (!source) return reject(report, `${where}: cannot make a source of ${JSON.stringify(result.sourceLabel)}`);
    countOutcome(report, (await applyArticle(store, source.id, result.article, at)).outcome);
  };

  // Commit about once a second: each commit rewrites index pages all over the archive, so fewer
  // commits are much faster, and an interrupt still loses at most a second of work (redone on re-run).
  const lines = numberedLines(captureContent(store, capture))[Symbol.asyncIterator]();
  let bytes = 0;
  let done = false;
  let binary = false;
  let corrupt = false;
  while (!done && !binary && !corrupt) {
    await store.transaction(async () => {
      const started = Date.now();
      for (let n = 0; n < MAX_BATCH_LINES && Date.now() - started < COMMIT_EVERY_MS; n++) {
        let next: IteratorResult<NumberedLine>;
        try {
          next = await lines.next();
        } catch (error) {
          // A corrupt gzip stream: what was read before it is committed with this batch.
          if (!isStreamError(error)) throw error;
          corrupt = true;
          return;
        }
        if (next.done) {
          done = true;
          return;
        }
        const line = next.value;
        if (line.number === 1 && looksBinary(line.bytes.subarray(0, 4096))) {
          binary = true;
          return;
        }
        bytes += line.bytes.length + 1;
        lastLine = line.number;
        await ingestLine(line);
      }
    });
    onProgress?.(bytes);
  }
  if (binary) await lines.return?.(undefined);
  if (corrupt) {
    reject(report, `${capture.origin}:${lastLine + 1}: gzip data is corrupt or truncated; the ${lastLine} lines before were imported`);
  }
  if (binary) reject(report, `${capture.origin}: binary data, not JSON lines; not extracted, the bytes are kept`);
}
