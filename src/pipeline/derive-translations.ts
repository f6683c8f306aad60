/**
 * The driver's step after people: translations between editions for the days that received new
 * articles (store/translation-types.ts; the matching is reconcile/translations.ts). The days are
 * taken in runs of at most a month, each read with the two days on either side, since a translation
 * may come out up to two days later; the links of the run's own days are then replaced.
 */
import { findTranslations, type TranslationText } from '../reconcile/translations.js';
import type { ArchiveStore } from '../store/types.js';

const WINDOW_DAYS = 2;
const RUN_DAYS = 31;
const DAY_MS = 86_400_000;

export const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Consecutive runs of `days` (sorted ISO dates), none longer than RUN_DAYS. */
export function runsOf(days: readonly string[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const day of days.map(dayNumber).filter(Number.isFinite)) {
    const last = runs.at(-1);
    if (last && day - last[1] <= WINDOW_DAYS * 2 + 1 && day - last[0] < RUN_DAYS) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/**
 * The pairs of one run of days: `texts` are those published from two days before `first` to two
 * days after `last`; pairs with a side inside the run are kept. Pure (the benchmark runs it too).
 */
export function pairsOfRun(texts: readonly TranslationText[], first: number, last: number) {
  const dayOf = new Map(texts.map((t) => [t.id, t.day]));
  const inRun = (id: string) => dayOf.get(id)! >= first && dayOf.get(id)! <= last;
  return findTranslations(texts, { maxDays: WINDOW_DAYS }).filter((p) => inRun(p.a) || inRun(p.b));
}

export async function deriveTranslations(
  store: ArchiveStore,
  signal?: AbortSignal,
): Promise<number> {
  const { days, mark } = await store.translations.pending();
  let linked = 0;
  for (const [first, last] of runsOf(days)) {
    if (signal?.aborted) return linked;
    const texts: TranslationText[] = (
      await store.translations.candidates(isoOf(first - WINDOW_DAYS), isoOf(last + WINDOW_DAYS))
    ).map((c) => ({ ...c, day: dayNumber(c.date) }));
    const pairs = pairsOfRun(texts, first, last);
    await store.translations.replace(
      isoOf(first),
      isoOf(last),
      pairs.map((p) => ({
        articleId: p.a,
        otherId: p.b,
        score: p.score,
        onlyHere: p.onlyInA,
        onlyThere: p.onlyInB,
      })),
    );
    linked += pairs.length;
  }
  await store.translations.done(mark);
  return linked;
}
