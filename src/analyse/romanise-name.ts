// Hangul names to KCNA's romanisation.
//
// The KCNA rule, checked on the 2011–2012 English wire (see romanise.test.ts): every syllable is
// romanised on its own (no sound changes across syllables), the surname and each given-name
// syllable are separate capitalised words, and ㄱ ㄷ ㅂ are voiced (g d b) at the start of the
// second given-name syllable only, whatever precedes them: Pak Jae Gyong, Kim Jong Gak, Hyon Hak
// Bong, but Pak To Chun, Kim Ki Nam. Across 77 distinct names in the corpus with ㄱ ㄷ ㅂ there,
// every one is voiced; "Kim Jong Kak" (1 story against 192) is the lone slip.
import { KCNA, decompose, hasHangul, isHangulSyllable, syllable } from './romanise-hangul.js';
import { surnameByHangul, surnameByKcna } from './romanise-surnames.js';

/** Names whose KCNA spelling is fixed by usage rather than the rule. */
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  // 성 is "Song" in every other name (Pak Thae Song, Kim Song Nam); the founder's name kept "Sung".
  ['김일성', 'Kim Il Sung'],
]);

const TWO_SYLLABLE_SURNAMES = ['남궁', '황보', '독고', '선우', '제갈'];

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The hangul syllables of a name, without spaces or anything else. */
export function hangulSyllables(text: string): string[] {
  return [...text].filter(isHangulSyllable);
}

/** Splits a hangul name into surname and given-name syllables. */
export function splitHangulName(hangul: string): { surname: string; given: string[] } | null {
  const syllables = hangulSyllables(hangul);
  if (syllables.length === 0) return null;
  const head = syllables.slice(0, 2).join('');
  const double = syllables.length >= 4 && TWO_SYLLABLE_SURNAMES.includes(head);
  const cut = double ? 2 : 1;
  return { surname: syllables.slice(0, cut).join(''), given: syllables.slice(cut) };
}

function kcnaSurname(surname: string): string {
  const known = surnameByHangul(surname);
  if (known) return known.kcna;
  return capitalise(
    hangulSyllables(surname)
      .map((s) => syllable(KCNA, decompose(s), false))
      .join(''),
  );
}

function kcnaGiven(given: readonly string[], voiceSecond: boolean): string[] {
  return given.map((s, i) => capitalise(syllable(KCNA, decompose(s), voiceSecond && i > 0)));
}

/** KCNA spelling of a hangul name: "최룡해" → "Choe Ryong Hae". Non-hangul input comes back trimmed. */
export function romaniseName(hangul: string): string {
  const forms = romaniseNameForms(hangul);
  return forms[0] ?? hangul.trim();
}

/**
 * The KCNA spelling first, then the spellings KCNA itself has printed for the same hangul when it
 * strays from its rule (an unvoiced second given syllable: 김정각 → "Kim Jong Kak").
 */
export function romaniseNameForms(hangul: string): string[] {
  if (!hasHangul(hangul)) return [];
  const compact = hangulSyllables(hangul).join('');
  const fixed = EXCEPTIONS.get(compact);
  if (fixed) return [fixed];
  const parts = splitHangulName(compact);
  if (!parts) return [];
  const surname = kcnaSurname(parts.surname);
  const forms = [true, false].map((voice) => [surname, ...kcnaGiven(parts.given, voice)].join(' '));
  return [...new Set(forms)];
}

const KCNA_SYLLABLE =
  /^(?:kk|tt|pp|ss|jj|ch|kh|th|ph|[ktnrmpsjhgdb])?(?:yae|wae|ae|ya|yo|ye|wa|oe|wo|we|wi|yu|ui|[aeiou])(?:ng|[kntlmp])?$/;

/** A known surname then capitalised words each one romanised syllable: "Hyon In Thaek". */
export function isKcnaShaped(name: string): boolean {
  const [surname, ...given] = name.split(' ');
  if (!surname || given.length === 0 || !surnameByKcna(surname)) return false;
  return given.every((w) => /^[A-Z]/.test(w) && KCNA_SYLLABLE.test(w.toLowerCase()));
}
