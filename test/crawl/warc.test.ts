/**
 * Every exchange the fetcher makes is written as WARC/1.1 records — to a .warc.gz file and as a stored
 * capture — and read back by warcio with matching digests. Failures are records too.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureContent } from '../../src/capture/open-capture.js';
import { readWarcFile, readWarcRecords, type ReadWarcRecord } from '../../src/capture/warc.js';
import { archiveSink, type ArchiveSink } from '../../src/crawl/fetch/archive-sink.js';
import type { FetchResult } from '../../src/crawl/fetch/fetcher.js';
import { reprocessAll } from '../../src/pipeline/reprocess.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { startFixtureSite, PAGES, type FixtureSite } from '../helpers/fixture-site.js';
import { tempDir } from '../helpers/tmp.js';
import { testFetcher } from './helpers.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let site: FixtureSite;
let dir: ReturnType<typeof tempDir>;
let store: SqliteStore;
let sink: ArchiveSink;
let warcPath: string;
let records: ReadWarcRecord[];
const results: Record<string, FetchResult> = {};

beforeAll(async () => {
  site = await startFixtureSite();
  dir = tempDir('wirewatch-warc-');
  store = new SqliteStore(join(dir.path, 'archive.db'));
  warcPath = join(dir.path, 'crawl.warc.gz');
  sink = archiveSink({ warcPath, store });
  const { fetcher } = testFetcher({
    onExchange: sink.onExchange,
    retry: { max: 0 },
    limits: { maxBodyBytes: 50_000 },
  });
  results.ok = await fetcher.fetch(site.url('warc.test', '/kcna/article'));
  results.big = await fetcher.fetch(site.url('warc.test', '/big'));
  results.reset = await fetcher.fetch(site.url('warc.test', '/reset'));
  results.robots = await fetcher.fetch(site.url('warc.test', '/private/secret'));
  results.chunked = await fetcher.fetch(site.url('warc.test', '/chunked'));
  results.post = await fetcher.fetch(site.url('warc.test', '/kcna/list'), {
    form: { _csrf: 'x', page_num: '2' },
  });
  await fetcher.close();
  records = await readWarcFile(warcPath);
});

afterAll(async () => {
  await store.close();
  await site.close();
  dir.cleanup();
});

const forUrl = (path: string) =>
  records.filter((r) => r.warcHeaders['warc-target-uri'] === site.url('warc.test', path));

describe('the WARC file written by the fetcher', () => {
  it('holds request + response for every response, robots.txt included', () => {
    expect(forUrl('/robots.txt').map((r) => r.type)).toEqual(['request', 'response']);
    expect(forUrl('/kcna/article').map((r) => r.type)).toEqual(['request', 'response']);
    for (const r of records) {
      expect(r.warcHeaders['warc-type']).toBe(r.type);
      expect(r.warcHeaders['warc-date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(r.warcHeaders['warc-record-id']).toMatch(/^<urn:uuid:[0-9a-f-]{36}>$/);
    }
  });

  it('is WARC/1.1, one gzip member per record', () => {
    const file = readFileSync(warcPath);
    let members = 0;
    for (let i = 0; i + 2 < file.length; i++)
      if (file[i] === 0x1f && file[i + 1] === 0x8b && file[i + 2] === 0x08) members++;
    expect(members).toBeGreaterThanOrEqual(records.length);
    expect(gunzipSync(file).subarray(0, 9).toString()).toBe('WARC/1.1\r');
  });

  it('has matching sha-256 payload digests, IP addresses and the payload as received', () => {
    const responses = records.filter((r) => r.type === 'response');
    expect(responses.length).toBeGreaterThanOrEqual(5);
    for (const r of responses) {
      expect(r.warcHeaders['warc-payload-digest']).toBe(`sha256:${sha256(r.payload)}`);
      expect(r.warcHeaders['warc-ip-address']).toBe('127.0.0.1');
    }
    const [, response] = forUrl('/kcna/article');
    expect(Buffer.from(response!.payload).equals(PAGES.kcnaArticle)).toBe(true);
    expect(response!.httpStatus).toBe(200);
  });

  it('links request and response', () => {
    const [request, response] = forUrl('/kcna/article');
    expect(request!.warcHeaders['warc-concurrent-to']).toBe(
      response!.warcHeaders['warc-record-id'],
    );
    expect(response!.warcHeaders['warc-concurrent-to']).toBe(
      request!.warcHeaders['warc-record-id'],
    );
  });

  it('records a POST with its form body', () => {
    const [request] = forUrl('/kcna/list');
    expect(Buffer.from(request!.payload).toString()).toBe('_csrf=x&page_num=2');
    expect(request!.httpHeaders).toContainEqual([
      'content-type',
      'application/x-www-form-urlencoded',
    ]);
  });

  it('marks a body cut at the cap WARC-Truncated: length, keeping what arrived, with an error record', () => {
    const [, response, metadata] = forUrl('/big');
    expect(response!.warcHeaders['warc-truncated']).toBe('length');
    expect(response!.payload.length).toBe(50_000);
    expect(metadata!.type).toBe('metadata');
    expect(metadata!.warcHeaders['warc-concurrent-to']).toBe(
      response!.warcHeaders['warc-record-id'],
    );
    expect(Buffer.from(metadata!.payload).toString()).toContain(
      'wirewatch-error-code: WIREWATCH_BODY_TOO_LARGE',
    );
  });

  it('records a reset connection as request + metadata', () => {
    const recs = forUrl('/reset');
    expect(recs.map((r) => r.type)).toEqual(['request', 'metadata']);
    const fields = Buffer.from(recs[1]!.payload).toString();
    expect(fields).toContain('wirewatch-outcome: network-error');
    expect(fields).toMatch(/wirewatch-error-code: (ECONNRESET|UND_ERR_SOCKET)/);
  });

  it('records a robots.txt refusal as a lone metadata record', () => {
    const recs = forUrl('/private/secret');
    expect(recs.map((r) => r.type)).toEqual(['metadata']);
    expect(Buffer.from(recs[0]!.payload).toString()).toContain(
      'wirewatch-refusal: disallowed by robots.txt',
    );
  });

  it('renames transfer-encoding, since undici de-chunks the body', () => {
    const [, response] = forUrl('/chunked');
    expect(Buffer.from(response!.payload).toString()).toBe('<p>one</p><p>two</p>');
    expect(response!.httpHeaders.map(([n]) => n.toLowerCase())).not.toContain('transfer-encoding');
    expect(response!.httpHeaders).toContainEqual(['x-wirewatch-orig-transfer-encoding', 'chunked']);
  });
});

describe('captures of fetched exchanges', () => {
  it('stores one warc capture per exchange, keyed by the sha-256 of its uncompressed records', async () => {
    const captures = (await store.listCaptures()).items;
    expect(captures.length).toBe(sink.captures.length);
    expect(captures.length).toBe(
      results.ok!.exchanges.length +
        results.big!.exchanges.length +
        results.reset!.exchanges.length +
        results.robots!.exchanges.length +
        results.chunked!.exchanges.length +
        results.post!.exchanges.length +
        1 /* robots.txt */,
    );
    for (const capture of captures) {
      expect(capture.kind).toBe('warc');
      expect(capture.mediaType).toBe('application/warc');
      const chunks: Buffer[] = [];
      for await (const chunk of captureContent(store, capture)) chunks.push(chunk);
      const content = Buffer.concat(chunks);
      expect(sha256(content)).toBe(capture.sha256);
      expect(content.length).toBe(capture.size);
    }
  });

  it('keeps provenance in options, the payload digest included', async () => {
    const capture = sink.captures.find((c) => c.origin === site.url('warc.test', '/kcna/article'))!;
    expect(capture.capturedAt).toBe(results.ok!.exchanges[0]!.startedAt);
    expect(capture.options).toMatchObject({
      method: 'GET',
      status: 200,
      ip: '127.0.0.1',
      purpose: 'page',
      payloadSha256: sha256(PAGES.kcnaArticle),
    });
    const refused = sink.captures.find(
      (c) => c.origin === site.url('warc.test', '/private/secret'),
    )!;
    expect(refused.options.refused).toBe('disallowed by robots.txt');
  });

  it('stored chunks concatenated are a .warc.gz that warcio reads', async () => {
    const raw: Uint8Array[] = [];
    for (const capture of sink.captures)
      for await (const chunk of store.readCaptureChunks(capture)) raw.push(chunk);
    const back = await readWarcRecords(Readable.from([Buffer.concat(raw)]));
    expect(back.map((r) => r.warcHeaders['warc-record-id'])).toEqual(
      records.map((r) => r.warcHeaders['warc-record-id']),
    );
  });

  it('reprocess passes over warc captures without errors and keeps them', async () => {
    const before = (await store.listCaptures()).total;
    const report = await reprocessAll(store);
    expect(report.errors).toEqual([]);
    expect((await store.listCaptures()).total).toBe(before);
    expect(
      (await store.listCaptures()).items.every(
        (c) => c.processedAt !== null && c.errors.length === 0,
      ),
    ).toBe(true);
  });
});
