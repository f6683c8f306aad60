/**
 * One HTTP request on undici, with the limits undici does not enforce itself.
 *
 * undici has no body-size cap and its `bodyTimeout` only measures silence between chunks, so a server
 * that drips a byte a second or sends gigabytes would hold us forever. The body is streamed here and
 * cut off at `maxBodyBytes` or at the overall deadline; what arrived is kept and marked truncated.
 * This layer never follows redirects and never throws: failures come back inside the Exchange.
 */
import { request, type Dispatcher } from 'undici';
import type { Exchange, ExchangeError, Header, Truncation } from './exchange.js';

export interface ExchangeLimits {
  /** Time allowed for the response headers (after the connection is up). */
  headersTimeoutMs: number;
  /** Longest silence allowed between two body chunks. */
  bodyIdleTimeoutMs: number;
  /** Whole exchange, body included. */
  totalTimeoutMs: number;
  maxBodyBytes: number;
}

export interface ExchangeRequest {
  purpose: Exchange['purpose'];
  url: URL;
  method: 'GET' | 'POST';
  headers: Header[];
  body: Buffer | null;
  /** The address the guard pinned for this host, recorded as WARC-IP-Address. */
  ip: string | null;
}

class DeadlineError extends Error {
  readonly code = 'WIREWATCH_DEADLINE';
}

export async function performExchange(
  dispatcher: Dispatcher,
  req: ExchangeRequest,
  limits: ExchangeLimits,
): Promise<Exchange> {
  const started = Date.now();
  const exchange: Exchange = {
    purpose: req.purpose,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    url: req.url.href,
    method: req.method,
    requestHeaders: req.headers,
    requestBody: req.body,
    ip: req.ip,
    response: null,
    error: null,
    refused: null,
  };
  const abort = new AbortController();
  const deadline = setTimeout(
    () => abort.abort(new DeadlineError(`no complete response within ${limits.totalTimeoutMs} ms`)),
    limits.totalTimeoutMs,
  );
  try {
    const res = await request(req.url, {
      dispatcher,
      method: req.method,
      headers: Object.fromEntries(req.headers),
      body: req.body ?? undefined,
      headersTimeout: limits.headersTimeoutMs,
      bodyTimeout: limits.bodyIdleTimeoutMs,
      signal: abort.signal,
    });
    const headers = flattenHeaders(res.headers);
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated: Truncation | null = null;
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        if (size + chunk.length > limits.maxBodyBytes) {
          chunks.push(chunk.subarray(0, limits.maxBodyBytes - size));
          size = limits.maxBodyBytes;
          truncated = 'length';
          exchange.error = {
            code: 'WIREWATCH_BODY_TOO_LARGE',
            message: `body cut off at the ${limits.maxBodyBytes}-byte cap`,
          };
          break; // leaving the loop destroys the body stream, which aborts the connection
        }
        chunks.push(chunk);
        size += chunk.length;
      }
    } catch (error) {
      exchange.error = describeError(error, abort.signal);
      truncated = isTimeout(exchange.error) ? 'time' : 'disconnect';
    }
    exchange.response = {
      status: res.statusCode,
      statusText: res.statusText ?? '',
      headers,
      body: Buffer.concat(chunks, size),
      truncated,
    };
  } catch (error) {
    exchange.error = describeError(error, abort.signal);
  } finally {
    clearTimeout(deadline);
    exchange.durationMs = Date.now() - started;
  }
  return exchange;
}

/** undici's header object as a list, one entry per value of a repeated header. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Header[] {
  const out: Header[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.push([name.toLowerCase(), v]);
  }
  return out;
}

function describeError(error: unknown, signal: AbortSignal): ExchangeError {
  // An abort surfaces as a generic AbortError; the reason we gave is the useful part.
  const cause = signal.aborted && signal.reason instanceof Error ? signal.reason : error;
  const e = cause as (Error & { code?: string; cause?: { code?: string } }) | undefined;
  const code = e?.code ?? e?.cause?.code ?? e?.name ?? 'ERROR';
  return { code, message: e?.message ?? String(cause) };
}

export function isTimeout(error: ExchangeError): boolean {
  return /TIMEOUT|DEADLINE|ETIMEDOUT/.test(error.code);
}

/** Errors that mean the host dropped us: resets and closed sockets (sites.md: resets precede IP bans). */
export function isReset(error: ExchangeError): boolean {
  return /ECONNRESET|EPIPE|UND_ERR_SOCKET|ECONNREFUSED/.test(error.code);
}
