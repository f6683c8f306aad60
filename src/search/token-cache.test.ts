import { describe, expect, it } from 'vitest';
import {
  olderKey,
  postingsKey,
  prefixKey,
  textKey,
  TokenCache,
  wordKey,
  wordsKey,
} from './token-cache.js';

const ids = (...values: number[]) => Uint32Array.from(values);

describe('TokenCache.patch', () => {
  it('takes the changed documents out of every list and puts them back where their words now are', () => {
    const cache = new TokenCache();
    cache.sync(1);
    cache.set(wordKey('harvest'), ids(1, 4, 7));
    cache.set(prefixKey('harv'), ids(1, 4, 7, 9));
    cache.set(postingsKey('harvest'), { ids: ids(1, 4, 7), counts: Uint16Array.from([1, 3, 2]) });
    cache.set(olderKey(wordKey('harvest')), ids(2));
    const phrase = textKey({ kind: 'phrase', tokens: ['harvest', 'festival'] });
    cache.set(phrase, ids(1, 7));
    // 4 lost the word, 5 is new with it in its headline, 9 (harvester) was deleted from the index.
    const words = new Map([
      [4, new Map([['rain', 1]])],
      [5, new Map([['harvest', 4]])],
    ]);
    cache.patch(2, ids(4, 5, 9), words);
    expect(cache.generation).toBe(2);
    expect([...cache.get<Uint32Array>(wordKey('harvest'))!]).toEqual([1, 5, 7]);
    expect([...cache.get<Uint32Array>(prefixKey('harv'))!]).toEqual([1, 5, 7]);
    const postings = cache.get<{ ids: Uint32Array; counts: Uint16Array }>(postingsKey('harvest'))!;
    expect([...postings.ids]).toEqual([1, 5, 7]);
    expect([...postings.counts]).toEqual([1, 4, 2]);
    // Matches among older versions cannot be told from the current words: they are read again.
    expect(cache.get(olderKey(wordKey('harvest')))).toBeUndefined();
    // Nor phrases: a document's words do not say in what order they come.
    expect(cache.get(phrase)).toBeUndefined();
    expect(cache.size).toBe(3);
  });

  it('patches the forms of a stem kept together as the union of their lists, counts added', () => {
    const cache = new TokenCache();
    cache.sync(1);
    const forms = wordsKey(['harvests', 'harvest']);
    expect(forms).toBe('harvest harvests');
    cache.set(forms, ids(1, 4, 7));
    cache.set(postingsKey(forms), { ids: ids(1, 4, 7), counts: Uint16Array.from([1, 3, 2]) });
    // 4 now holds "harvests" only, 5 both forms, 7 neither.
    const words = new Map([
      [4, new Map([['harvests', 2]])],
      [
        5,
        new Map([
          ['harvest', 1],
          ['harvests', 3],
        ]),
      ],
      [7, new Map([['harvester', 1]])],
    ]);
    cache.patch(2, ids(4, 5, 7), words);
    expect([...cache.get<Uint32Array>(forms)!]).toEqual([1, 4, 5]);
    const postings = cache.get<{ ids: Uint32Array; counts: Uint16Array }>(postingsKey(forms))!;
    expect([...postings.ids]).toEqual([1, 4, 5]);
    expect([...postings.counts]).toEqual([1, 2, 4]);
  });

  it('keeps within its budget as patched lists grow', () => {
    const cache = new TokenCache(64);
    cache.sync(1);
    cache.set(wordKey('a'), ids(1, 2, 3));
    cache.set(wordKey('b'), ids(1, 2, 3));
    const words = new Map(Array.from({ length: 10 }, (_, i) => [10 + i, new Map([['b', 1]])]));
    cache.patch(2, Uint32Array.from(words.keys()), words);
    expect(cache.get<Uint32Array>(wordKey('b'))).toHaveLength(13);
    cache.set(wordKey('c'), ids(1));
    // 12 + 52 + 4 bytes are over 64: the least recently used list went.
    expect(cache.get(wordKey('a'))).toBeUndefined();
    expect(cache.get(wordKey('c'))).toBeDefined();
  });

  it('empties itself when the index moved on without a patch', () => {
    const cache = new TokenCache();
    cache.sync(1);
    cache.set(wordKey('a'), ids(1));
    cache.sync(2);
    expect(cache.size).toBe(0);
  });
});

describe('TokenCache.patch over the budget', () => {
  it('lets the least recently used lists go once patched lists outgrow it', () => {
    const cache = new TokenCache(60);
    cache.sync(1);
    cache.set(wordKey('a'), ids(1, 2, 3));
    cache.set(wordKey('b'), ids(1, 2, 3));
    const words = new Map(Array.from({ length: 10 }, (_, i) => [10 + i, new Map([['b', 1]])]));
    cache.patch(2, Uint32Array.from(words.keys()), words);
    expect(cache.get(wordKey('a'))).toBeUndefined();
    expect(cache.get<Uint32Array>(wordKey('b'))).toHaveLength(13);
  });
});

describe('TokenCache.readShared', () => {
  /** A read that resolves (or fails) when told to, counting how often it was started. */
  function controlledRead() {
    let started = 0;
    const settle: { resolve?: (v: Uint32Array) => void; reject?: (e: Error) => void } = {};
    const read = () => {
      started++;
      return new Promise<Uint32Array>((resolve, reject) =>
        Object.assign(settle, { resolve, reject }),
      );
    };
    return { read, settle, started: () => started };
  }

  it('reads a key once for every search asking at the same time, and keeps it', async () => {
    const cache = new TokenCache();
    cache.sync(1);
    const { read, settle, started } = controlledRead();
    const firstRead = cache.readShared(wordKey('kim'), read);
    const secondRead = cache.readShared(wordKey('kim'), read);
    expect([firstRead.joined, secondRead.joined]).toEqual([false, true]);
    const [first, second] = [firstRead.entry, secondRead.entry];
    settle.resolve!(ids(2, 3));
    expect(await first).toEqual(ids(2, 3));
    expect(await second).toBe(await first);
    expect(started()).toBe(1);
    expect(cache.get(wordKey('kim'))).toEqual(ids(2, 3));
  });

  it('does not share or keep a read started before the index moved on', async () => {
    const cache = new TokenCache();
    cache.sync(1);
    const old = controlledRead();
    const before = cache.readShared(wordKey('kim'), old.read).entry;
    cache.sync(2);
    const now = controlledRead();
    const after = cache.readShared(wordKey('kim'), now.read).entry;
    expect(now.started()).toBe(1);
    old.settle.resolve!(ids(1));
    now.settle.resolve!(ids(1, 5));
    expect(await before).toEqual(ids(1));
    expect(await after).toEqual(ids(1, 5));
    expect(cache.get(wordKey('kim'))).toEqual(ids(1, 5));
  });

  it('fails every search that shared a failed read, and the next one reads again', async () => {
    const cache = new TokenCache();
    cache.sync(1);
    const failing = controlledRead();
    const first = cache.readShared(wordKey('kim'), failing.read).entry;
    const second = cache.readShared(wordKey('kim'), failing.read).entry;
    failing.settle.reject!(new Error('stopped'));
    await expect(first).rejects.toThrow('stopped');
    await expect(second).rejects.toThrow('stopped');
    expect(cache.get(wordKey('kim'))).toBeUndefined();
    const again = controlledRead();
    const third = cache.readShared(wordKey('kim'), again.read).entry;
    again.settle.resolve!(ids(4));
    expect(await third).toEqual(ids(4));
    expect(again.started()).toBe(1);
  });
});
