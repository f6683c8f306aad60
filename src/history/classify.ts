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
 */
import { diffTokens, type DiffPart } from './diff.js';

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

function wordChanges(a: string[], b: string[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  // Each word is a token; a separator keeps adjacent words from merging into one part.
  const parts: DiffPart[] = diffTokens(a.map((w) => `${w}\u0000`), b.map((w) => `${w}\u0000`));
  for (const p of parts) {
    const n = p.text.split('\u0000').length - 1;
    if (p.op === 'insert') added += n;
    else if (p.op === 'delete') removed += n;
  }
  return { added, removed };
}

export function classifyChange(prev: VersionText | null, next: VersionText): ChangeClass {
  const nextTitle = words(next.title ?? '');
  const nextBody = words(bodyText(next));
  if (!prev) return { kind: 'first', titleChanged: false, wordsAdded: 0, wordsRemoved: 0, share: 0 };
  const prevTitle = words(prev.title ?? '');
  const prevBody = words(bodyText(prev));
  const t = wordChanges(prevTitle, nextTitle);
  const b = wordChanges(prevBody, nextBody);
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
export function classifyVersions<V extends VersionText & { seq: number }>(versions: readonly V[]): Array<V & { change: ChangeClass }> {
  const sorted = [...versions].sort((x, y) => x.seq - y.seq);
  return sorted.map((v, i) => ({ ...v, change: classifyChange(i ? sorted[i - 1]! : null, v) }));
}
