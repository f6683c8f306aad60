/** An article's versions with their classifications, and the diff between two of them. */
import type { Version } from '../model/types.js';
import type { ArchiveStore } from '../store/types.js';
import { bodyText, classifyChange, classifyVersions, type ChangeClass } from './classify.js';
import { wordDiff, type DiffPart } from './diff.js';

export type ClassifiedVersion = Version & { change: ChangeClass };

export interface VersionDiff {
  articleId: string;
  from: number;
  to: number;
  /** The change from `from` to `to` as a whole (not the sum of the steps between). */
  change: ChangeClass;
  title: DiffPart[];
  body: DiffPart[];
  /**
   * Which texts were too large to diff word by word (their parts then replace the changed middle
   * whole); null when both were diffed word by word.
   */
  tooLarge: { title: boolean; body: boolean } | null;
}

export async function articleHistory(
  store: ArchiveStore,
  articleId: string,
): Promise<ClassifiedVersion[]> {
  return classifyVersions(await store.getVersions(articleId));
}

export class VersionChoiceError extends Error {}

/**
 * The diff between versions `from` and `to` (seq numbers). Defaults: `to` the latest version,
 * `from` the one before `to` (or `to` itself when there is only one).
 */
export function diffVersions(
  versions: readonly Version[],
  from?: number,
  to?: number,
): VersionDiff {
  const bySeq = new Map(versions.map((v) => [v.seq, v]));
  const latest = Math.max(...versions.map((v) => v.seq));
  const toSeq = to ?? latest;
  const fromSeq = from ?? (bySeq.has(toSeq - 1) ? toSeq - 1 : toSeq);
  const a = bySeq.get(fromSeq);
  const b = bySeq.get(toSeq);
  if (!a) throw new VersionChoiceError(`no version ${fromSeq} (versions 1–${latest})`);
  if (!b) throw new VersionChoiceError(`no version ${toSeq} (versions 1–${latest})`);
  const change =
    a === b
      ? { kind: 'cosmetic' as const, titleChanged: false, wordsAdded: 0, wordsRemoved: 0, share: 0 }
      : classifyChange(a, b);
  const title = wordDiff(a.title ?? '', b.title ?? '');
  const body = wordDiff(bodyText(a), bodyText(b));
  return {
    articleId: b.articleId,
    from: fromSeq,
    to: toSeq,
    change,
    title: title.parts,
    body: body.parts,
    tooLarge:
      title.tooLarge || body.tooLarge ? { title: title.tooLarge, body: body.tooLarge } : null,
  };
}
