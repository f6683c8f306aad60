/**
 * The storage contract: every engine (SQLite now, PostgreSQL next) must pass these same tests.
 * `makeStore` returns a fresh, empty archive.
 */
import { describe, expect, it } from 'vitest';
import type {
  ArchiveStore,
  MatchCandidates,
  MatchRequest,
  StoredArticle,
} from '../../src/store/types.js';
import type { Article, ArticleDate, Version } from '../../src/model/types.js';
import type { TextExpr } from '../../src/search/plan.js';

/** A MinHash signature: 64 little-endian 32-bit values. */
const SIGNATURE = Buffer.alloc(256, 7);

const source = { id: 'kcna-kp-en', name: 'KCNA.kp', language: 'en', label: 'KCNA.kp (En)' };

function article(id: string, over: Partial<StoredArticle> = {}): StoredArticle {
  return {
    id,
    sourceId: source.id,
    url: null,
    title: `Title ${id}`,
    dateline: null,
    published: { year: 2012, month: 3, day: 1, basis: 'record' },
    language: 'en',
    paragraphs: [],
    teaser: null,
    status: 'live',
    storyId: id,
    versionCount: 0,
    firstSeen: '2026-01-01T00:00:00.000Z',
    lastSeen: '2026-01-01T00:00:00.000Z',
    removedAt: null,
    flags: [],
    keys: {
      leadKey: `lead ${id}`,
      titleKey: `title ${id}`,
      bodyHash: `body-${id}`,
      signature: null,
    },
    ...over,
  };
}

/** A lookup of the source's candidates that asks for nothing but what `over` sets. */
function matchRequest(over: Partial<MatchRequest>): MatchRequest {
  return {
    sourceId: source.id,
    leadKey: null,
    titleKey: null,
    date: { year: 2012, month: 3, day: 1, basis: 'record' },
    prefixFloor: null,
    story: null,
    ...over,
  };
}

function version(articleId: string, seq: number, paragraphs: string[]): Version {
  return {
    articleId,
    seq,
    contentHash: `h${seq}`,
    title: 'T',
    paragraphs,
    firstSeen: '2026-01-01T00:00:00.000Z',
    lastSeen: '2026-01-02T00:00:00.000Z',
    captureSha256: 'c'.repeat(64),
    locator: `line ${seq}`,
  };
}

/** A text capture's record, not yet processed. */
function captureMeta(sha256: string) {
  return {
    sha256,
    origin: `${sha256.slice(0, 8)}.txt`,
    capturedAt: '2026-01-01T00:00:00.000Z',
    mediaType: 'text/plain',
    kind: 'text-page' as const,
    size: 1,
    storedEncoding: 'identity' as const,
    options: {},
    processedAt: null,
    errors: [],
  };
}

async function* chunks(...parts: string[]) {
  for (const p of parts) yield Buffer.from(p);
}

export function storeContract(name: string, makeStore: () => Promise<ArchiveStore>): void {
  describe(`storage contract: ${name}`, () => {
    it('stores captures chunk by chunk and reads them back in order, once per sha-256', async () => {
      const store = await makeStore();
      const meta = {
        sha256: 'a'.repeat(64),
        origin: 'x.txt',
        capturedAt: '2026-01-01T00:00:00.000Z',
        mediaType: 'text/plain',
        kind: 'text-page' as const,
        size: 6,
        storedEncoding: 'identity' as const,
        options: { year: 2021 },
        processedAt: null,
        errors: [],
      };
      await store.putCapture(meta, chunks('abc', 'def'));
      await store.putCapture(meta, chunks('ignored'));
      const read: Buffer[] = [];
      for await (const c of store.readCaptureChunks(meta)) read.push(Buffer.from(c));
      expect(Buffer.concat(read).toString()).toBe('abcdef');
      const got = await store.getCapture(meta);
      expect(got).toMatchObject({
        origin: 'x.txt',
        bytesComplete: true,
        processedAt: null,
        options: { year: 2021 },
      });
      await store.finishCapture(meta, null, {
        processedAt: '2026-01-01T00:00:01.000Z',
        errors: ['x.txt:3: bad'],
      });
      expect(await store.getCapture(meta)).toMatchObject({
        processedAt: '2026-01-01T00:00:01.000Z',
        errors: ['x.txt:3: bad'],
      });
      expect((await store.listCaptures({ state: 'pending' })).total).toBe(0);
      expect((await store.stats()).captures).toBe(1);
      // The same bytes as another kind are another capture; capturesOf finds both, oldest first.
      await store.putCapture({ ...meta, kind: 'unknown' }, chunks('abcdef'));
      expect((await store.capturesOf(meta.sha256)).map((c) => c.kind)).toEqual([
        'text-page',
        'unknown',
      ]);
      expect(await store.capturesOf('b'.repeat(64))).toEqual([]);
      await store.close();
    });

    it('finds the newest processed warc capture per source and page kind, without reading every capture', async () => {
      const store = await makeStore();
      let n = 0;
      const put = async (
        at: string,
        options: Record<string, string | number>,
        { kind = 'warc', processed = true } = {},
      ) => {
        const sha256 = (++n).toString(16).padStart(64, '0');
        await store.putCapture(
          {
            sha256,
            origin: `http://site.example/${n}`,
            capturedAt: at,
            mediaType: 'application/warc',
            kind: kind as 'warc',
            size: 1,
            storedEncoding: 'identity',
            options,
            processedAt: null,
            errors: [],
          },
          chunks('x'),
        );
        if (processed) {
          await store.finishCapture({ sha256, kind: kind as 'warc' }, null, {
            processedAt: '2026-02-01T00:00:00.000Z',
            errors: n === 3 ? ['template broken: no list items at u'] : [],
          });
        }
        return sha256;
      };
      const t = (d: number) => `2026-01-0${d}T00:00:00.000Z`;
      const kcnaList1 = await put(t(2), { source: 'kcna', pageKind: 'listing', url: 'http://k/1' });
      const rodongArticle = await put(t(3), { source: 'rodong', pageKind: 'article' });
      const kcnaList2 = await put(t(4), { source: 'kcna', pageKind: 'listing', url: 'http://k/2' }); // newest kcna list, broken
      await put(t(1), { source: 'kcna', pageKind: 'listing' }); // stored later, captured earlier
      const kcnaUnknown = await put(t(5), { source: 'kcna', pageKind: 'unknown' }); // any non-list kind is an article page
      await put(t(6), { source: 'kcna', pageKind: 'article' }, { processed: false });
      await put(t(7), { source: 'kcna', pageKind: 'listing' }, { kind: 'text-page' });
      await put(t(8), { pageKind: 'listing' });
      await put(t(8), { source: 'rodong', pageKind: 7 });
      const rodongTie = await put(t(3), { source: 'rodong', pageKind: 'article' }); // same time: the later stored wins
      expect(kcnaList1).not.toBe(kcnaList2);

      const newest = await store.newestPageCaptures();
      // Groups in the order of their first capture: kcna listing, rodong article, kcna article.
      expect(newest.map((c) => c.sha256)).toEqual([kcnaList2, rodongTie, kcnaUnknown]);
      expect(newest[0]).toMatchObject({
        kind: 'warc',
        options: { source: 'kcna', pageKind: 'listing', url: 'http://k/2' },
        errors: ['template broken: no list items at u'],
        capturedAt: t(4),
      });
      expect(rodongArticle).not.toBe(rodongTie);
      await store.close();
    });

    it('groups page captures by the source extraction resolved (sourceId) over the name given', async () => {
      const store = await makeStore();
      const given: Record<string, string>[] = [
        { source: 'Pyongyang Mirror', sourceId: 'pyongyang-mirror-und', pageKind: 'article' },
        { source: 'pyongyang-mirror-und', pageKind: 'article' }, // recorded before sourceId was
      ];
      for (const [n, options] of given.entries()) {
        const sha256 = (n + 1).toString(16).padStart(64, 'f');
        const at = `2026-01-0${n + 1}T00:00:00.000Z`;
        await store.putCapture(
          {
            sha256,
            origin: `http://site.example/${n}`,
            capturedAt: at,
            mediaType: 'application/warc',
            kind: 'warc',
            size: 1,
            storedEncoding: 'identity',
            options,
            processedAt: null,
            errors: [],
          },
          chunks('x'),
        );
        await store.finishCapture({ sha256, kind: 'warc' }, null, { processedAt: at, errors: [] });
      }
      const newest = await store.newestPageCaptures();
      expect(newest).toHaveLength(1);
      expect(newest[0]!.capturedAt).toBe('2026-01-02T00:00:00.000Z');
      expect(await store.checkIntegrity()).toEqual([]);
      await store.close();
    });

    it('replaces a capture whose bytes were interrupted mid-write', async () => {
      const store = await makeStore();
      const meta = {
        sha256: 'b'.repeat(64),
        origin: 'y.txt',
        capturedAt: '2026-01-01T00:00:00.000Z',
        mediaType: 'text/plain',
        kind: 'text-page' as const,
        size: 3,
        storedEncoding: 'identity' as const,
        options: {},
        processedAt: null,
        errors: [],
      };
      async function* dies() {
        yield Buffer.from('x');
        throw new Error('killed');
      }
      await expect(store.putCapture(meta, dies())).rejects.toThrow('killed');
      expect((await store.getCapture(meta))?.bytesComplete).toBe(false);
      await store.putCapture(meta, chunks('xyz'));
      const read: Buffer[] = [];
      for await (const c of store.readCaptureChunks(meta)) read.push(Buffer.from(c));
      expect(Buffer.concat(read).toString()).toBe('xyz');
      await store.close();
    });

    it('keeps articles with their current version, and every older version', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      await store.insertArticle(article('a1', { versionCount: 1 }));
      await store.insertVersion(version('a1', 1, ['first text']));
      await store.insertVersion(version('a1', 2, ['second text', 'more']));
      await store.updateArticle({
        ...(await store.getArticle('a1'))!,
        versionCount: 2,
        keys: article('a1').keys,
      });
      const got = await store.getArticle('a1');
      expect(got?.paragraphs).toEqual(['second text', 'more']);
      expect((await store.getVersions('a1')).map((v) => v.paragraphs)).toEqual([
        ['first text'],
        ['second text', 'more'],
      ]);
      await store.updateVersionSeen(
        'a1',
        1,
        '2025-01-01T00:00:00.000Z',
        '2026-02-01T00:00:00.000Z',
      );
      expect((await store.getVersions('a1'))[0]).toMatchObject({
        firstSeen: '2025-01-01T00:00:00.000Z',
        lastSeen: '2026-02-01T00:00:00.000Z',
      });
      await expect(
        store.insertVersion({ ...version('a1', 3, ['first text']), contentHash: 'h1' }),
      ).rejects.toThrow();
      await store.close();
    });

    it('inserts an article with its first version: queued for its people, or with them', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      const first = (id: string) => ({ ...version(id, 1, ['Kim Jong Un inspected a farm.']) });
      expect(
        await store.insertArticle(article('q1', { versionCount: 1 }), {
          version: first('q1'),
          people: null,
        }),
      ).toBe(true);
      expect((await store.getVersions('q1')).map((v) => v.paragraphs)).toEqual([
        ['Kim Jong Un inspected a farm.'],
      ]);
      expect(await store.people.pendingCount()).toBe(1);
      const people = { mentions: [], activities: [] };
      expect(
        await store.insertArticle(article('q2', { versionCount: 1 }), {
          version: first('q2'),
          people,
        }),
      ).toBe(true);
      expect(await store.getVersions('q2')).toHaveLength(1);
      expect(await store.people.pendingCount()).toBe(1);
      // An id already taken writes nothing, its version included.
      expect(await store.insertArticle(article('q2'), { version: first('q2'), people })).toBe(
        false,
      );
      expect(await store.getVersions('q2')).toHaveLength(1);
      await store.close();
    });

    it('reads the search attributes of every article a batch at a time, in document order', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      for (const id of ['r1', 'r2', 'r3', 'r4', 'r5']) await store.insertArticle(article(id));
      const read = async (docIds?: number[], size?: number) => {
        const batches = [];
        for await (const batch of store.search.rows(docIds, size)) batches.push(batch);
        return batches;
      };
      const [whole] = await read();
      expect(whole!.map((r) => r.storyId)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
      expect(whole![0]).toMatchObject({ sourceId: source.id, year: 2012, status: 'live' });
      const paged = await read(undefined, 2);
      expect(paged.map((b) => b.length)).toEqual([2, 2, 1]);
      expect(paged.flat()).toEqual(whole);
      const some = (await read([whole![1]!.docId, whole![3]!.docId])).flat();
      expect(some.map((r) => r.storyId).sort()).toEqual(['r2', 'r4']);
      await store.close();
    });

    it('indexes every version that stopped being current for matchOlder, never for match', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      for (const id of ['o1', 'o2']) {
        await store.insertArticle(article(id, { versionCount: 1 }));
        await store.insertVersion(version(id, 1, [`${id} said Hwasong once`]));
      }
      const first = await store.search.refresh();
      const [d1, d2] = first.changed;
      const hwasong: TextExpr = { kind: 'any', tokens: ['hwasong'] };
      expect((await store.search.matchOlder(hwasong)).ids).toHaveLength(0);
      for (const [id, seq, text] of [
        ['o1', 2, 'Hwasong again'],
        ['o1', 3, 'no longer'],
        ['o2', 2, 'nothing here'],
      ] as const) {
        await store.insertVersion(version(id, seq, [text]));
        await store.updateArticle({
          ...(await store.getArticle(id))!,
          versionCount: seq,
          keys: article(id).keys,
        });
      }
      const second = await store.search.refresh();
      // One generation step: readers apply the changed rows instead of reloading.
      expect(second.generation).toBe(first.generation + 1);
      expect(new Set(second.changed)).toEqual(new Set([d1, d2]));
      expect((await store.search.match(hwasong)).ids).toHaveLength(0);
      // Per article, its newest older version that matches: o1's v2 (v3 is current), o2's v1.
      const older = await store.search.matchOlder(hwasong);
      expect([...older.ids]).toEqual([d1, d2].sort((a, b) => a! - b!));
      expect(Object.fromEntries([...older.ids].map((d, i) => [d, older.versions[i]]))).toEqual({
        [d1!]: 2,
        [d2!]: 1,
      });
      const only = await store.search.matchOlder({ kind: 'phrase', tokens: ['said', 'hwasong'] }, [
        d2!,
      ]);
      expect([[...only.ids], [...only.versions]]).toEqual([[d2], [1]]);
      expect(
        (
          await store.search.matchOlder({ kind: 'title', expr: { kind: 'any', tokens: ['t'] } }, [
            d1!,
          ])
        ).versions,
      ).toEqual(Uint32Array.of(2));
      // Nothing new: no generation step.
      expect(await store.search.refresh()).toEqual({ generation: second.generation, changed: [] });
      await store.clearDerived();
      await store.search.refresh();
      expect((await store.search.matchOlder(hwasong)).ids).toHaveLength(0);
      await store.close();
    });

    it('finds candidates by lead, title, body hash, MinHash band and URL', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      await store.insertArticle(
        article('a1', {
          url: 'http://x/1',
          keys: { leadKey: 'l', titleKey: 't1', bodyHash: 'bh', signature: SIGNATURE },
        }),
      );
      await store.insertArticle(
        article('a2', { keys: { leadKey: 'm', titleKey: 't1', bodyHash: 'bh2', signature: null } }),
      );
      const anyDate = { year: null, month: null, day: null, basis: 'unknown' as const };
      expect(
        (await store.findArticlesByKeys(source.id, 'l', null, anyDate)).map((a) => a.id),
      ).toEqual(['a1']);
      expect(
        (await store.findArticlesByKeys(source.id, 'zz', 't1', anyDate)).map((a) => a.id),
      ).toEqual(['a1', 'a2']);
      expect((await store.findArticlesByKeys('other', 'l', 't1', anyDate)).length).toBe(0);
      // Dates: an unknown year matches; a different day does not.
      expect(
        (
          await store.findArticlesByKeys(source.id, 'l', null, {
            year: null,
            month: 3,
            day: 1,
            basis: 'dateline-only',
          })
        ).length,
      ).toBe(1);
      expect(
        (
          await store.findArticlesByKeys(source.id, 'l', null, {
            year: 2012,
            month: 3,
            day: 2,
            basis: 'record',
          })
        ).length,
      ).toBe(0);
      const [byBody] = await store.findStoryCandidates('bh', null);
      expect(byBody).toMatchObject({ id: 'a1', storyId: 'a1', language: 'en', sameBody: true });
      expect(Buffer.from(byBody!.signature!).equals(SIGNATURE)).toBe(true);
      // A signature sharing one LSH band (its first 8 values) is a candidate; one sharing none is not.
      const near = Buffer.from(SIGNATURE);
      near.fill(9, 32);
      expect((await store.findStoryCandidates(null, near)).map((a) => [a.id, a.sameBody])).toEqual([
        ['a1', false],
      ]);
      expect((await store.findStoryCandidates('nope', Buffer.alloc(256, 9))).length).toBe(0);
      // Rewriting an article as read keeps it findable (the band index follows the signature).
      await store.updateArticle((await store.getArticle('a1'))!);
      expect((await store.findStoryCandidates(null, near)).length).toBe(1);
      // A new signature moves the article in the band index: found by the new one, no longer by the old.
      const other = Buffer.alloc(256, 5);
      const a1 = (await store.getArticle('a1'))!;
      await store.updateArticle({ ...a1, keys: { ...a1.keys, signature: other } });
      expect((await store.findStoryCandidates(null, near)).length).toBe(0);
      expect((await store.findStoryCandidates(null, other)).map((a) => a.id)).toEqual(['a1']);
      await store.updateArticle({ ...a1, keys: { ...a1.keys, signature: SIGNATURE } });
      expect(
        await store.insertArticle(article('a2', { title: 'a different article, same id' })),
      ).toBe(false);
      expect((await store.getArticle('a2'))?.title).toBe('Title a2');
      expect(await store.getArticle('zz')).toBeNull();
      expect((await store.findArticleByUrl('http://x/1'))?.id).toBe('a1');
      await store.close();
    });

    it('finds the headlines a whole title may have been cut from: title keys that are prefixes of it', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      const keyed = (id: string, titleKey: string, day = 1, title = `${titleKey} …`) =>
        article(id, {
          title,
          published: { year: 2012, month: 3, day, basis: 'record' },
          keys: { leadKey: null, titleKey, bodyHash: null, signature: null },
        });
      const whole = 'kim jong un inspects construction site of pyongyang general hospital';
      await store.insertArticle(
        keyed('cut-word', 'kim jong un inspects construction site of pyongyang gen'),
      );
      await store.insertArticle(keyed('cut-after', 'kim jong un inspects construction site of'));
      await store.insertArticle(keyed('short', 'kim jong un inspects'));
      await store.insertArticle(keyed('whole', whole));
      await store.insertArticle(keyed('other', 'kim jong un inspects construction site of sunan'));
      await store.insertArticle(keyed('other-day', 'kim jong un inspects construction site of', 2));
      // Whole titles are never cut from another: a prefix key alone does not make one a candidate.
      await store.insertArticle(
        keyed('uncut', 'kim jong un inspects construction site of', 1, 'Kim Jong Un Inspects'),
      );
      await store.insertArticle(
        keyed('dots', 'kim jong un inspects construction site of pyongyang', 1, 'Kim...  '),
      );
      const floor = 'kim jong un inspects construction site'.length;
      const day1: ArticleDate = { year: 2012, month: 3, day: 1, basis: 'record' };
      const ids = async (key: string, min: number, date = day1) =>
        (await store.findArticlesByTitlePrefixOf(source.id, key, min, date)).map((a) => a.id);
      // Proper prefixes at least `floor` long, on a compatible date, oldest first.
      expect(await ids(whole, floor)).toEqual(['cut-word', 'cut-after', 'dots']);
      expect(await ids(whole, 4)).toEqual(['cut-word', 'cut-after', 'short', 'dots']);
      expect(
        await ids(whole, floor, { year: null, month: null, day: null, basis: 'unknown' }),
      ).toEqual(['cut-word', 'cut-after', 'other-day', 'dots']);
      expect(await ids('kim jong un inspects construction site', floor)).toEqual([]);
      expect(await ids('kim jong un inspects', floor)).toEqual([]);
      expect((await store.findArticlesByTitlePrefixOf('other', whole, floor, day1)).length).toBe(0);
      // Keys longer than an index holds are compared whole.
      const long = `${whole} ${'and more words '.repeat(20)}`.trim();
      await store.insertArticle(keyed('long-cut', long.slice(0, 250)));
      await store.insertArticle(keyed('long-other', `${long.slice(0, 240)} elsewhere`));
      expect(await ids(long, floor)).toEqual([
        'cut-word',
        'cut-after',
        'whole',
        'dots',
        'long-cut',
      ]);
      await store.close();
    });

    it('asks the lookups a text is matched by at once: each list as alone, story candidates only when nothing else was found', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      const day1: ArticleDate = { year: 2012, month: 3, day: 1, basis: 'record' };
      const whole = 'kim jong un inspects construction site of pyongyang general hospital';
      const floor = 'kim jong un inspects construction site'.length;
      await store.insertArticle(
        article('keyed', {
          published: day1,
          keys: { leadKey: 'lead', titleKey: whole, bodyHash: 'bh', signature: SIGNATURE },
        }),
      );
      await store.insertArticle(
        article('cut', {
          title: 'Kim Jong Un Inspects Construction Site of…',
          published: day1,
          keys: {
            leadKey: null,
            titleKey: 'kim jong un inspects construction site of',
            bodyHash: null,
            signature: null,
          },
        }),
      );
      await store.insertArticle(
        article('copy', {
          published: day1,
          keys: { leadKey: 'other lead', titleKey: 'other', bodyHash: 'bh', signature: SIGNATURE },
        }),
      );
      const ask = (over: Partial<MatchRequest>) =>
        store.findMatchCandidates(matchRequest({ date: day1, ...over }));
      const ids = (list: { id: string }[] | null) => list?.map((a) => a.id) ?? null;
      const story = { bodyHash: 'bh', signature: SIGNATURE };

      const all = await ask({ leadKey: 'lead', titleKey: whole, prefixFloor: floor, story });
      expect(ids(all.byKeys)).toEqual(['keyed']);
      expect(all.byKeys[0]).toEqual(await store.getArticle('keyed'));
      expect(ids(all.byTitlePrefix)).toEqual(['cut']);
      expect(all.story).toBeNull();

      // Nothing by key or prefix: the story candidates, as findStoryCandidates gives them.
      const alone = await ask({ leadKey: 'new lead', titleKey: 'new title', story });
      expect([alone.byKeys, alone.byTitlePrefix]).toEqual([[], []]);
      const separately = await store.findStoryCandidates('bh', SIGNATURE);
      expect(alone.story!.map((c) => [c.id, c.storyId, c.language, c.sameBody])).toEqual(
        separately.map((c) => [c.id, c.storyId, c.language, c.sameBody]),
      );
      expect(alone.story!.map((c) => [c.id, c.sameBody])).toEqual([
        ['keyed', true],
        ['copy', true],
        ['keyed', false],
        ['copy', false],
      ]);
      expect(Buffer.from(alone.story![0]!.signature!).equals(SIGNATURE)).toBe(true);

      // No prefix floor: no prefix lookup. No story asked: none looked up.
      expect(ids((await ask({ titleKey: whole })).byTitlePrefix)).toEqual([]);
      expect((await ask({ titleKey: 'new title' })).story).toBeNull();
      expect(
        (await ask({ titleKey: 'new', story: { bodyHash: null, signature: null } })).story,
      ).toEqual([]);
      // Another source's articles are no candidates by key or prefix.
      const elsewhere = await store.findMatchCandidates({
        sourceId: 'other',
        leadKey: 'lead',
        titleKey: whole,
        date: day1,
        prefixFloor: floor,
        story: null,
      });
      expect([elsewhere.byKeys, elsewhere.byTitlePrefix]).toEqual([[], []]);
      await store.close();
    });

    it('finds by key the copies whose date agrees, an unknown part agreeing with any', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      const date = (
        year: number | null,
        month: number | null,
        day: number | null,
      ): ArticleDate => ({ year, month, day, basis: year === null ? 'dateline-only' : 'record' });
      const copies: [string, ArticleDate][] = [
        ['day1', date(2012, 3, 1)],
        ['day2', date(2012, 3, 2)],
        ['no-day', date(2012, 3, null)],
        ['no-year', date(null, 3, 1)],
        ['other-year', date(2011, 3, 1)],
      ];
      for (const [id, published] of copies)
        await store.insertArticle(
          article(id, {
            published,
            keys: { leadKey: 'same lead', titleKey: 'same title', bodyHash: null, signature: null },
          }),
        );
      const found = async (at: ArticleDate, by: 'lead' | 'title') => {
        const keys = by === 'lead' ? { leadKey: 'same lead' } : { titleKey: 'same title' };
        const c = await store.findMatchCandidates(matchRequest({ date: at, ...keys }));
        return c.byKeys.map((a) => a.id).sort();
      };
      for (const by of ['lead', 'title'] as const) {
        expect(await found(date(2012, 3, 1), by), by).toEqual(['day1', 'no-day', 'no-year']);
        expect(await found(date(null, 3, 1), by), by).toEqual([
          'day1',
          'no-day',
          'no-year',
          'other-year',
        ]);
        expect(await found(date(2012, 3, null), by), by).toEqual([
          'day1',
          'day2',
          'no-day',
          'no-year',
        ]);
        expect(await found(date(null, null, null), by), by).toHaveLength(5);
      }
      await store.close();
    });

    it('candidates read ahead in a transaction are what a lookup finds, whatever it wrote since', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      const day1: ArticleDate = { year: 2012, month: 3, day: 1, basis: 'record' };
      const other = Buffer.alloc(256, 9);
      await store.insertArticle(article('old', { published: day1 }));
      const ask = (over: Partial<MatchRequest>) => matchRequest({ date: day1, ...over });
      const requests = [
        ask({ leadKey: 'lead old', titleKey: 'title old' }),
        ask({ titleKey: 'fresh title', story: { bodyHash: 'x', signature: other } }),
        ask({ titleKey: 'cut headline made whole', prefixFloor: 5 }),
        ask({ leadKey: 'nothing', story: { bodyHash: 'shared body', signature: null } }),
        ask({ leadKey: 'untouched' }),
      ];
      await store.transaction(async () => {
        await store.prefetchMatchCandidates(requests);
        await store.updateArticle({ ...article('old', { published: day1 }), title: 'Changed' });
        await store.insertArticle(
          article('fresh', {
            keys: { leadKey: 'l', titleKey: 'fresh title', bodyHash: null, signature: null },
          }),
        );
        await store.insertArticle(
          article('cut', {
            title: 'Cut headline…',
            keys: { leadKey: 'c', titleKey: 'cut headline', bodyHash: null, signature: null },
          }),
        );
        await store.insertArticle(
          article('copy', {
            keys: { leadKey: 'p', titleKey: 'p', bodyHash: 'shared body', signature: other },
          }),
        );
        const ids = (c: MatchCandidates) =>
          [c.byKeys, c.byTitlePrefix, c.story ?? []].map((list) => list.map((a) => a.id));
        const first = [];
        for (const r of requests) first.push(ids(await store.findMatchCandidates(r)));
        const again = [];
        for (const r of requests) again.push(ids(await store.findMatchCandidates(r)));
        expect(first).toEqual(again);
        expect(first).toEqual([
          [['old'], [], []],
          [['fresh'], [], []],
          [[], ['cut'], []],
          [[], [], ['copy']],
          [[], [], []],
        ]);
        expect((await store.findMatchCandidates(requests[0]!)).byKeys[0]!.title).toBe('Changed');
      });
      await store.close();
    });

    it('lists by source, status and date range with exact totals; unknown years never match a range', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      await store.upsertSource({
        id: 'rodong-en',
        name: 'Rodong Sinmun',
        language: 'en',
        label: 'Rodong Sinmun (En)',
      });
      for (let d = 1; d <= 9; d++)
        await store.insertArticle(
          article(`k${d}`, { published: { year: 2012, month: 3, day: d, basis: 'record' } }),
        );
      await store.insertArticle(article('r1', { sourceId: 'rodong-en' }));
      await store.insertArticle(
        article('u1', {
          published: { year: null, month: 3, day: 24, basis: 'dateline-only' },
          status: 'teaser',
        }),
      );
      const page = await store.listArticles({
        sourceId: source.id,
        from: '2012-03-03',
        to: '2012-03-06',
        limit: 2,
      });
      expect(page.total).toBe(4);
      expect(page.items.map((a) => a.id)).toEqual(['k6', 'k5']);
      expect((await store.listArticles({ order: 'oldest', limit: 1 })).items[0]?.id).toBe('k1');
      expect((await store.listArticles({ status: 'teaser' })).items.map((a) => a.id)).toEqual([
        'u1',
      ]);
      expect((await store.listArticles({ from: '2000-01-01' })).total).toBe(10);
      await store.insertArticle(
        article('r2', {
          sourceId: 'rodong-en',
          storyId: 'k2',
          published: { year: 2012, month: 3, day: 2, basis: 'record' },
        }),
      );
      expect(
        (await store.listArticles({ storyId: 'k2', order: 'oldest' })).items.map((a) => a.id),
      ).toEqual(['k2', 'r2']);
      expect((await store.listArticles({ storyId: 'k2', sourceId: 'rodong-en' })).total).toBe(1);
      const sources = await store.listSources();
      expect(sources.find((s) => s.id === 'kcna-kp-en')).toMatchObject({
        articles: 9,
        teasers: 1,
        firstPublished: '2012-03-01',
        lastPublished: '2012-03-09',
      });
      await store.close();
    });

    it('lists undated articles last in either order, each kind as stored, and counts a write at once', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      const undated = { year: null, month: 3, day: 24, basis: 'dateline-only' as const };
      for (const [id, day] of [
        ['u1', null],
        ['d2', 2],
        ['u2', null],
        ['d1', 1],
        ['d2b', 2],
      ] as const)
        await store.insertArticle(
          article(id, {
            published: day === null ? undated : { year: 2012, month: 3, day, basis: 'record' },
          }),
        );
      const ids = async (order: 'newest' | 'oldest', offset = 0, limit = 50) =>
        (await store.listArticles({ sourceId: source.id, order, offset, limit })).items.map(
          (a) => a.id,
        );
      expect(await ids('newest')).toEqual(['d2b', 'd2', 'd1', 'u2', 'u1']);
      expect(await ids('oldest')).toEqual(['d1', 'd2', 'd2b', 'u1', 'u2']);
      // A page across the last dated article and the first undated one.
      expect(await ids('newest', 2, 2)).toEqual(['d1', 'u2']);
      expect(await ids('oldest', 2, 2)).toEqual(['d2b', 'u1']);
      expect((await store.listArticles({ sourceId: source.id, limit: 0 })).total).toBe(5);
      await store.insertArticle(
        article('d3', { published: { year: 2012, month: 3, day: 3, basis: 'record' } }),
      );
      const after = await store.listArticles({ sourceId: source.id, limit: 1 });
      expect(after).toMatchObject({ total: 6, items: [{ id: 'd3' }] });
      await store.close();
    });

    it('lists its sources with figures that follow each write, and hands out copies', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      const figures = async () => (await store.listSources()).find((s) => s.id === source.id)!;
      expect(await figures()).toMatchObject({ articles: 0, lastPublished: null });
      (await figures()).articles = 99;
      expect((await figures()).articles).toBe(0);
      await store.insertArticle(
        article('k1', { published: { year: 2012, month: 3, day: 4, basis: 'record' } }),
      );
      expect(await figures()).toMatchObject({ articles: 1, lastPublished: '2012-03-04' });
      await store.transaction(async () => {
        await store.insertArticle(
          article('k2', { published: { year: 2012, month: 3, day: 5, basis: 'record' } }),
        );
        // Inside the transaction its own write counts already.
        expect(await figures()).toMatchObject({ articles: 2, lastPublished: '2012-03-05' });
      });
      expect(await figures()).toMatchObject({ articles: 2, lastPublished: '2012-03-05' });
      await store.close();
    });

    it('keeps each source’s counts and last capture through teasers, versions, a move, a rollback and a reprocess', async () => {
      const store = await makeStore();
      const rodong = { id: 'rodong-en', name: 'Rodong', language: 'en', label: 'Rodong (En)' };
      await store.upsertSource(source);
      await store.upsertSource(rodong);
      const put = async (n: string, capturedAt: string) => {
        const meta = { ...captureMeta(n.repeat(64)), capturedAt };
        await store.putCapture(meta, chunks('x'));
        return meta.sha256;
      };
      const early = await put('e', '2026-02-01T00:00:00.000Z');
      const late = await put('f', '2026-03-01T00:00:00.000Z');
      const figures = async () =>
        Object.fromEntries(
          (await store.listSources()).map((s) => [
            s.id,
            [s.articles, s.teasers, s.firstPublished, s.lastPublished, s.lastCapture],
          ]),
        );
      const on = (day: number) => ({ year: 2012, month: 3, day, basis: 'record' as const });
      await store.insertArticle(article('t1', { status: 'teaser', published: on(9) }));
      await store.insertArticle(article('k1', { published: on(2) }));
      await store.insertVersion({ ...version('k1', 1, ['k1']), captureSha256: late });
      await store.insertArticle(
        article('k2', { published: { year: 2012, month: null, day: null, basis: 'record' } }),
      );
      expect(await figures()).toEqual({
        'kcna-kp-en': [2, 1, '2012-03-02', '2012-03-09', '2026-03-01T00:00:00.000Z'],
        'rodong-en': [0, 0, null, null, null],
      });
      // The teaser's page is captured: it becomes an article, with its version.
      await store.updateArticle(article('t1', { published: on(9) }));
      await store.insertVersion({ ...version('t1', 1, ['t1']), captureSha256: early });
      expect((await figures())['kcna-kp-en']).toEqual([
        3,
        0,
        '2012-03-02',
        '2012-03-09',
        '2026-03-01T00:00:00.000Z',
      ]);
      // Never done by the pipeline (an id derives from its source), but counted right if done.
      await store.updateArticle(article('k1', { sourceId: rodong.id, published: on(2) }));
      expect(await figures()).toEqual({
        'kcna-kp-en': [2, 0, '2012-03-09', '2012-03-09', '2026-02-01T00:00:00.000Z'],
        'rodong-en': [1, 0, '2012-03-02', '2012-03-02', '2026-03-01T00:00:00.000Z'],
      });
      const before = await figures();
      await expect(
        store.transaction(async () => {
          await store.insertArticle(article('gone', { status: 'teaser', published: on(20) }));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await figures()).toEqual(before);
      await store.clearDerived();
      expect(await figures()).toEqual({
        'kcna-kp-en': [0, 0, null, null, null],
        'rodong-en': [0, 0, null, null, null],
      });
      await store.insertArticle(article('k3', { status: 'teaser', published: on(5) }));
      expect((await figures())['kcna-kp-en']).toEqual([0, 1, '2012-03-05', '2012-03-05', null]);
      await store.close();
    });

    it('finds an article’s neighbours in its source by date, then as stored; none without a full date', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      await store.upsertSource({
        id: 'rodong-en',
        name: 'Rodong Sinmun',
        language: 'en',
        label: 'Rodong Sinmun (En)',
      });
      const on = (day: number) => ({ year: 2012, month: 3, day, basis: 'record' as const });
      // Stored out of date order: the order within a day is the order stored.
      for (const [id, day] of [
        ['d5a', 5],
        ['d1', 1],
        ['d3a', 3],
        ['d3b', 3],
        ['d7', 7],
        ['d3c', 3],
        ['d9', 9],
      ] as const)
        await store.insertArticle(article(id, { published: on(day) }));
      await store.insertArticle(article('other', { sourceId: 'rodong-en', published: on(3) }));
      await store.insertArticle(
        article('undated', { published: { year: null, month: 3, day: 3, basis: 'dateline-only' } }),
      );
      const ids = (xs: Article[]) => xs.map((a) => a.id);
      const mid = await store.articlesAround('d3b', 10);
      expect(ids(mid.before)).toEqual(['d3a', 'd1']);
      expect(ids(mid.after)).toEqual(['d3c', 'd5a', 'd7', 'd9']);
      const few = await store.articlesAround('d3b', 2);
      expect(ids(few.before)).toEqual(['d3a', 'd1']);
      expect(ids(few.after)).toEqual(['d3c', 'd5a']);
      expect(few.after[0]!.title).toBe('Title d3c');
      const first = await store.articlesAround('d1', 3);
      expect(ids(first.before)).toEqual([]);
      expect(ids(first.after)).toEqual(['d3a', 'd3b', 'd3c']);
      expect(await store.articlesAround('undated', 5)).toEqual({ before: [], after: [] });
      expect(await store.articlesAround('no-such-id', 5)).toEqual({ before: [], after: [] });
      await store.close();
    });
    it('rolls back a failed transaction entirely', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      await expect(
        store.transaction(async () => {
          await store.insertArticle(article('t1'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.getArticle('t1')).toBeNull();
      await store.transaction(async () => store.insertArticle(article('t2')));
      expect(await store.getArticle('t2')).not.toBeNull();
      await store.close();
    });

    it('two transactions at once: the one that rolls back takes only its own writes with it', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      let inside!: () => void;
      const entered = new Promise<void>((resolve) => {
        inside = resolve;
      });
      // A starts and waits; B (another caller, as the web server beside a crawl) writes meanwhile; A fails.
      const a = store.transaction(async () => {
        await store.insertArticle(article('a1'));
        inside();
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('boom');
      });
      await entered;
      const b = store.transaction(async () => store.insertArticle(article('b1')));
      const single = store.insertArticle(article('b2')); // a lone write outside any transaction
      await expect(a).rejects.toThrow('boom');
      expect(await b).toBe(true);
      expect(await single).toBe(true);
      expect(await store.getArticle('a1')).toBeNull();
      expect(await store.getArticle('b1')).not.toBeNull();
      expect(await store.getArticle('b2')).not.toBeNull();
      await store.close();
    });

    it('queues captures: claims in order, one holder at a time, retries within a budget, then parks them as failed', async () => {
      const store = await makeStore();
      const put = async (n: number, origin: string) => {
        const sha256 = n.toString(16).padStart(64, '0');
        await store.putCapture(
          {
            sha256,
            origin,
            capturedAt: '2026-01-01T00:00:00.000Z',
            mediaType: 'text/plain',
            kind: 'text-page',
            size: 1,
            storedEncoding: 'identity',
            options: {},
            processedAt: null,
            errors: [],
          },
          chunks('x'),
        );
        return { sha256, kind: 'text-page' as const };
      };
      const first = await put(1, 'a.txt');
      const sameOrigin = await put(2, 'a.txt');
      const other = await put(3, 'b.txt');
      const now = '2026-01-01T00:00:00.000Z';
      const claim = (worker: string, at = now, until = '2026-01-01T00:01:00.000Z') =>
        store.claimCapture({ worker, now: at, until, maxAttempts: 2 });
      expect((await claim('w1'))?.sha256).toBe(first.sha256);
      // The next of a.txt waits for the first to finish: w2 gets b.txt.
      expect((await claim('w2'))?.sha256).toBe(other.sha256);
      expect(await claim('w3')).toBeNull();
      expect(await store.listClaims()).toEqual([
        { worker: 'w1', captures: 1 },
        { worker: 'w2', captures: 1 },
      ]);
      expect(await store.finishCapture(first, 'w2', { processedAt: now, errors: [] })).toBe(false); // not w2's
      expect(
        await store.finishCapture(first, 'w1', { processedAt: now, errors: ['a.txt: one line'] }),
      ).toBe(true);
      expect((await claim('w3'))?.sha256).toBe(sameOrigin.sha256);
      // w3 dies: its lease runs out, and the capture goes to w4 (second attempt).
      const later = '2026-01-01T00:02:00.000Z';
      const taken = await claim('w4', later, '2026-01-01T00:03:00.000Z');
      expect(taken).toMatchObject({ sha256: sameOrigin.sha256, attempts: 2 });
      expect(await store.renewClaim(sameOrigin, 'w3', '2026-01-01T00:09:00.000Z')).toBe(false);
      await store.failCapture(sameOrigin, 'w4', 'TypeError: boom', later, true);
      expect(await store.getCapture(sameOrigin)).toMatchObject({
        failedAt: later,
        lastError: 'TypeError: boom',
        processedAt: null,
      });
      expect(await store.releaseClaims(['w2'])).toBe(1);
      // w2's released capture: budget left (1 of 2), claimed again; then its lease runs out with none left.
      expect((await claim('w5', later, '2026-01-01T00:03:00.000Z'))?.attempts).toBe(2);
      expect(await claim('w6', '2026-01-01T00:04:00.000Z')).toBeNull();
      expect(await store.getCapture(other)).toMatchObject({
        lastError: 'a worker stopped while processing it',
      });
      expect((await store.listCaptures({ state: 'failed' })).total).toBe(2);
      expect((await store.listCaptures({ state: 'done' })).items.map((c) => c.errors)).toEqual([
        ['a.txt: one line'],
      ]);
      expect(await store.requeueCaptures('failed')).toBe(2);
      expect((await store.listCaptures({ state: 'pending' })).total).toBe(2);
      await store.close();
    });

    it('records listing entries once per capture position, and clears derived data for reprocess', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      await store.insertArticle(article('a1'));
      const entry = {
        sourceId: source.id,
        captureSha256: 'c'.repeat(64),
        position: 0,
        text: 'Pyongyang, January 22 (KCNA) -- teaser',
        dateline: null,
        published: { year: 2025, month: 1, day: 22, basis: 'listing' as const },
        link: null,
        articleId: 'a1',
      };
      await store.insertListingEntry(entry);
      await store.insertListingEntry(entry);
      expect(await store.listListingEntries({ articleId: 'a1' })).toEqual([entry]);
      await store.clearDerived();
      expect(await store.getArticle('a1')).toBeNull();
      expect((await store.stats()).listingEntries).toBe(0);
      await store.close();
    });

    it('records events once, lists them newest first with filters, and counts coverage per source and day', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      await store.insertArticle(
        article('a1', {
          url: 'http://x/1',
          versionCount: 2,
          firstSeen: '2026-03-01T08:00:00.000Z',
        }),
      );
      await store.insertArticle(
        article('a2', {
          url: 'http://x/2',
          published: { year: 2012, month: 3, day: 2, basis: 'record' },
          firstSeen: '2026-03-02T08:00:00.000Z',
        }),
      );
      const edit = {
        articleId: 'a1',
        sourceId: source.id,
        at: '2026-03-02T10:00:00.000Z',
        kind: 'edit' as const,
        versionSeq: 2,
        change: 'body' as const,
        editSize: 4,
        reason: null,
        captureSha256: 'c'.repeat(64),
      };
      await store.insertEvent(edit);
      await store.insertEvent(edit);
      await store.insertEvent({
        ...edit,
        at: '2026-03-03T10:00:00.000Z',
        versionSeq: 3,
        change: 'cosmetic',
        editSize: 0,
      });
      await store.insertEvent({
        ...edit,
        articleId: 'a2',
        kind: 'deleted',
        at: '2026-03-03T11:00:00.000Z',
        versionSeq: null,
        change: null,
        editSize: null,
        reason: 'HTTP 404',
      });
      const all = await store.listEvents({});
      expect(all.total).toBe(3);
      expect(all.items.map((e) => [e.articleId, e.kind, e.at])).toEqual([
        ['a2', 'deleted', '2026-03-03T11:00:00.000Z'],
        ['a1', 'edit', '2026-03-03T10:00:00.000Z'],
        ['a1', 'edit', '2026-03-02T10:00:00.000Z'],
      ]);
      expect(all.items[2]).toMatchObject({
        ...edit,
        title: 'Title a1',
        url: 'http://x/1',
        status: 'live',
      });
      expect(
        (await store.listEvents({ changes: ['body', 'headline'] })).items.map((e) => e.kind),
      ).toEqual(['deleted', 'edit']);
      expect((await store.listEvents({ kinds: ['deleted'] })).items[0]).toMatchObject({
        reason: 'HTTP 404',
      });
      expect((await store.listEvents({ from: '2026-03-03', to: '2026-03-03' })).total).toBe(2);
      expect((await store.listEvents({ to: '2026-03-02' })).total).toBe(1);
      expect(
        (await store.listEvents({ articleId: 'a1', limit: 1, offset: 1 })).items.map(
          (e) => e.versionSeq,
        ),
      ).toEqual([2]);

      const days = await store.coverage({ from: '2012-03-01', to: '2026-03-31' });
      expect(days).toEqual([
        {
          sourceId: source.id,
          day: '2012-03-01',
          published: 1,
          archived: 0,
          edits: 0,
          deletions: 0,
          restorations: 0,
        },
        {
          sourceId: source.id,
          day: '2012-03-02',
          published: 1,
          archived: 0,
          edits: 0,
          deletions: 0,
          restorations: 0,
        },
        {
          sourceId: source.id,
          day: '2026-03-01',
          published: 0,
          archived: 1,
          edits: 0,
          deletions: 0,
          restorations: 0,
        },
        {
          sourceId: source.id,
          day: '2026-03-02',
          published: 0,
          archived: 1,
          edits: 1,
          deletions: 0,
          restorations: 0,
        },
        {
          sourceId: source.id,
          day: '2026-03-03',
          published: 0,
          archived: 0,
          edits: 1,
          deletions: 1,
          restorations: 0,
        },
      ]);
      expect(await store.coverage({ sourceId: 'other' })).toEqual([]);
      // A removal on the day the archive first saw the article is no purge evidence (a first crawl).
      await store.insertArticle(
        article('a3', { url: 'http://x/3', firstSeen: '2026-03-03T09:00:00.000Z' }),
      );
      await store.insertEvent({
        ...edit,
        articleId: 'a3',
        kind: 'deleted',
        at: '2026-03-03T12:00:00.000Z',
        versionSeq: null,
        change: null,
        editSize: null,
        reason: 'HTTP 404',
      });
      const third = (await store.coverage({ from: '2026-03-03', to: '2026-03-03' })).find(
        (d) => d.day === '2026-03-03',
      );
      expect(third).toMatchObject({ archived: 1, deletions: 1 });
      expect(await store.stats()).toMatchObject({ edits: 2, deletedArticles: 0 });
      await store.clearDerived();
      expect((await store.listEvents({})).total).toBe(0);
      await store.close();
    });

    it('keeps the latest check time, lists the articles with URLs to watch, and finds what a listing named before', async () => {
      const store = await makeStore();
      await store.upsertSource(source);
      await store.insertArticle(article('a1', { url: 'http://x/1' }));
      await store.insertArticle(article('a2', { url: null }));
      await store.markChecked('a1', '2026-03-02T00:00:00.000Z');
      await store.markChecked('a1', '2026-03-01T00:00:00.000Z');
      const [first] = await store.frontier.checkableArticles(source.id, 0, 10);
      expect(await store.frontier.checkableArticles(source.id, first!.key, 10)).toEqual([]);
      expect([{ ...first, key: undefined }]).toEqual([
        {
          key: undefined,
          id: 'a1',
          url: 'http://x/1',
          status: 'live',
          firstSeen: '2026-01-01T00:00:00.000Z',
          pubDate: '2012-03-01',
          checkedAt: '2026-03-02T00:00:00.000Z',
        },
      ]);
      const list = {
        sha256: 'd'.repeat(64),
        origin: 'http://x/list',
        capturedAt: '2026-03-01T00:00:00.000Z',
        mediaType: 'application/warc',
        kind: 'warc' as const,
        size: 1,
        storedEncoding: 'identity' as const,
        options: {},
        processedAt: null,
        errors: [],
      };
      await store.putCapture(list, chunks('x'));
      await store.insertListingEntry({
        sourceId: source.id,
        captureSha256: list.sha256,
        position: 0,
        text: 'Title a1',
        dateline: null,
        published: { year: 2012, month: 3, day: 1, basis: 'listing' },
        link: 'http://x/1',
        articleId: 'a1',
      });
      expect(
        await store.listListedArticles(
          source.id,
          'http://x/list',
          '2012-02-28',
          '2012-03-02',
          '2026-03-05T00:00:00.000Z',
        ),
      ).toEqual([{ id: 'a1', url: 'http://x/1', status: 'live', pubDate: '2012-03-01' }]);
      expect(
        await store.listListedArticles(
          source.id,
          'http://x/list',
          '2012-02-28',
          '2012-03-02',
          '2026-03-01T00:00:00.000Z',
        ),
      ).toEqual([]);
      expect(
        await store.listListedArticles(
          source.id,
          'http://x/other',
          '2012-02-28',
          '2012-03-02',
          '2026-03-05T00:00:00.000Z',
        ),
      ).toEqual([]);
      expect(
        await store.listListedArticles(
          source.id,
          'http://x/list',
          '2012-03-02',
          '2012-03-05',
          '2026-03-05T00:00:00.000Z',
        ),
      ).toEqual([]);
      await store.close();
    });
  });
}
