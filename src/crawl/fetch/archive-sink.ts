/**
 * Where exchanges go: a `.warc.gz` file, the archive store, or both. Plug `onExchange` into the
 * Fetcher so that every byte received is kept before the result is looked at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { captureWarcRecords, warcCaptureSha256 } from '../../capture/capture-warc.js';
import { sidecarRecord } from '../../capture/warc-sidecar.js';
import { gzipMember, WarcFileWriter } from '../../capture/warc.js';
import type { ArchiveStore, CaptureRecord } from '../../store/types.js';
import type { Exchange } from './exchange.js';
import { headerValue } from './exchange.js';
import { exchangeToWarc, type SerializedRecord } from './warc-exchange.js';

/**
 * Provenance kept in the capture's `options`, so listing and auditing captures needs no WARC parsing.
 * `payloadSha256` is the hex sha-256 of the response body (WARC-Payload-Digest without its prefix).
 */
export function captureOptions(
  exchange: Exchange,
  records: SerializedRecord[],
): Record<string, string | number> {
  const options: Record<string, string | number> = {
    url: exchange.url,
    method: exchange.method,
    purpose: exchange.purpose,
  };
  const response = exchange.response;
  if (exchange.ip) options.ip = exchange.ip;
  if (response) {
    options.status = response.status;
    const contentType = headerValue(response.headers, 'content-type');
    if (contentType) options.contentType = contentType;
    const digest = /WARC-Payload-Digest: sha256:([0-9a-f]{64})/.exec(
      Buffer.from(records.find((r) => r.type === 'response')!.bytes.subarray(0, 4096)).toString(
        'latin1',
      ),
    );
    if (digest) options.payloadSha256 = digest[1]!;
    if (response.truncated) options.truncated = response.truncated;
  }
  if (exchange.error) options.error = `${exchange.error.code}: ${exchange.error.message}`;
  if (exchange.refused) options.refused = exchange.refused;
  return options;
}

/** Appends the exchange, after its provenance (the sidecar `export --warc` writes), to this process's spool file. */
async function spool(
  dir: string,
  exchange: Exchange,
  records: SerializedRecord[],
  members: Uint8Array[],
  tags: Record<string, string | number>,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const bytes = records.map((r) => r.bytes);
  const sidecar = await sidecarRecord({
    sha256: warcCaptureSha256(bytes),
    size: bytes.reduce((n, b) => n + b.byteLength, 0),
    capturedAt: exchange.startedAt,
    origin: exchange.url,
    options: { ...captureOptions(exchange, records), ...tags },
  });
  const writer = new WarcFileWriter(join(dir, `spool-${process.pid}.warc.gz`));
  await writer.appendMembers([gzipMember(sidecar), ...members]);
}

/** Turns one exchange into a stored capture whose bytes are its WARC records. */
export async function captureExchange(
  store: ArchiveStore,
  exchange: Exchange,
  records?: SerializedRecord[],
  members?: Uint8Array[],
  tags: Record<string, string | number> = {},
): Promise<CaptureRecord> {
  const recs = records ?? (await exchangeToWarc(exchange));
  return captureWarcRecords(
    store,
    recs.map((r) => r.bytes),
    {
      origin: exchange.url,
      capturedAt: exchange.startedAt,
      options: { ...captureOptions(exchange, recs), ...tags },
    },
    members,
  );
}

export interface ArchiveSink {
  onExchange(exchange: Exchange): Promise<void>;
  /** Captures stored so far, in order (when a store was given). */
  readonly captures: CaptureRecord[];
  readonly warc: WarcFileWriter | null;
}

/**
 * An `onExchange` that writes each exchange's records to `warcPath` and/or stores them as a capture.
 * `tags` go into each capture's options (the crawl's profile and source), so whoever processes it
 * later, in this process or another, reads it as this crawl would.
 */
export function archiveSink(options: {
  warcPath?: string;
  store?: ArchiveStore;
  tags?: Record<string, string | number>;
  /**
   * A folder where an exchange the store could not take (the database went away mid-crawl) is kept
   * as a `.warc.gz` with its provenance, so no response received is lost; the next crawl imports it
   * (crawl/frontier/spool.ts). The failure is still thrown, so the fetch counts as failed.
   */
  spoolDir?: string;
}): ArchiveSink {
  const warc = options.warcPath ? new WarcFileWriter(options.warcPath) : null;
  const captures: CaptureRecord[] = [];
  return {
    warc,
    captures,
    async onExchange(exchange) {
      const records = await exchangeToWarc(exchange);
      const members = records.map((r) => gzipMember(r.bytes));
      if (warc) await warc.appendMembers(members);
      if (!options.store) return;
      try {
        captures.push(
          await captureExchange(options.store, exchange, records, members, options.tags),
        );
      } catch (error) {
        if (options.spoolDir)
          await spool(options.spoolDir, exchange, records, members, options.tags ?? {});
        throw error;
      }
    },
  };
}
