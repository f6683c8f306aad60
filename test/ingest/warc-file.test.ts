/**
 * The pieces of WARC import against what the crawler writes: a file of crawler records with no export
 * sidecars is still cut at the crawler's exchange boundaries (same sha-256 per capture), and the options
 * recovered from the records are the ones the crawler stored. Breaks name their record.
 */
import { describe, expect, it } from 'vitest';
import { warcCaptureSha256 } from '../../src/capture/capture-warc.js';
import { groupExchanges } from '../../src/capture/warc-exchanges.js';
import { exchangeProvenance } from '../../src/capture/warc-provenance.js';
import { splitWarcRecords, WarcSplitError } from '../../src/capture/warc-split.js';
import { captureOptions } from '../../src/crawl/fetch/archive-sink.js';
import type { Exchange } from '../../src/crawl/fetch/exchange.js';
import { exchangeToWarc } from '../../src/crawl/fetch/warc-exchange.js';

const base: Exchange = {
  purpose: 'page',
  startedAt: '2026-03-01T10:00:00.123Z',
  durationMs: 12,
  url: 'http://www.rodong.rep.kp/en/index.php?strPageID=SF01_02_01&newsID=1',
  method: 'GET',
  requestHeaders: [['user-agent', 'wirewatch']],
  requestBody: null,
  ip: '203.0.113.5',
  response: null,
  error: null,
  refused: null,
};
const page = {
  status: 200,
  statusText: 'OK',
  headers: [
    ['content-type', 'text/html'],
    ['transfer-encoding', 'chunked'],
  ] as Array<[string, string]>,
  body: Buffer.from('<p>hi</p>'),
  truncated: null,
};

const exchanges: Exchange[] = [
  {
    ...base,
    purpose: 'robots',
    url: 'http://www.rodong.rep.kp/robots.txt',
    response: {
      ...page,
      headers: [['content-type', 'text/plain']],
      body: Buffer.from('User-agent: *\n'),
    },
  },
  { ...base, response: page },
  { ...base, startedAt: '2026-03-01T10:00:01.000Z', response: page }, // the same page again: its own capture
  {
    ...base,
    response: { ...page, body: Buffer.from('<p>cut'), truncated: 'length' },
    error: { code: 'BODY_TOO_LARGE', message: 'over the cap' },
  },
  { ...base, error: { code: 'ECONNRESET', message: 'socket hang up' } },
  { ...base, requestHeaders: [], ip: null, refused: 'robots.txt disallows it' },
  {
    ...base,
    method: 'POST',
    requestBody: Buffer.from('page_num=2'),
    response: { ...page, status: 404, statusText: 'Not Found' },
  },
];

async function* from(...chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

describe('WARC import of crawler records', () => {
  it('cuts a sidecar-less file at the crawler exchange boundaries and recovers the options the crawler stored', async () => {
    const written = await Promise.all(exchanges.map((e) => exchangeToWarc(e)));
    // Cut into odd-sized pieces, as a gunzip stream would hand them over.
    const all = Buffer.concat(written.flat().map((r) => r.bytes));
    const pieces: Buffer[] = [];
    for (let i = 0; i < all.length; i += 97) pieces.push(all.subarray(i, i + 97));
    const groups = [];
    for await (const group of groupExchanges(splitWarcRecords(from(...pieces)))) groups.push(group);
    expect(groups.map((g) => warcCaptureSha256(g.records.map((r) => r.bytes)))).toEqual(
      written.map((w) => warcCaptureSha256(w.map((r) => r.bytes))),
    );
    for (const [i, group] of groups.entries()) {
      const found = await exchangeProvenance(group.records);
      expect(found.options, exchanges[i]!.url).toEqual(captureOptions(exchanges[i]!, written[i]!));
      expect(found.capturedAt).toBe(exchanges[i]!.startedAt);
      expect(found.url).toBe(exchanges[i]!.url);
    }
  });

  it('names the record where a plain WARC breaks, after yielding the complete ones', async () => {
    const records = (await Promise.all(exchanges.slice(0, 2).map((e) => exchangeToWarc(e))))
      .flat()
      .map((r) => r.bytes);
    const all = Buffer.concat(records);
    const cut = all.subarray(0, all.length - 10);
    const seen: number[] = [];
    const error = await (async () => {
      try {
        for await (const record of splitWarcRecords(from(cut))) seen.push(record.number);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(seen).toEqual([1, 2, 3]);
    expect(error).toBeInstanceOf(WarcSplitError);
    expect((error as WarcSplitError).message).toMatch(
      /^record 4: truncated \(\d+ of its \d+ bytes present\)$/,
    );

    const damaged = Buffer.concat([
      records[0]!,
      Buffer.from('WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 3\r\n\r\nabcdef\r\n\r\n'),
    ]);
    await expect(
      (async () => {
        for await (const _ of splitWarcRecords(from(damaged))) void _;
      })(),
    ).rejects.toThrow(/^record 2: no CRLF CRLF after the 3 bytes/);
  });
});
