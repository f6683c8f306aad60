/** WARC files for the import tests, written the way other tools write them. */
import { readFileSync } from 'node:fs';
import { WARCRecord, WARCSerializer } from 'warcio';

export const RODONG_URL =
  'http://www.rodong.rep.kp/en/index.php?strPageID=SF01_02_01&newsID=2022-03-11-0003';

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** A WARC as another tool writes it: WARC/1.0, a warcinfo record, the response before its request, no wirewatch fields. */
export async function foreignWarc(): Promise<Uint8Array[]> {
  const date = '2022-03-12T08:00:00Z';
  const enc = new TextEncoder();
  const info = WARCRecord.createWARCInfo(
    { filename: 'other.warc', warcVersion: 'WARC/1.0' },
    { software: 'another-crawler 1.0' },
  );
  const response = WARCRecord.create(
    {
      url: RODONG_URL,
      date,
      type: 'response',
      warcVersion: 'WARC/1.0',
      statusline: 'HTTP/1.1 200 OK',
      httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
    },
    once(readFileSync(new URL('../fixtures/site/rodong-article.html', import.meta.url))),
  );
  const request = WARCRecord.create(
    {
      url: RODONG_URL,
      date,
      type: 'request',
      warcVersion: 'WARC/1.0',
      statusline: 'GET /en/index.php?strPageID=SF01_02_01&newsID=2022-03-11-0003 HTTP/1.1',
      httpHeaders: { Host: 'www.rodong.rep.kp' },
      warcHeaders: { 'WARC-Concurrent-To': response.warcHeaders.headers.get('WARC-Record-ID')! },
    },
    once(enc.encode('')),
  );
  return Promise.all(
    [info, response, request].map((r) => WARCSerializer.serialize(r, { gzip: false })),
  );
}

/** One response record (no request), as a minimal foreign tool writes it. */
export async function responseRecord(
  url: string,
  statusline: string,
  headers: Record<string, string>,
  body: Uint8Array,
  date: string,
): Promise<Uint8Array> {
  const record = WARCRecord.create(
    { url, date, type: 'response', warcVersion: 'WARC/1.0', statusline, httpHeaders: headers },
    once(body),
  );
  return WARCSerializer.serialize(record, { gzip: false });
}
