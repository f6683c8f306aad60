/**
 * Relevance: BM25 over every match, computed here from each query word's postings (the documents
 * holding it and how often) and each document's length, so both engines rank alike and nothing is
 * left unscored. The constants and the idf are FTS5's `bm25(search_fts, 3.0, 1.0)`: a one-word query
 * scores exactly as FTS5 scores it.
 *
 * A query word is a term: the forms sharing its stem count as one (their occurrences add up, its
 * document frequency is the documents holding any of them), and so do the words a prefix stands for.
 * A phrase scores as its words: the phrase decides what matches, its words how well. Words under a
 * NOT are not scored.
 */
import type { TextExpr } from './plan.js';

/** FTS5's bm25 constants (fixed in SQLite) and the headline's weight in `bm25(search_fts, 3.0, 1.0)`. */
export const K1 = 1.2;
export const B = 0.75;
export const HEADLINE_WEIGHT = 3;

/** The largest count a posting holds: a word this often in one article is counted this often. */
export const MAX_COUNT = 0xffff;

/**
 * The documents holding a word, ascending, and per document how often: the headline's occurrences
 * counted `HEADLINE_WEIGHT` times, the body's once.
 */
export interface Postings {
  ids: Uint32Array;
  counts: Uint16Array;
}

/** One scored word of a query: the index tokens it stands for, or a prefix of them. */
export type Term = { tokens: string[] } | { prefix: string };

/** What the lengths are measured against. */
export interface CollectionStats {
  /** Documents in the index. */
  documents: number;
  /** Mean indexed words per document (headline and body, each word once). */
  averageWords: number;
}

/** The scored words of a text expression, each once, in the order they first appear. */
export function scoringTerms(expr: TextExpr): Term[] {
  const terms = new Map<string, Term>();
  const add = (key: string, term: Term) => {
    if (!terms.has(key)) terms.set(key, term);
  };
  const visit = (e: TextExpr): void => {
    switch (e.kind) {
      case 'any':
        add(`=${[...e.tokens].sort().join(' ')}`, { tokens: e.tokens });
        return;
      case 'prefix':
        add(`*${e.prefix}`, { prefix: e.prefix });
        return;
      case 'phrase':
        e.tokens.forEach((token, i) => {
          if (e.lastPrefix && i === e.tokens.length - 1) add(`*${token}`, { prefix: token });
          else add(`=${token}`, { tokens: [token] });
        });
        return;
      case 'and':
      case 'or':
        e.items.forEach(visit);
        return;
      case 'except':
        visit(e.base);
        return;
      case 'title':
        visit(e.expr);
        return;
    }
  };
  visit(expr);
  return [...terms.values()];
}

/** The postings of several words as one term: their documents' union, their counts added. */
export function mergePostings(lists: Postings[]): Postings {
  if (lists.length === 1) return lists[0]!;
  let out: Postings = { ids: new Uint32Array(0), counts: new Uint16Array(0) };
  for (const list of lists) out = mergeTwo(out, list);
  return out;
}

function mergeTwo(a: Postings, b: Postings): Postings {
  const ids = new Uint32Array(a.ids.length + b.ids.length);
  const counts = new Uint16Array(ids.length);
  let i = 0,
    j = 0,
    n = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const x = i < a.ids.length ? a.ids[i]! : Infinity;
    const y = j < b.ids.length ? b.ids[j]! : Infinity;
    if (x <= y) {
      ids[n] = x;
      counts[n] = Math.min(MAX_COUNT, a.counts[i++]! + (x === y ? b.counts[j++]! : 0));
    } else {
      ids[n] = y;
      counts[n] = b.counts[j++]!;
    }
    n++;
  }
  return { ids: ids.subarray(0, n), counts: counts.subarray(0, n) };
}

/** The idf of a word in at least half the documents (FTS5's). */
export const FLOOR_IDF = 1e-6;

/** FTS5's idf: never negative, so a word in most documents still adds a little. */
export function inverseDocumentFrequency(documents: number, holding: number): number {
  const idf = Math.log((documents - holding + 0.5) / (holding + 0.5));
  return idf > 0 ? idf : FLOOR_IDF;
}

/**
 * BM25 of each of `ids` (ascending), negated as FTS5 gives it (lower is better), +∞ for a document
 * holding none of the terms (matched through a filter, say). `words[d]` is document d's length.
 */
export function bm25Scores(
  ids: Uint32Array,
  terms: Postings[],
  words: Uint32Array,
  stats: CollectionStats,
): { scores: Float64Array; scored: number } {
  return finishScores(partialScores(ids, terms, words, stats));
}

/** Postings per match under which stepping through them beats galloping (measured at 1M). */
const WALKED = 16;

/**
 * Whether a list of documents is best walked, not galloped through (`seek`), to meet each of
 * `targets` in turn: when it holds at most a few times as many.
 */
export function walked(list: Uint32Array, targets: Uint32Array): boolean {
  return list.length <= WALKED * targets.length;
}

/** The first position at or after `from` whose id is ≥ `target`: stepped to when `walk`, else `seek`. */
export function advance(list: Uint32Array, from: number, target: number, walk: boolean): number {
  if (!walk) return seek(list, from, target);
  let j = from;
  while (j < list.length && list[j]! < target) j++;
  return j;
}

/** BM25's length normalisation, `k1(1 − b + b·length/average)` as `shortest + perWord·length`. */
function lengthTerms(stats: CollectionStats): { shortest: number; perWord: number } {
  const average = stats.averageWords > 0 ? stats.averageWords : 1;
  return { shortest: K1 * (1 - B), perWord: (K1 * B) / average };
}

/**
 * The sums of `bm25Scores` before documents without a term are told apart: 0 for those. Per term,
 * one pass over the matches, skipping through the postings: a few matches (a filter narrowed them)
 * cost a few binary searches, not the whole list of a common word.
 */
export function partialScores(
  ids: Uint32Array,
  terms: Postings[],
  words: Uint32Array,
  stats: CollectionStats,
): Float64Array {
  const scores = new Float64Array(ids.length);
  // termScore with its per-term and per-collection parts taken out of the loop (a million matches).
  const { shortest, perWord } = lengthTerms(stats);
  for (const term of terms) {
    const top = inverseDocumentFrequency(stats.documents, term.ids.length) * (K1 + 1);
    const { ids: holding, counts } = term;
    const walk = walked(holding, ids);
    let j = 0;
    for (let i = 0; i < ids.length && j < holding.length; i++) {
      const d = ids[i]!;
      j = advance(holding, j, d, walk);
      if (j === holding.length || holding[j] !== d) continue;
      const f = counts[j]!;
      scores[i]! -= (top * f) / (f + shortest + perWord * (words[d] ?? 0));
    }
  }
  return scores;
}

/** One term's part of a document's score: its count `f` in a document of `length` words. */
export function termScore(idf: number, f: number, length: number, stats: CollectionStats): number {
  const { shortest, perWord } = lengthTerms(stats);
  return (idf * (K1 + 1) * f) / (f + shortest + perWord * length);
}

/**
 * Sums of `partialScores` as final scores: 0 (no term) becomes +∞; how many were scored. Written to
 * `scores`, which may be `sums` itself when those are not needed after.
 */
export function finishScores(
  sums: Float64Array,
  scores: Float64Array = new Float64Array(sums.length),
): { scores: Float64Array; scored: number } {
  let scored = 0;
  for (let i = 0; i < sums.length; i++) {
    const s = sums[i]!;
    if (s === 0) scores[i] = Number.POSITIVE_INFINITY;
    else {
      scores[i] = s;
      scored++;
    }
  }
  return { scores, scored };
}

/** The first position at or after `from` whose id is ≥ `target`: galloping, then a binary search. */
export function seek(ids: Uint32Array, from: number, target: number): number {
  if (from >= ids.length || ids[from]! >= target) return from;
  let step = 1;
  let low = from;
  let high = from + 1;
  while (high < ids.length && ids[high]! < target) {
    low = high;
    step *= 2;
    high = from + step;
  }
  if (high > ids.length) high = ids.length;
  // ids[low] < target, and ids[high] ≥ target (or high is the end).
  while (low + 1 < high) {
    const mid = (low + high) >>> 1;
    if (ids[mid]! < target) low = mid;
    else high = mid;
  }
  return high;
}
