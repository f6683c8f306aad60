/**
 * Store first, extract second: a file becomes an immutable Capture (its exact bytes, compressed) before
 * anything parses it. Streams in bounded memory, whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { constants as zlibConstants, createGzip, gunzipSync } from 'node:zlib';
import { Problem } from '../errors.js';
import { AbandonedWrite, type ArchiveStore, type CaptureRecord } from '../store/types.js';
import { detectKind, isGzip, mediaTypeOf, type InputFormat } from './sniff.js';

const CHUNK_BYTES = 1 << 20;
const HEAD_BYTES = 64 * 1024;

export interface CaptureFileOptions {
  format: InputFormat;
  /** Import options kept with the capture, so `reprocess` sees the same evidence. */
  options: Record<string, string | number>;
  capturedAt: string;
}

export type CaptureFileResult = { capture: CaptureRecord } | { error: string };

export async function captureFile(
  store: ArchiveStore,
  path: string,
  opts: CaptureFileOptions,
): Promise<CaptureFileResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { error: `${path}: not a regular file` };
    const { sha256, size, head } = await hashFile(path);
    const gzip = isGzip(head);
    const contentHead = gzip ? gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH }) : head;
    const kind = detectKind(path, contentHead, opts.format);
    const existing = await store.getCapture({ sha256, kind });
    if (existing?.bytesComplete) return { capture: existing };
    const meta = {
      sha256,
      origin: path,
      capturedAt: opts.capturedAt,
      mediaType: mediaTypeOf(kind, gzip),
      kind,
      size,
      storedEncoding: gzip ? ('identity' as const) : ('gzip' as const),
      options: opts.options,
      processedAt: null,
      errors: [],
    };
    await store.putCapture(meta, storedChunks(path, gzip, sha256));
    const stored = await store.getCapture({ sha256, kind });
    return stored ? { capture: stored } : { error: `${path}: capture was not stored` };
  } catch (error) {
    // The archive failed, not the file (its disk is full, its database out of reach): that stops the run.
    if (error instanceof Problem) throw error;
    return { error: `${path}: ${fileErrorText(error)}` };
  }
}

async function hashFile(path: string): Promise<{ sha256: string; size: number; head: Buffer }> {
  const hash = createHash('sha256');
  const heads: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  for await (const chunk of createReadStream(path, {
    highWaterMark: CHUNK_BYTES,
  }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (headLength < HEAD_BYTES) {
      heads.push(chunk.subarray(0, HEAD_BYTES - headLength));
      headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
    }
  }
  return { sha256: hash.digest('hex'), size, head: Buffer.concat(heads) };
}

/**
 * The bytes as stored: gzip input verbatim, anything else gzip-compressed; ~1 MB chunks. A file that
 * no longer hashes to `sha256`, or can no longer be read, abandons the write (`AbandonedWrite`):
 * the store then keeps no row for bytes it never had whole.
 */
async function* storedChunks(path: string, alreadyGzip: boolean, sha256: string) {
  try {
    yield* readChunks(path, alreadyGzip, sha256);
  } catch (error) {
    if (error instanceof AbandonedWrite) throw error;
    throw new AbandonedWrite(fileErrorText(error), error);
  }
}

async function* readChunks(path: string, alreadyGzip: boolean, sha256: string) {
  const verify = createHash('sha256');
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  file.on('data', (chunk) => verify.update(chunk as Buffer));
  // pipeline, not pipe: a file deleted since it was hashed must fail the read, not crash the process.
  const source: AsyncIterable<Buffer> = alreadyGzip
    ? file
    : pipeline(file, createGzip({ level: 6 }), () => {});
  let batch: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    batch.push(chunk);
    length += chunk.length;
    if (length >= CHUNK_BYTES) {
      yield Buffer.concat(batch);
      batch = [];
      length = 0;
    }
  }
  if (verify.digest('hex') !== sha256) throw new AbandonedWrite(FILE_CHANGED);
  if (length > 0 || batch.length === 0) yield Buffer.concat(batch);
}

const FILE_CHANGED = 'the file changed while it was being read; import it again';

export function fileErrorText(error: unknown): string {
  if (error instanceof AbandonedWrite)
    return error.cause ? fileErrorText(error.cause) : error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file (was it moved or deleted during the import?)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return 'gzip data is corrupt or truncated';
  return error instanceof Error ? error.message : String(error);
}
