/**
 * What `analyse/version-people.js` becomes in the benchmark's "without people" runs (hooks.ts): a
 * version has no people, so the import does everything else exactly as it does.
 */
import type { VersionPeople } from '../../analyse/version-people.js';

export function versionPeople(): VersionPeople {
  return { mentions: [], activities: [] };
}

export function removedPersons(): [] {
  return [];
}

export function toRows(): VersionPeople {
  return { mentions: [], activities: [] };
}
