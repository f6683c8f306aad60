/**
 * Splits a byte stream into lines with their 1-based numbers, holding at most one line in memory.
 * Lines stay bytes until the caller decodes them, so invalid UTF-8 is reported per line.
 */
export interface NumberedLine {
  number: number;
  bytes: Buffer;
  /** False for a last line the input cut off before its newline. */
  terminated: boolean;
}

export async function* numberedLines(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<NumberedLine> {
  let pending: Buffer[] = [];
  let number = 0;
  for await (const chunk of chunks) {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let nl = buf.indexOf(0x0a);
    while (nl >= 0) {
      pending.push(buf.subarray(0, nl));
      const line = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      pending = [];
      yield { number: ++number, bytes: stripCr(line), terminated: true };
      buf = buf.subarray(nl + 1);
      nl = buf.indexOf(0x0a);
    }
    if (buf.length) pending.push(Buffer.from(buf));
  }
  if (pending.length)
    yield { number: ++number, bytes: stripCr(Buffer.concat(pending)), terminated: false };
}

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
