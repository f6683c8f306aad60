/**
 * What a user watches: saved searches and follows of articles, persons and sources, each with when
 * the user last looked (what is new is what the archive received after it), and the secret that opens
 * the user's private feeds. docs/data-model.md, "Accounts", defines the fields.
 */
import type { User } from './accounts-types.js';

export const SAVED_SORTS = ['relevance', 'newest', 'oldest'] as const;
export type SavedSort = (typeof SAVED_SORTS)[number];

export const FOLLOW_KINDS = ['article', 'person', 'source'] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];

export interface SavedSearch {
  id: number;
  userId: number;
  name: string;
  /** The query in canonical form (search/print.ts), as the search page would run it. */
  query: string;
  sort: SavedSort;
  createdAt: string;
  /** When the user last marked its hits as seen (at first: when it was saved). */
  lastSeenAt: string;
  /** Up to when its news has been turned into alerts (alerts/check.ts). */
  alertedAt: string;
}

export type NewSavedSearch = Omit<SavedSearch, 'id' | 'lastSeenAt' | 'alertedAt'>;

export interface Follow {
  id: number;
  userId: number;
  kind: FollowKind;
  /** An article id, a person id or a source id. */
  target: string;
  /** What it was called when followed (a headline, a name). */
  label: string;
  createdAt: string;
  lastSeenAt: string;
  alertedAt: string;
  /** A followed person: the last sighting before the absence an alert already told of. */
  absenceAlerted: string | null;
}

export type NewFollow = Omit<Follow, 'id' | 'lastSeenAt' | 'alertedAt' | 'absenceAlerted'>;

export interface WatchStore {
  addSavedSearch(search: NewSavedSearch): Promise<SavedSearch>;
  /** One user's, oldest first; every user's when no user is given. */
  listSavedSearches(userId?: number): Promise<SavedSearch[]>;
  getSavedSearch(id: number): Promise<SavedSearch | null>;
  /** The removed search; null when the user has no such search. */
  removeSavedSearch(id: number, userId: number): Promise<SavedSearch | null>;
  /** False when the user has no such search. */
  markSavedSearchSeen(id: number, userId: number, at: string): Promise<boolean>;

  /** Following what one already follows returns the follow there is. */
  addFollow(follow: NewFollow): Promise<Follow>;
  listFollows(userId: number): Promise<Follow[]>;
  removeFollow(id: number, userId: number): Promise<boolean>;
  markFollowSeen(id: number, userId: number, at: string): Promise<boolean>;
  /** Every user's follows (the alert checks read them all). */
  listAllFollows(): Promise<Follow[]>;
  /** Moves the point up to which a saved search's or a follow's news became alerts. */
  markAlerted(what: 'search' | 'follow', id: number, at: string): Promise<void>;
  /** Remembers the absence told of (the person's last sighting), or forgets it (null). */
  markAbsenceAlerted(followId: number, lastSeen: string | null): Promise<void>;

  /** The secret in the user's private feed URLs; null when none has been made. */
  feedToken(userId: number): Promise<string | null>;
  setFeedToken(userId: number, token: string): Promise<void>;
  userOfFeedToken(token: string): Promise<User | null>;
}
