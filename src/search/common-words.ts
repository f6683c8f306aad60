/**
 * Words in at least half the documents ("of", "the", and in this archive "kim") get FTS5's floor for
 * idf, 10⁻⁶: all of them together move a score by at most `slack` (a few millionths), yet their
 * postings are the longest to read ("of": about 9 million occurrences at a million articles, seconds
 * of work). So they are scored last and only where they can change the page — max-score pruning:
 *
 * 1. the matches are ranked by the other words alone (`partial`);
 * 2. a document can reach the page only if its partial key, less the slack, is no worse than the
 *    worst key on that page (`bound`): those are the candidates;
 * 3. the candidates' occurrences of the common words are read from the index for them alone
 *    (`SearchIndex.indexedWords`), their scores completed, and the page ranked again.
 *
 * When the candidates are too many (a query of common words only: every match is one), the common
 * words' postings are read in full instead. Either way every score on the page is exact.
 */
import {
  advance,
  finishScores,
  FLOOR_IDF,
  inverseDocumentFrequency,
  K1,
  partialScores,
  termScore,
  walked,
  type CollectionStats,
  type Postings,
} from './bm25.js';
import type { SearchColumns } from './columns.js';
import type { Deadline } from './deadline.js';
import { relevanceKeys } from './rank.js';
import type { DocumentWords } from './token-cache.js';

/** More candidates than this, and the common words' postings are read in full. */
export const MAX_CANDIDATES = 1_000;

export interface CommonTerm {
  /** The index tokens it stands for: the forms of a word, or the words of a prefix. */
  tokens: string[];
  /** The documents holding any of them, ascending. */
  holding: Uint32Array;
}

export interface DeferredScoring {
  terms: CommonTerm[];
  /**
   * The matches' score sums without the common words (0: none of the other words either), which
   * `completeScores` completes in place.
   */
  partial: Float64Array;
  /** The common words' postings in full, for when the candidates are too many. */
  postings: () => Promise<Postings[]>;
}

/** What completes a page: the index's words of some documents, and the deadline. */
export interface CompletionContext {
  columns: SearchColumns;
  stats: CollectionStats;
  indexedWords: (docIds: number[], tokens?: string[]) => Promise<DocumentWords>;
  deadline: Deadline;
}

/** Whether a word is common: in at least half the documents, its idf is the floor. */
export function isCommon(holding: number, stats: CollectionStats): boolean {
  return inverseDocumentFrequency(stats.documents, holding) === FLOOR_IDF;
}

const idfOf = (term: CommonTerm, stats: CollectionStats) =>
  inverseDocumentFrequency(stats.documents, term.holding.length);

/** How far the common words can move any score: each term's part is below idf · (k1 + 1). */
export function slackOf(terms: CommonTerm[], stats: CollectionStats): number {
  return terms.reduce((sum, t) => sum + idfOf(t, stats) * (K1 + 1), 0);
}

/**
 * Exact scores for every match that can reach the page whose worst key is `bound` (rank.ts
 * `rankHits`), the others left at their partial score; `scored` counts every match holding a word.
 */
export async function completeScores(
  ids: Uint32Array,
  deferred: DeferredScoring,
  bound: number,
  context: CompletionContext,
): Promise<CompletedScores> {
  const { columns, stats } = context;
  // The partial sums are this completion's own: completed in place, not copied (a million matches).
  const sums = deferred.partial;
  const holds = holdsAny(ids, deferred.terms);
  const slack = slackOf(deferred.terms, stats);
  const candidates: number[] = [];
  // The matches that can be on the page: the candidates, and those already keyed within the bound
  // that hold no common word (their score is final).
  const contenders: number[] = [];
  const keyOf = relevanceKeys(columns);
  for (let i = 0; i < ids.length; i++) {
    const key = keyOf(ids[i]!, sums[i]!);
    if (holds[i] && key - slack <= bound) {
      candidates.push(i);
      contenders.push(i);
    } else if (!holds[i] && key <= bound) contenders.push(i);
  }
  const finite = Number.isFinite(bound);
  if (candidates.length > MAX_CANDIDATES) {
    const lists = await deferred.postings();
    context.deadline.check();
    const rest = partialScores(ids, lists, columns.words, stats);
    for (let i = 0; i < ids.length; i++) sums[i]! += rest[i]!;
  } else if (candidates.length > 0) {
    const words = await context.indexedWords(
      candidates.map((i) => ids[i]!),
      tokensToRead(deferred.terms),
    );
    context.deadline.check();
    for (const i of candidates) {
      const d = ids[i]!;
      const held = words.get(d);
      if (!held) continue;
      for (const term of deferred.terms) {
        const f = countOf(term, held);
        if (f > 0) sums[i]! -= termScore(idfOf(term, stats), f, columns.words[d]!, stats);
      }
    }
  }
  // A match holding only common words, not completed (it cannot reach the page), is scored too.
  let scored = 0;
  for (let i = 0; i < ids.length; i++) if (sums[i]! < 0 || holds[i]) scored++;
  const { scores } = finishScores(sums, sums);
  const everyScore = candidates.length > MAX_CANDIDATES || !finite;
  return { scores, scored, contenders: everyScore ? null : contenders };
}

export interface CompletedScores {
  /** Per match: exact where it can reach the page. */
  scores: Float64Array;
  scored: number;
  /**
   * The positions (in the matches) of every match that can be on the page, ascending, or null when
   * any can: ranking these alone gives the page (rank.ts `rankAmong`).
   */
  contenders: number[] | null;
}

/**
 * Reading a document's every word costs several times reading a few of them (the index's instance
 * list is grouped by word): the common words' tokens, unless a prefix stands for too many to ask for.
 */
const MAX_TOKENS_ASKED = 64;

function tokensToRead(terms: CommonTerm[]): string[] | undefined {
  const tokens = [...new Set(terms.flatMap((t) => t.tokens))];
  return tokens.length <= MAX_TOKENS_ASKED ? tokens : undefined;
}

/** A term's count in one document's words: its tokens' together. */
function countOf(term: CommonTerm, held: Map<string, number>): number {
  let f = 0;
  for (const token of term.tokens) f += held.get(token) ?? 0;
  return f;
}

/** Per match, whether it holds any of the terms. */
function holdsAny(ids: Uint32Array, terms: CommonTerm[]): Uint8Array {
  const holds = new Uint8Array(ids.length);
  for (const { holding } of terms) {
    const walk = walked(holding, ids);
    let j = 0;
    for (let i = 0; i < ids.length; i++) {
      const d = ids[i]!;
      j = advance(holding, j, d, walk);
      if (holding[j] === d) holds[i] = 1;
    }
  }
  return holds;
}
