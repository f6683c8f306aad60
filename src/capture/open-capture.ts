/** A stored capture's content bytes: stored encoding undone, then a gzip input unpacked. */
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { ArchiveStore, CaptureRecord } from '../store/types.js';

/** Below this size (the content, uncompressed) a capture is unpacked in one synchronous step. */
const SMALL_BYTES = 1 << 20;

export function captureContent(store: ArchiveStore, capture: CaptureRecord): AsyncIterable<Buffer> {
  // A crawled page is a few KB: one synchronous gunzip beats a stream's hops through the thread pool.
  if (capture.size <= SMALL_BYTES && capture.mediaType !== 'application/gzip')
    return small(store, capture);
  let stream: Readable = Readable.from(store.readCaptureChunks(capture));
  if (capture.storedEncoding === 'gzip') stream = pipeWithErrors(stream, createGunzip());
  if (capture.mediaType === 'application/gzip') stream = pipeWithErrors(stream, createGunzip());
  return stream;
}

async function* small(store: ArchiveStore, capture: CaptureRecord): AsyncGenerator<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of store.readCaptureChunks(capture)) chunks.push(Buffer.from(chunk));
  const stored = Buffer.concat(chunks);
  yield capture.storedEncoding === 'gzip' ? gunzipSync(stored) : stored;
}

/** `pipe` does not forward errors; a corrupt gzip must surface to the reader, not crash the process. */
function pipeWithErrors(from: Readable, to: NodeJS.ReadWriteStream & Readable): Readable {
  from.on('error', (e) => to.destroy(e));
  return from.pipe(to);
}
