/**
 * /feeds/changes and /feeds/coverage read back by the real feedparser (python3-feedparser): valid Atom,
 * ids stable across requests and unique, hostile titles and removal reasons intact as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEntry } from '../../src/feeds/history-feeds.js';
import { parseFeed } from '../helpers/feedparser.js';
import { changesArchive, HOSTILE_REASON, SPIKE_DAY } from '../helpers/changes-archive.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof changesArchive>>;

async function feed(url: string) {
  const res = await archive.app.request(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const parsed = parseFeed(await res.text());
  expect(parsed.bozoException, url).toBeNull();
  expect(parsed.version).toBe('atom10');
  expect(new Set(parsed.entries.map((e) => e.id)).size).toBe(parsed.entries.length);
  for (const e of parsed.entries) expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  return parsed;
}

beforeAll(async () => {
  archive = await changesArchive(dir.path);
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

describe('/feeds/changes', () => {
  it('has the notable changes newest first, with stable ids; cosmetic edits only when asked', async () => {
    const parsed = await feed('/feeds/changes');
    expect(parsed.feed.title).toBe('Changes · wirewatch');
    expect(parsed.entries).toHaveLength(9);
    for (const e of parsed.entries)
      expect(e.id).toMatch(
        /^urn:wirewatch:change:[0-9a-f]+:(edit|deleted|restored):\d{4}-\d{2}-\d{2}T[\d:.]+Z$/,
      );
    const removal = parsed.entries[0]!;
    expect(removal.id).toBe(
      `urn:wirewatch:change:${archive.hostile.id}:deleted:2026-12-10T03:00:00.000Z`,
    );
    expect(removal.title).toBe(`Removed from the source: ${archive.hostile.title}`);
    expect(removal.summary).toBe(`Hostile Wire (En): removed from the source (${HOSTILE_REASON}).`);
    expect(removal.link).toBe(`http://wirewatch.test/articles/${archive.hostile.id}`);
    const legacy = parsed.entries.find((e) =>
      e.id!.startsWith(`urn:wirewatch:change:${archive.hostile.id}:edit:`),
    )!;
    expect(legacy.title).toBe(`Body edit, 4 words: ${archive.hostile.title}`);
    expect(legacy.link).toBe(
      `http://wirewatch.test/articles/${archive.hostile.id}/diff?from=1&to=2`,
    );
    expect((await feed('/feeds/changes')).entries.map((e) => e.id)).toEqual(
      parsed.entries.map((e) => e.id),
    );

    const everything = await feed('/feeds/changes?change=body,headline,cosmetic');
    expect(everything.entries).toHaveLength(10);
    expect(everything.entries.some((e) => e.title!.startsWith('Cosmetic edit'))).toBe(true);
  });

  it('filters by source and kind', async () => {
    const removals = await feed('/feeds/changes?source=kcna-co-jp-en&kind=deleted');
    expect(removals.feed.title).toBe('Changes in KCNA.co.jp (En) · wirewatch');
    expect(removals.entries).toHaveLength(5);
    expect(
      removals.entries.every(
        (e) =>
          e.title!.startsWith('Removed from the source: ') && e.summary!.includes('(HTTP 404)'),
      ),
    ).toBe(true);
    expect(removals.feed.links.find((l) => l.rel === 'alternate')!.href).toBe(
      'http://wirewatch.test/changes?source=kcna-co-jp-en&kind=deleted',
    );
  });

  it('answers 400 or 404 in text for bad parameters', async () => {
    for (const [url, status] of [
      ['/feeds/changes?kind=gone', 400],
      ['/feeds/changes?change=typo', 400],
      ['/feeds/changes?source=nowhere', 404],
    ] as const) {
      const res = await archive.app.request(url);
      expect(res.status, url).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    }
  });
});

describe('/feeds/coverage', () => {
  it('has one entry per flag, with a stable id', async () => {
    const parsed = await feed('/feeds/coverage');
    expect(parsed.feed.id).toBe('urn:wirewatch:feed:coverage');
    expect(parsed.entries.map((e) => e.id)).toEqual([
      `urn:wirewatch:flag:kcna-co-jp-en:deletion-spike:${SPIKE_DAY}`,
    ]);
    expect(parsed.entries[0]!.title).toBe(`⚠ KCNA.co.jp (En): deletion spike on ${SPIKE_DAY}`);
    expect(parsed.entries[0]!.summary).toMatch(
      /^KCNA\.co\.jp \(En\): deletion spike on 2026-12-09: 5 articles removed from the source/,
    );
    expect((await feed('/feeds/coverage')).entries.map((e) => e.id)).toEqual(
      parsed.entries.map((e) => e.id),
    );
  });
});

describe('changeEntry', () => {
  it('percent-encodes an article id in the entry id and link', () => {
    const entry = changeEntry(
      {
        articleId: 'a/b#c d',
        sourceId: 'x',
        at: '2026-12-10T03:00:00.000Z',
        kind: 'edit',
        versionSeq: 2,
        change: 'body',
        editSize: 3,
        reason: null,
        captureSha256: null,
        title: 't',
        url: null,
        status: 'live',
      },
      'http://wirewatch.test',
      'X',
    );
    expect(entry.id).toBe('urn:wirewatch:change:a%2Fb%23c%20d:edit:2026-12-10T03:00:00.000Z');
    expect(entry.link).toBe('http://wirewatch.test/articles/a%2Fb%23c%20d/diff?from=1&to=2');
  });
});
