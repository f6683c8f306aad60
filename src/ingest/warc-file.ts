/**
 * An imported WARC file (a `warc-file` capture, its raw bytes kept as given) → one `warc` capture per
 * exchange, a child of the file's, queued to be extracted exactly like a crawled one. This only
 * stores bytes: the driver drains the exchanges in their own turn (never from in here).
 *
 * The exchange captures hold the records' bytes as they stand in the file, so an exported capture comes
 * back under its own sha-256 (and an exchange already in the archive is recognised, not doubled); a
 * sidecar from `export --warc` restores its time and options. The file is read as a stream, one
 * exchange in memory at a time. A break (truncated or corrupt record) is one error line naming the
 * record; the exchanges before it are imported and the file's bytes stay kept.
 */
import { captureContent } from '../capture/open-capture.js';
import { captureWarcRecords, warcCaptureSha256 } from '../capture/capture-warc.js';
import { groupExchanges, type WarcExchange } from '../capture/warc-exchanges.js';
import { exchangeProvenance } from '../capture/warc-provenance.js';
import { splitWarcRecords, WarcSplitError, type OversizedRecord } from '../capture/warc-split.js';
import type { ImportLimits } from '../config.js';
import { profileForUrl } from '../extract/sites/index.js';
import type { ArchiveStore, CaptureRecord } from '../store/types.js';
import { reject, type IngestReport } from './report.js';

/**
 * The capture for one exchange: provenance from its sidecar when the bytes are the ones it names; a
 * record without WARC-Date takes the file's own capture time.
 */
async function storeExchange(
  store: ArchiveStore,
  file: CaptureRecord,
  exchange: WarcExchange,
): Promise<{ capture: CaptureRecord; created: boolean }> {
  const bytes = exchange.records.map((r) => r.bytes);
  const sha256 = warcCaptureSha256(bytes);
  const existing = await store.getCapture({ sha256, kind: 'warc' });
  if (existing?.bytesComplete) return { capture: existing, created: false };
  const found = await exchangeProvenance(exchange.records);
  const sidecar = exchange.sidecar?.sha256 === sha256 ? exchange.sidecar : null;
  const options = sidecar ? { ...sidecar.options } : found.options;
  // `--source` of this import names the source of every page in the file; a page on no known site is
  // then read by the generic profile rather than left unextracted as a stray fetch.
  if (typeof file.options.source === 'string') {
    options.source = file.options.source;
    if (typeof options.profile !== 'string') options.profile = profileForUrl(found.url).id;
  }
  const capture = await captureWarcRecords(store, bytes, {
    origin: found.url || file.origin,
    capturedAt: sidecar?.capturedAt ?? found.capturedAt ?? file.capturedAt,
    options,
    parentSeq: file.seq,
  });
  return { capture, created: true };
}

export async function splitWarcFile(
  store: ArchiveStore,
  file: CaptureRecord,
  report: IngestReport,
  limits: Pick<ImportLimits, 'maxWarcRecordBytes'>,
): Promise<void> {
  let lastRecord = 0;
  let exchanges = 0;
  const records = splitWarcRecords(captureContent(store, file), {
    maxRecordBytes: limits.maxWarcRecordBytes,
    onOversized: (r) => reject(report, oversizedLine(file.origin, r, limits.maxWarcRecordBytes)),
  });
  try {
    for await (const exchange of groupExchanges(records)) {
      lastRecord = exchange.records.at(-1)!.number;
      exchanges++;
      const { created } = await storeExchange(store, file, exchange);
      if (created) report.captures.new++;
      else report.captures.known++;
    }
  } catch (error) {
    if (!(error instanceof WarcSplitError)) throw error;
    reject(report, breakLine(file.origin, error, lastRecord));
    return;
  }
  if (exchanges === 0) reject(report, `${file.origin}: no WARC records in it; the bytes are kept`);
}

function breakLine(origin: string, error: WarcSplitError, lastRecord: number): string {
  if (error.record === 1 && /^not a WARC record/.test(error.reason)) {
    return `${origin}: not a WARC file (${error.reason.replace(/^not a WARC record \((.*)\)$/, '$1')}); the bytes are kept`;
  }
  const before =
    lastRecord === 0
      ? 'no record imported'
      : lastRecord === 1
        ? 'record 1 imported'
        : `records 1–${lastRecord} imported`;
  return `${origin}: record ${error.record}: ${error.reason}; ${before}, the bytes are kept`;
}

function oversizedLine(origin: string, r: OversizedRecord, max: number): string {
  const size = (n: number) => n.toLocaleString('en');
  return `${origin}:${r.offset}: record ${r.number}: declared Content-Length of ${size(r.length)} bytes is over the limit of ${size(max)} (limits.import.maxWarcRecordBytes); skipped, the bytes are kept`;
}
