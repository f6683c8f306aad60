/**
 * What a capture holds, for a reader to inspect: a crawled exchange's WARC records (their headers,
 * the request line and headers, the response's status line and headers) and the response body as
 * text; any other capture's bytes as text. Text is cut at `maxChars` (a page is a few hundred KB;
 * the bytes stay whole in the archive and in the download).
 */
import type { ArchiveStore, CaptureRecord } from '../store/types.js';
import { decodeResponse, decodeText } from './decode.js';
import { captureContent } from './open-capture.js';
import { iterWarcRecords } from './warc.js';

export interface RecordView {
  type: string;
  warcHeaders: [string, string][];
  startLine: string | null;
  httpHeaders: [string, string][];
  payloadBytes: number;
}

export interface CaptureView {
  records: RecordView[];
  /** The page's URL (a crawled exchange's target) or the capture's origin. */
  url: string;
  /** The response body (or the whole capture) as text, and how it was decoded. */
  text: string;
  charset: string;
  truncated: boolean;
  contentType: string | null;
  /** True when the text is an HTML document that can be rendered inert. */
  html: boolean;
}

export const VIEW_MAX_CHARS = 1_000_000;

export async function readCaptureView(
  store: ArchiveStore,
  capture: CaptureRecord,
  maxChars = VIEW_MAX_CHARS,
): Promise<CaptureView> {
  if (capture.kind === 'warc') return warcView(store, capture, maxChars);
  const chunks: Buffer[] = [];
  let size = 0;
  // Enough bytes for maxChars characters of UTF-8 at most; the rest is not read.
  for await (const chunk of captureContent(store, capture)) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size > maxChars * 4) break;
  }
  const decoded = decodeText(Buffer.concat(chunks), capture.mediaType);
  return {
    records: [],
    url: capture.origin,
    ...cut(decoded.text, maxChars, size > maxChars * 4),
    charset: decoded.charset,
    contentType: capture.mediaType,
    html: /html/i.test(capture.mediaType),
  };
}

async function warcView(
  store: ArchiveStore,
  capture: CaptureRecord,
  maxChars: number,
): Promise<CaptureView> {
  const records: RecordView[] = [];
  const view: CaptureView = {
    records,
    url: capture.origin,
    text: '',
    charset: '',
    truncated: false,
    contentType: null,
    html: false,
  };
  for await (const r of iterWarcRecords(captureContent(store, capture))) {
    records.push({
      type: r.type,
      warcHeaders: Object.entries(r.warcHeaders),
      startLine: r.httpStartLine,
      httpHeaders: r.httpHeaders,
      payloadBytes: r.payload.byteLength,
    });
    if (r.type !== 'response' || view.contentType !== null) continue;
    const header = (name: string) =>
      r.httpHeaders.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
    view.url = r.warcHeaders['warc-target-uri'] ?? capture.origin;
    view.contentType = header('content-type')[0] ?? '';
    const decoded = decodeResponse(r.payload, {
      contentType: view.contentType,
      contentEncoding: header('content-encoding').join(', '),
    });
    Object.assign(view, cut(decoded.text, maxChars, false));
    view.charset = decoded.charset;
    view.html = /html/i.test(view.contentType) || /^\s*<(!doctype html|html)/i.test(view.text);
  }
  return view;
}

function cut(text: string, maxChars: number, more: boolean) {
  return text.length > maxChars
    ? { text: text.slice(0, maxChars), truncated: true }
    : { text, truncated: more };
}
