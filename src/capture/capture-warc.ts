/**
 * WARC records become a Capture, the way files do in capture-file.ts: bytes first, stored immutably.
 *
 * The capture's bytes are the uncompressed WARC records, concatenated (for a fetch: request, response,
 * and a metadata record when something failed). Its sha-256 is the hash of those bytes, the same rule
 * as for files ("the hash of what is kept"). Two fetches of an unchanged page are therefore two
 * captures — their WARC-Date and WARC-Record-ID differ — which is what the archive wants: each sighting
 * keeps its time. Identical payloads are recognised by WARC-Payload-Digest, kept in `options`.
 *
 * Stored encoding is `gzip`, one gzip member per record, so the stored chunks concatenated are a
 * valid `.warc.gz` (for `export --warc`) and `captureContent` (gunzip) gives back the records.
 */
import { createHash } from 'node:crypto';
import type { ArchiveStore, CaptureRecord } from '../store/types.js';
import { gzipMember } from './warc.js';

export const WARC_MEDIA_TYPE = 'application/warc';

const CHUNK_BYTES = 1 << 20;

export interface WarcCaptureMeta {
  /** The target URL. */
  origin: string;
  capturedAt: string;
  /** Provenance that extraction and audits want without parsing the WARC (status, payload digest, …). */
  options: Record<string, string | number>;
  /** The imported WARC file it was cut from. */
  parentSeq?: number;
}

/** sha-256 (hex) of the records' uncompressed bytes: the capture's key. */
export function warcCaptureSha256(records: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const record of records) hash.update(record);
  return hash.digest('hex');
}

/**
 * Stores the records as one capture (kind `warc`), or returns the existing complete one. `members`,
 * when given, are the records already compressed by `gzipMember` (so a caller that also writes a
 * `.warc.gz` compresses once).
 */
export async function captureWarcRecords(
  store: ArchiveStore,
  records: Uint8Array[],
  meta: WarcCaptureMeta,
  members: Uint8Array[] = records.map(gzipMember),
): Promise<CaptureRecord> {
  const sha256 = warcCaptureSha256(records);
  const key = { sha256, kind: 'warc' as const };
  const existing = await store.getCapture(key);
  if (existing?.bytesComplete) return existing;
  await store.putCapture(
    {
      sha256,
      origin: meta.origin,
      capturedAt: meta.capturedAt,
      mediaType: WARC_MEDIA_TYPE,
      kind: 'warc',
      size: records.reduce((n, r) => n + r.byteLength, 0),
      storedEncoding: 'gzip',
      options: meta.options,
      processedAt: null,
      errors: [],
      parentSeq: meta.parentSeq ?? null,
    },
    chunked(members),
  );
  const stored = await store.getCapture(key);
  if (!stored) throw new Error(`capture ${sha256} of ${meta.origin} was not stored`);
  return stored;
}

/** The gzip members, cut into ~1 MB store chunks (chunk borders are storage only, not record borders). */
async function* chunked(members: Uint8Array[]): AsyncGenerator<Uint8Array> {
  const all = Buffer.concat(members);
  for (let offset = 0; offset < all.length; offset += CHUNK_BYTES)
    yield all.subarray(offset, offset + CHUNK_BYTES);
  if (all.length === 0) yield all;
}
