/**
 * What the crawler writes into a `warc` capture's `options` (crawl/fetch/archive-sink.ts:
 * captureOptions), recovered from the records of an imported exchange, so that extraction
 * (ingest/crawled-page.ts) cannot tell an imported exchange from a crawled one.
 */
import { iterWarcRecords } from './warc.js';
import { block, header, type RawWarcRecord } from './warc-split.js';

export interface ExchangeProvenance {
  url: string;
  /** The exchange's WARC-Date: when it was fetched, which is what a capture's time means. */
  capturedAt: string | null;
  options: Record<string, string | number>;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** `application/warc-fields` of a metadata record (the crawler's `wirewatch-*` outcome fields). */
function warcFields(record: RawWarcRecord): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block(record).toString('utf8').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return fields;
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export async function exchangeProvenance(records: RawWarcRecord[]): Promise<ExchangeProvenance> {
  const response = records.find((r) => r.type === 'response');
  const request = records.find((r) => r.type === 'request');
  const meta = new Map<string, string>();
  for (const r of records)
    if (r.type === 'metadata') for (const [k, v] of warcFields(r)) meta.set(k, v);
  const primary = response ?? request ?? records[0]!;
  const url =
    header(primary, 'warc-target-uri') ??
    records.map((r) => header(r, 'warc-target-uri')).find(Boolean) ??
    '';
  const capturedAt = isoDate(records.map((r) => header(r, 'warc-date')).find(Boolean) ?? null);

  const requestLine = request
    ? block(request).subarray(0, 256).toString('latin1').split('\r\n')[0]!
    : '';
  const method = /^[A-Z]+(?= )/.exec(requestLine)?.[0] ?? meta.get('wirewatch-method') ?? 'GET';
  let purpose = meta.get('wirewatch-purpose');
  if (purpose !== 'page' && purpose !== 'robots')
    purpose = safePath(url) === '/robots.txt' ? 'robots' : 'page';
  const options: Record<string, string | number> = { url, method, purpose };
  const ip = header(response ?? request ?? primary, 'warc-ip-address');
  if (ip) options.ip = ip;
  if (response) {
    try {
      for await (const parsed of iterWarcRecords(once(response.bytes))) {
        if (parsed.httpStatus !== null) options.status = parsed.httpStatus;
        const contentType = parsed.httpHeaders.find(
          ([n]) => n.toLowerCase() === 'content-type',
        )?.[1];
        if (contentType) options.contentType = contentType;
      }
    } catch {
      // An HTTP message warcio cannot read: no status, so the exchange is kept and not extracted.
    }
    const digest = /^sha256:([0-9a-f]{64})$/i.exec(header(response, 'warc-payload-digest') ?? '');
    if (digest) options.payloadSha256 = digest[1]!.toLowerCase();
    const truncated = header(response, 'warc-truncated');
    if (truncated) options.truncated = truncated;
  }
  const code = meta.get('wirewatch-error-code');
  const message = meta.get('wirewatch-error');
  if (code || message) options.error = `${code ?? 'error'}: ${message ?? ''}`;
  const refused = meta.get('wirewatch-refusal');
  if (refused) options.refused = refused;
  return { url, capturedAt, options };
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
