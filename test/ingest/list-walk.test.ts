/**
 * List walks that reached the last page, as the driver reads them (ingest/list-walk.ts): the first is
 * a baseline; the next removes what it no longer lists — unless a listing named the article since the
 * walk began (it moved to another list) — and says so with the list and the pages walked. A record
 * that is not one is rejected in one line, its bytes kept.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { captureWarcRecords } from '../../src/capture/capture-warc.js';
import { walkRecordBytes, type WalkRecord } from '../../src/capture/walk-record.js';
import { drain } from '../../src/pipeline/driver.js';
import type { StoredArticle } from '../../src/store/types.js';
import { freshArchive } from '../helpers/archive.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const LIST = 'http://kcna.test/en/article/list/6a47505ba5268fd7749c0fe11e4b24b4';
const url = (n: number) => `http://kcna.test/en/article/detail/${String(n).repeat(32)}`;
const source = { id: 'kcna-kp-en', name: 'KCNA.kp', language: 'en', label: 'KCNA.kp (En)' };

function article(n: number): StoredArticle {
  return {
    id: `a${n}`,
    sourceId: source.id,
    url: url(n),
    title: `Article ${n}`,
    dateline: null,
    published: { year: 2012, month: 3, day: n, basis: 'listing' },
    language: 'en',
    paragraphs: [`Text ${n}.`],
    teaser: null,
    status: 'live',
    storyId: `a${n}`,
    versionCount: 1,
    firstSeen: '2026-01-01T00:00:00.000Z',
    lastSeen: '2026-01-01T00:00:00.000Z',
    removedAt: null,
    flags: [],
    keys: { leadKey: null, titleKey: null, bodyHash: null, signature: null },
  };
}

async function keepWalk(store: ReturnType<typeof freshArchive>['store'], walk: WalkRecord) {
  return captureWarcRecords(store, [await walkRecordBytes(walk)], {
    origin: walk.list,
    capturedAt: walk.endedAt,
    options: { url: walk.list, purpose: 'list-walk', profile: 'kcna-en', source: source.id },
  });
}

describe('list walk records', () => {
  it('a baseline first, then what the next complete walk no longer lists is removed', async () => {
    const { store } = freshArchive(dir.path);
    await store.upsertSource(source);
    for (const n of [1, 2, 3]) await store.insertArticle(article(n));
    const first = await keepWalk(store, {
      list: LIST,
      startedAt: '2026-02-01T00:00:00.000Z',
      endedAt: '2026-02-01T00:01:00.000Z',
      pages: ['p'.repeat(64)],
      urls: [url(1), url(2), url(3)],
      previous: null,
    });
    await drain(store);
    expect((await store.listEvents({ kinds: ['deleted'] })).total).toBe(0);

    // Article 3 moved to another list: a listing named it after this walk began.
    const other = await captureWarcRecords(store, [new TextEncoder().encode('x')], {
      origin: 'http://kcna.test/en/article/list/other',
      capturedAt: '2026-03-01T00:00:30.000Z',
      options: { url: 'http://kcna.test/en/article/list/other', purpose: 'robots' },
    });
    await store.insertListingEntry({
      sourceId: source.id,
      captureSha256: other.sha256,
      position: 0,
      text: 'Article 3',
      dateline: null,
      published: { year: 2012, month: 3, day: 3, basis: 'listing' },
      link: url(3),
      articleId: 'a3',
    });
    const second = await keepWalk(store, {
      list: LIST,
      startedAt: '2026-03-01T00:00:00.000Z',
      endedAt: '2026-03-01T00:02:00.000Z',
      pages: ['q'.repeat(64), 'r'.repeat(64)],
      urls: [url(1)],
      previous: first.sha256,
    });
    const result = await drain(store);
    expect(result.report.errors).toEqual([]);
    const removed = (await store.listEvents({ kinds: ['deleted'] })).items;
    expect(removed.map((e) => [e.articleId, e.reason, e.at, e.captureSha256])).toEqual([
      [
        'a2',
        `gone from its listing ${LIST} (walked to its last page, 2 pages)`,
        '2026-03-01T00:02:00.000Z',
        second.sha256,
      ],
    ]);
    expect((await store.getArticle('a3'))!.status).toBe('live');
    await store.close();
  });

  it('rejects a record that is not one in one line, and keeps its bytes', async () => {
    const { store } = freshArchive(dir.path);
    const bad = await captureWarcRecords(store, [new TextEncoder().encode('WARC/1.1\r\n\r\n')], {
      origin: LIST,
      capturedAt: '2026-03-01T00:00:00.000Z',
      options: { url: LIST, purpose: 'list-walk' },
    });
    const result = await drain(store);
    expect(result.report.errors).toHaveLength(1);
    expect(result.report.errors[0]).toMatch(/^http:\/\/kcna\.test\/.*: /);
    expect((await store.getCapture(bad))!.bytesComplete).toBe(true);
    await store.close();
  });
});
