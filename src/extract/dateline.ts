import type { Dateline } from './types.js';
import { isPlausibleDay, monthNumber, parseDigits } from './months.js';
import { matchKoreanDateline } from './korean.js';

/**
 * Datelines: `Pyongyang, March 24 (KCNA) --`. Scrapers damage them (misspelt months, lost
 * parentheses, glued dashes), so the reader is a small scanner that keeps whatever it can read and
 * says which parts it could not, rather than one regex that either matches perfectly or not at all.
 */

export interface DatelineMatch {
  dateline: Dateline;
  /** Offsets into the searched text; `end` is just after the dash (or the last part read). */
  start: number;
  end: number;
}

// Bounded lengths keep the scan linear on hostile input (one huge "word" of capitals).
const PLACE_WORD = String.raw`\p{Lu}[\p{L}\p{M}'’.\-]{0,40}`;
// Lower-case particles inside place names (`Dar es Salaam`, `Rio de Janeiro`).
const PARTICLE = String.raw`(?:de|del|da|do|dos|du|des|la|le|el|al|es|of|upon|am|an|der)`;
const SP = String.raw`[ \t\u00a0]`;
const placeRe = (maxWords: number) =>
  new RegExp(
    `(${PLACE_WORD}(?:${SP}+(?:${PARTICLE}${SP}+)?${PLACE_WORD}){0,${maxWords - 1}}),`,
    'uy',
  );
const LINE_START_PLACE = placeRe(5);
// A place that lost its first letters to a scrape (`ngyang,` for `Pyongyang,`): one lower-case word.
const PLACE_FRAGMENT = /(\p{Ll}[\p{L}\p{M}'’.-]{0,40}),/uy;
const DIGITS = '[0-9\uff10-\uff19]{1,3}(?![0-9\uff10-\uff19])';
const MONTH_FIRST = new RegExp(`${SP}*(\\p{L}{1,15}\\.?)${SP}+(${DIGITS})`, 'uy');
const DAY_FIRST = new RegExp(`${SP}*(${DIGITS})${SP}+(?:de${SP}+)?(\\p{L}{1,15}\\.?)`, 'uy');
// A single hyphen only counts when words follow, so `March 24 - 26` is not read as a dateline.
const DASH = String.raw`(?:-{2,3}|[\u2013\u2014\u2015]{1,2}|\uff0d{1,2}|-(?=${SP}*\p{L}))`;
// The spaces after `(` are taken whole, as an atomic group (a lookahead captures them, a
// back-reference consumes exactly that): left free to give some back to the agency, which may itself
// hold spaces, they would be split every possible way before a failing match gave up, which is
// quadratic in a run of spaces. Giving them back matters only when nothing but spaces and then the
// closing parenthesis or a dash follow, and the `_BLANK` patterns read exactly that case.
const OPEN = `${SP}*\\((?=(?<lead>${SP}*))\\k<lead>`;
const AGENCY_WHOLE = new RegExp(`${OPEN}(?<agency>[^()\\n]{1,40}?)${SP}*\\)`, 'uy');
const AGENCY_WHOLE_BLANK = new RegExp(`${SP}*\\(${SP}*(?<agency>${SP})\\)`, 'uy');
const AGENCY_NO_CLOSE = new RegExp(`${OPEN}(?<agency>[^()\\n]{1,40}?)(?=${SP}*${DASH})`, 'uy');
const AGENCY_NO_CLOSE_BLANK = new RegExp(`${SP}*\\(${SP}*(?<agency>${SP})(?=${DASH})`, 'uy');
const AGENCY_NO_OPEN = new RegExp(`${SP}*(?<agency>\\p{Lu}[\\p{L}]{1,11})\\)`, 'uy');
const AGENCY_BARE = new RegExp(`${SP}*(?<agency>\\p{Lu}{2,12})(?=${SP}*${DASH})`, 'uy');
const DASH_AT = new RegExp(`${SP}*(${DASH})`, 'uy');

/** Places of several words that may follow other capitalised words in the middle of a line. */
const KNOWN_MULTIWORD_PLACES = new Set([
  'addis ababa',
  'phnom penh',
  'kuala lumpur',
  'new delhi',
  'new york',
  'buenos aires',
  'hong kong',
  'ho chi minh city',
  'dar es salaam',
  'rio de janeiro',
  'sao paulo',
  'são paulo',
  'la paz',
  'san jose',
  'san josé',
  'santo domingo',
  'kuwait city',
  'mexico city',
  'guatemala city',
  'st. petersburg',
  'saint petersburg',
  'tel aviv',
  'abu dhabi',
  'port louis',
  'port moresby',
  'ulan bator',
  'vientiane',
  'nay pyi taw',
  'sri jayawardenepura kotte',
]);

/** Without the trailing spaces; by hand, since an unanchored `[ \t]+$` rescans a run from each space. */
function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && ' \t\u00a0'.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

function exec(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Reads a dateline starting exactly at `pos`; null when what is there is not one. */
function matchAt(
  text: string,
  pos: number,
  placeRule: RegExp,
  mustBeKnown: boolean,
): DatelineMatch | null {
  const korean = matchKoreanDateline(text, pos);
  if (korean) return { dateline: korean.dateline, start: pos, end: korean.end };
  return matchLatinAt(text, pos, placeRule, mustBeKnown) ?? matchFragmentAt(text, pos);
}

/**
 * A dateline whose place lost its first letters (`ngyang, May 5 (KCNA) --`). Taken only when all the
 * rest is whole (month, day, agency in parentheses and dash), since a lower-case word and a comma
 * start many sentences; the place is left unknown rather than guessed, and the dateline is damaged.
 */
function matchFragmentAt(text: string, pos: number): DatelineMatch | null {
  const found = matchLatinAt(text, pos, PLACE_FRAGMENT, false);
  if (!found || found.dateline.damaged) return null;
  return { ...found, dateline: { ...found.dateline, place: null, damaged: true } };
}

/** `Pyongyang, March 24 (KCNA) --` and its damaged forms, starting exactly at `pos`. */
function matchLatinAt(
  text: string,
  pos: number,
  placeRule: RegExp,
  mustBeKnown: boolean,
): DatelineMatch | null {
  const place = exec(placeRule, text, pos);
  if (!place) return null;
  const placeText = place[1] ?? '';
  if (
    mustBeKnown &&
    /\s/.test(placeText) &&
    !KNOWN_MULTIWORD_PLACES.has(placeText.toLowerCase().replace(/\s+/g, ' '))
  ) {
    return null;
  }
  let cursor = pos + place[0].length;

  let monthWord: string | undefined;
  let dayDigits: string | undefined;
  const mf = exec(MONTH_FIRST, text, cursor);
  const df = mf ? null : exec(DAY_FIRST, text, cursor);
  if (mf) [, monthWord, dayDigits] = mf;
  else if (df) [, dayDigits, monthWord] = df;
  else return null;
  cursor += (mf ?? df)![0].length;

  let agency: string | null = null;
  let agencyInParens = false;
  const whole = exec(AGENCY_WHOLE, text, cursor) ?? exec(AGENCY_WHOLE_BLANK, text, cursor);
  const partial = whole
    ? null
    : (exec(AGENCY_NO_CLOSE, text, cursor) ??
      exec(AGENCY_NO_CLOSE_BLANK, text, cursor) ??
      exec(AGENCY_NO_OPEN, text, cursor) ??
      exec(AGENCY_BARE, text, cursor));
  const agencyMatch = whole ?? partial;
  if (agencyMatch) {
    agency = (agencyMatch.groups?.agency ?? '').trim() || null;
    agencyInParens = whole !== null && agency !== null;
    cursor += agencyMatch[0].length;
  }
  let end = cursor;
  const dash = exec(DASH_AT, text, cursor);
  if (dash) end = cursor + dash[0].length;

  const month = monthWord ? monthNumber(monthWord) : null;
  const dayNumber = dayDigits ? parseDigits(dayDigits) : Number.NaN;
  const day = isPlausibleDay(month, dayNumber) ? dayNumber : null;
  // Three of the four signals must be present: enough to read damaged datelines, while a body
  // sentence that merely starts "Pyongyang, March 24" is not taken for one.
  const signals = [month !== null, day !== null, agencyInParens, dash !== null].filter(
    Boolean,
  ).length;
  if (signals < 3) return null;

  const raw = trimEndSpaces(text.slice(pos, end));
  const dateline: Dateline = {
    raw,
    place: placeText.replace(/\s+/g, ' '),
    month,
    day,
    agency,
    damaged: signals < 4,
  };
  return { dateline, start: pos, end: pos + raw.length };
}

/** The dateline at the start of `line` (leading whitespace skipped), or null. Never throws. */
export function parseDateline(line: string): Dateline | null {
  if (typeof line !== 'string') return null;
  const lead = /^[\s\uFEFF]*/.exec(line)?.[0].length ?? 0;
  return matchAt(line, lead, LINE_START_PLACE, false)?.dateline ?? null;
}

/** Same as parseDateline but with the offsets of what was read. */
export function matchDatelineAtStart(line: string): DatelineMatch | null {
  if (typeof line !== 'string') return null;
  const lead = /^[\s\uFEFF]*/.exec(line)?.[0].length ?? 0;
  return matchAt(line, lead, LINE_START_PLACE, false);
}

/**
 * The first dateline in `text`: at the start of a line preferably, else inside a line, where a
 * place of several words is accepted only when known (so a title run into the dateline does not
 * become part of the place). Never throws.
 */
export function findDateline(text: string): DatelineMatch | null {
  if (typeof text !== 'string') return null;
  // Walks line starts by hand: a zero-length global regex would loop forever once lastIndex falls
  // inside a surrogate pair (V8 steps back to the pair's start under the `u` flag).
  for (let pos = 0; pos < text.length;) {
    const lead = /[ \t\u00a0\uFEFF]*/y;
    lead.lastIndex = pos;
    lead.exec(text);
    const found = matchAt(text, lead.lastIndex, LINE_START_PLACE, false);
    if (found) return found;
    const newline = text.indexOf('\n', pos);
    if (newline < 0) break;
    pos = newline + 1;
  }
  const korean = findKoreanInside(text);
  if (korean) return korean;
  const wordStart = /(?<=[\s"“(])\p{L}/gu;
  for (let m = wordStart.exec(text); m; m = wordStart.exec(text)) {
    const found = /\p{Lu}/u.test(m[0])
      ? matchLatinAt(text, m.index, LINE_START_PLACE, true)
      : matchFragmentAt(text, m.index);
    if (found) return found;
  }
  return null;
}

/** A Korean dateline inside a line (a headline run into it): at an opening parenthesis. */
function findKoreanInside(text: string): DatelineMatch | null {
  for (let at = text.indexOf('('); at >= 0; at = text.indexOf('(', at + 1)) {
    const found = matchKoreanDateline(text, at);
    if (found) return { dateline: found.dateline, start: at, end: found.end };
  }
  return null;
}
