/**
 * Picks one page of hits without sorting them all: each near-duplicate story keeps its best hit, and a
 * bounded heap keeps the best `offset + limit` stories — O(n log k) over n hits. Under relevance a
 * teaser-only article (status teaser: a headline and teaser, no text) ranks after a full text it does
 * not clearly outscore (`SHORTNESS_ADVANTAGE`).
 */
import { UNKNOWN_DAY, type SearchColumns } from './columns.js';
import { B, HEADLINE_WEIGHT, K1 } from './bm25.js';
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
/** Above any bm25 score (they are negative numbers) and above any newest-first key. */
const UNSCORED = 1e14;

/**
 * How much of a teaser's score its shortness alone can explain. Per query word bm25 scores
 * idf · f(k1 + 1) / (f + k1(1 − b + b·len/avglen)), f the word's count with the headline's
 * occurrences counted 3 times. Against a text of average length with the same f, a text of length
 * → 0 gains (f + k1) / (f + k1(1 − b)), less the more it matches. A teaser is mostly its headline: when
 * the word is there, f ≥ 3 and the gain is at most (3 + k1) / (3 + k1(1 − b)) = 14/11 ≈ 1.27 (a sum
 * over words gains no more than its largest term). So a teaser's score is divided by that before
 * ranking: a teaser ranks above a full text only when it scores more than 1.27 times as high, more
 * than being short explains; at most that (ties included), the full text goes first. A teaser that
 * matches clearly better still leads: the word in its headline against a text that has it only in
 * its body scores ~1.4 to 2 times as high or more, as do more or rarer words of an OR. Not covered:
 * a teaser with the word only in its teaser line can gain up to (1 + k1) / (1 + k1(1 − b)) ≈ 1.69
 * from shortness, and a text far longer than average loses more than that; a larger factor would
 * start burying teasers whose headline is about the query. The factor is that of bm25.ts, which
 * scores on both engines.
 */
export const SHORTNESS_ADVANTAGE = (HEADLINE_WEIGHT + K1) / (HEADLINE_WEIGHT + K1 * (1 - B));

/**
 * The relevance key of a finite score (lower is better), as `rankHits` orders documents: what a
 * teaser's shortness explains taken off (`SHORTNESS_ADVANTAGE`).
 */
export function relevanceKey(columns: SearchColumns, docId: number, score: number): number {
  const teaser = columns.status[docId] === columns.statusCode('teaser');
  return keyOf('relevance', columns, docId, score, teaser);
}

/** Lower is better. Newest: later day first, then later insertion; undated last either way. */
function keyOf(
  sort: Sort,
  columns: SearchColumns,
  docId: number,
  score: number,
  teaser = false,
): number {
  const day = columns.day[docId]!;
  // Unscored matches (holding none of the words) follow every scored one, newest first.
  if (sort === 'relevance') {
    if (!Number.isFinite(score)) return UNSCORED + keyOf('newest', columns, docId, 0);
    // bm25 is negative (lower is better): dividing moves a teaser towards worse.
    return teaser ? score / SHORTNESS_ADVANTAGE : score;
  }
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
  // Only relevance tells teasers apart: a date order is the reader's own, whatever the status.
  const teaserCode = effective === 'relevance' ? columns.statusCode('teaser') : -1;
  /** 1 for a teaser under relevance: at equal keys the full text (0) goes first. */
  const tieOf = (i: number): number => (columns.status[ids[i]!] === teaserCode ? 1 : 0);
  try {
    for (let i = 0; i < ids.length; i++) {
      if (i % CHECK_EVERY === CHECK_EVERY - 1) deadline.check();
      const d = ids[i]!;
      const s = columns.story[d]!;
      const tie = tieOf(i);
      const key = keyOf(effective, columns, d, scores ? scores[i]! : 0, tie === 1);
      if (copies[s]!++ === 0) touched.push(s);
      // A story shows its best copy: of a full text and a teaser of equal relevance, the full text.
      if (best[s] === -1 || key < bestKey[s]! || (key === bestKey[s]! && tie < tieOf(best[s]!))) {
        best[s] = i;
        bestKey[s] = key;
      }
    }
    const k = offset + limit;
    const heap = new MaxHeap(k);
    for (const s of touched) heap.offer(bestKey[s]!, tieOf(best[s]!), best[s]!);
    const page = heap
      .sorted()
      .slice(offset)
      .map((i): RankedHit => {
        const docId = ids[i]!;
        return { docId, copies: copies[columns.story[docId]!]!, score: scores ? scores[i]! : null };
      });
    // The worst key a story needs to be on this page: any story keyed worse is not.
    const bound = heap.full ? heap.worstKey : Number.POSITIVE_INFINITY;
    return { page, stories: touched.length, sort: effective, bound };
  } finally {
    // Leave the scratch arrays as found (a search stopped midway too), touching only what this query used.
    for (const s of touched) {
      best[s] = -1;
      copies[s] = 0;
    }
  }
}

/**
 * The page of `rankHits` when only the matches at `among` (positions in `ids`, ascending) can be on
 * it, as after common words completed a few scores (common-words.ts): those alone are ranked, and the
 * page's stories count their copies among every match. `stories` is the first ranking's.
 */
export function rankAmong(
  ids: Uint32Array,
  scores: Float64Array,
  among: number[],
  columns: SearchColumns,
  offset: number,
  limit: number,
  stories: number,
) {
  const few = Uint32Array.from(among, (i) => ids[i]!);
  const fewScores = Float64Array.from(among, (i) => scores[i]!);
  const ranked = rankHits(few, fewScores, columns, 'relevance', offset, limit);
  const onPage = new Uint8Array(columns.stories.size);
  const shown = new Map<number, number>();
  for (const h of ranked.page) {
    onPage[columns.story[h.docId]!] = 1;
    shown.set(columns.story[h.docId]!, 0);
  }
  for (let i = 0; i < ids.length; i++) {
    const s = columns.story[ids[i]!]!;
    if (onPage[s]) shown.set(s, shown.get(s)! + 1);
  }
  const page = ranked.page.map((h) => ({ ...h, copies: shown.get(columns.story[h.docId]!)! }));
  return { ...ranked, page, stories };
}

/**
 * Every match in date order, one per article (not grouped into stories): an export's order. Newest
 * or oldest first, undated last; an export under relevance is newest first. O(n log n) over n matches, in typed arrays (a million matches: 12 MB).
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
  const size = columns.stories.size;
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

/**
 * Keeps the k smallest (key, tie) pairs, compared key first: the root is the worst kept, replaced when
 * a better one comes.
 */
class MaxHeap {
  private readonly keys: number[] = [];
  private readonly ties: number[] = [];
  private readonly items: number[] = [];
  constructor(private readonly capacity: number) {}

  offer(key: number, tie: number, item: number): void {
    if (this.capacity <= 0) return;
    if (this.keys.length < this.capacity) {
      this.keys.push(key);
      this.ties.push(tie);
      this.items.push(item);
      this.up(this.keys.length - 1);
    } else if (key < this.keys[0]! || (key === this.keys[0]! && tie < this.ties[0]!)) {
      this.keys[0] = key;
      this.ties[0] = tie;
      this.items[0] = item;
      this.down(0);
    }
  }

  get full(): boolean {
    return this.capacity > 0 && this.keys.length >= this.capacity;
  }

  /** The key of the worst entry kept. */
  get worstKey(): number {
    return this.keys[0] ?? Number.POSITIVE_INFINITY;
  }

  sorted(): number[] {
    return this.items
      .map((item, i) => ({ item, key: this.keys[i]!, tie: this.ties[i]! }))
      .sort((a, b) => a.key - b.key || a.tie - b.tie)
      .map((x) => x.item);
  }

  /** Whether the entry at a ranks after the one at b. */
  private worse(a: number, b: number): boolean {
    const ka = this.keys[a]!,
      kb = this.keys[b]!;
    return ka > kb || (ka === kb && this.ties[a]! > this.ties[b]!);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1,
        r = l + 1;
      let top = i;
      if (l < this.keys.length && this.worse(l, top)) top = l;
      if (r < this.keys.length && this.worse(r, top)) top = r;
      if (top === i) return;
      this.swap(i, top);
      i = top;
    }
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
    [this.ties[a], this.ties[b]] = [this.ties[b]!, this.ties[a]!];
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
  }
}
