/**
 * The bytes of one page for `wirewatch extract`: a local file (gunzipped when it is gzip) or an
 * http(s) URL. Fetching is capped (10 s, 10 MB) and follows redirects by hand, so that each hop is
 * an http(s) URL and the cap holds across them. Failures are one-line `PageReadError`s.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { isGzip } from '../capture/sniff.js';

export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_PAGE_BYTES = 10 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export class PageReadError extends Error {}

export interface PageBytes {
  /** As served: a fetched body's Content-Encoding is not undone here. */
  bytes: Uint8Array;
  /** The final URL for a fetch (after redirects); null for a file. */
  url: string | null;
  /** The fetched response's Content-Type and Content-Encoding; null for a file. */
  headers: { contentType: string | null; contentEncoding: string | null };
}

const NO_HEADERS = { contentType: null, contentEncoding: null };

export function isUrl(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref);
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}

export async function readPageFile(path: string): Promise<PageBytes> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new PageReadError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? oneLine(error)}`);
  }
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_PAGE_BYTES * 10 });
    } catch (error) {
      throw new PageReadError(`cannot gunzip ${path}: ${oneLine(error)}`);
    }
  }
  return { bytes, url: null, headers: NO_HEADERS };
}

export async function fetchPage(ref: string): Promise<PageBytes> {
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    throw new PageReadError(`not a valid URL: ${ref}`);
  }
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PageReadError(`only http and https URLs can be fetched: ${url.href}`);
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, { method: 'GET', signal, headers: { 'user-agent': 'wirewatch (+https://github.com/wirewatch)', accept: 'text/html,*/*;q=0.5' } });
    } catch (error) {
      throw new PageReadError(`cannot fetch ${url.href}: ${signal.aborted ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : oneLine(error)}`);
    }
    const { statusCode, headers, body } = response;
    if (statusCode >= 300 && statusCode < 400 && headers.location) {
      await body.dump();
      url = new URL(String(headers.location), url);
      continue;
    }
    if (statusCode >= 400) {
      await body.dump();
      throw new PageReadError(`cannot fetch ${url.href}: HTTP ${statusCode}`);
    }
    const header = (name: string) => [headers[name] ?? []].flat().join(', ') || null;
    const served = { contentType: header('content-type'), contentEncoding: header('content-encoding') };
    return { bytes: await readCapped(body, url.href, signal), url: url.href, headers: served };
  }
  throw new PageReadError(`cannot fetch ${ref}: more than ${MAX_REDIRECTS} redirects`);
}

/** undici has no body cap: read chunk by chunk and stop past the limit. */
async function readCapped(body: AsyncIterable<Uint8Array> & { destroy: () => unknown }, href: string, signal: AbortSignal): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += chunk.length;
      if (total > MAX_PAGE_BYTES) {
        body.destroy();
        throw new PageReadError(`cannot fetch ${href}: larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB`);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof PageReadError) throw error;
    throw new PageReadError(`cannot fetch ${href}: ${signal.aborted ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : oneLine(error)}`);
  }
  return Buffer.concat(chunks);
}
