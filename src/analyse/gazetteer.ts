// One identity per person: a name as any outlet spells it (or its hangul) finds the gazetteer
// entry, and homonyms are split by the title words around the name and by date. Pure.
import { GAZETTEER } from './gazetteer-data.js';
import type { GazetteerEntry } from './gazetteer-entry.js';
import { hasHangul, isHangulSyllable } from './romanise-hangul.js';
import { isKcnaShaped, nameVariants, normaliseNameKey } from './romanise.js';

export type { GazetteerEntry } from './gazetteer-entry.js';
export { GAZETTEER, GAZETTEER_VERSION } from './gazetteer-data.js';

export interface ResolveContext {
  /** The title text in apposition to the name ("chief of the General Staff of the KPA"). */
  title?: string | null;
  /** YYYY-MM-DD (or a prefix) of the story. */
  date?: string | null;
}

type Index = Map<string, GazetteerEntry[]>;

function add(index: Index, key: string, entry: GazetteerEntry): void {
  if (!key) return;
  const list = index.get(key);
  if (!list) index.set(key, [entry]);
  else if (!list.includes(entry)) list.push(entry);
}

function exactKey(name: string): string {
  return name.trim().split(/\s+/).join(' ').toLowerCase();
}

function hangulKey(name: string): string {
  return [...name].filter(isHangulSyllable).join('');
}

/** Every spelling the entry answers to: its own, its listed ones, and the generated ones. */
export function spellingsOf(entry: GazetteerEntry): string[] {
  // Korean names only: South Koreans are 'foreign' but spelled the same ways.
  const korean = entry.kind !== 'foreign' || entry.hangul !== undefined || isKcnaShaped(entry.name);
  const generated = korean ? nameVariants(entry.name, entry.hangul) : [];
  return [entry.name, ...(entry.variants ?? []), ...generated];
}

// Dates compare as strings: "2009-02" sorts before every day of February 2009, and an end given
// as a year or month is padded to sort after every day in it.
function periodEnd(value: string): string {
  return value.length === 10 ? value : `${value}\uffff`;
}

function inPeriod(entry: GazetteerEntry, date: string): boolean {
  if (entry.from === undefined && entry.to === undefined) return false;
  if (entry.from !== undefined && date < entry.from) return false;
  if (entry.to !== undefined && date > periodEnd(entry.to)) return false;
  return true;
}

function cueMatches(entry: GazetteerEntry, title: string): boolean {
  const text = title.toLowerCase();
  return (entry.cues ?? []).some((cue) => text.includes(cue.toLowerCase()));
}

export class Gazetteer {
  readonly entries: readonly GazetteerEntry[];
  private readonly ids = new Map<string, GazetteerEntry>();
  private readonly exact: Index = new Map();
  private readonly keys: Index = new Map();
  private readonly hangul: Index = new Map();

  constructor(entries: readonly GazetteerEntry[]) {
    this.entries = entries;
    for (const entry of entries) {
      this.ids.set(entry.id, entry);
      if (entry.hangul) add(this.hangul, hangulKey(entry.hangul), entry);
      for (const spelling of spellingsOf(entry)) {
        add(this.exact, exactKey(spelling), entry);
        add(this.keys, normaliseNameKey(spelling), entry);
      }
    }
  }

  byId(id: string): GazetteerEntry | undefined {
    return this.ids.get(id);
  }

  /**
   * Entries a name may denote, in gazetteer order. An exact spelling (or exact hangul) wins over
   * the folded key, so a name whose key happens to collide with another's finds only its own.
   */
  lookup(name: string): GazetteerEntry[] {
    if (hasHangul(name)) {
      const hit = this.hangul.get(hangulKey(name));
      if (hit) return [...hit];
    }
    const exact = this.exact.get(exactKey(name));
    if (exact) return [...exact];
    return [...(this.keys.get(normaliseNameKey(name)) ?? [])];
  }

  /**
   * The one entry a name denotes here. Among homonyms, a cue found in the title counts most, then
   * a period containing the date; ties go to the first listed.
   */
  resolve(name: string, context: ResolveContext = {}): GazetteerEntry | null {
    const candidates = this.lookup(name);
    if (candidates.length <= 1) return candidates[0] ?? null;
    let best: GazetteerEntry | null = null;
    let bestScore = -1;
    for (const entry of candidates) {
      let score = 0;
      if (context.title && cueMatches(entry, context.title)) score += 2;
      if (context.date && inPeriod(entry, context.date)) score += 1;
      if (score > bestScore) [best, bestScore] = [entry, score];
    }
    return best;
  }

  displayName(entry: GazetteerEntry): string {
    return entry.qualifier ? `${entry.name} [${entry.qualifier}]` : entry.name;
  }
}

let memo: Gazetteer | undefined;

export function defaultGazetteer(): Gazetteer {
  memo ??= new Gazetteer(GAZETTEER);
  return memo;
}
