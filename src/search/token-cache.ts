/**
 * Decoded document lists of single words (and prefixes), and the postings relevance scores with, kept
 * in memory between searches. A common word such as "kim" matches hundreds of thousands of articles;
 * reading its list from the index costs far more than intersecting it in memory, so the lists of words
 * used recently stay decoded (least recently used first out, within a byte budget). So do the matches
 * of phrases and headline searches: at a million articles the index takes ~75 ms to match
 * "Kim Jong Un" as a phrase, the positions of three words in 200,000 articles each.
 *
 * The cache follows the index: after a refresh that re-indexed a few documents, `patch` takes those
 * documents out of every word's list and puts them back where their words now are, so a crawler's
 * steady trickle of new articles does not send every search back to the index. Phrases cannot be
 * followed so (a document's words say nothing of their order): they are read again. A larger change
 * empties it.
 */
import { MAX_COUNT, type Postings } from './bm25.js';
import type { TextExpr } from './plan.js';
import { subtract } from './sets.js';

export const TOKEN_CACHE_BYTES = 128 * 2 ** 20;

type Entry = Uint32Array | Postings;

/**
 * A word's documents, by the key of the word itself (no index token holds `*`, NUL or a space);
 * several words' together (the forms of one stem) by their keys joined with spaces.
 */
export const wordKey = (token: string) => token;
export const wordsKey = (tokens: string[]) => [...tokens].sort().join(' ');
/** The documents of any word starting with `prefix`. */
export const prefixKey = (prefix: string) => `${prefix}*`;
/** A word's postings (bm25.ts), or several words' merged (`wordsKey`). */
export const postingsKey = (token: string) => `\0postings:${token}`;
/** A list of matches among older versions (version:any): `patch` cannot follow those, it drops them. */
export const olderKey = (key: string) => `\0old:${key}`;
/** The matches of a phrase or a headline search, which `patch` drops too. */
export const textKey = (expr: TextExpr) => `\0text:${JSON.stringify(expr)}`;

/** Per document, the words the index holds of it and how often (the headline's counted 3 times). */
export type DocumentWords = Map<number, Map<string, number>>;

const bytesOf = (entry: Entry): number =>
  entry instanceof Uint32Array ? entry.byteLength : entry.ids.byteLength + entry.counts.byteLength;

export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  /** Reads under way, any search's, with the generation each was started at. */
  private readonly reading = new Map<string, { generation: number; entry: Promise<Entry> }>();
  private bytes = 0;
  generation = -1;

  constructor(private readonly budget = TOKEN_CACHE_BYTES) {}

  /** How many entries are kept. */
  get size(): number {
    return this.entries.size;
  }

  /** The cached entry, marked as just used; undefined when absent. */
  get<T extends Entry>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry as T | undefined;
  }

  /**
   * The entry under `key` as `read` reads it, kept once read if the cache has not moved on meanwhile;
   * `joined` when another caller's read was already under way and this one waits for it. Searches
   * running at once share one read of a key: ten first searches for a common word at a million
   * articles read its list once, not ten times over on the one search thread. A read that fails is
   * not shared further: a caller that joined it may start its own.
   */
  readShared<T extends Entry>(
    key: string,
    read: () => Promise<T>,
  ): { entry: Promise<T>; joined: boolean } {
    const generation = this.generation;
    const under = this.reading.get(key);
    if (under?.generation === generation) return { entry: under.entry as Promise<T>, joined: true };
    const entry = read().then((loaded) => {
      if (this.generation === generation) this.set(key, loaded);
      return loaded;
    });
    const mine = { generation, entry };
    this.reading.set(key, mine);
    const done = () => {
      if (this.reading.get(key) === mine) this.reading.delete(key);
    };
    entry.then(done, done);
    return { entry, joined: false };
  }

  set(key: string, entry: Entry): void {
    const size = bytesOf(entry);
    if (size > this.budget / 4) return;
    this.remove(key);
    this.entries.set(key, entry);
    this.bytes += size;
    this.evict();
  }

  /** The least recently used out until the rest fits the budget. */
  private evict(): void {
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.remove(oldest);
    }
  }

  /** Empties the cache when the index moved on without a patch. */
  sync(generation: number): void {
    if (generation === this.generation) return;
    this.entries.clear();
    this.bytes = 0;
    this.generation = generation;
  }

  /**
   * Moves the cache to `generation`: every document of `changed` (ascending) leaves every list and
   * joins again those of the words `words` gives it (a document absent there is no longer indexed).
   */
  patch(generation: number, changed: Uint32Array, words: DocumentWords): void {
    for (const [key, entry] of [...this.entries]) {
      if (key.startsWith('\0old:') || key.startsWith('\0text:')) {
        this.remove(key);
        continue;
      }
      const postings = key.startsWith('\0postings:');
      const token = postings ? key.slice('\0postings:'.length) : key;
      const prefix = !postings && key.endsWith('*') ? key.slice(0, -1) : null;
      const tokens = token.split(' ');
      const countIn = (held: Map<string, number>): number => {
        if (prefix === null) return tokens.reduce((f, t) => f + (held.get(t) ?? 0), 0);
        for (const word of held.keys()) if (word.startsWith(prefix)) return 1;
        return 0;
      };
      const added: number[] = [];
      const counts: number[] = [];
      for (const d of changed) {
        const held = words.get(d);
        const count = held ? countIn(held) : 0;
        if (count > 0) {
          added.push(d);
          counts.push(Math.min(MAX_COUNT, count));
        }
      }
      const next =
        entry instanceof Uint32Array
          ? mergeIds(subtract(entry, changed), added)
          : mergePostings(entry, changed, added, counts);
      this.bytes += bytesOf(next) - bytesOf(entry);
      this.entries.set(key, next);
    }
    this.evict();
    this.generation = generation;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= bytesOf(entry);
    this.entries.delete(key);
  }
}

/** `ids` (ascending) with `added` (ascending, none of them in `ids`) merged in. */
function mergeIds(ids: Uint32Array, added: number[]): Uint32Array {
  if (added.length === 0) return ids;
  const out = new Uint32Array(ids.length + added.length);
  let i = 0,
    j = 0;
  for (let n = 0; n < out.length; n++)
    out[n] = j >= added.length || (i < ids.length && ids[i]! < added[j]!) ? ids[i++]! : added[j++]!;
  return out;
}

/** `list` without the `changed` documents, then with `added` and their counts. */
function mergePostings(
  list: Postings,
  changed: Uint32Array,
  added: number[],
  counts: number[],
): Postings {
  const ids = new Uint32Array(list.ids.length + added.length);
  const out = new Uint16Array(ids.length);
  let c = 0,
    j = 0,
    n = 0;
  const take = (id: number, count: number) => {
    ids[n] = id;
    out[n++] = count;
  };
  for (let i = 0; i < list.ids.length; i++) {
    const id = list.ids[i]!;
    while (c < changed.length && changed[c]! < id) c++;
    while (j < added.length && added[j]! < id) take(added[j]!, counts[j++]!);
    if (c < changed.length && changed[c] === id) continue;
    take(id, list.counts[i]!);
  }
  while (j < added.length) take(added[j]!, counts[j++]!);
  return { ids: ids.subarray(0, n), counts: out.subarray(0, n) };
}
