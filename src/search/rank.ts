/**
 * Picks one page of hits without sorting them all: each near-duplicate story shows its best hit, and
 * a bounded heap picks the best matches — O(n log k) over n hits, k a few times the page's stories.
 * Under relevance a teaser-only article (status teaser: a headline and teaser, no text) ranks after a
 * full text it does not clearly outscore (`SHORTNESS_ADVANTAGE`).
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
  return relevanceKeys(columns)(docId, score);
}

/** `relevanceKey` for many documents of the same columns: the teaser status looked up once. */
export function relevanceKeys(columns: SearchColumns): (docId: number, score: number) => number {
  const teaserCode = columns.statusCode('teaser');
  const { status } = columns;
  return (docId, score) => {
    if (!Number.isFinite(score)) return keyOf('relevance', columns, docId, score);
    return status[docId] === teaserCode ? score / SHORTNESS_ADVANTAGE : score;
  };
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

/** Matches kept at first per story wanted: copies of one story share a key, so more than one each. */
const FIRST_SHARE = 4;

/**
 * The best `offset + limit` stories, each shown by its best copy, and how many stories match.
 *
 * The matches are not grouped into stories first (a pass writing per-story arrays at random: ~100 ns
 * a match at a million articles). The best matches are picked by key alone, several per story wanted,
 * and taken in order: a story's first match so met is its best copy. Only when those hold too few
 * stories (a story with many equal copies) are more picked. Then one pass counts the stories and the
 * page's copies. Order: key, then a full text before a teaser at an equal key, then the earlier match.
 */
export function rankHits(
  ids: Uint32Array,
  scores: Float64Array | null,
  columns: SearchColumns,
  sort: Sort,
  offset: number,
  limit: number,
  deadline: Deadline = NO_DEADLINE,
  /** False when the page will be ranked again (common-words.ts): stories and copies are left at 0. */
  counted = true,
) {
  const effective: Sort = sort === 'relevance' && !scores ? 'newest' : sort;
  // Only relevance tells teasers apart: a date order is the reader's own, whatever the status.
  const teaserCode = effective === 'relevance' ? columns.statusCode('teaser') : -1;
  // The columns read per match, held here: these loops run once per match, a million at most.
  const { status, story } = columns;
  const relevance = relevanceKeys(columns);
  const keyAt =
    effective === 'relevance'
      ? (d: number, i: number) => relevance(d, scores![i]!)
      : (d: number) => keyOf(effective, columns, d, 0);
  const wanted = offset + limit;
  let best: number[] = [];
  let bestKeys: number[] = [];
  for (let picked = Math.max(64, wanted * FIRST_SHARE); wanted > 0; picked *= FIRST_SHARE) {
    const heap = new MaxHeap(Math.min(picked, ids.length));
    // Later documents are mostly newer: newest first, they come first, and fill the heap with
    // what stays, so most of the rest stop at the first comparison (the order kept is the same).
    const backwards = effective === 'newest';
    for (let j = 0; j < ids.length; j++) {
      if (j % CHECK_EVERY === CHECK_EVERY - 1) deadline.check();
      const i = backwards ? ids.length - 1 - j : j;
      const d = ids[i]!;
      const key = keyAt(d, i);
      // Most matches stop here: worse than the worst kept (ties resolved in `offer`).
      if (heap.full && key > heap.worstKey) continue;
      heap.offer(key, status[d] === teaserCode ? 1 : 0, i);
    }
    const taken = new Set<number>();
    best = [];
    bestKeys = [];
    for (const { item, key } of heap.sorted()) {
      const s = story[ids[item]!]!;
      if (taken.has(s)) continue;
      taken.add(s);
      best.push(item);
      bestKeys.push(key);
      if (best.length === wanted) break;
    }
    if (best.length === wanted || picked >= ids.length) break;
  }
  const shown = best.map((i) => story[ids[i]!]!);
  const { stories, copies } = counted
    ? countStories(ids, columns, shown, deadline)
    : { stories: 0, copies: new Map<number, number>() };
  const page = best.slice(offset).map((i): RankedHit => {
    const docId = ids[i]!;
    return { docId, copies: copies.get(story[docId]!) ?? 0, score: scores ? scores[i]! : null };
  });
  // The worst key a story needs to be on this page: any story keyed worse is not.
  const bound = best.length === wanted ? bestKeys[wanted - 1]! : Number.POSITIVE_INFINITY;
  return { page, stories, sort: effective, bound };
}

/** Per-story marks kept for the process (a byte a story), cleared after each use. */
const marksOf = new WeakMap<SearchColumns, { seen: Uint8Array; shown: Uint8Array }>();

/** How many stories the matches fall in, and how many of them each of the `shown` stories holds. */
function countStories(
  ids: Uint32Array,
  columns: SearchColumns,
  shownStories: number[],
  deadline: Deadline,
): { stories: number; copies: Map<number, number> } {
  let marks = marksOf.get(columns);
  if (!marks || marks.seen.length < columns.stories.size) {
    const size = Math.max(columns.stories.size, Math.ceil((marks?.seen.length ?? 0) * 1.5));
    marks = { seen: new Uint8Array(size), shown: new Uint8Array(size) };
    marksOf.set(columns, marks);
  }
  const { seen, shown } = marks;
  const { story } = columns;
  const copies = new Map<number, number>();
  for (const s of shownStories) {
    shown[s] = 1;
    copies.set(s, 0);
  }
  let stories = 0;
  try {
    for (let i = 0; i < ids.length; i++) {
      if (i % CHECK_EVERY === CHECK_EVERY - 1) deadline.check();
      const s = story[ids[i]!]!;
      if (!seen[s]) {
        seen[s] = 1;
        stories++;
      }
      if (shown[s]) copies.set(s, copies.get(s)! + 1);
    }
  } finally {
    // A fill is a memset: far cheaper than remembering what was marked.
    seen.fill(0);
    for (const s of copies.keys()) shown[s] = 0;
  }
  return { stories, copies };
}

/**
 * The page of `rankHits` when only the matches at `among` (positions in `ids`, ascending) can be on
 * it, as after common words completed a few scores (common-words.ts): those alone are ranked, and the
 * stories and the page's copies are counted among every match.
 */
export function rankAmong(
  ids: Uint32Array,
  scores: Float64Array,
  among: number[],
  columns: SearchColumns,
  offset: number,
  limit: number,
  deadline: Deadline = NO_DEADLINE,
) {
  const few = Uint32Array.from(among, (i) => ids[i]!);
  const fewScores = Float64Array.from(among, (i) => scores[i]!);
  const ranked = rankHits(few, fewScores, columns, 'relevance', offset, limit, deadline);
  const { story } = columns;
  const shown = ranked.page.map((h) => story[h.docId]!);
  const { stories, copies } = countStories(ids, columns, shown, deadline);
  const page = ranked.page.map((h) => ({ ...h, copies: copies.get(story[h.docId]!)! }));
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

/**
 * Keeps the k smallest (key, tie, item) triples, compared in that order: the root is the worst kept,
 * replaced when a better one comes.
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
    } else if (before(key, tie, item, this.keys[0]!, this.ties[0]!, this.items[0]!)) {
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

  /** The entries kept, best first. */
  sorted(): { item: number; key: number }[] {
    return this.items
      .map((item, i) => ({ item, key: this.keys[i]!, tie: this.ties[i]! }))
      .sort((a, b) => a.key - b.key || a.tie - b.tie || a.item - b.item);
  }

  /** Whether the entry at a ranks after the one at b. */
  private worse(a: number, b: number): boolean {
    return before(
      this.keys[b]!,
      this.ties[b]!,
      this.items[b]!,
      this.keys[a]!,
      this.ties[a]!,
      this.items[a]!,
    );
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
    const key = this.keys[a]!,
      tie = this.ties[a]!,
      item = this.items[a]!;
    this.keys[a] = this.keys[b]!;
    this.ties[a] = this.ties[b]!;
    this.items[a] = this.items[b]!;
    this.keys[b] = key;
    this.ties[b] = tie;
    this.items[b] = item;
  }
}

/** Whether (key, tie, item) ranks before (k, t, i). */
function before(key: number, tie: number, item: number, k: number, t: number, i: number): boolean {
  return key < k || (key === k && (tie < t || (tie === t && item < i)));
}
