/**
 * The search page's attention chart over a small archive made for it: a month with full texts and
 * headlines, a month of headlines only, an empty month, and a month-only date. Shares are within each
 * kind, every period links to the search narrowed to it, axes count in whole numbers, and a query of
 * one period draws one bar.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { Histogram } from '../../src/search/facets.js';
import { freshArchive } from '../helpers/archive.js';
import { tempDir } from '../helpers/tmp.js';

const WORD = 'zeppelinite';
/** Only in the two June texts, of one week. */
const LONE = 'quokkaite';

const dir = tempDir();
let archive: ReturnType<typeof freshArchive>;
let app: ReturnType<typeof createApp>;

let n = 0;
/** A full text, unlike every other in title and lead, so none is taken for another. */
function text(published: string, words: string) {
  n++;
  return {
    source: 'Chart Wire (En)',
    language: 'en',
    published,
    title: `Chart item ${n} ${words}`,
    body: `Item ${n} of the chart archive tells of ${words} and of the work done in district ${n} this season.`,
    url: `https://chart.example/items/${n}`,
  };
}

/** A headline-only record: an article of status teaser. */
function headline(published: string, words: string) {
  n++;
  return {
    source: 'Chart Wire (En)',
    language: 'en',
    published,
    title: `Headline ${n} about ${words}`,
    url: `https://chart.example/headlines/${n}`,
  };
}

function records() {
  return [
    // 2012-03: 4 of 10 full texts match, 1 of 4 headlines.
    ...['01', '02', '05', '06'].map((d) => text(`2012-03-${d}`, `${WORD} talks`)),
    ...['07', '08', '12', '13', '20', '27'].map((d) => text(`2012-03-${d}`, 'harvest')),
    headline('2012-03-09', `${WORD} delegation`),
    ...['14', '21', '28'].map((d) => headline(`2012-03-${d}`, 'rainfall')),
    // Dated to the month only: no date filter finds it, so no period counts it.
    text('2012-03', `${WORD} anniversary`),
    // 2012-04: headlines only, 2 of 4 match.
    ...['02', '10'].map((d) => headline(`2012-04-${d}`, `${WORD} meeting`)),
    ...['11', '19'].map((d) => headline(`2012-04-${d}`, 'fishing')),
    // 2012-05: nothing. 2012-06: 1 of 2 full texts; both name the lone word, in one week.
    text('2012-06-04', `${WORD} ${LONE} visit`),
    text('2012-06-05', `${LONE} exhibition`),
  ];
}

beforeAll(async () => {
  archive = freshArchive(dir.path);
  const file = join(dir.path, 'chart.jsonl');
  writeFileSync(
    file,
    records()
      .map((r) => `${JSON.stringify(r)}\n`)
      .join(''),
  );
  const report = await archive.import([file]);
  if (report.rejected) throw new Error(report.errors.join('; '));
  app = createApp({ store: archive.store });
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

async function html(path: string): Promise<string> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

async function api(q: string, histogram?: 'week' | 'month') {
  const params = new URLSearchParams({ q, limit: '1', ...(histogram ? { histogram } : {}) });
  const res = await app.request(`/api/v1/search?${params}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { total: number; histogram?: Histogram };
}

function chartOf(page: string): string {
  const m = /<svg class="attention-bars"[\s\S]*?<\/svg>/.exec(page);
  expect(m, 'the attention chart').not.toBeNull();
  return m![0];
}

/** `data-period` → href of every period link in the chart, entities decoded. */
function periodLinks(svg: string): Map<string, string> {
  const links = [...svg.matchAll(/<a href="([^"]+)" tabindex="-1" data-period="([^"]+)">/g)];
  return new Map(links.map((m) => [m[2]!, m[1]!.replace(/&amp;/g, '&')]));
}

function tickLabels(svg: string, of: 'count' | 'share'): string[] {
  return [...svg.matchAll(new RegExp(`<text class="tick ${of}"[^>]*>([^<]*)</text>`, 'g'))].map(
    (m) => m[1]!,
  );
}

describe('attention over time: the histogram', () => {
  it('counts full texts and headlines apart, each share within its own kind', async () => {
    const r = await api(WORD, 'month');
    const h = r.histogram!;
    expect(h.undated).toBe(1);
    expect(h.buckets.map((b) => b.start)).toEqual(['2012-03', '2012-04', '2012-05', '2012-06']);
    const [march, april, may, june] = h.buckets;
    expect(march).toMatchObject({
      count: 5,
      total: 14,
      full: { count: 4, total: 10, share: 0.4 },
      teaser: { count: 1, total: 4, share: 0.25 },
    });
    expect(april).toMatchObject({
      full: { count: 0, total: 0, share: 0 },
      teaser: { count: 2, total: 4, share: 0.5 },
    });
    expect(may).toMatchObject({ count: 0, total: 0 });
    expect(june).toMatchObject({ full: { count: 1, total: 2, share: 0.5 } });
    expect(h.buckets.reduce((s, b) => s + b.count, 0) + h.undated).toBe(r.total);
  });
});

describe('attention over time: the chart', () => {
  it('shades headline-only matches apart and marks the months of headlines only, or of nothing', async () => {
    const page = await html(`/search?q=${WORD}`);
    const svg = chartOf(page);
    expect(svg).toContain('>Full text</text>');
    expect(svg).toContain('>Headline only</text>');
    expect(svg).toContain('>Only headlines archived</text>');
    expect(svg).toContain('>Nothing archived</text>');
    expect(svg.match(/class="band-headlines"/g)).toHaveLength(1);
    expect(svg.match(/class="band-empty"/g)).toHaveLength(1);
    // Full-text bars in March and June, headline bars in March and April.
    expect(svg.match(/class="bar-full"/g)).toHaveLength(2);
    expect(svg.match(/class="bar-teaser"/g)).toHaveLength(2);
    expect(svg).not.toMatch(/\bstyle=/);
    // The table shows both shares: March's 4 of 10 texts and 1 of 4 headlines, never 5 of 14.
    const march = /<th scope="row">2012-03<\/th>([\s\S]*?)<\/tr>/.exec(page)![1]!;
    const cells = [...march.matchAll(/<td class="num"[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, ''),
    );
    expect(cells).toEqual(['5', '14', '4', '10', '40 %', '1', '4', '25 %']);
    const april = /<th scope="row">2012-04<\/th>([\s\S]*?)<\/tr>/.exec(page)![1]!;
    expect(april).toContain('–');
    expect(april).toContain('50 %');
  });

  it.each(['month', 'week'] as const)(
    'links each %s with matches to the search narrowed to it, whose total is the bar',
    async (interval) => {
      const h = (await api(WORD, interval)).histogram!;
      const links = periodLinks(chartOf(await html(`/search?q=${WORD}&interval=${interval}`)));
      const withMatches = h.buckets.filter((b) => b.count > 0);
      expect([...links.keys()]).toEqual(withMatches.map((b) => b.start));
      for (const b of withMatches) {
        const q = new URL(links.get(b.start)!, 'http://x').searchParams.get('q')!;
        expect(q).toMatch(/^zeppelinite date:\d{4}-\d{2}(-\d{2}(\.\.\d{4}-\d{2}-\d{2})?)?$/);
        expect((await api(q)).total, q).toBe(b.count);
      }
      const march = interval === 'month' ? '2012-03' : '2012-03-05..2012-03-11&interval=week';
      const start = interval === 'month' ? '2012-03' : '2012-03-05';
      expect(links.get(start)).toBe(`/search?q=${WORD}+date%3A${march}`);
    },
  );

  it('keeps the interval in a period link and escapes the query', async () => {
    const q = `${WORD} -"<svg onload=alert(1)>"`;
    const page = await html(`/search?q=${encodeURIComponent(q)}&interval=week`);
    expect(page).not.toContain('<svg onload');
    const link = periodLinks(chartOf(page)).get('2012-03-05')!;
    const params = new URL(link, 'http://x').searchParams;
    expect(params.get('q')).toBe(`${q} date:2012-03-05..2012-03-11`);
    expect(params.get('interval')).toBe('week');
  });

  it('labels the count axis in whole numbers and the share axis in percentages', async () => {
    for (const path of [`/search?q=${WORD}`, `/search?q=${WORD}&interval=week`]) {
      const svg = chartOf(await html(path));
      const counts = tickLabels(svg, 'count');
      expect(counts.length, path).toBeGreaterThan(1);
      for (const label of counts) expect(label, path).toMatch(/^\d+$/);
      for (const label of tickLabels(svg, 'share')) expect(label, path).toMatch(/^\d+(\.\d+)? %$/);
    }
    // The largest count is 5 (March): 0, 2, 4, 6 rather than 0, 1.25, 2.5 …
    expect(tickLabels(chartOf(await html(`/search?q=${WORD}`)), 'count')).toEqual([
      '0',
      '2',
      '4',
      '6',
    ]);
  });

  it.each(['month', 'week'] as const)(
    'draws one bar and says so for a query of one %s',
    async (interval) => {
      const page = await html(`/search?q=${LONE}&interval=${interval}`);
      const svg = chartOf(page);
      expect(svg.match(/data-period="/g)).toHaveLength(1);
      expect(svg.match(/class="bar-full"/g)).toHaveLength(1);
      expect(tickLabels(svg, 'count')).toEqual(['0', '1', '2']);
      const bar = /<rect class="bar-full" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(svg)!;
      expect(Number(bar[2])).toBeLessThanOrEqual(40);
      const period = interval === 'month' ? '2012-06' : 'week of 2012-06-04';
      expect(page).toMatch(new RegExp(`All 2 matches are in <a href="[^"]+">${period}</a>`));
      expect(svg.match(/<g class="periods"><text[^>]*>[^<]+<\/text><\/g>/)).not.toBeNull();
    },
  );

  it('draws no chart for a query without matches', async () => {
    const page = await html('/search?q=nowhereite');
    expect(page).toMatch(/<p class="summary" role="status">0 articles/);
    expect(page).not.toContain('Attention over time');
    expect(page).not.toContain('attention-bars');
  });
});
