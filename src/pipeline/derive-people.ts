/**
 * The driver's last step before the search refresh: the people of every version waiting in the
 * queue (store/people-types.ts), read by analyse/ from the version's text alone. A person the
 * version before named and this version no longer does is recorded as a removal, the trace of a
 * purge ("name removed from N articles").
 */
import type { PersonResolver } from '../analyse/analyse.js';
import { defaultResolver } from '../analyse/resolver.js';
import { removedPersons, versionPeople } from '../analyse/version-people.js';
import type { ArchiveStore, PendingVersion, PersonRemoval, VersionPeople } from '../store/types.js';

const BATCH = 200;

export async function derivePeople(
  store: ArchiveStore,
  resolver: PersonResolver = defaultResolver(),
  signal?: AbortSignal,
): Promise<number> {
  let derived = 0;
  while (!signal?.aborted) {
    const n = await store.people.derivePending(BATCH, (version, previous) =>
      deriveVersion(version, previous, resolver),
    );
    if (!n) break;
    derived += n;
  }
  return derived;
}

export function deriveVersion(
  version: PendingVersion,
  previous: { personId: string; name: string }[] | null,
  resolver: PersonResolver,
): { people: VersionPeople; removals: PersonRemoval[] } {
  const people = versionPeople(version, resolver);
  const at = { articleId: version.articleId, seq: version.seq, at: version.firstSeen };
  return { people, removals: removedPersons(people, previous ?? [], at) };
}
