/**
 * Word-level diff between two texts. Pure. The text is cut into tokens (runs of letters/digits,
 * runs of whitespace, single other characters) whose concatenation is the text, and the token
 * sequences are compared with Myers' O(ND) algorithm in its linear-space form (the middle snake,
 * divide and conquer). Applying the result to the old text gives the new text: the `equal` and
 * `insert` parts, in order, concatenate to the new text; the `equal` and `delete` parts to the old.
 *
 * Versions come from untrusted pages, so the work is bounded: past `DIFF_BUDGET` steps the diff
 * gives up and says the texts are too large to diff word by word.
 */

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

export interface WordDiff {
  parts: DiffPart[];
  /**
   * The budget ran out: `parts` are the common head and tail and, between them, everything else
   * deleted and inserted whole. Still a diff that applies, but not word by word.
   */
  tooLarge: boolean;
}

/**
 * Steps (token comparisons and moves along a diagonal) one diff may take, a few hundred ms at most.
 * Enough to rewrite a 10 KB article completely or to edit a tenth of a 100 KB one; two long texts
 * rewritten throughout run out (100 KB each would take some 700 M steps).
 */
export const DIFF_BUDGET = 10_000_000;

/** What every surface says when `tooLarge` is set. */
export const TOO_LARGE_TEXT = 'too large to diff word by word';

const TOKEN = /\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Word-level diff of `a` (old) to `b` (new), adjacent parts of one kind merged. */
export function wordDiff(a: string, b: string, budget = DIFF_BUDGET): WordDiff {
  return tokenDiff(tokenize(a), tokenize(b), budget);
}

/** The word diff with no budget, for texts known to be small. */
export function diffWords(a: string, b: string): DiffPart[] {
  return wordDiff(a, b, Infinity).parts;
}

/** The token diff with no budget, for sequences known to be small. */
export function diffTokens(a: readonly string[], b: readonly string[]): DiffPart[] {
  return tokenDiff(a, b, Infinity).parts;
}

/** A stretch of tokens: `a[from, to)` for `equal` and `delete`, `b[from, to)` for `insert`. */
interface Run {
  op: DiffOp;
  from: number;
  to: number;
}

export function tokenDiff(
  a: readonly string[],
  b: readonly string[],
  budget = DIFF_BUDGET,
): WordDiff {
  const [ia, ib] = intern(a, b);
  let head = 0;
  while (head < a.length && head < b.length && ia[head] === ib[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    ia[a.length - 1 - tail] === ib[b.length - 1 - tail]
  )
    tail++;

  const middle = new Differ(ia, ib, budget).run(head, a.length - tail, head, b.length - tail);
  const tooLarge = middle === null;
  const runs: Run[] = [
    { op: 'equal', from: 0, to: head },
    ...(middle ?? [
      { op: 'delete', from: head, to: a.length - tail },
      { op: 'insert', from: head, to: b.length - tail },
    ]),
    { op: 'equal', from: a.length - tail, to: a.length },
  ];
  return { parts: toParts(orderChanges(runs), a, b), tooLarge };
}

/** Token ids, equal for equal tokens, so the inner loops compare numbers. */
function intern(a: readonly string[], b: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const idsOf = (tokens: readonly string[]) =>
    Int32Array.from(tokens, (t) => {
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      return id;
    });
  return [idsOf(a), idsOf(b)];
}

/**
 * Myers' linear-space refinement: find the middle snake of the shortest edit path, then solve the
 * halves before and after it. Space is O(N+M) at any moment, where keeping every frontier (the
 * greedy form) needs O(D²), and the time is still O((N+M)·D), counted against the budget.
 */
class Differ {
  private readonly runs: Run[] = [];
  private work = 0;

  constructor(
    private readonly a: Int32Array,
    private readonly b: Int32Array,
    private readonly budget: number,
  ) {}

  /** The runs turning `a[aLo, aHi)` into `b[bLo, bHi)`, or null when the budget ran out. */
  run(aLo: number, aHi: number, bLo: number, bHi: number): Run[] | null {
    return this.solve(aLo, aHi, bLo, bHi) ? this.runs : null;
  }

  private emit(op: DiffOp, from: number, to: number): void {
    if (from < to) this.runs.push({ op, from, to });
  }

  private solve(aLo: number, aHi: number, bLo: number, bHi: number): boolean {
    const { a, b } = this;
    const start = aLo;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      aLo++;
      bLo++;
    }
    this.emit('equal', start, aLo);
    const end = aHi;
    while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) {
      aHi--;
      bHi--;
    }
    this.work += aLo - start + (end - aHi);

    if (aLo === aHi) this.emit('insert', bLo, bHi);
    else if (bLo === bHi) this.emit('delete', aLo, aHi);
    else {
      const split = this.middle(aLo, aHi, bLo, bHi);
      if (split === null) return false;
      if (split === 'disjoint') {
        this.emit('delete', aLo, aHi);
        this.emit('insert', bLo, bHi);
      } else if (!this.solve(aLo, split.x, bLo, split.y) || !this.solve(split.x, aHi, split.y, bHi))
        return false;
    }
    this.emit('equal', aHi, end);
    return this.work <= this.budget;
  }

  /**
   * A point on a shortest edit path, strictly inside the box (neither corner, as the box has no
   * common head or tail): where the forward search from the top left first overlaps the backward
   * search from the bottom right. `disjoint` when the searches never meet, which happens only when
   * the two sides have no token in common; null when the budget ran out.
   */
  private middle(
    aLo: number,
    aHi: number,
    bLo: number,
    bHi: number,
  ): { x: number; y: number } | 'disjoint' | null {
    const { a, b } = this;
    const n = aHi - aLo;
    const m = bHi - bLo;
    const maxD = Math.ceil((n + m) / 2);
    const offset = maxD + 1;
    // Furthest x reached on each diagonal k = x - y; the backward one counts from the bottom right.
    const forward = new Int32Array(2 * offset + 1).fill(-1);
    const backward = new Int32Array(2 * offset + 1).fill(-1);
    forward[offset + 1] = 0;
    backward[offset + 1] = 0;
    const delta = n - m;
    // With an odd delta the paths meet on a forward step, with an even one on a backward step.
    const meetForward = delta % 2 !== 0;
    // Diagonals that have run off the box stop being searched.
    let fStart = 0;
    let fEnd = 0;
    let bStart = 0;
    let bEnd = 0;
    // Counted in a local: this is the hot loop.
    let work = this.work;
    for (let d = 0; d < maxD; d++) {
      for (let k = -d + fStart; k <= d - fEnd; k += 2) {
        const i = offset + k;
        let x =
          k === -d || (k !== d && forward[i - 1]! < forward[i + 1]!)
            ? forward[i + 1]!
            : forward[i - 1]! + 1;
        let y = x - k;
        work += 1 - x;
        while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
          x++;
          y++;
        }
        work += x;
        forward[i] = x;
        if (x > n) fEnd += 2;
        else if (y > m) fStart += 2;
        else if (meetForward) {
          const other = offset + delta - k;
          if (
            other >= 0 &&
            other < backward.length &&
            backward[other] !== -1 &&
            x >= n - backward[other]!
          ) {
            this.work = work;
            return { x: aLo + x, y: bLo + y };
          }
        }
      }
      for (let k = -d + bStart; k <= d - bEnd; k += 2) {
        const i = offset + k;
        let x =
          k === -d || (k !== d && backward[i - 1]! < backward[i + 1]!)
            ? backward[i + 1]!
            : backward[i - 1]! + 1;
        let y = x - k;
        work += 1 - x;
        while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) {
          x++;
          y++;
        }
        work += x;
        backward[i] = x;
        if (x > n) bEnd += 2;
        else if (y > m) bStart += 2;
        else if (!meetForward) {
          const other = offset + delta - k;
          if (other >= 0 && other < forward.length && forward[other] !== -1) {
            const fx = forward[other]!;
            if (fx >= n - x) {
              this.work = work;
              return { x: aLo + fx, y: bLo + fx - (other - offset) };
            }
          }
        }
      }
      if (work > this.budget) return null;
    }
    this.work = work;
    return 'disjoint';
  }
}

/** Inside each changed stretch, deletions first and insertions after: that reads best. */
function orderChanges(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  let inserts: Run[] = [];
  for (const r of runs) {
    if (r.from === r.to) continue;
    if (r.op === 'insert') inserts.push(r);
    else if (r.op === 'delete') out.push(r);
    else {
      out.push(...inserts, r);
      inserts = [];
    }
  }
  out.push(...inserts);
  return out;
}

function toParts(runs: readonly Run[], a: readonly string[], b: readonly string[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const r of runs) {
    const text = (r.op === 'insert' ? b : a).slice(r.from, r.to).join('');
    const last = out[out.length - 1];
    if (last && last.op === r.op) last.text += text;
    else out.push({ op: r.op, text });
  }
  return out;
}

/** The old text, rebuilt from a diff. */
export function oldText(parts: readonly DiffPart[]): string {
  return parts
    .filter((p) => p.op !== 'insert')
    .map((p) => p.text)
    .join('');
}

/** The new text, rebuilt from a diff: what applying the diff to the old text gives. */
export function newText(parts: readonly DiffPart[]): string {
  return parts
    .filter((p) => p.op !== 'delete')
    .map((p) => p.text)
    .join('');
}

/** Applies a diff to `old`, checking that its unchanged and deleted parts are really there. */
export function applyDiff(old: string, parts: readonly DiffPart[]): string {
  let at = 0;
  let out = '';
  for (const p of parts) {
    if (p.op === 'insert') {
      out += p.text;
      continue;
    }
    if (old.slice(at, at + p.text.length) !== p.text)
      throw new Error(`diff does not fit the text at ${at}`);
    at += p.text.length;
    if (p.op === 'equal') out += p.text;
  }
  if (at !== old.length) throw new Error('diff does not cover the whole text');
  return out;
}
