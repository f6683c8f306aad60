/**
 * Word-level diff between two texts. Pure. The text is cut into tokens (runs of letters/digits,
 * runs of whitespace, single other characters) whose concatenation is the text, and the token
 * sequences are compared with Myers' O(ND) algorithm. Applying the result to the old text gives
 * the new text: the `equal` and `insert` parts, in order, concatenate to the new text; the `equal`
 * and `delete` parts to the old.
 */

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

const TOKEN = /\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Word-level diff of `a` (old) to `b` (new), adjacent parts of one kind merged. */
export function diffWords(a: string, b: string): DiffPart[] {
  return diffTokens(tokenize(a), tokenize(b));
}

export function diffTokens(a: readonly string[], b: readonly string[]): DiffPart[] {
  const out: DiffPart[] = [];
  const push = (op: DiffOp, text: string): void => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  push('equal', a.slice(0, start).join(''));
  for (const [op, tok] of myers(a.slice(start, endA), b.slice(start, endB))) push(op, tok);
  push('equal', a.slice(endA).join(''));
  // Deletions before insertions inside a changed run reads best; myers already yields that order.
  return out;
}

/** Myers' greedy shortest edit script, walked back through the saved frontiers. */
function myers(a: readonly string[], b: readonly string[]): Array<[DiffOp, string]> {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((t) => ['insert', t]);
  if (m === 0) return a.map((t) => ['delete', t]);
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) { found = d; break; }
    }
  }
  const ops: Array<[DiffOp, string]> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const saved = trace[d]!; // frontier before step d, indices k in [-d-1, d+1] at k + d + 1
    const at = (k: number): number => saved[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { ops.push(['equal', a[x - 1]!]); x--; y--; }
    if (x === prevX) { ops.push(['insert', b[y - 1]!]); y--; } else { ops.push(['delete', a[x - 1]!]); x--; }
  }
  while (x > 0 && y > 0) { ops.push(['equal', a[x - 1]!]); x--; y--; }
  return ops.reverse();
}

/** The old text, rebuilt from a diff. */
export function oldText(parts: readonly DiffPart[]): string {
  return parts.filter((p) => p.op !== 'insert').map((p) => p.text).join('');
}

/** The new text, rebuilt from a diff: what applying the diff to the old text gives. */
export function newText(parts: readonly DiffPart[]): string {
  return parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('');
}

/** Applies a diff to `old`, checking that its unchanged and deleted parts are really there. */
export function applyDiff(old: string, parts: readonly DiffPart[]): string {
  let at = 0;
  let out = '';
  for (const p of parts) {
    if (p.op === 'insert') { out += p.text; continue; }
    if (old.slice(at, at + p.text.length) !== p.text) throw new Error(`diff does not fit the text at ${at}`);
    at += p.text.length;
    if (p.op === 'equal') out += p.text;
  }
  if (at !== old.length) throw new Error('diff does not cover the whole text');
  return out;
}
