/**
 * The bytes of one page for `wirewatch extract`: a local file (gunzipped when it is gzip) or an
 * http(s) URL, fetched by the crawler's Fetcher: capped (10 s a hop, 10 MB), every redirect hop
 * through the SSRF guard. Failures are one-line `PageReadError`s.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { isGzip } from '../capture/sniff.js';
import { headerValues } from '../crawl/fetch/exchange.js';
import { Fetcher, type FetchResult } from '../crawl/fetch/fetcher.js';
import { PRIVATE_NETWORKS, type GuardOptions } from '../crawl/fetch/guard.js';

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
    throw new PageReadError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? oneLine(error)}`,
    );
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

export interface FetchPageOptions {
  /** Let the fetch reach private and loopback addresses (`--allow-private`): a page on this machine or network. */
  allowPrivate?: boolean;
  /** The guard's own settings, in place of `allowPrivate` (tests: one exact address, a resolver). */
  guard?: GuardOptions;
}

/**
 * Through the crawler's Fetcher, so the SSRF guard checks the first URL and every redirect (after DNS,
 * the address pinned). One page a person asked for is not a crawl: no robots.txt, no politeness
 * delay, no retries.
 */
export async function fetchPage(ref: string, options: FetchPageOptions = {}): Promise<PageBytes> {
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    throw new PageReadError(`not a valid URL: ${ref}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new PageReadError(`only http and https URLs can be fetched: ${url.href}`);
  const fetcher = new Fetcher({
    guard: options.guard ?? { allow: options.allowPrivate ? PRIVATE_NETWORKS : [] },
    robots: false,
    retry: { max: 0 },
    politeness: { minDelayMs: 0 },
    maxRedirects: MAX_REDIRECTS,
    connectTimeoutMs: FETCH_TIMEOUT_MS,
    limits: {
      headersTimeoutMs: FETCH_TIMEOUT_MS,
      bodyIdleTimeoutMs: FETCH_TIMEOUT_MS,
      totalTimeoutMs: FETCH_TIMEOUT_MS,
      maxBodyBytes: MAX_PAGE_BYTES,
    },
  });
  try {
    const result = await fetcher.fetch(url.href);
    if (result.outcome === 'ok') {
      const header = (name: string) => headerValues(result.headers, name).join(', ') || null;
      const served = {
        contentType: header('content-type'),
        contentEncoding: header('content-encoding'),
      };
      return { bytes: result.body, url: result.finalUrl, headers: served };
    }
    const opens =
      !options.allowPrivate &&
      !options.guard &&
      /\bis (private|loopback|unique-local)\b/.test(result.reason ?? '');
    throw new PageReadError(
      `cannot fetch ${result.finalUrl}: ${failure(result)}${opens ? ' (--allow-private to fetch it)' : ''}`,
    );
  } finally {
    await fetcher.close();
  }
}

const NO_ANSWER = `no answer within ${FETCH_TIMEOUT_MS / 1000} s`;

function failure(result: FetchResult): string {
  const reason = (result.reason ?? result.outcome).split('\n')[0]!.slice(0, 300);
  switch (result.outcome) {
    case 'refused':
      return `refused: ${reason}`;
    case 'redirect-error':
      return `cannot follow its redirects (${reason})`;
    case 'truncated':
      if (result.truncated === 'length') return `larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB`;
      return result.truncated === 'time'
        ? NO_ANSWER
        : 'the connection closed before the page was complete';
    case 'network-error':
      return /TIMEOUT|DEADLINE/.test(reason) ? NO_ANSWER : reason;
    default:
      return reason;
  }
}
