/**
 * People read back for every reader (pages, API, CLI, feeds): one person's summary and report, and
 * the absences and falls in rank across the archive — measured to the archive's newest sighting,
 * never to today, so an archive of 2011–2012 is not all "absent".
 */
import type { GazetteerEntry } from '../analyse/gazetteer.js';
import { defaultGazetteer } from '../analyse/gazetteer.js';
import {
  absenceOf,
  peopleFlags,
  personProfile,
  type Absence,
  type PersonFlag,
  type PersonProfile,
} from '../analyse/profile.js';
import type { ActivityView, ArchiveStore, PersonSummary } from '../store/types.js';

/** A person needs this many articles before an absence is judged against their rhythm. */
export const FLAG_MIN_ARTICLES = 6;

/** The newest day any person was seen: absences are measured to the archive's end, not today. */
export async function archiveEnd(store: ArchiveStore): Promise<string | null> {
  const newest = await store.people.listPeople({ order: 'last-seen', limit: 1 });
  return newest.items[0]?.lastSeen ?? null;
}

/** Absences and rank falls across the archive. */
export async function currentPeopleFlags(store: ArchiveStore): Promise<PersonFlag[]> {
  const asOf = await archiveEnd(store);
  if (!asOf) return [];
  const [sightings, ranks] = await Promise.all([
    store.people.sightings(FLAG_MIN_ARTICLES),
    store.people.companionRanks(),
  ]);
  return peopleFlags(
    sightings,
    ranks.map((r) => ({ ...r, date: r.pubDate })),
    asOf,
  );
}

/**
 * One person as listed; one known only because later edits removed the name has zero counts. Null
 * when the archive has neither a mention nor a removal of the id.
 */
export async function personSummary(
  store: ArchiveStore,
  id: string,
): Promise<PersonSummary | null> {
  const [summary] = (await store.people.listPeople({ ids: [id], limit: 1 })).items;
  if (summary) return summary;
  const removed = await store.people.removals({ personId: id, limit: 1 });
  const name = removed.items[0]?.name;
  if (name === undefined) return null;
  const zero = { articles: 0, mentions: 0, appearances: 0, firstSeen: null, lastSeen: null };
  return { personId: id, name, ...zero, removals: removed.total };
}

export interface PersonReport {
  summary: PersonSummary;
  gazetteer: GazetteerEntry | null;
  activities: ActivityView[];
  profile: PersonProfile;
  /** The archive's end, which the absence is measured to. */
  end: string | null;
  absence: Absence | null;
}

/** Everything a person's page, `wirewatch person` and `/v1/people/{id}` show; null when unknown. */
export async function personReport(store: ArchiveStore, id: string): Promise<PersonReport | null> {
  const summary = await personSummary(store, id);
  if (!summary) return null;
  const [mentions, activities, end] = await Promise.all([
    store.people.mentionsOf(id),
    store.people.activitiesOf(id),
    archiveEnd(store),
  ]);
  const days = mentions.flatMap((m) => (m.pubDate ? [m.pubDate] : []));
  return {
    summary,
    gazetteer: defaultGazetteer().byId(id) ?? null,
    activities,
    profile: personProfile(id, mentions, activities),
    end,
    absence: end ? absenceOf(days, end) : null,
  };
}
