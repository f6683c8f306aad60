/**
 * Bytes of an HTML page → text. Order: a byte-order mark, then the charset the page declares in its
 * first 1,024 bytes (`<meta charset>` or `http-equiv` content), else UTF-8 when the bytes are valid
 * UTF-8, else windows-1252 (what browsers assume for undeclared Western pages). Pure; never throws.
 */

export interface DecodedHtml {
  text: string;
  /** The encoding used, as TextDecoder names it (`utf-8`, `windows-1252`, …). */
  encoding: string;
  /** How it was chosen. */
  basis: 'bom' | 'meta' | 'valid-utf8' | 'fallback';
}

const META_CHARSET = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})/i;

// windows-1252's 0x80–0x9F (0 = undefined there, kept as the C1 control, as browsers do).
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * windows-1252 by hand: Node 20's TextDecoder('windows-1252') decodes ISO-8859-1 instead, so
 * `’` (0x92) became an invisible control character.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    const codes = Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}

function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string {
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null; // an unknown label: fall through to the next rule
  }
}

function bomOf(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** The charset label the page declares near its start, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  // latin1 maps every byte to one char, so the ASCII markup reads right whatever the encoding.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  return META_CHARSET.exec(head)?.[1] ?? null;
}

export function decodeHtml(bytes: Uint8Array): DecodedHtml {
  const bom = bomOf(bytes);
  if (bom) {
    // TextDecoder strips the BOM itself.
    return { text: new TextDecoder(bom).decode(bytes), encoding: bom, basis: 'bom' };
  }
  const declared = declaredCharset(bytes);
  const meta = declared ? decoderFor(declared) : null;
  // A page cannot declare UTF-16 in its own ASCII-readable bytes; browsers read that as UTF-8.
  if (meta && !meta.encoding.startsWith('utf-16')) {
    return { text: decodeWith(meta, bytes), encoding: meta.encoding, basis: 'meta' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', basis: 'valid-utf8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', basis: 'fallback' };
  }
}
