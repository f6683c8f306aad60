/**
 * One exchange with a server: what was asked, and whatever came back, failure included.
 *
 * Every attempt, retry and redirect hop is its own exchange, and every exchange is handed to the
 * fetcher's `onExchange` before anything looks at it (store first, extract second). A refusal (robots,
 * SSRF, back-off) is an exchange too, with nothing sent, so the archive can say why a page is missing.
 */

/** Why a body is incomplete, in WARC 1.1's `WARC-Truncated` vocabulary. */
export type Truncation = 'length' | 'time' | 'disconnect';

export type Header = [name: string, value: string];

export interface ExchangeResponse {
  status: number;
  statusText: string;
  /**
   * Response headers as undici reports them: names lower-cased, repeated headers as separate entries.
   * The original order and case are not available from undici's `request`.
   */
  headers: Header[];
  /** The bytes that arrived (content-coding not undone; chunked transfer-coding removed by undici). */
  body: Buffer;
  /** Null when the whole body arrived. */
  truncated: Truncation | null;
}

export interface ExchangeError {
  /** Node / undici error code (`ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT`, …) or a wirewatch one. */
  code: string;
  message: string;
}

export interface Exchange {
  /** The page asked for, or the robots.txt checked on its behalf. */
  purpose: 'page' | 'robots';
  /** When the request started (ISO 8601, ms). */
  startedAt: string;
  durationMs: number;
  url: string;
  method: string;
  /** The headers wirewatch asked undici to send (undici may add `connection`, `content-length`). */
  requestHeaders: Header[];
  requestBody: Buffer | null;
  /** The address connected to (the one the SSRF guard checked and pinned); null when none was. */
  ip: string | null;
  /** Null when no response arrived (network error) or nothing was sent (refusal). */
  response: ExchangeResponse | null;
  /** The network error, also set beside a response whose body was cut off. */
  error: ExchangeError | null;
  /** Set when the request was not sent at all, with the reason. */
  refused: string | null;
}

/** First value of a response header (names are lower-case). */
export function headerValue(headers: Header[], name: string): string | null {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n === lower)?.[1] ?? null;
}

/** Every value of a response header, in order (for `set-cookie`). */
export function headerValues(headers: Header[], name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([n]) => n === lower).map(([, v]) => v);
}
