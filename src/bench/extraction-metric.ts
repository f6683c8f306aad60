/**
 * The article-extraction benchmark's metric, as its README defines it (the field's reference, so it
 * is followed to the letter): `\w+` tokens, multisets of word 4-grams, P and R averaged over pages,
 * F1 from the two means, accuracy = exact token-list match.
 */

// Python's Unicode `\w` is str.isalnum() or `_`: letters and every numeric category, not marks.
const WORD = /[\p{L}\p{N}_]+/gu;

export function tokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

function shingles(words: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 4 <= words.length; i++) {
    // U+0001 cannot occur inside a token, so the joined key is unambiguous.
    const key = `${words[i]}\u0001${words[i + 1]}\u0001${words[i + 2]}\u0001${words[i + 3]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  /** The token lists are identical. */
  exact: boolean;
}

export function scorePage(predicted: string, truth: string): PageScore {
  const p = tokens(predicted);
  const t = tokens(truth);
  const ps = shingles(p);
  const ts = shingles(t);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, n] of ps) {
    const m = ts.get(key) ?? 0;
    tp += Math.min(n, m);
    fp += Math.max(0, n - m);
  }
  for (const [key, m] of ts) fn += Math.max(0, m - (ps.get(key) ?? 0));
  return { tp, fp, fn, exact: p.length === t.length && p.every((w, i) => w === t[i]) };
}

export interface Summary {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  pages: number;
}

export function summarise(scores: PageScore[]): Summary {
  const precisions: number[] = [];
  const recalls: number[] = [];
  for (const s of scores) {
    if (s.fp === 0 && s.fn === 0) {
      precisions.push(1);
      recalls.push(1);
      continue;
    }
    if (s.tp + s.fp > 0) precisions.push(s.tp / (s.tp + s.fp));
    recalls.push(s.tp + s.fn > 0 ? s.tp / (s.tp + s.fn) : 0);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(precisions);
  const recall = mean(recalls);
  return {
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    precision,
    recall,
    accuracy: scores.length ? scores.filter((s) => s.exact).length / scores.length : 0,
    pages: scores.length,
  };
}
