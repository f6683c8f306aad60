/** What a capture is, judged from its name and first bytes. Pure. */
import type { CaptureKind } from '../model/types.js';

export type InputFormat = 'text' | 'jsonl' | 'warc' | 'auto';

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** A NUL byte in text is the classic sign of a binary file (UTF-16 included, which we do not accept). */
export function looksBinary(head: Uint8Array): boolean {
  return head.includes(0);
}

/** Every WARC record, hence every WARC file, starts with its version line (`WARC/1.0`, `WARC/1.1`). */
export function looksLikeWarc(contentHead: Uint8Array): boolean {
  return new TextDecoder().decode(contentHead.subarray(0, 7)) === 'WARC/1.';
}

/** A `.warc` or `.warc.gz` name: the user says it is WARC even when the content disagrees (then it is rejected). */
export function hasWarcName(name: string): boolean {
  return /\.warc(\.gz)?$/i.test(name);
}

/** The capture kind for a file, from the user's `--format`, its name, or its first content bytes. */
export function detectKind(
  name: string,
  contentHead: Uint8Array,
  format: InputFormat,
): CaptureKind {
  if (format === 'text') return 'text-page';
  if (format === 'jsonl') return 'jsonl';
  if (format === 'warc' || hasWarcName(name)) return 'warc-file';
  const base = name.toLowerCase().replace(/\.gz$/, '');
  if (/\.(jsonl|ndjson|json)$/.test(base)) return 'jsonl';
  if (/\.(txt|text)$/.test(base)) return 'text-page';
  // A WARC under another name (`crawl.gz`, `00001`): its version line gives it away.
  if (looksLikeWarc(contentHead)) return 'warc-file';
  const first = new TextDecoder().decode(contentHead.subarray(0, 256)).trimStart();
  return first.startsWith('{') ? 'jsonl' : 'text-page';
}

export function mediaTypeOf(kind: CaptureKind, gzip: boolean): string {
  if (gzip) return 'application/gzip';
  if (kind === 'jsonl') return 'application/x-ndjson';
  if (kind === 'warc-file') return 'application/warc';
  return 'text/plain';
}
