/**
 * An Exchange as WARC/1.1 records. Every exchange becomes records, failures included:
 *
 * - a response: `request` + `response` (WARC-Truncated `length` / `time` / `disconnect` when the body
 *   was cut off), plus a `metadata` record naming the error if one cut it off;
 * - no response (reset, timeout, refused connection): `request` + `metadata` describing the error;
 * - nothing sent (robots.txt, SSRF guard, backed-off host): a lone `metadata` record with the reason.
 *
 * WARC 1.1 has no record type for "the fetch failed"; `metadata` records (application/warc-fields)
 * tied to the request by WARC-Concurrent-To are what Heritrix and others use for the same purpose.
 * Fields written by wirewatch start with `wirewatch-`.
 *
 * The request record is rebuilt from the headers wirewatch gave undici, which may add `connection`
 * and `content-length`; response headers come lower-cased from undici. undici removes chunked
 * transfer-coding, so a `transfer-encoding` header is renamed `x-wirewatch-orig-transfer-encoding`,
 * or readers would try to de-chunk a body that is no longer chunked.
 */
import { randomUUID } from 'node:crypto';
import { serializeWarcRecord, WARCRecord } from '../../capture/warc.js';
import type { Exchange, Header } from './exchange.js';

export type WarcRecordType = 'request' | 'response' | 'metadata';

export interface SerializedRecord {
  type: WarcRecordType;
  id: string;
  /** Uncompressed record bytes. */
  bytes: Uint8Array;
}

const newId = () => `<urn:uuid:${randomUUID()}>`;

async function* once(bytes: Uint8Array | null): AsyncGenerator<Uint8Array> {
  if (bytes && bytes.length) yield bytes;
}

function requestLine(exchange: Exchange): string {
  const url = new URL(exchange.url);
  return `${exchange.method} ${url.pathname}${url.search} HTTP/1.1`;
}

function responseHeaders(headers: Header[]): Header[] {
  return headers.map(([name, value]) =>
    name === 'transfer-encoding' ? ['x-wirewatch-orig-transfer-encoding', value] : [name, value],
  );
}

function warcFields(fields: Record<string, string | number | null>): Uint8Array {
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}: ${String(v).replace(/[\r\n]+/g, ' ')}\r\n`);
  return new TextEncoder().encode(lines.join(''));
}

export async function exchangeToWarc(exchange: Exchange): Promise<SerializedRecord[]> {
  const date = exchange.startedAt;
  const url = exchange.url;
  const out: SerializedRecord[] = [];
  const ipHeader: Record<string, string> = exchange.ip ? { 'WARC-IP-Address': exchange.ip } : {};

  // Nothing was sent when the request was refused, or when the host name did not even resolve.
  const nothingSent = exchange.response === null && exchange.requestHeaders.length === 0;
  if (exchange.refused || nothingSent) {
    const id = newId();
    const fields = warcFields({
      'wirewatch-outcome': exchange.refused ? 'refused' : 'network-error',
      'wirewatch-purpose': exchange.purpose,
      'wirewatch-method': exchange.method,
      'wirewatch-refusal': exchange.refused,
      'wirewatch-error-code': exchange.error?.code ?? null,
      'wirewatch-error': exchange.error?.message ?? null,
    });
    const record = WARCRecord.create(
      {
        url,
        date,
        type: 'metadata',
        warcVersion: 'WARC/1.1',
        warcHeaders: { 'WARC-Record-ID': id, 'Content-Type': 'application/warc-fields' },
      },
      once(fields),
    );
    out.push({ type: 'metadata', id, bytes: await serializeWarcRecord(record, fields) });
    return out;
  }

  const requestId = newId();
  const responseId = exchange.response ? newId() : null;
  const request = WARCRecord.create(
    {
      url,
      date,
      type: 'request',
      warcVersion: 'WARC/1.1',
      statusline: requestLine(exchange),
      httpHeaders: exchange.requestHeaders,
      warcHeaders: {
        'WARC-Record-ID': requestId,
        ...ipHeader,
        ...(responseId ? { 'WARC-Concurrent-To': responseId } : {}),
      },
    },
    once(exchange.requestBody),
  );
  out.push({
    type: 'request',
    id: requestId,
    bytes: await serializeWarcRecord(request, exchange.requestBody),
  });

  const response = exchange.response;
  if (response && responseId) {
    const record = WARCRecord.create(
      {
        url,
        date,
        type: 'response',
        warcVersion: 'WARC/1.1',
        statusline: `HTTP/1.1 ${response.status} ${response.statusText}`.trimEnd(),
        httpHeaders: responseHeaders(response.headers),
        warcHeaders: {
          'WARC-Record-ID': responseId,
          ...ipHeader,
          'WARC-Concurrent-To': requestId,
          ...(response.truncated ? { 'WARC-Truncated': response.truncated } : {}),
        },
      },
      once(response.body),
    );
    out.push({
      type: 'response',
      id: responseId,
      bytes: await serializeWarcRecord(record, response.body),
    });
  }

  if (exchange.error) {
    const id = newId();
    const fields = warcFields({
      'wirewatch-outcome': response ? 'truncated' : 'network-error',
      'wirewatch-purpose': exchange.purpose,
      'wirewatch-error-code': exchange.error.code,
      'wirewatch-error': exchange.error.message,
      'wirewatch-duration-ms': exchange.durationMs,
      'wirewatch-bytes-received': response ? response.body.length : 0,
    });
    const record = WARCRecord.create(
      {
        url,
        date,
        type: 'metadata',
        warcVersion: 'WARC/1.1',
        warcHeaders: {
          'WARC-Record-ID': id,
          'WARC-Concurrent-To': responseId ?? requestId,
          'Content-Type': 'application/warc-fields',
        },
      },
      once(fields),
    );
    out.push({ type: 'metadata', id, bytes: await serializeWarcRecord(record, fields) });
  }
  return out;
}
