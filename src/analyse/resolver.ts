/**
 * Names to identities: a printed name resolves to its gazetteer entry (any spelling, homonyms split
 * by the titles printed beside the name and by the date), else to an identity of its own keyed by
 * its spelling, so what the extractor finds extends the gazetteer.
 */
import type { PersonResolver, ResolvedPerson } from './analyse.js';
import { defaultGazetteer, type Gazetteer } from './gazetteer.js';

/** The leaders whose public activities are tracked (a list that can grow). */
export const ACTIVITY_LEADERS: readonly string[] = ['kim-jong-il', 'kim-jong-un'];

/** The identity of a name the gazetteer does not know: its spelling, as a slug. */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

export function gazetteerResolver(gazetteer: Gazetteer): PersonResolver {
  const known = gazetteer.entries
    .filter((e) => e.kind === 'foreign')
    .flatMap((e) => [e.name, ...(e.variants ?? [])])
    .filter((n) => n.includes(' '));
  const leaders = new Set(
    ACTIVITY_LEADERS.flatMap((id) => {
      const entry = gazetteer.byId(id);
      return entry ? [entry.name] : [];
    }),
  );
  const epithets = new Set(gazetteer.entries.filter((e) => e.leader).map((e) => e.name));
  const cache = new Map<string, ResolvedPerson>();
  return {
    resolve(printed, context): ResolvedPerson {
      const title = context.titles.join('; ');
      const key = `${printed}\u0000${title}\u0000${context.date ?? ''}`;
      let hit = cache.get(key);
      if (!hit) {
        const entry = gazetteer.resolve(printed, { title, date: context.date });
        hit = entry
          ? { id: entry.id, name: gazetteer.displayName(entry) }
          : { id: slugOf(printed), name: printed };
        if (cache.size > 50_000) cache.clear();
        cache.set(key, hit);
      }
      return hit;
    },
    knownNames: () => known,
    leaders: () => leaders,
    epithetHolders: () => epithets,
  };
}

let memo: PersonResolver | null = null;
export function defaultResolver(): PersonResolver {
  return (memo ??= gazetteerResolver(defaultGazetteer()));
}

/**
 * The identities a name typed by a reader stands for: every gazetteer entry under that spelling
 * (both Ri Yong Ho), one entry by its displayed name ("Ri Yong Ho [military]") or id, and the
 * spelling's own identity for a person the gazetteer does not know.
 */
export function personIdsFor(value: string, gazetteer: Gazetteer = defaultGazetteer()): string[] {
  const text = value.trim();
  const qualified = /^(.*?)\s*\[([^\]]+)\]$/.exec(text);
  const ids = new Set<string>();
  if (gazetteer.byId(text)) ids.add(text);
  for (const e of gazetteer.lookup(qualified ? qualified[1]! : text)) {
    if (!qualified || e.qualifier === qualified[2]) ids.add(e.id);
  }
  if (!qualified) ids.add(slugOf(text));
  return [...ids];
}
