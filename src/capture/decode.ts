/**
 * Bytes as served → text: the one decoder of the crawler, the crawled-page ingest and the generic
 * extractor. Pure; never throws.
 *
 * Charset order: a BOM; then Miniflux's rule, that bytes which are valid UTF-8 and not plain ASCII
 * are UTF-8 whatever was declared (servers that say iso-8859-1 by default while serving UTF-8
 * Korean are common, legacy bytes that happen to be valid UTF-8 vanishingly rare); then the HTTP
 * header; then `<meta>` in the first bytes; then a sniff for EUC-KR; then windows-1252, the web's
 * default for undeclared Western pages.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import {
  brotliDecompressSync,
  constants as zlib,
  gunzipSync,
  inflateRawSync,
  inflateSync,
} from 'node:zlib';

/**
 * Which rule chose. Valid UTF-8 that the header (else `<meta>`) also calls UTF-8 is `header` (`meta`);
 * `valid-utf8` is UTF-8 against or without a declaration, plain ASCII included.
 */
export type CharsetSource = 'bom' | 'valid-utf8' | 'header' | 'meta' | 'sniff' | 'fallback';

export interface CharsetDecision {
  /** The WHATWG encoding name, e.g. `utf-8`, `windows-1252`, `euc-kr`. */
  charset: string;
  source: CharsetSource;
  /** What the header (else `<meta>`) declared, when it was overruled or unsupported. */
  declared: string | null;
}

export interface DecodedText extends CharsetDecision {
  text: string;
}

export interface ContentDecoding {
  /** The bytes with every content coding undone; as received when one could not be. */
  bytes: Uint8Array;
  /** Why the codings could not be undone (the raw bytes stay in the WARC record), or null. */
  error: string | null;
}

/** How far into the body `<meta charset>` is looked for. */
export const META_PRESCAN_BYTES = 2048;

/** Largest decoded body (a guard against compression bombs). */
const MAX_DECODED_BYTES = 64 * 1024 * 1024;

function undoCoding(coding: string, bytes: Uint8Array): Uint8Array {
  // A sync flush keeps what a truncated body did deliver instead of throwing it all away.
  const opts = { maxOutputLength: MAX_DECODED_BYTES, finishFlush: zlib.Z_SYNC_FLUSH };
  if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(bytes, opts);
  // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate (RFC 9110 §8.4.1.2).
  if (coding === 'deflate')
    return (hasZlibHeader(bytes) ? inflateSync : inflateRawSync)(bytes, opts);
  if (coding === 'br') return brotliDecompressSync(bytes, { maxOutputLength: MAX_DECODED_BYTES });
  throw new Error(`unsupported content coding "${coding}"`);
}

function hasZlibHeader(bytes: Uint8Array): boolean {
  const [cmf, flg] = [bytes[0] ?? 0, bytes[1] ?? 0];
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

/** Undoes a Content-Encoding such as `gzip` or `deflate, br` (applied in that order, undone last first). */
export function decodeContent(
  body: Uint8Array,
  contentEncoding: string | null | undefined,
): ContentDecoding {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  let bytes = body;
  try {
    for (const coding of [...codings].reverse()) bytes = undoCoding(coding, bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { bytes: body, error: `${codings.join(', ')}: ${reason}` };
  }
  return { bytes, error: null };
}

/** The WHATWG name for a label, or null when TextDecoder does not support it. */
function normaliseCharset(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/** `charset=` of a media type (`text/html; charset="EUC-KR"`, also a `<meta content>`). */
function charsetParameter(mediaType: string | null | undefined): string | null {
  const match = /(?:^|;)\s*charset\s*=\s*("[^"]*"|'[^']*'|[^\s;]*)/i.exec(mediaType ?? '');
  return match?.[1]!.replace(/["']/g, '').trim() || null;
}

/** Attribute name → value of one tag's text; bounded by the tag, no nested quantifiers. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  const attribute = /([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;
  for (const [, name, value = ''] of tag.matchAll(attribute)) {
    const key = name!.toLowerCase();
    if (!found.has(key)) found.set(key, value.replace(/^["']|["']$/g, ''));
  }
  return found;
}

/** `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first bytes. */
export function metaCharset(bytes: Uint8Array): string | null {
  // latin1 maps every byte to one char, so the ASCII markup reads the same whatever the encoding.
  const head = latin1(bytes.subarray(0, META_PRESCAN_BYTES));
  for (const [tag] of head.matchAll(/<meta\b[^>]{0,1024}>/gi)) {
    const attrs = attributes(tag.slice(5, -1));
    const http = attrs.get('http-equiv')?.toLowerCase() === 'content-type';
    const label = attrs.get('charset') || (http ? charsetParameter(attrs.get('content')) : null);
    // A self-closing `<meta charset=utf-8/>` does not mean the label `utf-8/`.
    if (label?.trim()) return label.trim().replace(/\/$/, '');
  }
  return null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** The bytes without a multi-byte UTF-8 character cut off at the very end (a truncated body). */
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

/**
 * EUC-KR when most high bytes pair up as KS X 1001 characters (lead and trail 0xA1–0xFE), which is
 * what legacy Korean pages are.
 */
function looksEucKr(bytes: Uint8Array): boolean {
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
  return high > 0 && (pairs * 2) / high > 0.8;
}

/** What the header, else `<meta>`, declares, when TextDecoder supports it. */
function declaration(
  header: string | null,
  meta: string | null,
): Omit<CharsetDecision, 'declared'> | null {
  // Without a BOM, UTF-16 cannot be told from the ASCII the header or `<meta>` was read in.
  const fromHeader = header ? normaliseCharset(header) : null;
  if (fromHeader && !fromHeader.startsWith('utf-16'))
    return { charset: fromHeader, source: 'header' };
  const fromMeta = meta ? normaliseCharset(meta) : null;
  if (fromMeta && !fromMeta.startsWith('utf-16')) return { charset: fromMeta, source: 'meta' };
  return null;
}

function choose(
  bytes: Uint8Array,
  header: string | null,
  meta: string | null,
): Omit<CharsetDecision, 'declared'> {
  const bom = bomCharset(bytes);
  if (bom) return { charset: bom, source: 'bom' };
  const declared = declaration(header, meta);
  const uncut = withoutCutCharacter(bytes);
  if (!isAscii(uncut) && isUtf8(uncut)) {
    return declared?.charset === 'utf-8' ? declared : { charset: 'utf-8', source: 'valid-utf8' };
  }
  if (declared) return declared;
  if (isAscii(bytes)) return { charset: 'utf-8', source: 'valid-utf8' };
  if (looksEucKr(bytes)) return { charset: 'euc-kr', source: 'sniff' };
  return { charset: 'windows-1252', source: 'fallback' };
}

/** Decides the encoding of `bytes` served with this Content-Type (null or absent when there was none). */
export function detectCharset(bytes: Uint8Array, contentType?: string | null): CharsetDecision {
  const header = charsetParameter(contentType);
  const meta = metaCharset(bytes);
  const decision = choose(bytes, header, meta);
  const label = header ?? meta;
  const declared = label && normaliseCharset(label) !== decision.charset ? label : null;
  return { ...decision, declared };
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

// windows-1252's 0x80–0x9F; the five bytes it leaves undefined stay C1 controls, as in browsers.
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';

/**
 * windows-1252 by hand: Node 20's TextDecoder('windows-1252'), and so every label WHATWG maps to it
 * (latin1, iso-8859-1, us-ascii, …), decodes ISO-8859-1 instead and turns `’` (0x92) into U+0092.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return latin1(bytes).replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** The text of `bytes` (content codings already undone) and how its charset was chosen. */
export function decodeText(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const decision = detectCharset(bytes, contentType);
  const { charset } = decision;
  const text =
    charset === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(charset).decode(bytes);
  return { text, ...decision };
}

/** A body as received → its text; `codingError` says why the Content-Encoding could not be undone. */
export function decodeResponse(
  body: Uint8Array,
  headers: { contentType?: string | null; contentEncoding?: string | null },
): DecodedText & { codingError: string | null } {
  const content = decodeContent(body, headers.contentEncoding);
  return { ...decodeText(content.bytes, headers.contentType), codingError: content.error };
}
