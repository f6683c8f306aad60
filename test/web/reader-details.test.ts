/**
 * Smaller things of the reader (issue 15, item 7): "More From" lists what the source published around
 * the article's date; an empty search says what the archive holds and offers a broader query; a long
 * run of names in a paragraph is shown as a list, its words unchanged.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { addDays } from '../../src/web/format.js';
import { broaderQueries, MAX_TRIES } from '../../src/web/pages/search-empty.js';
import { freshArchive } from '../helpers/archive.js';
import { readerArchive } from '../helpers/reader.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let reader: Awaited<ReturnType<typeof readerArchive>>;
let small: ReturnType<typeof freshArchive>;
let readerApp: ReturnType<typeof createApp>;
let smallApp: ReturnType<typeof createApp>;

const START = '2013-03-01';
const BUSY_DAY = '2013-03-15';
const FUNERAL_DAY = '2013-03-20';

/** 230 distinct names as KCNA spells Korean names: family name, then two syllables. */
const FAMILIES = ['Kim', 'Ri', 'Pak', 'Choe', 'Jong', 'Kang', 'Jo', 'Yun', 'Jang', 'Han'];
const FIRST = ['Yong', 'Chol', 'Nam', 'Su', 'Il', 'Ho', 'Hui', 'Gon', 'Thae', 'Bok', 'Sop'];
const SECOND = ['Myong', 'Gyong', 'Jun'];
const NAMES = Array.from(
  { length: 230 },
  (_, i) =>
    `${FAMILIES[i % 10]} ${FIRST[Math.floor(i / 10) % FIRST.length]} ${SECOND[Math.floor(i / 110)]}`,
);
const INTRO = 'The funeral committee is composed of:';
const COMMITTEE = `${INTRO} ${NAMES.join(', ')}.`;

function smallRecords(): object[] {
  const out: object[] = [];
  const record = (published: string | null, n: number, extra: object = {}) => ({
    source: 'Test Wire (En)',
    language: 'en',
    published,
    title: `Report number ${n} of the wire`,
    url: `http://wire.test/${n}`,
    body: `Pyongyang (KCNA) -- Report ${n} ${'lorem '.repeat(n % 7)}tells of the ${n}th event in detail.`,
    ...extra,
  });
  let n = 0;
  for (let d = 0; d < 30; d++) out.push(record(addDays(START, d), ++n));
  for (let k = 0; k < 5; k++) out.push(record(BUSY_DAY, ++n));
  out.push(record(null, ++n, { title: 'An undated report' }));
  out.push(
    record(FUNERAL_DAY, ++n, {
      title: 'National Funeral Committee Formed',
      body: `Pyongyang, March 20 (KCNA) -- A national funeral committee was formed.\n\n${COMMITTEE}\n\nThe committee will meet soon.`,
    }),
  );
  return out;
}

beforeAll(async () => {
  reader = await readerArchive(join(dir.path));
  readerApp = createApp({ store: reader.store });
  small = freshArchive(dir.path);
  const file = join(dir.path, 'small.jsonl');
  writeFileSync(
    file,
    smallRecords()
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  const report = await small.import([file]);
  expect(report.rejected).toBe(0);
  smallApp = createApp({ store: small.store });
});

afterAll(async () => {
  await reader.store.close();
  await small.store.close();
  dir.cleanup();
});

async function html(app: ReturnType<typeof createApp>, path: string): Promise<string> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

/** The "More From" section's items: article id and date (null when partial), in page order. */
async function moreFrom(app: ReturnType<typeof createApp>, id: string) {
  const page = await html(app, `/articles/${id}`);
  const start = page.indexOf('<section class="more-from"');
  expect(start).toBeGreaterThan(-1);
  const section = page.slice(start, page.indexOf('</section>', start));
  const items = [...section.matchAll(/<li><a href="\/articles\/([^"]+)">[\s\S]*?<\/li>/g)].map(
    (m) => ({ id: decodeURIComponent(m[1]!), date: /datetime="([^"]+)"/.exec(m[0])?.[1] ?? null }),
  );
  return { section, items };
}

async function sourceOf(store: typeof small.store, label: string): Promise<string> {
  const s = (await store.listSources()).find((x) => x.label === label);
  expect(s, label).toBeDefined();
  return s!.id;
}

describe('More From: the source around the article’s date', () => {
  it('lists articles published before and after it, newest first, never the source’s newest', async () => {
    const all = (
      await reader.store.listArticles({ sourceId: 'kcna-co-jp-en', order: 'oldest', limit: 400 })
    ).items.filter((a) => a.published.day !== null);
    const dayOf = (i: number) =>
      `${all[i]!.published.year}-${String(all[i]!.published.month).padStart(2, '0')}-${String(all[i]!.published.day).padStart(2, '0')}`;
    const at = all.findIndex(
      (_, i) => i > 100 && dayOf(i) !== dayOf(i - 1) && dayOf(i) !== dayOf(i + 1),
    );
    const article = all[at]!;
    const day = dayOf(at);
    const { section, items } = await moreFrom(readerApp, article.id);
    expect(section).toContain('Published around this article’s date');
    expect(section).toContain(`<time datetime="${day}">${day}</time>`);
    expect(items).toHaveLength(20);
    expect(items.map((i) => i.id)).not.toContain(article.id);
    const dates = items.map((i) => i.date!);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(dates.filter((d) => d > day)).toHaveLength(10);
    expect(dates.filter((d) => d < day)).toHaveLength(10);
    // The nearest neighbours are there; the source's newest, far off, is not.
    expect(items.map((i) => i.id)).toEqual(
      expect.arrayContaining([all[at - 1]!.id, all[at + 1]!.id]),
    );
    const newest = (await reader.store.listArticles({ sourceId: 'kcna-co-jp-en', limit: 1 }))
      .items[0]!;
    expect(items.map((i) => i.id)).not.toContain(newest.id);
    expect(section).toContain(`href="/days/${day}"`);
  });

  it('makes up with later articles for the source’s first, and with earlier ones for its last', async () => {
    const source = await sourceOf(small.store, 'Test Wire (En)');
    const oldest = (await small.store.listArticles({ sourceId: source, order: 'oldest', limit: 1 }))
      .items[0]!;
    const first = await moreFrom(smallApp, oldest.id);
    expect(first.items).toHaveLength(20);
    expect(first.items.every((i) => i.date! > START)).toBe(true);
    expect(first.section).toContain('20 later articles and 0 earlier ones');
    const newest = (await small.store.listArticles({ sourceId: source, limit: 1 })).items[0]!;
    const last = await moreFrom(smallApp, newest.id);
    expect(last.items).toHaveLength(20);
    expect(last.items.map((i) => i.id)).not.toContain(newest.id);
    expect(last.section).toContain('0 later articles and 20 earlier ones');
  });

  it('places an article among the others of its own busy day', async () => {
    const source = await sourceOf(small.store, 'Test Wire (En)');
    const busy = (
      await small.store.listArticles({ sourceId: source, from: BUSY_DAY, to: BUSY_DAY, limit: 10 })
    ).items;
    expect(busy).toHaveLength(6);
    for (const article of busy) {
      const { items } = await moreFrom(smallApp, article.id);
      expect(items).toHaveLength(20);
      const ids = items.map((i) => i.id);
      expect(ids).not.toContain(article.id);
      // Every other article of that day is nearer than any other day's.
      expect(ids).toEqual(
        expect.arrayContaining(busy.filter((a) => a !== article).map((a) => a.id)),
      );
      expect(items.filter((i) => i.date! > BUSY_DAY).length).toBeGreaterThanOrEqual(5);
      expect(items.filter((i) => i.date! < BUSY_DAY).length).toBeGreaterThanOrEqual(5);
    }
  });

  it('falls back to the newest for an article without a full date, and says so', async () => {
    const undated = (await reader.store.getArticle(reader.seed.id))!;
    expect(undated.published.year).toBeNull();
    const { section, items } = await moreFrom(readerApp, undated.id);
    expect(section).toContain('This article’s full date is not known');
    expect(section).toContain('the source’s newest articles');
    const newest = (
      await reader.store.listArticles({ sourceId: undated.sourceId, limit: 21 })
    ).items.filter((a) => a.id !== undated.id);
    expect(items.map((i) => i.id)).toEqual(newest.slice(0, 20).map((a) => a.id));

    const source = await sourceOf(small.store, 'Test Wire (En)');
    const other = (await small.store.listArticles({ sourceId: source, limit: 100 })).items.find(
      (a) => a.published.year === null,
    )!;
    const small2 = await moreFrom(smallApp, other.id);
    expect(small2.section).toContain('This article’s full date is not known');
    expect(small2.items[0]!.date).toBe(addDays(START, 29));
  });
});

describe('an empty search', () => {
  const search = (q: string) => html(readerApp, `/search?q=${encodeURIComponent(q)}`);

  it('says what the archive holds: articles, first and last dates, sources', async () => {
    const page = await search('zzyzxqua');
    expect(page).toContain('Nothing matches this query.');
    const sources = await reader.store.listSources();
    const articles = sources.reduce((n, s) => n + s.articles, 0);
    const first = sources
      .map((s) => s.firstPublished)
      .filter(Boolean)
      .sort()[0]!;
    const last = sources
      .map((s) => s.lastPublished)
      .filter(Boolean)
      .sort()
      .at(-1)!;
    expect(page).toContain(`The archive holds ${articles.toLocaleString('en')} articles`);
    expect(page).toContain(
      `published from <a href="/days/${first}">${first}</a> to <a href="/days/${last}">${last}</a>`,
    );
    expect(page).toContain(`from ${sources.length} sources:`);
    for (const s of sources) {
      expect(page).toContain(`<a href="/sources/${encodeURIComponent(s.id)}">`);
      expect(page).toContain(`<code>source:${s.id}</code>`);
    }
    // One condition: nothing to leave out.
    expect(page).not.toContain('class="broader"');
  });

  it('offers the query without the filter that shut everything out', async () => {
    const without = await searchCount('nuclear source:kcna-co-jp-en');
    expect(without).toBeGreaterThan(0);
    const page = await search('nuclear source:kcna-co-jp-en date:1999');
    expect(page).toContain('Nothing matches this query.');
    expect(page).toContain(
      `Without <code>date:1999</code> it matches ${without} article${without === 1 ? '' : 's'}: <a href="/search?q=nuclear+source%3Akcna-co-jp-en" class="query">nuclear source:kcna-co-jp-en</a>`,
    );
    // Removing the source alone still matches nothing in 1999: it is not offered.
    expect(page).not.toContain('Without <code>source:kcna-co-jp-en</code>');

    const words = await search('nuclear zzyzxqua');
    expect(words).toContain('Without <code>zzyzxqua</code>');
    expect(words).toContain('href="/search?q=nuclear"');
  });

  it('keeps the sort and leaves alternatives (OR) alone', async () => {
    const sorted = await html(
      readerApp,
      `/search?q=${encodeURIComponent('nuclear date:1999')}&sort=oldest`,
    );
    expect(sorted).toContain('href="/search?q=nuclear&amp;sort=oldest"');
    const or = await search('zzyzxqua OR date:1999');
    expect(or).toContain('Nothing matches this query.');
    expect(or).not.toContain('class="broader"');
  });

  it('tries filters first, dates before sources, and never more than a few queries', () => {
    expect(broaderQueries('nuclear source:kcna-kp-en date:1999')).toEqual([
      { removed: 'date:1999', query: 'nuclear source:kcna-kp-en' },
      { removed: 'source:kcna-kp-en', query: 'nuclear date:1999' },
      { removed: 'nuclear', query: 'source:kcna-kp-en date:1999' },
    ]);
    expect(broaderQueries('(Kim OR Ri) "Jong Un" lang:en version:any')).toEqual([
      { removed: 'lang:en', query: '(Kim OR Ri) "Jong Un" version:any' },
      { removed: '"Jong Un"', query: '(Kim OR Ri) lang:en version:any' },
      { removed: 'Kim OR Ri', query: '"Jong Un" lang:en version:any' },
    ]);
    expect(broaderQueries('nuclear')).toEqual([]);
    expect(broaderQueries('nuclear version:any')).toEqual([]);
    expect(broaderQueries('a OR b')).toEqual([]);
    expect(broaderQueries('"unclosed')).toEqual([]);
    expect(MAX_TRIES).toBeLessThanOrEqual(3);
  });
});

async function searchCount(q: string): Promise<number> {
  const page = await html(readerApp, `/search?q=${encodeURIComponent(q)}`);
  const m = /<p class="summary" role="status">([\d,]+) article/.exec(page);
  expect(m, q).not.toBeNull();
  return Number(m![1]!.replace(/,/g, ''));
}

describe('a long run of names', () => {
  it('is shown as a list after its introduction, the stored text and its words unchanged', async () => {
    const source = await sourceOf(small.store, 'Test Wire (En)');
    const article = (
      await small.store.listArticles({ sourceId: source, from: FUNERAL_DAY, to: FUNERAL_DAY })
    ).items.find((a) => a.title === 'National Funeral Committee Formed')!;
    expect(new Set(NAMES).size).toBe(230);
    expect(article.paragraphs[1]).toBe(COMMITTEE);
    const page = await html(smallApp, `/articles/${article.id}`);
    const body = page.slice(
      page.indexOf('<div class="body"'),
      page.indexOf('</div>', page.indexOf('<div class="body"')),
    );
    expect(body).toContain(`<p class="name-list-intro">${INTRO} </p>`);
    const list = /<ul class="name-list">([\s\S]*?)<\/ul>/.exec(body);
    expect(list).not.toBeNull();
    expect(list![1]!.match(/<li>/g)).toHaveLength(NAMES.length);
    expect(body).toContain('<p>The committee will meet soon.</p>');
    // The text, tags taken out (links and the hidden commas inline, blocks apart): the same words
    // in the same order as stored.
    const text = body
      .replace(/<\/?(?:a|span)\b[^>]*>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    expect(text).toBe(article.paragraphs.join(' '));
    // Ordinary paragraphs stay paragraphs.
    expect(body).toContain(
      '<p>Pyongyang, March 20 (KCNA) -- A national funeral committee was formed.</p>',
    );
  });

  it('leaves short runs of names inline', async () => {
    const source = await sourceOf(small.store, 'Test Wire (En)');
    const other = (await small.store.listArticles({ sourceId: source, limit: 1 })).items[0]!;
    const page = await html(smallApp, `/articles/${other.id}`);
    expect(page).not.toContain('class="name-list"');
  });
});
