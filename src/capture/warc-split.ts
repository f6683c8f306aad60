/**
 * Cuts an uncompressed WARC stream into its records, byte for byte, one record in memory at a time.
 *
 * warcio's parser (warc.ts: iterWarcRecords) gives headers and payloads but not the exact bytes of each
 * record, and a capture's key is the sha-256 of exactly those bytes: an exported capture re-imported
 * must hash to what it hashed to before. So the cut is done here, by the record's own framing (version
 * line, headers, blank line, Content-Length bytes, CRLF CRLF), and warcio reads the pieces afterwards.
 * A break (truncated gzip member, short block, garbage) is a `WarcSplitError` naming the record number,
 * thrown after every complete record before it was yielded.
 */

export interface RawWarcRecord {
  /** 1-based position in the file. */
  number: number;
  /** The record's uncompressed bytes: header, block and the closing CRLF CRLF. */
  bytes: Buffer;
  /** `WARC-Type`, lower-case (`response`, `request`, `metadata`, …). */
  type: string;
  /** Every WARC header by lower-case name; repeated headers (WARC-Concurrent-To) keep each value. */
  headers: Map<string, string[]>;
  /** Where the block starts in `bytes`. */
  blockOffset: number;
}

export class WarcSplitError extends Error {
  constructor(
    readonly record: number,
    readonly reason: string,
  ) {
    super(`record ${record}: ${reason}`);
  }
}

const CRLF2 = Buffer.from('\r\n\r\n');
/** No real header block comes near this; past it the input is not WARC, and memory stays bounded. */
const MAX_HEADER_BYTES = 256 * 1024;

/** First value of a header. */
export function header(record: RawWarcRecord, name: string): string | null {
  return record.headers.get(name.toLowerCase())?.[0] ?? null;
}

/** The record's block (for a response: HTTP status line, headers and body). */
export function block(record: RawWarcRecord): Buffer {
  return record.bytes.subarray(record.blockOffset, record.bytes.length - CRLF2.length);
}

function parseHead(
  head: string,
  number: number,
): { headers: Map<string, string[]>; length: number } {
  const lines = head.split('\r\n');
  if (!/^WARC\/1\.[01]$/.test(lines[0] ?? '')) {
    throw new WarcSplitError(
      number,
      `not a WARC record (it starts with ${JSON.stringify(head.slice(0, 20))}, not "WARC/1.")`,
    );
  }
  const headers = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // folded continuation lines carry nothing wirewatch reads
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const length = Number(headers.get('content-length')?.[0]);
  if (!Number.isSafeInteger(length) || length < 0)
    throw new WarcSplitError(number, 'no valid Content-Length header');
  return { headers, length };
}

/** Why a gunzip (or file read) stopped, in words. */
function sourceErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(String((error as Error)?.message)))
    return 'truncated gzip member';
  if (code === 'Z_DATA_ERROR') return 'corrupt gzip data';
  return error instanceof Error ? error.message : String(error);
}

/** A record whose declared Content-Length is over the cap: skipped unread, said where it was. */
export interface OversizedRecord {
  number: number;
  /** Where the record starts in the uncompressed stream. */
  offset: number;
  length: number;
}

export interface SplitOptions {
  /** Largest block to hold in memory (default: any). */
  maxRecordBytes?: number;
  onOversized?: (record: OversizedRecord) => void;
}

export async function* splitWarcRecords(
  source: AsyncIterable<Uint8Array>,
  options: SplitOptions = {},
): AsyncGenerator<RawWarcRecord> {
  const maxRecordBytes = options.maxRecordBytes ?? Infinity;
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let number = 1;
  /** Stream offset of the first byte in `pending`. */
  let offset = 0;
  /** Bytes of an oversized record still to pass over. */
  let skipping = 0;
  // Typed by assertion: TypeScript does not see `drain` assign it, and would narrow it to null.
  let head = null as { headers: Map<string, string[]>; length: number; headLength: number } | null;

  const take = (): Buffer => {
    const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingLength);
    pending = [all];
    return all;
  };

  // Consumes as many complete records as `pending` holds.
  const drop = (n: number) => {
    const rest = take().subarray(n);
    pending = rest.length ? [rest] : [];
    pendingLength = rest.length;
    offset += n;
  };

  function* drain(): Generator<RawWarcRecord> {
    for (;;) {
      if (skipping) {
        const n = Math.min(skipping, pendingLength);
        drop(n);
        skipping -= n;
        if (skipping) return;
      }
      if (!head) {
        let all = take();
        // Stray blank lines between records are tolerated; they belong to no record's bytes.
        let skip = 0;
        while (skip < all.length && (all[skip] === 0x0d || all[skip] === 0x0a)) skip++;
        if (skip) {
          drop(skip);
          all = take();
        }
        const end = all.indexOf(CRLF2);
        if (end < 0) {
          if (all.length >= 7 && all.subarray(0, 7).toString('latin1') !== 'WARC/1.')
            parseHead(all.subarray(0, 20).toString('latin1'), number);
          if (all.length > MAX_HEADER_BYTES)
            throw new WarcSplitError(
              number,
              `no end of the WARC header within ${MAX_HEADER_BYTES / 1024} kB`,
            );
          return;
        }
        head = {
          ...parseHead(all.subarray(0, end).toString('latin1'), number),
          headLength: end + CRLF2.length,
        };
      }
      const total = head.headLength + head.length + CRLF2.length;
      if (head.length > maxRecordBytes) {
        options.onOversized?.({ number, offset, length: head.length });
        skipping = total;
        head = null;
        number++;
        continue;
      }
      if (pendingLength < total) return;
      const all = take();
      const bytes = Buffer.from(all.subarray(0, total));
      if (!bytes.subarray(total - CRLF2.length).equals(CRLF2)) {
        throw new WarcSplitError(
          number,
          `no CRLF CRLF after the ${head.length} bytes of Content-Length (wrong length or damaged record)`,
        );
      }
      drop(total);
      const type = (head.headers.get('warc-type')?.[0] ?? '').toLowerCase();
      yield { number, bytes, type, headers: head.headers, blockOffset: head.headLength };
      head = null;
      number++;
    }
  }

  try {
    for await (const chunk of source) {
      if (!chunk.length) continue;
      pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      pendingLength += chunk.length;
      yield* drain();
    }
  } catch (error) {
    if (error instanceof WarcSplitError) throw error;
    throw new WarcSplitError(number, sourceErrorText(error));
  }
  if (skipping)
    throw new WarcSplitError(number - 1, `truncated (${skipping} of its bytes missing)`);
  if (head) {
    const need = head.headLength + head.length + CRLF2.length;
    throw new WarcSplitError(number, `truncated (${pendingLength} of its ${need} bytes present)`);
  }
  if (pending.some((b) => b.some((x) => x !== 0x0d && x !== 0x0a)))
    throw new WarcSplitError(number, 'truncated inside its WARC header');
}
