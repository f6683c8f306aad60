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
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ArchiveStore } from '../store/types.js';
import { utcToday } from '../history/coverage-report.js';

/** What the cache holds at most, in bytes of page bodies: a few thousand article pages. */
export const PAGE_CACHE_BYTES = 32 * 1024 * 1024;
/** Larger answers are served but not kept (a long list of changes, say). */
const MAX_ENTRY_BYTES = 1024 * 1024;
const CACHED_TYPES = /^(text\/html|application\/json)\b/;

interface Entry {
  token: string;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

export interface PageCacheOptions {
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
    if (old) bytes -= old.body.byteLength;
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
      return answer(kept, c.req.header('if-none-match'));
    }
    await next();
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || !CACHED_TYPES.test(type) || !res.body) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const entry: Entry = {
      token,
      status: res.status,
      headers: [...res.headers.entries()],
      body,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    };
    if (!entry.headers.some(([name]) => name === 'cache-control'))
      entry.headers.push(['cache-control', 'no-cache']);
    forget(key);
    if (body.byteLength <= MAX_ENTRY_BYTES) {
      entries.set(key, entry);
      bytes += body.byteLength;
      for (const oldest of entries.keys()) {
        if (bytes <= maxBytes) break;
        forget(oldest);
      }
    }
    c.res = undefined;
    c.res = answer(entry, c.req.header('if-none-match'));
  };
}

function answer(entry: Entry, ifNoneMatch: string | undefined): Response {
  const headers = new Headers(entry.headers);
  headers.set('etag', entry.etag);
  if (ifNoneMatch !== undefined && matches(ifNoneMatch, entry.etag)) {
    for (const name of ['content-type', 'content-length']) headers.delete(name);
    return new Response(null, { status: 304, headers });
  }
  return new Response(entry.body, { status: entry.status, headers });
}

/** If-None-Match: `*`, or a list of tags compared weakly (RFC 9110, 13.1.2). */
function matches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
