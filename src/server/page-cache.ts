/**
 * Rendered pages kept in memory while the archive has not changed, and conditional requests.
 *
 * An article page costs a dozen store reads and a render; the same bytes come out until something is
 * written. So the answer to a GET is kept under its host, URL and the UTC day, with the store's change
 * token read *before* the page was made (store/types.ts: changeToken): a later request with the same
 * token gets the bytes again, and any write, by this process or another, makes every kept page stale.
 * The day is in the key because a few pages count days up to today. Pages that depend on the clock more
 * finely (the Sources page's crawl queue, searches with `archived:24h`) are not routed through here.
 *
 * Every answer that passes gets an ETag (a hash of its bytes) and `Cache-Control: no-cache`, so a
 * browser asks again with If-None-Match and gets 304 Not Modified while the page is the same.
 *
 * Pages are kept gzip-compressed (a third of their size, so three times as many fit) and sent so to a
 * client that accepts gzip, as every browser does; another gets them inflated (tens of microseconds).
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { ArchiveStore } from '../store/types.js';
import { utcToday } from '../history/coverage-report.js';

/** What the cache holds at most, in compressed bytes of page bodies: about 8,000 article pages. */
export const PAGE_CACHE_BYTES = 32 * 1024 * 1024;
/** Larger answers are served but not kept (a long list of changes, say). */
const MAX_ENTRY_BYTES = 1024 * 1024;
const CACHED_TYPES = /^(text\/html|application\/json)\b/;

interface Entry {
  token: string;
  status: number;
  headers: [string, string][];
  /** The body, gzip-compressed. */
  gzip: Buffer;
  /** The ETag of the body as made; the gzip form's is `<etag>-gz` (a representation of its own). */
  etag: string;
}

export interface PageCacheOptions {
  /** Compressed bytes kept at most; 0 keeps nothing (every page is made anew, still with an ETag). */
  maxBytes?: number;
  today?: () => string;
}

export function pageCache(store: ArchiveStore, options: PageCacheOptions = {}): MiddlewareHandler {
  const maxBytes = options.maxBytes ?? PAGE_CACHE_BYTES;
  const today = options.today ?? utcToday;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const forget = (key: string) => {
    const old = entries.get(key);
    if (old) bytes -= old.gzip.byteLength;
    entries.delete(key);
  };

  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const token = await store.changeToken();
    const key = `${c.req.header('host') ?? ''} ${today()} ${c.req.url}`;
    const kept = entries.get(key);
    if (kept && kept.token === token) {
      entries.delete(key);
      entries.set(key, kept);
      return answer(kept, c.req.header('if-none-match'), c.req.header('accept-encoding'));
    }
    await next();
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || !CACHED_TYPES.test(type) || !res.body) return;
    const body = Buffer.from(await res.arrayBuffer());
    const entry: Entry = {
      token,
      status: res.status,
      headers: [...res.headers.entries()].filter(([name]) => name !== 'content-length'),
      gzip: gzipSync(body),
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    };
    if (!entry.headers.some(([name]) => name === 'cache-control'))
      entry.headers.push(['cache-control', 'no-cache']);
    entry.headers.push(['vary', 'Accept-Encoding']);
    forget(key);
    const size = entry.gzip.byteLength;
    if (body.byteLength <= MAX_ENTRY_BYTES && size <= maxBytes) {
      entries.set(key, entry);
      bytes += size;
      for (const oldest of entries.keys()) {
        if (bytes <= maxBytes) break;
        forget(oldest);
      }
    }
    c.res = undefined;
    c.res = answer(entry, c.req.header('if-none-match'), c.req.header('accept-encoding'), body);
  };
}

/** The entry for one request: 304, the gzip bytes, or the page as made (`plain`, or inflated). */
function answer(
  entry: Entry,
  ifNoneMatch: string | undefined,
  acceptEncoding: string | undefined,
  plain?: Buffer,
): Response {
  const gzip = acceptsGzip(acceptEncoding);
  const gzipTag = `${entry.etag.slice(0, -1)}-gz"`;
  const headers = new Headers(entry.headers);
  headers.set('etag', gzip ? gzipTag : entry.etag);
  // Either form's tag names the same page (a client may ask with the other encoding next time).
  if (ifNoneMatch !== undefined && matches(ifNoneMatch, [entry.etag, gzipTag])) {
    headers.delete('content-type');
    return new Response(null, { status: 304, headers });
  }
  if (gzip) headers.set('content-encoding', 'gzip');
  const body = gzip ? entry.gzip : (plain ?? gunzipSync(entry.gzip));
  headers.set('content-length', String(body.byteLength));
  // A Buffer is a Uint8Array over a plain (never shared) ArrayBuffer.
  return new Response(body as Uint8Array<ArrayBuffer>, {
    status: entry.status,
    headers,
  });
}

/** Accept-Encoding names gzip (or `*`) without `q=0` (RFC 9110, 12.5.3). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') return false;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    return q === undefined || Number(q) > 0;
  });
}

/** If-None-Match: `*`, or a list of tags compared weakly (RFC 9110, 13.1.2). */
function matches(header: string, etags: string[]): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || etags.includes(tag));
}
