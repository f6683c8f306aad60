/**
 * Finds the persons a sentence names: Korean names by their shape (name-shapes.ts), other names
 * when the gazetteer knows them or when a title stands beside them ("President Hu Jintao",
 * "Choummaly Sayasone, general secretary of …"). Names inside the names of places, organisations
 * and works are not persons.
 */
import { isGivenSyllable, KOREAN_SURNAMES, NAMED_THING_WORDS } from './name-shapes.js';
import { TITLE_BEFORE_FOREIGN_NAME, titleStartsAt } from './title-words.js';

export interface NameSpan {
  start: number;
  end: number;
  text: string;
  shape: 'korean' | 'known' | 'titled';
}

const WORD = /[A-Z][a-z]*/y;

/** A capitalised word of a sentence, where it starts. */
interface Capital {
  at: number;
  word: string;
}

/**
 * Every capitalised word of a sentence, found once: names of every kind start at one, so each kind
 * looks up its own starting words here instead of scanning the sentence again.
 */
const CAPITALISED = /[A-ZÀ-ÖØ-Þ][\w'’.-]*/g;

function capitals(text: string): Capital[] {
  const out: Capital[] = [];
  CAPITALISED.lastIndex = 0;
  for (let m = CAPITALISED.exec(text); m; m = CAPITALISED.exec(text))
    out.push({ at: m.index, word: m[0] });
  return out;
}

/** Korean-shaped names: a surname and two given syllables. */
function koreanNames(text: string, words: Capital[], headline: boolean): NameSpan[] {
  const out: NameSpan[] = [];
  let after = 0;
  for (const w of words) {
    if (w.at < after || !KOREAN_SURNAMES.has(w.word)) continue;
    const parts = [w.word];
    let at = w.at + w.word.length;
    while (parts.length < 3 && text[at] === ' ') {
      WORD.lastIndex = at + 1;
      const next = WORD.exec(text);
      if (!next || !isGivenSyllable(next[0])) break;
      parts.push(next[0]);
      at = WORD.lastIndex;
    }
    if (parts.length < 3) continue;
    after = at;
    if (insideNamedThing(text, at, headline)) continue;
    out.push({ start: w.at, end: at, text: parts.join(' '), shape: 'korean' });
  }
  return out;
}

/** "Kim Il Sung Square", "O Jung Hup-led 7th Regiment", "the Kim Chaek …": not a person. */
function insideNamedThing(text: string, end: number, headline: boolean): boolean {
  if (/^-[a-z]/.test(text.slice(end, end + 2))) return true;
  if (/^-[A-Z]/.test(text.slice(end, end + 2))) return true;
  const after = /^ ([A-Z][a-z]+)\b/.exec(text.slice(end, end + 40));
  if (!after) return false;
  const next = after[1]!;
  if (NAMED_THING_WORDS.has(next)) return true;
  if (headline || WHEN.test(next)) return false;
  // In running text a capitalised word straight after a full name continues a proper name.
  return !/^(?:Jr|Sr)$/.test(next);
}

/** "Premier Choe Yong Rim Wednesday sent …": a day or month after a name is no part of it. */
const WHEN =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** Capitalised words (with accents, particles, hyphens) that may make up a foreign name. */
const FOREIGN_WORD = "\\p{Lu}[\\p{L}'’.-]*";
const PARTICLE = '(?:de|da|do|dos|das|del|la|van|von|bin|al|el|der|di|le)';
const FOREIGN_NAME = `${FOREIGN_WORD}(?: (?:${PARTICLE} )?${FOREIGN_WORD}){1,3}`;

/** Words a foreign-name candidate never contains: it is an institution or a place instead. */
const NOT_IN_NAMES = new Set(
  (
    "The DPRK Korea Korean Koreans Party Republic Committee People's Central Democratic " +
    'Socialist National Assembly Government State Minister Ministry Union Council Army KPA WPK ' +
    'Workers United States Kingdom Federation Embassy Association Society Front Bureau Presidium ' +
    'Supreme Commission Court Office Department Congress Parliament Senate President Prime ' +
    'Chairman Secretary General Ambassador Comrade Mr Mrs Ms Respected Dear Great Leader ' +
    'January February March April May June July August September October November December ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday Pyongyang KCNA Juche Songun ' +
    'Province Region City County District Island Islands University College Institute Academy ' +
    'Lanka Africa America Arabia Guinea Zealand Emirates Kong Leone Verde Coast Salvador Rica ' +
    'Marshal Generalissimo Dr Prof Premier Vice Foreign Chairman General'
  ).split(' '),
);

function plausibleForeignName(candidate: string): boolean {
  const words = candidate.split(' ');
  return !words.some((w) => NOT_IN_NAMES.has(w.replace(/['’]s$|\.$/, '')));
}

/** Tried only where a title word starts (sticky), not at every position of every sentence. */
const TITLE_THEN_NAME = new RegExp(`${TITLE_BEFORE_FOREIGN_NAME} (${FOREIGN_NAME})`, 'uy');
const TITLE_FIRST_WORDS = new Set(
  (
    'President Prime Premier Chairman King Queen Emperor Sultan Ambassador General Secretary ' +
    'Foreign Minister Vice Comrade Mr. Mrs. Ms. Dr. Prince Princess Sheikh Secretary-General ' +
    'Vice-President'
  ).split(' '),
);
/** "sent a congratulatory message to Sam Kutesa upon his reappointment …", read from each " to ". */
const SENT_THING =
  /\b(?:messages?|letters?|greetings?|congratulations|condolences|telegrams?|cards?)$/;
const ADDRESSEE = new RegExp(`(${FOREIGN_NAME})(?= (?:upon|on|for|in)\\b|[,.])`, 'uy');
/** The name ending right before ", <title>": read backwards from the comma, within a short window. */
const NAME_BEFORE_COMMA = new RegExp(
  `(?:^|[,;:] |\\b(?:to|by|and|with|from|of|were|was) )(${FOREIGN_NAME})$`,
  'u',
);

/** Names a title introduces or follows in apposition. */
function titledNames(text: string, words: Capital[]): NameSpan[] {
  const out: NameSpan[] = [];
  let after = 0;
  for (const t of words) {
    if (t.at < after || !TITLE_FIRST_WORDS.has(t.word)) continue;
    TITLE_THEN_NAME.lastIndex = t.at;
    const m = TITLE_THEN_NAME.exec(text);
    if (!m) continue;
    after = t.at + m[0].length - m[1]!.length;
    const name = m[1]!.replace(/['’]s$/, '');
    if (/^ of\b/.test(text.slice(m.index + m[0].length))) continue;
    if (!plausibleForeignName(name)) continue;
    const start = m.index + m[0].length - m[1]!.length;
    out.push({ start, end: start + name.length, text: name, shape: 'titled' });
  }
  for (let at = text.indexOf(' to '); at > 0; at = text.indexOf(' to ', at + 4)) {
    // Cheap first: each of those words ends in one of these letters.
    if (!'sedmr'.includes(text[at - 1]!)) continue;
    if (!SENT_THING.test(text.slice(Math.max(0, at - 16), at))) continue;
    ADDRESSEE.lastIndex = at + 4;
    const m = ADDRESSEE.exec(text);
    if (!m || !plausibleForeignName(m[1]!)) continue;
    out.push({ start: at + 4, end: at + 4 + m[1]!.length, text: m[1]!, shape: 'titled' });
  }
  // Titles follow few commas: test that first, then look for the name before it.
  for (let end = text.indexOf(', '); end > 0; end = text.indexOf(', ', end + 2)) {
    if (!titleStartsAt(text, end + 2)) continue;
    const from = Math.max(0, end - 120);
    const m = NAME_BEFORE_COMMA.exec(text.slice(from, end));
    if (!m || !plausibleForeignName(m[1]!)) continue;
    out.push({ start: end - m[1]!.length, end, text: m[1]!, shape: 'titled' });
  }
  return out;
}

/** Known names by their first word: a sentence is searched only for those whose first word it has. */
const byFirstWord = new WeakMap<readonly string[], Map<string, string[]>>();

function firstWords(known: readonly string[]): Map<string, string[]> {
  let index = byFirstWord.get(known);
  if (!index) {
    index = new Map();
    for (const name of known) {
      const first = name.split(' ')[0]!;
      index.set(first, [...(index.get(first) ?? []), name]);
    }
    byFirstWord.set(known, index);
  }
  return index;
}

/** Where the gazetteer's non-Korean names occur literally. */
function knownNames(text: string, words: Capital[], known: readonly string[]): NameSpan[] {
  const out: NameSpan[] = [];
  const index = firstWords(known);
  const candidates = new Set<string>();
  for (const w of words) for (const name of index.get(w.word) ?? []) candidates.add(name);
  for (const name of candidates) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      const end = at + name.length;
      if (/\p{L}/u.test(text[at - 1] ?? '') || /\p{L}/u.test(text[end] ?? '')) continue;
      out.push({ start: at, end, text: name, shape: 'known' });
    }
  }
  return out;
}

/** Every name of a sentence, left to right, overlaps resolved in favour of the longer span. */
export function findNames(
  text: string,
  options: { headline?: boolean; known?: readonly string[] } = {},
): NameSpan[] {
  const words = capitals(text);
  const korean = koreanNames(text, words, options.headline ?? false);
  // A name read off a title's neighbourhood never swallows a Korean name ("Marshal Kim Jong Un").
  const titled = titledNames(text, words).filter(
    (t) => !korean.some((k) => k.start < t.end && t.start < k.end),
  );
  const all = [...korean, ...knownNames(text, words, options.known ?? []), ...titled].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const out: NameSpan[] = [];
  for (const span of all) {
    const last = out.at(-1);
    if (last && span.start < last.end) continue;
    out.push(span);
  }
  return out;
}
