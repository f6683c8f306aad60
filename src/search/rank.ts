/**
 * Picks one page of hits without sorting them all: each near-duplicate story keeps its best hit, and a
 * bounded heap keeps the best `offset + limit` stories — O(n log k) over n hits.
 */
import { UNKNOWN_DAY, type SearchColumns } from './columns.js';
import { NO_DEADLINE, type Deadline } from './deadline.js';

export type Sort = 'relevance' | 'newest' | 'oldest';
export const SORTS: Sort[] = ['relevance', 'newest', 'oldest'];

export interface RankedHit {
  docId: number;
  /** Hits in the same story, this one included. */
  copies: number;
  score: number | null;
}

/** Past any known day × 2^32 + docId, still an exact integer in a double. */
const UNDATED = 8e15;
/** Above any bm25 score (they are small negative numbers) and above any newest-first key. */
const UNSCORED = 1e14;

/** Lower is better. Newest: later day first, then later insertion; undated last either way. */
function keyOf(sort: Sort, columns: SearchColumns, docId: number, score: number): number {
  const day = columns.day[docId]!;
  // Unscored matches (outside the relevance window) follow every scored one, newest first.
  if (sort === 'relevance')
    return Number.isFinite(score) ? score : UNSCORED + keyOf('newest', columns, docId, 0);
  if (day === UNKNOWN_DAY) return sort === 'newest' ? UNDATED - docId : UNDATED + docId;
  return sort === 'newest' ? -(day * 2 ** 32 + docId) : day * 2 ** 32 + docId;
}

/** Hits ranked between two looks at the deadline: a few milliseconds of work. */
const CHECK_EVERY = 1 << 16;

export function rankHits(
  ids: Uint32Array,
  scores: Float64Array | null,
  columns: SearchColumns,
  sort: Sort,
  offset: number,
  limit: number,
  deadline: Deadline = NO_DEADLINE,
) {
  const effective: Sort = sort === 'relevance' && !scores ? 'newest' : sort;
  const { best, bestKey, copies } = scratchFor(columns);
  const touched: number[] = [];
  try {
    for (let i = 0; i < ids.length; i++) {
      if (i % CHECK_EVERY === CHECK_EVERY - 1) deadline.check();
      const d = ids[i]!;
      const s = columns.story[d]!;
      const key = keyOf(effective, columns, d, scores ? scores[i]! : 0);
      if (copies[s]!++ === 0) touched.push(s);
      if (best[s] === -1 || key < bestKey[s]!) {
        best[s] = i;
        bestKey[s] = key;
      }
    }
    const k = offset + limit;
    const heap = new MaxHeap(k);
    for (const s of touched) heap.offer(bestKey[s]!, best[s]!);
    const page = heap
      .sorted()
      .slice(offset)
      .map((i): RankedHit => {
        const docId = ids[i]!;
        return { docId, copies: copies[columns.story[docId]!]!, score: scores ? scores[i]! : null };
      });
    return { page, stories: touched.length, sort: effective };
  } finally {
    // Leave the scratch arrays as found (a search stopped midway too), touching only what this query used.
    for (const s of touched) {
      best[s] = -1;
      copies[s] = 0;
    }
  }
}

/**
 * Every match in date order, one per article (not grouped into stories): an export's order. Newest
 * or oldest first, undated last; relevance scores only a window of the matches, so it exports newest
 * first. O(n log n) over n matches, in typed arrays (a million matches: 12 MB).
 */
export function sortByDate(ids: Uint32Array, columns: SearchColumns, sort: Sort): Uint32Array {
  const order: Sort = sort === 'oldest' ? 'oldest' : 'newest';
  const keys = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) keys[i] = keyOf(order, columns, ids[i]!, 0);
  const positions = new Uint32Array(ids.length);
  for (let i = 0; i < positions.length; i++) positions[i] = i;
  positions.sort((a, b) => keys[a]! - keys[b]!);
  return positions.map((i) => ids[i]!);
}

interface Scratch {
  best: Int32Array;
  bestKey: Float64Array;
  copies: Int32Array;
}
const scratchOf = new WeakMap<SearchColumns, Scratch>();

/** Per-story arrays reused across queries: allocating them per query costs more than the ranking. */
function scratchFor(columns: SearchColumns): Scratch {
  const size = columns.stories.values.length;
  let scratch = scratchOf.get(columns);
  if (!scratch || scratch.best.length < size) {
    const capacity = Math.max(size, Math.ceil((scratch?.best.length ?? 0) * 1.5));
    scratch = {
      best: new Int32Array(capacity).fill(-1),
      bestKey: new Float64Array(capacity),
      copies: new Int32Array(capacity),
    };
    scratchOf.set(columns, scratch);
  }
  return scratch;
}

/** Keeps the k smallest keys: the root is the worst kept, replaced when a better one comes. */
class MaxHeap {
  private readonly keys: number[] = [];
  private readonly items: number[] = [];
  constructor(private readonly capacity: number) {}

  offer(key: number, item: number): void {
    if (this.capacity <= 0) return;
    if (this.keys.length < this.capacity) {
      this.keys.push(key);
      this.items.push(item);
      this.up(this.keys.length - 1);
    } else if (key < this.keys[0]!) {
      this.keys[0] = key;
      this.items[0] = item;
      this.down(0);
    }
  }

  sorted(): number[] {
    return this.items
      .map((item, i) => ({ item, key: this.keys[i]! }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.item);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! >= this.keys[i]!) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1,
        r = l + 1;
      let top = i;
      if (l < this.keys.length && this.keys[l]! > this.keys[top]!) top = l;
      if (r < this.keys.length && this.keys[r]! > this.keys[top]!) top = r;
      if (top === i) return;
      this.swap(i, top);
      i = top;
    }
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
  }
}
