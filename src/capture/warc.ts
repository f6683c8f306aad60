/**
 * WARC/1.1 (ISO 28500) records in and out, with warcio (Webrecorder's library).
 *
 * A record is serialized once, uncompressed (`serializeWarcRecord`); that byte string is what a
 * capture's sha-256 covers. On disk and in the store each record is its own gzip member
 * (`gzipMember`), the convention that lets readers seek to a record and lets `export --warc` produce a
 * valid `.warc.gz` by concatenating stored records.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { WARCParser, WARCRecord, WARCSerializer } from 'warcio';

export { WARCRecord };

/**
 * The uncompressed bytes of one record. warcio fills in Content-Length, WARC-Block-Digest and
 * WARC-Payload-Digest (sha-256). Given `payload` (exactly the bytes the record's reader yields), the
 * digests are computed here with node:crypto instead, over the same bytes warcio would hash (the HTTP
 * head as it serializes it, then the payload): warcio's own hasher instantiates a WebAssembly module
 * for every digest, which costs a crawler more than the rest of writing the record.
 */
export async function serializeWarcRecord(
  record: WARCRecord,
  payload?: Uint8Array | null,
): Promise<Uint8Array> {
  if (payload !== undefined && record.warcType !== 'warcinfo') {
    const body = payload ?? new Uint8Array(0);
    const head = record.httpHeaders ? encoder.encode(`${record.httpHeaders.toString()}\r\n`) : null;
    const headers = record.warcHeaders.headers;
    if (record.warcType !== 'revisit') headers.set('WARC-Payload-Digest', sha256(body));
    headers.set('WARC-Block-Digest', head ? sha256(head, body) : sha256(body));
  }
  return WARCSerializer.serialize(record, {
    gzip: false,
    digest: { algo: 'sha-256', prefix: 'sha256:', base32: false },
  });
}

const encoder = new TextEncoder();

function sha256(...parts: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return `sha256:${hash.digest('hex')}`;
}

/** One record as its own gzip member. */
export function gzipMember(recordBytes: Uint8Array): Buffer {
  return gzipSync(recordBytes, { level: 6 });
}

/**
 * Appends records to a `.warc.gz` file, one gzip member per record. Appends are serialized so the
 * records of concurrent fetches never interleave.
 */
export class WarcFileWriter {
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  /** Appends the records (uncompressed bytes, as from `serializeWarcRecord`) in order. */
  append(records: Uint8Array[]): Promise<void> {
    return this.appendMembers(records.map(gzipMember));
  }

  /** Appends records already compressed by `gzipMember`. */
  appendMembers(members: Uint8Array[]): Promise<void> {
    const data = Buffer.concat(members);
    const write = this.tail.then(() => appendFile(this.path, data));
    this.tail = write.catch(() => undefined);
    return write;
  }

  /** Resolves once every append so far is on disk. */
  flush(): Promise<void> {
    return this.tail;
  }
}

/** A record read back: its WARC headers, HTTP status and headers if any, and the raw payload. */
export interface ReadWarcRecord {
  type: string;
  /** WARC headers by lower-case name (`warc-payload-digest`); warcio's reader folds the case. */
  warcHeaders: Record<string, string>;
  httpStatus: number | null;
  /** The HTTP request or status line as recorded (`GET /a HTTP/1.1`, `HTTP/1.1 200 OK`), if any. */
  httpStartLine: string | null;
  httpHeaders: Array<[string, string]>;
  /** The payload exactly as stored: no content-coding or chunking undone. */
  payload: Uint8Array;
}

/** Every record of a WARC file, plain or gzip (multi-member), in order, in memory. */
export async function readWarcFile(path: string): Promise<ReadWarcRecord[]> {
  return readWarcRecords(createReadStream(path) as AsyncIterable<Uint8Array>);
}

/** Every record of a WARC byte stream (plain or gzip members), in memory. */
export async function readWarcRecords(
  source: AsyncIterable<Uint8Array>,
): Promise<ReadWarcRecord[]> {
  const out: ReadWarcRecord[] = [];
  for await (const record of iterWarcRecords(source)) out.push(record);
  return out;
}

/** The records of a WARC byte stream one at a time (one payload in memory at once). */
export async function* iterWarcRecords(
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<ReadWarcRecord> {
  for await (const record of new WARCParser(source)) {
    const warcHeaders: Record<string, string> = {};
    for (const [name, value] of record.warcHeaders.headers) warcHeaders[name.toLowerCase()] = value;
    const httpHeaders: Array<[string, string]> = [];
    if (record.httpHeaders)
      for (const [name, value] of record.httpHeaders.headers) httpHeaders.push([name, value]);
    const status = record.httpHeaders?.statusCode;
    yield {
      type: record.warcType ?? '',
      warcHeaders,
      httpStatus: typeof status === 'number' && !Number.isNaN(status) ? status : null,
      httpStartLine: record.httpHeaders?.statusline ?? null,
      httpHeaders,
      payload: await record.readFully(false),
    };
  }
}
