/**
 * The CPU-bound half of importing one JSONL line: decode, parse, extract, fingerprint. Pure, so it can
 * run on a worker thread while the main thread writes the previous lines to the store.
 */
import { decodeUtf8 } from '../capture/lines.js';
import { extractJsonlRecord } from '../extract/jsonl-record.js';
import type { ExtractedArticle } from '../extract/types.js';
import { prepareText, type PreparedText } from '../reconcile/apply.js';
import { isExportRecord } from './export-format.js';
import { oversizedRecord, type FieldLimits } from './record-limits.js';

export interface LineDefaults {
  sourceLabel: string | null;
  language: string | null;
  limits: FieldLimits;
}

export type PreparedLine =
  | { number: number; kind: 'blank' }
  /** `parsed`: the line was JSON (it counts as a record) but not an acceptable one. */
  | { number: number; kind: 'error'; message: string; parsed: boolean }
  | { number: number; kind: 'export'; value: unknown }
  | {
      number: number;
      kind: 'record';
      sourceLabel: string | null;
      sourceUrl: string | null;
      article: ExtractedArticle;
      prepared: PreparedText;
    };

export function prepareLine(
  number: number,
  bytes: Uint8Array,
  terminated: boolean,
  defaults: LineDefaults,
): PreparedLine {
  const decoded = decodeUtf8(bytes);
  if ('error' in decoded) return { number, kind: 'error', message: decoded.error, parsed: false };
  if (!decoded.text.trim()) return { number, kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (e) {
    const message = terminated
      ? `invalid JSON (${(e as Error).message})`
      : 'truncated line: the file ends inside a JSON record';
    return { number, kind: 'error', message, parsed: false };
  }
  const oversized = oversizedRecord(value, defaults.limits);
  if (oversized) return { number, kind: 'error', message: oversized, parsed: true };
  if (isExportRecord(value)) return { number, kind: 'export', value };
  const result = extractJsonlRecord(value, defaults);
  if ('error' in result) return { number, kind: 'error', message: result.error, parsed: true };
  return {
    number,
    kind: 'record',
    sourceLabel: result.sourceLabel,
    sourceUrl: result.sourceUrl,
    article: result.article,
    prepared: prepareText(result.article),
  };
}

/** Lines travel to the worker packed into one buffer: a Buffer slice would clone its whole 1 MB chunk. */
export interface LineBatch {
  numbers: number[];
  ends: number[];
  terminated: boolean[];
  bytes: Uint8Array;
  defaults: LineDefaults;
}

export function prepareBatch(batch: LineBatch): PreparedLine[] {
  const out: PreparedLine[] = [];
  let start = 0;
  for (let i = 0; i < batch.numbers.length; i++) {
    out.push(
      prepareLine(
        batch.numbers[i]!,
        batch.bytes.subarray(start, batch.ends[i]!),
        batch.terminated[i]!,
        batch.defaults,
      ),
    );
    start = batch.ends[i]!;
  }
  return out;
}
