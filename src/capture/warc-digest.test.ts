import { describe, expect, it } from 'vitest';
import { serializeWarcRecord, WARCRecord } from './warc.js';

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  if (bytes.length) yield bytes;
}

/** The same record twice: its digests computed by warcio, then by node:crypto from the payload given. */
function pair(make: (body: Uint8Array) => WARCRecord, body: Uint8Array) {
  return Promise.all([serializeWarcRecord(make(body)), serializeWarcRecord(make(body), body)]);
}

describe('WARC digests computed here', () => {
  it('give the very bytes warcio writes, for a response, a request without body and metadata', async () => {
    const at = {
      url: 'http://kcna.test/a',
      date: '2026-12-01T00:00:00.000Z',
      warcVersion: 'WARC/1.1',
    } as const;
    const response = (body: Uint8Array) =>
      WARCRecord.create(
        {
          ...at,
          type: 'response',
          statusline: 'HTTP/1.1 200 OK',
          httpHeaders: [
            ['content-type', 'text/html; charset=utf-8'],
            ['x-a', 'é'],
          ] as unknown as Record<string, string>,
          warcHeaders: { 'WARC-Record-ID': '<urn:uuid:1>' },
        },
        once(body),
      );
    const request = (body: Uint8Array) =>
      WARCRecord.create(
        {
          ...at,
          type: 'request',
          statusline: 'GET /a HTTP/1.1',
          httpHeaders: [['host', 'kcna.test']] as unknown as Record<string, string>,
          warcHeaders: { 'WARC-Record-ID': '<urn:uuid:2>' },
        },
        once(body),
      );
    const metadata = (body: Uint8Array) =>
      WARCRecord.create(
        {
          ...at,
          type: 'metadata',
          warcHeaders: {
            'WARC-Record-ID': '<urn:uuid:3>',
            'Content-Type': 'application/warc-fields',
          },
        },
        once(body),
      );
    const page = new TextEncoder().encode('<p>Pyongyang, March 1 (KCNA) -- Körea.</p>');
    for (const [make, body] of [
      [response, page],
      [request, new Uint8Array(0)],
      [metadata, new TextEncoder().encode('wirewatch-outcome: refused\r\n')],
    ] as const) {
      const [byWarcio, byHere] = await pair(make, body);
      expect(Buffer.from(byHere).toString('latin1')).toBe(Buffer.from(byWarcio).toString('latin1'));
      expect(Buffer.from(byHere).toString('latin1')).toMatch(
        /WARC-Block-Digest: sha256:[0-9a-f]{64}/,
      );
    }
  });
});
