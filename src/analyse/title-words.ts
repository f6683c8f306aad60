/**
 * The words officials' titles are made of. A title in apposition starts with one of these heads,
 * perhaps after a few modifiers ("first vice department director", "alternate member",
 * "Chinese ambassador"); a title before a name ends with one ("KPA Vice Marshal", "Premier").
 */

const HEADS =
  'members?|chairm[ae]n|chairwom[ae]n|chairpersons?|presidents?|secretar(?:y|ies)|premiers?|' +
  'ministers?|directors?|chiefs?|heads?|leaders?|commanders?|ambassadors?|charg[eé] ' +
  "d'affaires|editors?(?:-in-chief)?|governors?|mayors?|speakers?|spokes(?:man|men|person)|" +
  'generals?|marshals?|admirals?|colonels?|officers?|managers?|professors?|rectors?|kings?|' +
  'queens?|emperors?|princes?|princess|sultans?|envoys?|representatives?|delegates?|deputies|' +
  'deputy|counsell?ors?|councill?ors?|attach[eé]s?|consuls?|founders?|presidium|reporters?|' +
  'correspondents?|lecturers?|researchers?|captains?|lieutenants?|majors?|commissars?|' +
  'instructors?|inspectors?|principals?|deans?|curators?|conductors?|composers?|authors?|' +
  'directors?-general|secretary-general|sovereign|monarch|prime ministers?|vice-chairm[ae]n|' +
  'vice-presidents?|vice-premiers?|vice-ministers?|vice[ -]marshals?|first secretar(?:y|ies)|' +
  'wife|husband|son|daughter|brother|sister|widow|father|mother';

const MODIFIER =
  '(?:first|vice|vice-|deputy|acting|senior|executive|permanent|honorary|former|alternate|' +
  'candidate|general|supreme|chief|assistant|associate|department|section|bureau|standing|' +
  'full|ranking|plenipotentiary|extraordinary|and|state|international|foreign|political|economic|' +
  'military|special|regional|provincial|municipal|county|party|national|presidential|' +
  'full|ranking|plenipotentiary|extraordinary|and|[A-Z][a-z]+(?:an|ese|ish|i|ch)|KPA|WPK|DPRK)';

const TITLE_START = new RegExp(
  `^(?:the |his |her |its |a |an )?(?:${MODIFIER}[ -]){0,4}(?:${HEADS})\\b`,
  'i',
);

/** True when the text starts with an official's title ("member of the Political Bureau …"). */
export function startsWithTitle(text: string): boolean {
  return TITLE_START.test(text);
}

const TITLE_AT = new RegExp(TITLE_START.source.slice(1), 'iy');

/** `startsWithTitle(text.slice(at))` without the copy: tried at every comma of every sentence. */
export function titleStartsAt(text: string, at: number): boolean {
  TITLE_AT.lastIndex = at;
  return TITLE_AT.test(text);
}

/** Capitalised titles that introduce a foreign name ("President Hu Jintao"). */
export const TITLE_BEFORE_FOREIGN_NAME =
  '(?:President|Prime Minister|Premier|Chairman|King|Queen|Emperor|Sultan|Ambassador|' +
  'General Secretary|Secretary-General|Secretary General|Foreign Minister|Minister|' +
  'Vice President|Vice-President|Comrade|Mr\\.|Mrs\\.|Ms\\.|Dr\\.|Prince|Princess|Sheikh)';

const HEAD_ONLY = new RegExp(
  `^(?:(?:${MODIFIER})[ -]){0,3}(?:${HEADS}|Lieut\\.|Gen\\.|Dr\\.|Prof\\.)$`,
  'i',
);

/**
 * The head of a title written before a name, capitalised ("KPA General", "Vice Marshal", "Members"
 * of "Members of the Central Military Commission of the WPK Kim Kyong Ok, …").
 */
export function isCapitalHead(words: string): boolean {
  return (
    /^[A-Z]/.test(words) &&
    HEAD_ONLY.test(words) &&
    !/^(?:Wife|Husband|Son|Daughter|Brother|Sister|Widow|Father|Mother)$/.test(words)
  );
}
