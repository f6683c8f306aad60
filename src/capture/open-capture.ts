/** A stored capture's content bytes: stored encoding undone, then a gzip input unpacked. */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ArchiveStore, CaptureRecord } from '../store/types.js';

export function captureContent(store: ArchiveStore, capture: CaptureRecord): AsyncIterable<Buffer> {
  let stream: Readable = Readable.from(store.readCaptureChunks(capture));
  if (capture.storedEncoding === 'gzip') stream = pipeWithErrors(stream, createGunzip());
  if (capture.mediaType === 'application/gzip') stream = pipeWithErrors(stream, createGunzip());
  return stream;
}

/** `pipe` does not forward errors; a corrupt gzip must surface to the reader, not crash the process. */
function pipeWithErrors(from: Readable, to: NodeJS.ReadWriteStream & Readable): Readable {
  from.on('error', (e) => to.destroy(e));
  return from.pipe(to);
}
