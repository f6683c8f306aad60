/**
 * What kind of change one version is from the one before. Pure.
 *
 * - `cosmetic`: the words are the same; only whitespace, punctuation or typography differ
 *   (curly quotes, dashes, ligatures and other compatibility forms count as typography).
 * - `headline`: the title's words changed, the body's did not.
 * - `body`: the body's words changed (whether or not the title did too: `titleChanged` says).
 * - `first`: the first version: nothing to compare with.
 *
 * The edit size counts words added and removed across title and body; `share` is the part of
 * all words (old plus new) that were added or removed, 0 for a cosmetic change, up to 1.
 *
 * Sizes come from the word diff (a shortest edit). Texts too large for its budget are sized by
 * counting each word's occurrences instead, which is linear: a lower bound of the same numbers
 * that still sees every change (the kind is exact either way).
 */
import { DIFF_BUDGET, tokenDiff } from './diff.js';

export type ChangeKind = 'first' | 'cosmetic' | 'headline' | 'body';

export interface ChangeClass {
  kind: ChangeKind;
  titleChanged: boolean;
  wordsAdded: number;
  wordsRemoved: number;
  /** (added + removed) / (old words + new words), rounded to 4 places. */
  share: number;
}

export interface VersionText {
  title: string | null;
  paragraphs: readonly string[];
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The words of a text, compared after compatibility normalisation (typography does not count). */
export function words(text: string): string[] {
  return text.normalize('NFKC').match(WORD) ?? [];
}

/** The body as one text: paragraphs separated by a blank line. */
export function bodyText(v: VersionText): string {
  return v.paragraphs.join('\n\n');
}

function wordChanges(a: string[], b: string[], budget: number): { added: number; removed: number } {
  // Each word is a token; a separator keeps adjacent words from merging into one part.
  const diff = tokenDiff(
    a.map((w) => `${w}\u0000`),
    b.map((w) => `${w}\u0000`),
    budget,
  );
  if (diff.tooLarge) return countChanges(a, b);
  let added = 0;
  let removed = 0;
  for (const p of diff.parts) {
    const n = p.text.split('\u0000').length - 1;
    if (p.op === 'insert') added += n;
    else if (p.op === 'delete') removed += n;
  }
  return { added, removed };
}

/** Words added and removed, counted per word regardless of order: linear in the words. */
function countChanges(a: string[], b: string[]): { added: number; removed: number } {
  const count = new Map<string, number>();
  for (const w of a) count.set(w, (count.get(w) ?? 0) + 1);
  for (const w of b) count.set(w, (count.get(w) ?? 0) - 1);
  let added = 0;
  let removed = 0;
  for (const n of count.values()) {
    if (n > 0) removed += n;
    else added -= n;
  }
  // The same words in another order: at least one word moved, one removal and one addition.
  if (added + removed === 0 && !sameWords(a, b)) return { added: 1, removed: 1 };
  return { added, removed };
}

function sameWords(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/** `budget` bounds the word diff (see diff.ts); past it the sizes are counted per word. */
export function classifyChange(
  prev: VersionText | null,
  next: VersionText,
  budget = DIFF_BUDGET,
): ChangeClass {
  const nextTitle = words(next.title ?? '');
  const nextBody = words(bodyText(next));
  if (!prev)
    return { kind: 'first', titleChanged: false, wordsAdded: 0, wordsRemoved: 0, share: 0 };
  const prevTitle = words(prev.title ?? '');
  const prevBody = words(bodyText(prev));
  const t = wordChanges(prevTitle, nextTitle, budget);
  const b = wordChanges(prevBody, nextBody, budget);
  const titleChanged = t.added + t.removed > 0;
  const bodyChanged = b.added + b.removed > 0;
  const added = t.added + b.added;
  const removed = t.removed + b.removed;
  const total = prevTitle.length + prevBody.length + nextTitle.length + nextBody.length;
  const share = total ? Math.round(((added + removed) / total) * 10000) / 10000 : 0;
  const kind: ChangeKind = bodyChanged ? 'body' : titleChanged ? 'headline' : 'cosmetic';
  return { kind, titleChanged, wordsAdded: added, wordsRemoved: removed, share };
}

/** Classifications for a version list in order: each compared with the one before it. */
export function classifyVersions<V extends VersionText & { seq: number }>(
  versions: readonly V[],
): Array<V & { change: ChangeClass }> {
  const sorted = [...versions].sort((x, y) => x.seq - y.seq);
  return sorted.map((v, i) => ({ ...v, change: classifyChange(i ? sorted[i - 1]! : null, v) }));
}
