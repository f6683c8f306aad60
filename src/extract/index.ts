/** Public surface of the pure extractors. */
export type * from './types.js';
export { extractTextPage } from './text-page.js';
export {
  findDateline,
  parseDateline,
  matchDatelineAtStart,
  type DatelineMatch,
} from './dateline.js';
export {
  resolvePublishedDate,
  inferYear,
  type DateEvidence,
  type ResolvedDate,
} from './published-date.js';
export { parseTeasers } from './teasers.js';
export { repairLeaderNameSpacing, LEADER_NAMES } from './glued-words.js';
export {
  dateFromUrl,
  parseCalendarDate,
  parseIsoDate,
  parseListingDate,
  parseSlashDate,
  type CalendarDate,
} from './page-dates.js';
