/**
 * `export --warc`: every `warc` capture's records, in the order the archive stored them (oldest first),
 * as one `.warc.gz`.
 *
 * A `warc` capture is stored as one gzip member per record (capture-warc.ts), and concatenated gzip
 * members are a valid `.warc.gz`, so each capture's stored chunks are written verbatim: nothing is
 * re-compressed, and the records are the bytes the capture's sha-256 covers. Each capture is preceded
 * by its sidecar record (warc-sidecar.ts) so that `import` gives back the same captures. Streamed: one
 * ~1 MB chunk in memory at a time.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ArchiveStore, CaptureRecord } from '../store/types.js';
import { gzipMember } from './warc.js';
import { sidecarRecord } from './warc-sidecar.js';
import { splitWarcRecords } from './warc-split.js';

export interface WarcExportCounts {
  /** `warc` captures written. */
  captures: number;
  /** WARC records written, sidecars included. */
  records: number;
  /** Bytes written (compressed). */
  bytes: number;
}

async function write(out: Writable, data: Uint8Array): Promise<void> {
  if (!out.write(data)) await once(out, 'drain');
}

/** Records in a WARC byte stream. */
async function countRecords(content: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const record of splitWarcRecords(content)) if (record) n++;
  return n;
}

/**
 * Copies a capture's stored gzip members to `out` verbatim and counts its records on the way: the same
 * chunks also feed a gunzip, so each chunk is read from the store once.
 */
async function copyCapture(
  store: ArchiveStore,
  capture: CaptureRecord,
  out: Writable,
): Promise<{ records: number; bytes: number }> {
  let bytes = 0;
  const gunzip = createGunzip();
  let failed: unknown = null;
  const counting = countRecords(gunzip).catch((error: unknown) => {
    failed = error;
    return 0;
  });
  for await (const chunk of store.readCaptureChunks(capture)) {
    await write(out, chunk);
    bytes += chunk.byteLength;
    if (failed === null && !gunzip.write(chunk))
      await Promise.race([once(gunzip, 'drain'), counting]);
  }
  gunzip.end();
  const records = await counting;
  if (failed !== null) {
    throw new Error(
      `capture ${capture.sha256} (${capture.origin}): stored records unreadable (${failed instanceof Error ? failed.message : String(failed)})`,
    );
  }
  return { records, bytes };
}

export async function exportWarc(store: ArchiveStore, out: Writable): Promise<WarcExportCounts> {
  const counts: WarcExportCounts = { captures: 0, records: 0, bytes: 0 };
  for await (const capture of allCaptures(store)) {
    if (capture.kind !== 'warc' || !capture.bytesComplete) continue;
    if (capture.storedEncoding !== 'gzip')
      throw new Error(
        `capture ${capture.sha256} is not stored as gzip members; it cannot be exported as WARC`,
      );
    const sidecar = gzipMember(await sidecarRecord(capture));
    await write(out, sidecar);
    const copied = await copyCapture(store, capture, out);
    counts.captures++;
    counts.records += 1 + copied.records;
    counts.bytes += sidecar.byteLength + copied.bytes;
  }
  return counts;
}

/** Every capture, oldest first, a page at a time (an archive may hold millions). */
async function* allCaptures(store: ArchiveStore): AsyncGenerator<CaptureRecord> {
  for (let offset = 0; ; offset += CAPTURE_PAGE) {
    const page = await store.listCaptures({ limit: CAPTURE_PAGE, offset });
    yield* page.items;
    if (page.items.length < CAPTURE_PAGE) return;
  }
}

const CAPTURE_PAGE = 500;
