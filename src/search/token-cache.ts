/**
 * Decoded document lists of single words (and prefixes), kept in memory between searches. A common word
 * such as "kim" matches hundreds of thousands of articles; decoding its list from the index costs far
 * more than intersecting it in memory, so the lists of words used recently stay decoded (least recently
 * used first out, within a byte budget). Phrases and headline searches always go to the index.
 * The cache belongs to one index generation: any change to the index empties it.
 */

export const TOKEN_CACHE_BYTES = 128 * 2 ** 20;

export class TokenCache {
  private readonly lists = new Map<string, Uint32Array>();
  private bytes = 0;
  generation = -1;

  constructor(private readonly budget = TOKEN_CACHE_BYTES) {}

  /** The cached list, marked as just used; undefined when absent. */
  get(key: string): Uint32Array | undefined {
    const list = this.lists.get(key);
    if (list) {
      this.lists.delete(key);
      this.lists.set(key, list);
    }
    return list;
  }

  set(key: string, list: Uint32Array): void {
    if (list.byteLength > this.budget / 4) return;
    this.lists.set(key, list);
    this.bytes += list.byteLength;
    for (const [oldest, old] of this.lists) {
      if (this.bytes <= this.budget) break;
      this.lists.delete(oldest);
      this.bytes -= old.byteLength;
    }
  }

  /** Empties the cache when the index moved on. */
  sync(generation: number): void {
    if (generation === this.generation) return;
    this.lists.clear();
    this.bytes = 0;
    this.generation = generation;
  }
}
