/**
 * The `metadata` record `export --warc` writes before each capture's records.
 *
 * A capture's WARC records do not hold everything the archive knows about it: its `capturedAt` to the
 * millisecond, and the `options` the crawler added (`profile`, `source`: a fixture or mirror host says
 * nothing about which site template reads it). The sidecar carries them, and its size and sha-256 say
 * exactly which of the following records are the capture, so an import cuts the file where the export
 * joined it and every capture gets back its own sha-256, hence the same id. Other tools see an ordinary
 * `application/warc-fields` metadata record; a file without sidecars is grouped by its links instead
 * (warc-exchanges.ts).
 */
import { z } from 'zod';
import type { CaptureRecord } from '../store/types.js';
import { serializeWarcRecord, WARCRecord } from './warc.js';
import { block, header, type RawWarcRecord } from './warc-split.js';

const ID_PREFIX = '<urn:wirewatch:capture:';

export interface Sidecar {
  sha256: string;
  /** Bytes of the capture's uncompressed records: the records that follow, up to this many bytes. */
  size: number;
  capturedAt: string;
  options: Record<string, string | number>;
}

const optionsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * The sidecar record of a capture, uncompressed. Its id and date come from the capture, so exporting
 * the same archive twice writes the same bytes.
 */
export function sidecarRecord(
  capture: Pick<CaptureRecord, 'sha256' | 'size' | 'capturedAt' | 'origin' | 'options'>,
): Promise<Uint8Array> {
  const fields = [
    `wirewatch-capture-sha256: ${capture.sha256}`,
    `wirewatch-capture-size: ${capture.size}`,
    `wirewatch-captured-at: ${capture.capturedAt}`,
    `wirewatch-options: ${JSON.stringify(capture.options)}`,
  ]
    .map((line) => `${line}\r\n`)
    .join('');
  const payload = new TextEncoder().encode(fields);
  const record = WARCRecord.create(
    {
      url: capture.origin,
      date: capture.capturedAt,
      type: 'metadata',
      warcVersion: 'WARC/1.1',
      warcHeaders: {
        'WARC-Record-ID': `${ID_PREFIX}${capture.sha256}>`,
        'Content-Type': 'application/warc-fields',
      },
    },
    once(payload),
  );
  return serializeWarcRecord(record, payload);
}

/** The sidecar a record is, or null when it is any other record (or a damaged sidecar, then ignored). */
export function readSidecar(record: RawWarcRecord): Sidecar | null {
  if (record.type !== 'metadata' || !header(record, 'warc-record-id')?.startsWith(ID_PREFIX))
    return null;
  const fields = new Map<string, string>();
  for (const line of block(record).toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const sha256 = fields.get('wirewatch-capture-sha256') ?? '';
  const size = Number(fields.get('wirewatch-capture-size'));
  const capturedAt = fields.get('wirewatch-captured-at') ?? '';
  let options: unknown;
  try {
    options = JSON.parse(fields.get('wirewatch-options') ?? 'null');
  } catch {
    return null;
  }
  const parsed = optionsSchema.safeParse(options);
  if (
    !/^[0-9a-f]{64}$/.test(sha256) ||
    !Number.isSafeInteger(size) ||
    size < 0 ||
    Number.isNaN(Date.parse(capturedAt)) ||
    !parsed.success
  )
    return null;
  return { sha256, size, capturedAt, options: parsed.data };
}
