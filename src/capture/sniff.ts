/** What a capture is, judged from its name and first bytes. Pure. */
import type { CaptureKind } from '../model/types.js';

export type InputFormat = 'text' | 'jsonl' | 'auto';

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** A NUL byte in text is the classic sign of a binary file (UTF-16 included, which we do not accept). */
export function looksBinary(head: Uint8Array): boolean {
  return head.includes(0);
}

/** The capture kind for a file, from the user's `--format`, its name, or its first content bytes. */
export function detectKind(name: string, contentHead: Uint8Array, format: InputFormat): CaptureKind {
  if (format === 'text') return 'text-page';
  if (format === 'jsonl') return 'jsonl';
  const base = name.toLowerCase().replace(/\.gz$/, '');
  if (/\.(jsonl|ndjson|json)$/.test(base)) return 'jsonl';
  if (/\.(txt|text)$/.test(base)) return 'text-page';
  const first = new TextDecoder().decode(contentHead.subarray(0, 256)).trimStart();
  return first.startsWith('{') ? 'jsonl' : 'text-page';
}

export function mediaTypeOf(kind: CaptureKind, gzip: boolean): string {
  if (gzip) return 'application/gzip';
  if (kind === 'jsonl') return 'application/x-ndjson';
  return 'text/plain';
}
