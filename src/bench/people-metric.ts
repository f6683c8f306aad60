/**
 * Scores people extraction against the hand-annotated set (test/fixtures/people/annotated.jsonl,
 * conventions in CONVENTIONS.md beside it): person F1 over per-story sets of identities, title F1
 * over (identity, title) pairs, activity detection F1 (per story, by leader) and companions in exact
 * order (per annotated activity). Names on both sides become identities the same way (the
 * gazetteer; a qualified homonym by its qualifier), so a spelling variant is no error and a wrong
 * homonym is.
 */
import { personIdsFor, slugOf } from '../analyse/resolver.js';
import type { PersonResolver } from '../analyse/analyse.js';

export interface GoldActivity {
  leader: string;
  kind: string;
  companions: string[];
  greeters: string[];
  met: string[];
}

export interface GoldStory {
  id: string;
  published: string;
  title: string;
  body: string;
  persons: string[];
  titles: { person: string; title: string }[];
  activities: GoldActivity[];
}

export interface Predicted {
  persons: string[];
  titles: { personId: string; title: string }[];
  activities: { leaderId: string; companions: string[] }[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export const f1 = (c: Counts) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

/** A title compared without case, leading article, spacing or a trailing full stop. */
export const normaliseTitle = (t: string) =>
  t
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(?:the|a|an) /, '')
    .replace(/[.,;\s]+$/, '')
    .trim();

export function goldIdentity(name: string, date: string, resolver: PersonResolver): string {
  if (/\[[^\]]+\]$/.test(name)) return personIdsFor(name)[0] ?? slugOf(name);
  return resolver.resolve(name, { titles: [], date }).id;
}

function add(c: Counts, gold: Set<string>, got: Set<string>): void {
  for (const g of got)
    if (gold.has(g)) c.tp++;
    else c.fp++;
  for (const g of gold) if (!got.has(g)) c.fn++;
}

export interface Score {
  persons: Counts;
  titles: Counts;
  activities: Counts;
  companionsExact: number;
  goldActivities: number;
  goldWithCompanions: number;
  companionsExactWithList: number;
}

export const emptyScore = (): Score => ({
  persons: { tp: 0, fp: 0, fn: 0 },
  titles: { tp: 0, fp: 0, fn: 0 },
  activities: { tp: 0, fp: 0, fn: 0 },
  companionsExact: 0,
  goldActivities: 0,
  goldWithCompanions: 0,
  companionsExactWithList: 0,
});

/**
 * Adds one story's comparison to `score`. `detects` false: the system's activities were given to it
 * from the annotation (a peer with no activity detection), so only their companions are scored.
 */
export function scoreStory(
  score: Score,
  gold: GoldStory,
  predicted: Predicted,
  resolver: PersonResolver,
  detects = true,
): void {
  const id = (n: string) => goldIdentity(n, gold.published, resolver);
  add(score.persons, new Set(gold.persons.map(id)), new Set(predicted.persons));
  add(
    score.titles,
    new Set(gold.titles.map((t) => `${id(t.person)}\u0000${normaliseTitle(t.title)}`)),
    new Set(predicted.titles.map((t) => `${t.personId}\u0000${normaliseTitle(t.title)}`)),
  );
  const got = [...predicted.activities];
  for (const g of gold.activities) {
    score.goldActivities++;
    const companions = g.companions.map(id);
    if (companions.length) score.goldWithCompanions++;
    const at = got.findIndex((a) => a.leaderId === id(g.leader));
    if (at < 0) {
      score.activities.fn++;
      continue;
    }
    const [match] = got.splice(at, 1);
    if (detects) score.activities.tp++;
    if (match!.companions.join('|') === companions.join('|')) {
      score.companionsExact++;
      if (companions.length) score.companionsExactWithList++;
    }
  }
  if (detects) score.activities.fp += got.length;
}
