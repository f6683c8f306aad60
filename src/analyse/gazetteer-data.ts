// The curated gazetteer: one entry per person, in this order (homonyms: the first listed is the
// default). Bump the version whenever an entry changes, so stored resolutions can say which
// gazetteer they came from.
import type { GazetteerEntry } from './gazetteer-entry.js';
import { FOREIGN } from './gazetteer-data-foreign.js';
import { HOMONYMS } from './gazetteer-data-homonyms.js';
import { LEADERS } from './gazetteer-data-leaders.js';
import { MILITARY } from './gazetteer-data-military.js';
import { PARTY_AND_STATE } from './gazetteer-data-party.js';

export const GAZETTEER_VERSION = '2026-12-04.1';

export const GAZETTEER: readonly GazetteerEntry[] = [
  ...LEADERS,
  ...HOMONYMS,
  ...PARTY_AND_STATE,
  ...MILITARY,
  ...FOREIGN,
];
