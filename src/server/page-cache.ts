/**
 * Rendered pages kept in memory while the archive has not changed, and conditional requests.
 *
 * An article page costs a dozen store reads and a render; the same bytes come out until something is
 * written. So the answer to a GET is kept under its host, the UTC day and the path as requested, with
 * the store's change token read *before* the page was made (store/types.ts: changeToken): a later
 * request with the same token gets the bytes again, and any write, by this process or another, makes
 * every kept page stale. The day is in the key because a few pages count days up to today. Pages that
 * depend on the clock more finely (the Sources page's crawl queue, searches with `archived:24h`) are
 * not routed through here.
 *
 * Every answer that passes gets an ETag (a hash of its bytes) and `Cache-Control: no-cache`, so a
 * browser asks again with If-None-Match and gets 304 Not Modified while the page is the same.
 *
 * Pages are kept gzip-compressed (a third of their size, so three times as many fit) and sent so to a
 * client that accepts gzip, as every browser does; another gets them inflated (tens of microseconds).
 * A kept page is also found without the app (`find`): server/fast-lane.ts answers from node:http.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { ArchiveStore } from '../store/types.js';
import { utcToday } from '../history/coverage-report.js';
import { changeTokenOf } from './change-token.js';

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

/**
 * `bytes` in memory of its own size. zlib's output is a view of its 16 KiB output buffer, which a kept
 * page of 6 KiB would hold whole: the cache's budget counted bytes that were 2–3 times as many.
 */
function exactly(bytes: Buffer): Buffer {
  return bytes.buffer.byteLength === bytes.byteLength ? bytes : Buffer.from(bytes);
}

/** An answer as it goes out: a 304 has no body. */
export interface KeptAnswer {
  status: number;
  headers: [string, string][];
  body: Buffer | null;
}

/** What a conditional request sent: `If-None-Match` and `Accept-Encoding`. */
export interface Conditions {
  ifNoneMatch: string | undefined;
  acceptEncoding: string | undefined;
}

export interface PageCacheOptions {
  /** Compressed bytes kept at most; 0 keeps nothing (every page is made anew, still with an ETag). */
  maxBytes?: number;
  today?: () => string;
}

export class PageCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly today: () => string;

  constructor(
    private readonly store: ArchiveStore,
    options: PageCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? PAGE_CACHE_BYTES;
    this.today = options.today ?? utcToday;
  }

  /**
   * The answer kept for a GET of `target` (path and query as requested) on `host` under `token`, or
   * null. A target kept under its normalised form is found by that form only: a request spelled
   * otherwise goes through the app, which normalises it.
   */
  find(
    host: string | undefined,
    target: string,
    token: string,
    conditions: Conditions,
  ): KeptAnswer | null {
    const key = this.keyOf(host, target);
    const kept = this.entries.get(key);
    if (!kept || kept.token !== token) return null;
    this.entries.delete(key);
    this.entries.set(key, kept);
    return answer(kept, conditions);
  }

  /** The middleware for the routes whose pages are kept. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (c.req.method !== 'GET') return next();
      const token = await changeTokenOf(this.store, c.req.raw);
      const url = c.req.url;
      const host = c.req.header('host');
      const target = url.slice(url.indexOf('/', url.indexOf('://') + 3));
      const conditions: Conditions = {
        ifNoneMatch: c.req.header('if-none-match'),
        acceptEncoding: c.req.header('accept-encoding'),
      };
      const kept = this.find(host, target, token, conditions);
      if (kept) return toResponse(kept);
      await next();
      const res = c.res;
      const type = res.headers.get('content-type') ?? '';
      if (res.status !== 200 || !CACHED_TYPES.test(type) || !res.body) return;
      const body = Buffer.from(await res.arrayBuffer());
      const headers = [...res.headers.entries()].filter(([name]) => name !== 'content-length');
      if (!headers.some(([name]) => name === 'cache-control'))
        headers.push(['cache-control', 'no-cache']);
      headers.push(['vary', 'Accept-Encoding']);
      const made = {
        token,
        status: res.status,
        headers,
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      };
      const entry = this.keep(this.keyOf(host, target), made, body);
      c.res = undefined;
      c.res = toResponse(entry ? answer(entry, conditions, body) : answer(made, conditions, body));
    };
  }

  private keyOf(host: string | undefined, target: string): string {
    return `${host ?? ''} ${this.today()} ${target}`;
  }

  /** Keeps a page, compressed, when it fits; the entry, or null when it was not kept. */
  private keep(key: string, made: Omit<Entry, 'gzip'>, body: Buffer): Entry | null {
    this.forget(key);
    // Compressing costs about as much as a small page: only what is kept is compressed.
    if (this.maxBytes === 0 || body.byteLength > MAX_ENTRY_BYTES) return null;
    const entry: Entry = { ...made, gzip: exactly(gzipSync(body)) };
    const size = entry.gzip.byteLength;
    if (size > this.maxBytes) return null;
    this.entries.set(key, entry);
    this.bytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldest);
    }
    return entry;
  }

  private forget(key: string): void {
    const old = this.entries.get(key);
    if (old) this.bytes -= old.gzip.byteLength;
    this.entries.delete(key);
  }
}

/**
 * One request's answer: 304, the gzip bytes, or the page as made (`plain`, or inflated). An entry not
 * kept (no gzip form) is answered from `plain`.
 */
function answer(
  entry: Omit<Entry, 'gzip'> & { gzip?: Buffer },
  conditions: Conditions,
  plain?: Buffer,
): KeptAnswer {
  const gzip = entry.gzip !== undefined && acceptsGzip(conditions.acceptEncoding);
  const gzipTag = `${entry.etag.slice(0, -1)}-gz"`;
  const headers = entry.headers.slice();
  headers.push(['etag', gzip ? gzipTag : entry.etag]);
  // Either form's tag names the same page (a client may ask with the other encoding next time).
  const { ifNoneMatch } = conditions;
  if (ifNoneMatch !== undefined && matches(ifNoneMatch, [entry.etag, gzipTag]))
    return {
      status: 304,
      headers: headers.filter(([name]) => name !== 'content-type'),
      body: null,
    };
  if (gzip) headers.push(['content-encoding', 'gzip']);
  const body = gzip ? entry.gzip! : (plain ?? gunzipSync(entry.gzip!));
  headers.push(['content-length', String(body.byteLength)]);
  return { status: entry.status, headers, body };
}

function toResponse(kept: KeptAnswer): Response {
  // A Buffer is a Uint8Array over a plain (never shared) ArrayBuffer.
  return new Response(kept.body as Uint8Array<ArrayBuffer> | null, {
    status: kept.status,
    headers: kept.headers,
  });
}

/** Accept-Encoding names gzip (or `*`) without `q=0` (RFC 9110, 12.5.3). */
function acceptsGzip(header: string | undefined): boolean {
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
