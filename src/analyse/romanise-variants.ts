// The spellings other media give a person KCNA names. None of them is derived from the others by a
// reliable rule, so the set is generous: a lookup index built from it should meet a name however
// a South Korean or Western outlet spelled it.
import {
  MR,
  PRESS,
  RR,
  decompose,
  syllable,
  VOWEL_EO,
  VOWEL_YEO,
  VOWEL_UI,
} from './romanise-hangul.js';
import { INITIAL_H, SILENT_INITIAL, type Jamo } from './romanise-hangul.js';
import { capitalise, splitHangulName } from './romanise-name.js';
import { surnameByHangul, surnameByKcna } from './romanise-surnames.js';

/** th kh ph → t k p: how English copy outside the DPRK writes the aspirates. */
function deaspirate(word: string): string {
  return word.replace(/([TtKkPp])h/g, '$1');
}

/** KCNA's own slip: the second given syllable unvoiced ("Kim Jong Kak"). */
function unvoiced(given: readonly string[]): string[] {
  const plain: Record<string, string> = { G: 'K', D: 'T', B: 'P' };
  return given.map((g, i) => (i > 0 ? (plain[g.charAt(0)] ?? g.charAt(0)) + g.slice(1) : g));
}

/** MR from the KCNA spelling alone: ㅈ is "ch" where it is not voiced, aspirates lose the mark. */
function mrFromKcna(given: readonly string[]): string[] {
  return given.map((g, i) => deaspirate(i === 0 ? g.replace(/^J/, 'Ch') : g));
}

/** "Song", "Thaek" → "Song-thaek": the South Korean and Western habit. */
function hyphenate(given: readonly string[]): string {
  return capitalise(given.map((g) => g.toLowerCase()).join('-'));
}

function endsVoiced(jamo: Jamo): boolean {
  // No final, or ㄴ ㄹ ㅁ ㅇ: the sounds after which MR voices a plain stop.
  return [0, 4, 8, 16, 21].includes(jamo.final);
}

function mrGiven(given: readonly Jamo[], system = MR): string[] {
  return given.map((j, i) => {
    const prev = given[i - 1];
    return syllable(system, j, prev !== undefined && endsVoiced(prev));
  });
}

function rrGiven(given: readonly Jamo[]): string[] {
  return given.map((j) => syllable(RR, j, false));
}

/**
 * The press's spelling: ŏ written "u" in closed syllables (성 Sung, 경 Kyung, 철 Chul, 영 Young),
 * 희 "hee", otherwise PRESS.
 */
function pressGiven(given: readonly Jamo[]): string[] {
  const base = mrGiven(given, PRESS);
  return given.map((j, i) => {
    const press = base[i] ?? '';
    if (j.initial === INITIAL_H && j.vowel === VOWEL_UI && j.final === 0) return 'hee';
    if (j.final === 0) return press;
    if (j.initial === SILENT_INITIAL && j.vowel === VOWEL_YEO && j.final === 21) return 'young';
    if (j.vowel === VOWEL_EO) return press.replace('eo', 'u');
    if (j.vowel === VOWEL_YEO && j.initial !== SILENT_INITIAL) return press.replace('yeo', 'yu');
    return press;
  });
}

/**
 * Spellings other media use for a person KCNA names `kcnaName`: hyphenated given names, aspirates
 * without the h, MR without diacritics, South Korean surname spellings, and, given the hangul, RR
 * and the press's RR. Deduplicated; never contains `kcnaName` itself.
 */
export function nameVariants(kcnaName: string, hangul?: string): string[] {
  const [surname, ...given] = kcnaName.trim().split(/\s+/);
  if (!surname || given.length === 0) return [];
  const known = surnameByKcna(surname);
  const surnames = [surname, deaspirate(surname), known?.mr, ...(known?.south ?? [])];
  const givens = [given, given.map(deaspirate), unvoiced(given), mrFromKcna(given)];
  const spaced = givens.flatMap((g) => [surname, deaspirate(surname)].map((s) => [s, ...g]));
  const out = spaced.map((words) => words.join(' '));
  const hyphenated = givens.map(hyphenate);
  const parts = hangul ? splitHangulName(hangul) : null;
  if (parts && parts.given.length === given.length) {
    const jamo = parts.given.map(decompose);
    for (const g of [rrGiven(jamo), mrGiven(jamo), pressGiven(jamo)]) hyphenated.push(hyphenate(g));
    const own = surnameByHangul(parts.surname);
    if (own) surnames.push(own.mr, ...own.south);
  }
  for (const s of new Set(surnames)) {
    if (s) for (const g of hyphenated) out.push(`${s} ${g}`);
  }
  const input = kcnaName.trim().split(/\s+/).join(' ');
  return [...new Set(out)].filter((v) => v !== input);
}
