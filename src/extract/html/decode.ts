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
    return { text: meta.decode(bytes), encoding: meta.encoding, basis: 'meta' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', basis: 'valid-utf8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', basis: 'fallback' };
  }
}
