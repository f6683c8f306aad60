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

const BATCH_LINES = 2000;

export async function ingestJsonl(
  store: ArchiveStore, capture: CaptureRecord, sources: SourceCache, report: IngestReport,
  onProgress?: (bytes: number) => void,
): Promise<void> {
  const defaults = {
    sourceLabel: typeof capture.options.source === 'string' ? capture.options.source : null,
    language: typeof capture.options.language === 'string' ? capture.options.language : null,
  };
  let batch: NumberedLine[] = [];
  let lastLine = 0;
  const flush = async () => {
    const lines = batch;
    batch = [];
    await store.transaction(async () => {
      for (const line of lines) await ingestLine(line);
    });
  };
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

  let bytes = 0;
  try {
    for await (const line of numberedLines(captureContent(store, capture))) {
      if (line.number === 1 && looksBinary(line.bytes.subarray(0, 4096))) {
        return reject(report, `${capture.origin}: binary data, not JSON lines; not extracted, the bytes are kept`);
      }
      bytes += line.bytes.length + 1;
      lastLine = line.number;
      batch.push(line);
      if (batch.length >= BATCH_LINES) {
        await flush();
        onProgress?.(bytes);
      }
    }
  } catch {
    await flush();
    return reject(report, `${capture.origin}:${lastLine + 1}: gzip data is corrupt or truncated; the ${lastLine} lines before were imported`);
  }
  await flush();
  onProgress?.(bytes);
}
