/**
 * What's new (issue 15, item 2): the /new digest — texts received, edits, removals, re-appearances and
 * coverage flags between two days, for all sources or one — and its Atom feed, one entry per complete
 * day, read back by the real feedparser; over the archive with a history (changes-archive.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchArchive } from '../../src/search/search.js';
import { changesArchive, SPIKE_DAY } from '../helpers/changes-archive.js';
import { parseFeed } from '../helpers/feedparser.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof changesArchive>>;

beforeAll(async () => {
  archive = await changesArchive(dir.path);
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

async function page(url: string, status = 200) {
  const res = await archive.app.request(url);
  expect(res.status, url).toBe(status);
  return res.text();
}

const heading = (html: string, id: string) =>
  new RegExp(`<h2 id="${id}-heading">([^<]*)</h2>`).exec(html)?.[1];

describe("what's new", () => {
  it('shows since yesterday by default: the purge, the flag, the re-appearance', async () => {
    const html = await page('/new');
    expect(html).toContain('<h1>What&#39;s new: 2026-12-09 to 2026-12-10</h1>');
    expect(heading(html, 'removals')).toBe('Removed from their sources: 6');
    expect(heading(html, 'restorations')).toBe('Back at their sources: 1');
    expect(heading(html, 'received')).toBe('Received: 0 texts');
    expect(html).toContain(`deletion spike on ${SPIKE_DAY}`);
    // The hostile title stays text.
    expect(html).not.toContain('<script>alert');
  });

  it('counts the texts received on a day, whatever their publication date, with links to all of them', async () => {
    const html = await page('/new?since=2026-11-28&until=2026-11-28');
    const all = (await searchArchive(archive.store, { query: 'archived:2026-11-28' })).total;
    expect(all).toBeGreaterThan(300);
    expect(heading(html, 'received')).toBe(`Received: ${all} texts`);
    expect(html).toContain('The first 50 of');
    expect(html).toContain(
      'href="/api/v1/search?q=archived%3A2026-11-28..2026-11-28&amp;format=csv"',
    );
  });

  it('narrows to a source and to days of edits', async () => {
    const html = await page('/new?since=2026-12-07&until=2026-12-08');
    expect(heading(html, 'edits')).toBe('Edited: 2');
    const jp = await page(`/new?source=kcna-co-jp-en&since=${SPIKE_DAY}&until=${SPIKE_DAY}`);
    expect(heading(jp, 'removals')).toBe('Removed from their sources: 5');
    expect(heading(jp, 'edits')).toBe('Edited: 0');
  });

  it('says what is wrong with the days in a 400 page', async () => {
    expect(await page('/new?since=2026-02-30', 400)).toContain('since: not a calendar day');
    expect(await page('/new?since=2026-12-09&until=2026-12-01', 400)).toContain('after until');
    expect(await page('/new?since=2026-01-01&until=2026-12-10', 400)).toContain('at most 31 days');
  });

  it('has a feed with one entry per complete day, read by feedparser', async () => {
    const res = await archive.app.request('/feeds/new');
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const feed = parseFeed(await res.text());
    expect(feed.bozo).toBe(0);
    const titles = feed.entries.map((e) => e.title);
    expect(titles[0]).toBe(`${SPIKE_DAY}: 5 removals · ⚠ 1 coverage flag(s)`);
    expect(titles.some((t) => /^2026-11-28: \d+ texts received/.test(t ?? ''))).toBe(true);
    // Today is not over: it has no entry yet.
    expect(titles.some((t) => t?.startsWith('2026-12-10'))).toBe(false);
    expect(feed.entries[0]!.link).toBe(
      `http://wirewatch.test/new?since=${SPIKE_DAY}&until=${SPIKE_DAY}`,
    );
    const jp = parseFeed(
      await (await archive.app.request('/feeds/new?source=kcna-co-jp-en')).text(),
    );
    expect(jp.feed.title).toMatch(/^What's new in /);
    expect((await archive.app.request('/feeds/new?source=nope')).status).toBe(404);
  });
});
