/**
 * What the archive keeps of the people in its texts (docs/data-model.md, "People"): derived per
 * version by the pipeline driver (pipeline/derive-people.ts) from analyse/, rebuilt by `reprocess`,
 * read by the people pages, the API, the CLI and the search filters `person:` and `with:`.
 */
import type {
  PersonRemoval,
  PersonRole,
  StoredActivity,
  StoredMention,
  VersionPeople,
} from '../analyse/version-people.js';
import type { Page } from './types.js';

export type { PersonRemoval, PersonRole, StoredActivity, StoredMention, VersionPeople };

/** A version waiting for its people to be derived, with what the analysis reads. */
export interface PendingVersion {
  articleId: string;
  seq: number;
  title: string | null;
  paragraphs: string[];
  /** The article's full publication date (YYYY-MM-DD), when known. */
  date: string | null;
  firstSeen: string;
}

/** The pure step the store runs for each pending version inside its transaction. */
export type DerivePeople = (
  version: PendingVersion,
  previous: { personId: string; name: string }[] | null,
) => { people: VersionPeople; removals: PersonRemoval[] };

export type PeopleOrder = 'appearances' | 'mentions' | 'last-seen' | 'name';

export interface PeopleQuery {
  order?: PeopleOrder;
  /** Person ids to restrict to (a name looked up in the gazetteer). */
  ids?: string[];
  limit?: number;
  offset?: number;
}

/** One person across the archive's current texts. */
export interface PersonSummary {
  personId: string;
  name: string;
  /** Articles naming the person. */
  articles: number;
  mentions: number;
  /** Activities of a leader the person took part in (as leader or companion; flashes not counted). */
  appearances: number;
  firstSeen: string | null;
  lastSeen: string | null;
  removals: number;
}

/** A mention with the article it stands in (current versions only). */
export interface MentionView extends StoredMention {
  articleId: string;
  seq: number;
  sourceId: string;
  title: string | null;
  pubDate: string | null;
}

/** An activity with everyone in it, in order. */
export interface ActivityView extends StoredActivity {
  articleId: string;
  seq: number;
  sourceId: string;
  title: string | null;
  pubDate: string | null;
  leader: string;
  companions: { personId: string; name: string }[];
  greeters: { personId: string; name: string }[];
  met: { personId: string; name: string }[];
}

export interface RemovalView extends PersonRemoval {
  sourceId: string;
  title: string | null;
  pubDate: string | null;
}

export interface CompanionRank {
  personId: string;
  name: string;
  articleId: string;
  pubDate: string | null;
  rank: number;
  of: number;
}

export interface PeopleStore {
  /**
   * Derives the people of up to `limit` pending versions (oldest article first, versions in order)
   * with `derive`, writes them and takes them off the queue, in one transaction; concurrent workers
   * take different versions. Returns how many it derived: 0 when the queue is empty.
   */
  derivePending(limit: number, derive: DerivePeople): Promise<number>;
  /**
   * Writes a version's people derived as it was archived (the import's worker thread read them
   * ahead), records who the version before named and this one does not, and takes the version off
   * the queue. Called right after the version's insert, in its transaction: nothing of it is there
   * to replace.
   */
  putVersionPeople(
    articleId: string,
    seq: number,
    people: VersionPeople,
    at: string,
  ): Promise<void>;
  pendingCount(): Promise<number>;
  /** Puts every version back in the queue (after the gazetteer or the analysis changed). */
  requeueAll(): Promise<number>;
  listPeople(query: PeopleQuery): Promise<Page<PersonSummary>>;
  /** Every mention of one person in current texts, oldest publication first. */
  mentionsOf(personId: string, limit?: number): Promise<MentionView[]>;
  /** Activities the person led or accompanied, oldest first, everyone in each. */
  activitiesOf(personId: string, limit?: number): Promise<ActivityView[]>;
  /** A version's people (the current one when `seq` is omitted). */
  articlePeople(
    articleId: string,
    seq?: number,
  ): Promise<{ mentions: StoredMention[]; activities: ActivityView[] }>;
  removals(query: {
    personId?: string;
    from?: string;
    limit?: number;
    offset?: number;
  }): Promise<Page<RemovalView>>;
  /**
   * The days each person was seen (publication days of current texts naming them), for persons
   * named in at least `minArticles` articles: the absence monitor reads every rhythm at once.
   */
  sightings(minArticles: number): Promise<{ personId: string; name: string; days: string[] }[]>;
  /** Every companion's place in every counted (non-flash) activity of current texts, oldest first. */
  companionRanks(): Promise<CompanionRank[]>;
  /** Search: documents naming any of `personIds` (`with`: in an activity with them), ascending. */
  documents(
    personIds: string[],
    role: 'person' | 'with',
    anyVersion: boolean,
  ): Promise<Uint32Array>;
}
