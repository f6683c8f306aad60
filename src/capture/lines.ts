/**
 * Splits a byte stream into lines with their 1-based numbers, holding at most one line in memory.
 * Lines stay bytes until the caller decodes them, so invalid UTF-8 is reported per line.
 */
export interface NumberedLine {
  number: number;
  bytes: Buffer;
  /** False for a last line the input cut off before its newline. */
  terminated: boolean;
  /** Set for a line longer than the cap: its length in bytes; `bytes` is then empty. */
  oversized?: number;
}

/**
 * `maxBytes`: a longer line is counted, not kept, so one hostile line cannot fill memory; it comes
 * out empty with `oversized` set, and the lines after it are read as usual.
 */
export async function* numberedLines(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes = Infinity,
): AsyncGenerator<NumberedLine> {
  let pending: Buffer[] = [];
  let length = 0;
  let over = false;
  let number = 0;
  const add = (piece: Buffer) => {
    length += piece.length;
    if (over) return;
    if (length > maxBytes) {
      over = true;
      pending = [];
    } else pending.push(piece);
  };
  const finish = (terminated: boolean): NumberedLine => {
    const line: NumberedLine = over
      ? { number: ++number, bytes: Buffer.alloc(0), terminated, oversized: length }
      : { number: ++number, bytes: stripCr(joined(pending)), terminated };
    pending = [];
    length = 0;
    over = false;
    return line;
  };
  for await (const chunk of chunks) {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let nl = buf.indexOf(0x0a);
    while (nl >= 0) {
      add(buf.subarray(0, nl));
      yield finish(true);
      buf = buf.subarray(nl + 1);
      nl = buf.indexOf(0x0a);
    }
    if (buf.length) add(Buffer.from(buf));
  }
  if (length > 0) yield finish(false);
}

const joined = (parts: Buffer[]) => (parts.length === 1 ? parts[0]! : Buffer.concat(parts));

function stripCr(line: Buffer): Buffer {
  return line.length && line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8, or says where it is invalid. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { error: string } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    return { error: `invalid UTF-8 at byte ${firstInvalidByte(bytes)}` };
  }
}

function firstInvalidByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // Longest valid prefix by bisection (a cut inside a multi-byte char also fails, so the answer is within 3 bytes).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}
