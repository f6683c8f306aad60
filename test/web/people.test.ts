/**
 * People in the reader: the index, a person's page (chart, titles, appearances, removals), names
 * linked in an article, names removed on /changes, the Atom feeds (read by feedparser) and the CSV
 * of appearances — over a real archive with an edit that drops a name, and hostile names escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain } from '../../src/pipeline/driver.js';
import { createApp } from '../../src/server/app.js';
import { CORPUS_SLICE, freshArchive } from '../helpers/archive.js';
import { parseFeed } from '../helpers/feedparser.js';
import { tempDir } from '../helpers/tmp.js';
import { articleWithVersions } from '../helpers/versions.js';

const dir = tempDir();
const archive = freshArchive(dir.path);
const app = createApp({ store: archive.store, publicUrl: 'http://wirewatch.test' });
let edited = '';

const V1 =
  "Kim Jong Un, supreme leader of the Workers' Party of Korea, inspected KPA Unit 169.\n" +
  'He was accompanied by KPA Vice Marshal Ri Yong Ho, chief of the KPA General Staff, and KPA ' +
  'General <script>alert(1)</script> Kim Myong Guk.';

beforeAll(async () => {
  await archive.import([CORPUS_SLICE]);
  edited = await articleWithVersions(
    archive.store,
    dir.path,
    {
      source: 'KCNA (kcna.co.jp)',
      language: 'en',
      published: '2012-07-20',
      title: 'Kim Jong Un Inspects KPA Unit 169',
      url: 'http://www.kcna.co.jp/item/2012/201207/news20/20120720-01ee.html',
    },
    [V1, V1.replace('KPA Vice Marshal Ri Yong Ho, chief of the KPA General Staff, and ', '')],
  );
  await drain(archive.store);
});
afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

async function get(path: string) {
  const res = await app.request(path);
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text: await res.text(),
  };
}

describe('people pages', () => {
  it('lists people, ordered as asked, and finds one by any spelling', async () => {
    const page = await get('/people');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<a href="\/people\/kim-jong-il">Kim Jong Il<\/a>/);
    const found = await get('/people?name=Jang+Song-thaek');
    expect(found.text).toContain('/people/jang-song-thaek');
    expect(found.text).not.toContain('/people/kim-jong-il"');
    expect((await get('/people?order=nonsense')).status).toBe(200);
  });

  it("shows a person's titles, appearances in order, chart and names removed", async () => {
    const page = await get('/people/ri-yong-ho-military');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Ri Yong Ho [military]</h1>');
    expect(page.text).toContain('리영호');
    expect(page.text).toContain('chief of the KPA General Staff');
    expect(page.text).toMatch(/Name removed from 1 article/);
    expect(page.text).toMatch(/<svg class="bars"[^>]*role="img"/);
    expect(page.text).toMatch(/<li><strong>Ri Yong Ho \[military\]<\/strong><\/li>/);
    expect(page.text).toMatch(/Last seen <time/);
    expect((await get('/people/no-such-person')).status).toBe(404);
  });

  it('links the names in an article and shows its people with companions', async () => {
    const page = await get(`/articles/${edited}`);
    expect(page.text).toMatch(/<a class="person" href="\/people\/kim-jong-un">Kim Jong Un<\/a>/);
    expect(page.text).toContain('People in this text');
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows the names removed by edits on /changes', async () => {
    const page = await get('/changes');
    expect(page.text).toMatch(/Names removed by edits/);
    expect(page.text).toMatch(/Ri Yong Ho \[military\]<\/a>: removed from 1 article/);
  });

  it('serves the names removed and the flags as Atom feeds', async () => {
    const removed = await get('/feeds/people/removed');
    const feed = parseFeed(removed.text);
    expect(feed.bozo).toBe(0);
    expect(feed.entries[0]!.title).toMatch(/^Ri Yong Ho \[military\] removed from/);
    expect(feed.entries[0]!.link).toBe(`http://wirewatch.test/articles/${edited}/diff?from=1&to=2`);
    const one = parseFeed((await get('/feeds/people/removed?person=kim-jong-un')).text);
    expect(one.bozo).toBe(0);
    expect(one.entries).toEqual([]);
    const flags = parseFeed((await get('/feeds/people/flags')).text);
    expect(flags.bozo).toBe(0);
  });

  it('downloads the appearances as CSV', async () => {
    const csv = await get('/people/jang-song-thaek/appearances.csv');
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^date,article_id,source,title,leader,kind/);
    expect(csv.text.split('\r\n').filter(Boolean).length).toBeGreaterThan(3);
  });

  it('filters search by person and by who was with whom', async () => {
    const hits = await get('/search?q=person%3A%22Ri+Yong+Ho%22+version%3Aany');
    expect(hits.text).toContain(`/articles/${edited}`);
    const bad = await get('/search?q=with%3A');
    expect(bad.status).toBe(400);
  });
});
