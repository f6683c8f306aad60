/**
 * Under relevance a teaser-only article (a headline and teaser from a listing, no text) ranks after a
 * full text that matches as well: bm25 favours short texts, so a teaser's score is divided by the most
 * it can owe to shortness (rank.ts: SHORTNESS_ADVANTAGE) before ranking. A teaser that matches clearly
 * better (the word in its headline where the text has it in passing) still ranks first; date orders
 * ignore the status; of a story's copies the full text is the one shown.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchColumns } from '../../src/search/columns.js';
import { rankHits, SHORTNESS_ADVANTAGE, type Sort } from '../../src/search/rank.js';
import { searchArchive } from '../../src/search/search.js';
import type { SearchRow } from '../../src/store/types.js';
import { CORPUS_SLICE, ENGINES, makeArchive } from '../helpers/archive.js';
import { dropAll, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(async () => {
  await dropAll();
  dir.cleanup();
});

const SOURCE = { id: 'kcna-kp-en', name: 'KCNA', language: 'en', label: 'KCNA (English)' };
const SEEN = '2026-11-27T00:00:00.000Z';

/** An export-format record: the one import that says an article's status and story outright. */
function record(
  id: string,
  storyId: string,
  day: number,
  title: string,
  text: { paragraphs: string[] } | { teaser: string },
) {
  const full = 'paragraphs' in text;
  return {
    wirewatch: 'article',
    format: 1,
    id,
    source: SOURCE,
    url: `https://example.org/${id}`,
    title,
    dateline: null,
    published: { year: 2012, month: 3, day, basis: 'record' },
    language: 'en',
    teaser: full ? null : text.teaser,
    status: full ? 'live' : 'teaser',
    storyId,
    firstSeen: SEEN,
    lastSeen: SEEN,
    flags: [],
    versions: full
      ? [
          {
            seq: 1,
            contentHash: `hash-${id}`,
            title,
            paragraphs: text.paragraphs,
            firstSeen: SEEN,
            lastSeen: SEEN,
            captureSha256: 'a'.repeat(64),
            locator: `line of ${id}`,
          },
        ]
      : [],
    listings: [],
  };
}

const RECORDS = [
  // "lighthouse": both in the headline, the text twice in its body, the teaser once in its line.
  record('lighthouse-full', 'story-lighthouse-west', 2, 'Lighthouse Restored on West Coast', {
    paragraphs: [
      'Builders of the provincial construction bureau have finished restoring the old lighthouse at the mouth of the bay on the west coast, damaged by a storm two summers ago.',
      'The tower was rebuilt with local stone, its lamp and clockwork replaced and the keepers house repaired, so that fishing boats returning at night can again find the channel.',
      'Officials of the bureau said the restored lighthouse would serve the cooperative farms and fishing stations of the county for decades and thanked the builders for their work.',
    ],
  }),
  record('lighthouse-teaser', 'story-lighthouse-east', 3, 'Lighthouse Restored on East Coast', {
    teaser: 'Builders restored a lighthouse on the east coast.',
  }),
  // "oyster": the teaser's headline is about it, the text names it once in passing.
  record('oyster-full', 'story-fishery-output', 2, 'Fishery Output Grows This Year', {
    paragraphs: [
      'Fishing stations and cooperatives across the country have raised their output this year, reports from the provinces say, thanks to new boats, nets and cold stores built since spring.',
      'Catches of pollack, squid and sardine rose in the east sea, and farms in the west raised more kelp, clams and oyster for the markets of the cities.',
      'Workers of the ministry said the stations would go on building cold stores and repairing boats through the winter so that the catch can grow again next year.',
    ],
  }),
  record('oyster-teaser', 'story-oyster-farms', 3, 'Oyster Farms Expand Along The Coast', {
    teaser: 'Oyster farms on the west coast expanded their beds.',
  }),
  // "tidewater": one story held twice, as a full text and as a teaser of the same headline.
  record('tidewater-full', 'story-tidewater', 2, 'Tidewater Canal Opened', {
    paragraphs: [
      'The tidewater canal linking the port to the inland farms was opened on Friday after three years of work by youth shock brigades of the province.',
      'The canal carries irrigation water to thousands of hectares of paddy fields and lets barges bring fertiliser and grain between the port and the villages.',
      'Speakers at the opening ceremony praised the builders and called on the farms to make full use of the new waterway in this year of harvest.',
    ],
  }),
  record('tidewater-teaser', 'story-tidewater', 3, 'Tidewater Canal Opened', {
    teaser: 'The tidewater canal linking the port to the inland farms was opened.',
  }),
];

describe.each(ENGINES)('teasers under relevance on %s', (engine) => {
  let archive: Awaited<ReturnType<typeof makeArchive>>;
  const search = (query: string, sort: Sort = 'relevance') =>
    searchArchive(archive.store, { query, sort });
  /** The bm25 (search/bm25.ts) of the query's one match among these articles. */
  const scoreOf = async (query: string) => {
    const hits = (await search(query)).hits;
    expect(hits).toHaveLength(1);
    return hits[0]!.score!;
  };

  beforeAll(async () => {
    if (engine === 'postgres') await requirePostgres();
    archive = await makeArchive(engine, dir.path);
    // Four hundred wire stories, so that word weights and the average length are an archive's.
    await archive.import([CORPUS_SLICE]);
    const file = join(dir.path, `teasers-${engine}.jsonl`);
    writeFileSync(file, RECORDS.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const report = await archive.import([file]);
    expect(report.articles.new).toBe(RECORDS.length);
  }, 60_000);
  afterAll(async () => {
    await archive?.store.close();
  });

  it('ranks a full text before a teaser that matches as well, though the teaser scores higher', async () => {
    const teaser = await scoreOf('lighthouse status:teaser');
    const full = await scoreOf('lighthouse status:live');
    // The case the rule exists for: the short teaser outscores the text, by less than shortness explains.
    expect(teaser).toBeLessThan(full);
    expect(teaser / full).toBeLessThan(SHORTNESS_ADVANTAGE);
    const result = await search('lighthouse');
    expect(result.hits.map((h) => [h.id, h.status])).toEqual([
      ['lighthouse-full', 'live'],
      ['lighthouse-teaser', 'teaser'],
    ]);
    // Scores stay bm25's own: only the order takes the status into account.
    expect(result.hits.map((h) => h.score)).toEqual([full, teaser]);
  });

  it('still ranks first a teaser that matches clearly better', async () => {
    const teaser = await scoreOf('oyster status:teaser');
    const full = await scoreOf('oyster status:live');
    expect(teaser / full).toBeGreaterThan(SHORTNESS_ADVANTAGE);
    expect((await search('oyster')).hits.map((h) => h.id)).toEqual([
      'oyster-teaser',
      'oyster-full',
    ]);
  });

  it('shows the full-text copy of a story held as a text and as a teaser', async () => {
    expect(await scoreOf('tidewater status:teaser')).toBeLessThan(
      await scoreOf('tidewater status:live'),
    );
    const result = await search('tidewater');
    expect(result.stories).toBe(1);
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]).toMatchObject({ id: 'tidewater-full', status: 'live', copies: 2 });
  });

  it('leaves the date orders as they were: the newer teaser first under newest', async () => {
    expect((await search('lighthouse', 'newest')).hits.map((h) => h.id)).toEqual([
      'lighthouse-teaser',
      'lighthouse-full',
    ]);
    expect((await search('lighthouse', 'oldest')).hits.map((h) => h.id)).toEqual([
      'lighthouse-full',
      'lighthouse-teaser',
    ]);
    // Of the story's two copies, newest shows the newer one whatever its status.
    expect((await search('tidewater', 'newest')).hits[0]!.id).toBe('tidewater-teaser');
  });
});

describe('rankHits: where a teaser stops counting as equally relevant', () => {
  /** Documents 0.. with the given statuses, one story each unless told, all on one day. */
  const columnsOf = (docs: { status: 'live' | 'teaser' | 'deleted'; story?: string }[]) => {
    const columns = new SearchColumns();
    columns.apply(
      docs.map((d, docId): SearchRow => ({
        docId,
        sourceId: 's',
        language: 'en',
        year: 2012,
        month: 3,
        day: 2,
        place: null,
        status: d.status,
        storyId: d.story ?? `story-${docId}`,
        firstSeen: SEEN,
        words: 0,
      })),
    );
    return columns;
  };
  const order = (
    columns: SearchColumns,
    scores: number[],
    sort: Sort = 'relevance',
    offset = 0,
    limit = 10,
  ) => {
    const ids = Uint32Array.from(scores, (_, i) => i);
    return rankHits(ids, Float64Array.from(scores), columns, sort, offset, limit).page.map(
      (h) => h.docId,
    );
  };

  it('puts the full text first at an equal score, whichever comes first in the matches', () => {
    expect(order(columnsOf([{ status: 'teaser' }, { status: 'live' }]), [-4, -4])).toEqual([1, 0]);
    expect(order(columnsOf([{ status: 'live' }, { status: 'teaser' }]), [-4, -4])).toEqual([0, 1]);
    // Equal after the teaser's division too (a zero score): the full text still goes first.
    expect(order(columnsOf([{ status: 'teaser' }, { status: 'live' }]), [0, 0])).toEqual([1, 0]);
    // A deleted article keeps its text: it is a full text too.
    expect(order(columnsOf([{ status: 'teaser' }, { status: 'deleted' }]), [-4, -4])).toEqual([
      1, 0,
    ]);
  });

  it('lets a teaser lead by up to SHORTNESS_ADVANTAGE and no further', () => {
    const columns = columnsOf([{ status: 'live' }, { status: 'teaser' }]);
    const within = -4 * SHORTNESS_ADVANTAGE * 0.99;
    const beyond = -4 * SHORTNESS_ADVANTAGE * 1.01;
    expect(order(columns, [-4, within])).toEqual([0, 1]);
    expect(order(columns, [-4, beyond])).toEqual([1, 0]);
    // Between teasers, or between texts, bm25 alone decides.
    expect(order(columnsOf([{ status: 'teaser' }, { status: 'teaser' }]), [-4, -5])).toEqual([
      1, 0,
    ]);
    expect(order(columnsOf([{ status: 'live' }, { status: 'live' }]), [-4, -4.1])).toEqual([1, 0]);
  });

  it('keeps the order across pages of a bounded heap', () => {
    const statuses = Array.from({ length: 40 }, (_, i) => ({
      status: i % 2 ? ('teaser' as const) : ('live' as const),
    }));
    const columns = columnsOf(statuses);
    // Pairs of equal scores, a text and a teaser, each pair twice as good as the next: every text
    // before its teaser, and every teaser before the next pair.
    const scores = statuses.map((_, i) => -(2 ** (20 - Math.floor(i / 2))));
    const all = order(columns, scores, 'relevance', 0, 40);
    expect(all).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const paged = [0, 7, 14, 21, 28, 35].flatMap((offset) =>
      order(columns, scores, 'relevance', offset, 7),
    );
    expect(paged).toEqual(all);
  });

  it('makes the full text the shown copy of its story at an equal score', () => {
    const columns = columnsOf([
      { status: 'teaser', story: 'a' },
      { status: 'live', story: 'a' },
    ]);
    const ids = Uint32Array.of(0, 1);
    const ranked = rankHits(ids, Float64Array.of(-4, -4), columns, 'relevance', 0, 10);
    expect(ranked.page).toEqual([{ docId: 1, copies: 2, score: -4 }]);
  });

  it('ignores the status in date orders and for unscored matches', () => {
    const columns = columnsOf([{ status: 'live' }, { status: 'teaser' }]);
    expect(order(columns, [-4, -4], 'newest')).toEqual([1, 0]);
    expect(order(columns, [-4, -4], 'oldest')).toEqual([0, 1]);
    // Outside the relevance window: newest first, as before.
    const inf = Number.POSITIVE_INFINITY;
    expect(order(columns, [inf, inf])).toEqual([1, 0]);
  });
});
