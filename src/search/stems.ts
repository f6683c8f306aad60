/**
 * English stemming by expansion: the index keeps words exactly as written (so phrases stay exact), and
 * a query word is widened to the indexed words sharing its Porter stem (`talks` → talk, talked, talks).
 */
import { stemmer } from 'stemmer';
import { isCjkToken } from './text.js';

/** More would make a query slow for little gain; the commonest forms come first in the vocabulary anyway. */
export const MAX_EXPANSIONS = 64;

/** Whether a token is a word stemming applies to (Latin letters; numbers and CJK bigrams are exact). */
export function isStemmable(token: string): boolean {
  return /^\p{L}+$/u.test(token) && !isCjkToken(token) && /^[a-z]+$/.test(token);
}

export function stemOf(token: string): string {
  return stemmer(token);
}

/**
 * The vocabulary range that holds every word with this token's stem: their common prefix. Porter stems
 * are prefixes of their words except for a final y→i (`happy` → `happi`), hence the common prefix.
 */
export function stemRange(token: string): string {
  const stem = stemOf(token);
  let n = 0;
  while (n < stem.length && n < token.length && stem[n] === token[n]) n++;
  return token.slice(0, Math.max(n, Math.min(token.length, 2)));
}

/** The words of `vocabulary` (the range `stemRange` named) that share the token's stem, token first. */
export function sameStem(token: string, vocabulary: Iterable<string>): string[] {
  const stem = stemOf(token);
  const out = [token];
  for (const word of vocabulary) {
    if (out.length >= MAX_EXPANSIONS) break;
    if (word !== token && /^[a-z]+$/.test(word) && stemOf(word) === stem) out.push(word);
  }
  return out;
}
