/**
 * Which character encoding a fetched page is in, and its text. Pure.
 *
 * The order is the HTML spec's (BOM, HTTP header, `<meta>` prescan, sniffing) with one rule from
 * Miniflux in front of the declarations: bytes that are valid UTF-8 and not plain ASCII are UTF-8,
 * whatever the header or `<meta>` claims. Servers that declare iso-8859-1 by default while serving
 * UTF-8 Korean are common; the reverse (legacy bytes that happen to be valid UTF-8) is vanishingly rare.
 */

export type CharsetSource = 'bom' | 'valid-utf8' | 'header' | 'meta' | 'sniff' | 'default';

export interface CharsetDecision {
  /** The WHATWG encoding name TextDecoder uses, e.g. `utf-8`, `windows-1252`, `euc-kr`. */
  charset: string;
  source: CharsetSource;
  /** What the header or `<meta>` declared, when it was overruled or unsupported. */
  declared: string | null;
}

/** How far into the body `<meta charset>` is looked for. */
export const META_PRESCAN_BYTES = 2048;

/** The WHATWG name for a label, or null when TextDecoder does not support it. */
export function normaliseCharset(label: string): string | null {
  const clean = label.trim().replace(/^["']|["']$/g, '');
  if (!clean) return null;
  try {
    return new TextDecoder(clean).encoding;
  } catch {
    return null;
  }
}

/** `charset=` from a Content-Type value (`text/html; charset="EUC-KR"`). */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = /;\s*charset\s*=\s*("[^"]*"|[^;\s]*)/i.exec(contentType ?? '');
  return match ? match[1]!.replace(/"/g, '').trim() || null : null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first bytes. */
export function metaCharset(bytes: Uint8Array): string | null {
  // latin1 maps every byte to one char, so the ASCII markup reads the same whatever the encoding.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_PRESCAN_BYTES)).toString('latin1');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?([^"'\s;/>]+)/i.exec(tag);
    if (direct && !/\bcontent\s*=/i.test(tag)) return direct[1]!;
    if (/http-equiv\s*=\s*["']?content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i.exec(tag);
      const charset = content ? charsetFromContentType(content[1]!.replace(/^["']|["']$/g, '')) : null;
      if (charset) return charset;
    }
  }
  return null;
}

/**
 * The bytes without a multi-byte UTF-8 character cut off at the very end (a truncated body), so that
 * the cut does not count against an otherwise valid UTF-8 body.
 */
function withoutCutCharacter(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if (b < 0x80) return bytes;
    if (b >= 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
    }
  }
  return bytes;
}

/** True when the bytes are valid UTF-8, a character cut off at the end excepted. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(withoutCutCharacter(bytes));
    return true;
  } catch {
    return false;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}

/**
 * Last resort for undeclared non-UTF-8 bytes: EUC-KR when most high bytes pair up as KS X 1001
 * characters (lead 0xA1–0xFE, trail 0xA1–0xFE), which is what legacy Korean pages are; otherwise
 * windows-1252, the web's default for undeclared Western pages.
 */
function sniff(bytes: Uint8Array): string {
  let pairs = 0;
  let high = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    high++;
    const next = bytes[i + 1];
    if (b >= 0xa1 && b <= 0xfe && next !== undefined && next >= 0xa1 && next <= 0xfe) {
      pairs++;
      high++;
      i++;
    }
  }
  return high > 0 && (pairs * 2) / high > 0.8 ? 'euc-kr' : 'windows-1252';
}

/** Decides the encoding of `bytes` served with this Content-Type (null when there was none). */
export function detectCharset(bytes: Uint8Array, contentType: string | null | undefined): CharsetDecision {
  const bom = bomCharset(bytes);
  if (bom) return { charset: bom, source: 'bom', declared: null };
  const headerLabel = charsetFromContentType(contentType);
  const metaLabel = metaCharset(bytes);
  const declaredLabel = headerLabel ?? metaLabel;
  const declared = declaredLabel ? normaliseCharset(declaredLabel) : null;
  if (!isAscii(withoutCutCharacter(bytes)) && isValidUtf8(bytes)) {
    return { charset: 'utf-8', source: 'valid-utf8', declared: declared === 'utf-8' ? null : declaredLabel };
  }
  const header = headerLabel ? normaliseCharset(headerLabel) : null;
  if (header && !header.startsWith('utf-16')) return { charset: header, source: 'header', declared: null };
  const meta = metaLabel ? normaliseCharset(metaLabel) : null;
  // A <meta> inside the bytes cannot truthfully say UTF-16: its own ASCII would be unreadable then.
  if (meta && !meta.startsWith('utf-16')) return { charset: meta, source: 'meta', declared: header ? null : headerLabel };
  if (isAscii(bytes)) return { charset: 'utf-8', source: 'default', declared: declaredLabel };
  return { charset: sniff(bytes), source: 'sniff', declared: declaredLabel };
}

/** The text of `bytes`, decoded as `detectCharset` decides; never throws (bad bytes become U+FFFD). */
export function decodeBody(bytes: Uint8Array, contentType: string | null | undefined): { text: string } & CharsetDecision {
  const decision = detectCharset(bytes, contentType);
  return { text: new TextDecoder(decision.charset).decode(bytes), ...decision };
}
