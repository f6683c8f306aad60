/**
 * Decoded document lists of single words (and prefixes), and the postings relevance scores with, kept
 * in memory between searches. A common word such as "kim" matches hundreds of thousands of articles;
 * reading its list from the index costs far more than intersecting it in memory, so the lists of words
 * used recently stay decoded (least recently used first out, within a byte budget). Phrases and
 * headline searches always go to the index. The cache belongs to one index generation: any change to
 * the index empties it.
 */
import type { Postings } from './bm25.js';

export const TOKEN_CACHE_BYTES = 128 * 2 ** 20;

type Entry = Uint32Array | Postings;

const bytesOf = (entry: Entry): number =>
  entry instanceof Uint32Array ? entry.byteLength : entry.ids.byteLength + entry.counts.byteLength;

export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  generation = -1;

  constructor(private readonly budget = TOKEN_CACHE_BYTES) {}

  /** The cached entry, marked as just used; undefined when absent. */
  get<T extends Entry>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry as T | undefined;
  }

  set(key: string, entry: Entry): void {
    const size = bytesOf(entry);
    if (size > this.budget / 4) return;
    const before = this.entries.get(key);
    if (before) this.bytes -= bytesOf(before);
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(oldest);
      this.bytes -= bytesOf(old);
    }
  }

  /** Empties the cache when the index moved on. */
  sync(generation: number): void {
    if (generation === this.generation) return;
    this.entries.clear();
    this.bytes = 0;
    this.generation = generation;
  }
}
