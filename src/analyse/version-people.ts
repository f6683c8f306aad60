/**
 * One version's people as the archive keeps them (pure): one row per person named (counted, titles
 * gathered, the first sentence kept), one per person in each activity, and the persons the version
 * before named that this one no longer does — the trace of a purge. The store's people tables hold
 * exactly these (store/people-types.ts).
 */
import { analysePeople, type PeopleAnalysis, type PersonResolver } from './analyse.js';

/** How a person stands in a version: named, or in the leader's activity in one of these roles. */
export type PersonRole = 'mention' | 'leader' | 'companion' | 'greeter' | 'met';

export interface StoredMention {
  personId: string;
  name: string;
  printed: string;
  role: PersonRole;
  /** The activity (its `ord`) a leader, companion, greeter or person met belongs to. */
  activity: number | null;
  /** Companions: the place in the printed order, from 1. */
  rank: number | null;
  titles: string[];
  /** How many times the version names the person (for a `mention`; 1 for a role in an activity). */
  count: number;
  /** Where the person is first named (-1: the headline), and that sentence. */
  paragraph: number;
  sentence: string;
}

export interface StoredActivity {
  ord: number;
  leaderId: string;
  kind: string;
  object: string;
  place: string | null;
  sentence: string;
  flash: boolean;
}

export interface VersionPeople {
  mentions: StoredMention[];
  activities: StoredActivity[];
}

/** A person the previous version named and this one no longer does. */
export interface PersonRemoval {
  personId: string;
  name: string;
  articleId: string;
  seq: number;
  at: string;
}

export interface VersionText {
  title: string | null;
  paragraphs: readonly string[];
  /** YYYY-MM-DD when the full date is known. */
  date: string | null;
}

export function versionPeople(text: VersionText, resolver: PersonResolver): VersionPeople {
  return toRows(analysePeople(text, resolver));
}

/** Who the version before named and this one does not. */
export function removedPersons(
  people: VersionPeople,
  previous: readonly { personId: string; name: string }[],
  at: { articleId: string; seq: number; at: string },
): PersonRemoval[] {
  const named = new Set(people.mentions.map((m) => m.personId));
  return previous.filter((p) => !named.has(p.personId)).map((p) => ({ ...p, ...at }));
}

export function toRows(analysis: PeopleAnalysis): VersionPeople {
  const byPerson = new Map<string, StoredMention>();
  for (const m of analysis.mentions) {
    const row = byPerson.get(m.personId);
    if (row) {
      row.count++;
      for (const t of m.titles) if (!row.titles.includes(t)) row.titles.push(t);
      continue;
    }
    byPerson.set(m.personId, {
      personId: m.personId,
      name: m.name,
      printed: m.printed,
      role: 'mention',
      activity: null,
      rank: null,
      titles: [...m.titles],
      count: 1,
      paragraph: m.paragraph,
      sentence: m.sentence,
    });
  }
  const mentions = [...byPerson.values()];
  const activities = analysis.activities.map((a, ord) => {
    const member = (
      p: { id: string; name: string },
      role: PersonRole,
      rank: number | null,
    ): StoredMention => {
      const named = byPerson.get(p.id);
      return {
        personId: p.id,
        name: p.name,
        printed: named?.printed ?? p.name,
        role,
        activity: ord,
        rank,
        titles: [],
        count: 1,
        paragraph: named?.paragraph ?? -1,
        sentence: a.sentence,
      };
    };
    mentions.push(member({ id: a.leaderId, name: a.leader }, 'leader', null));
    a.companions.forEach((p, i) => mentions.push(member(p, 'companion', i + 1)));
    a.greeters.forEach((p) => mentions.push(member(p, 'greeter', null)));
    a.met.forEach((p) => mentions.push(member(p, 'met', null)));
    return {
      ord,
      leaderId: a.leaderId,
      kind: a.kind,
      object: a.object,
      place: a.place,
      sentence: a.sentence,
      flash: a.flash,
    };
  });
  return { mentions, activities };
}
