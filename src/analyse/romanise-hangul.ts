// Hangul syllables split into jamo indexes, and the per-jamo spellings of the three systems this
// project meets: KCNA's (the DPRK system as its English wire prints it), South Korea's Revised
// Romanization (RR) and McCune–Reischauer (MR) with diacritics and apostrophes dropped, as the
// press writes it. Order of every table is the Unicode jamo order.

/** A space-separated table; '-' stands for no sound (initial ㅇ, no final). */
function jamo(table: string): readonly string[] {
  return table.split(' ').map((s) => (s === '-' ? '' : s));
}

export interface Jamo {
  initial: number;
  vowel: number;
  final: number;
}

const FIRST = 0xac00;
const LAST = 0xd7a3;

export function isHangulSyllable(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code >= FIRST && code <= LAST;
}

export function hasHangul(text: string): boolean {
  return /[\uac00-\ud7a3]/.test(text);
}

export function decompose(ch: string): Jamo {
  const index = (ch.codePointAt(0) ?? FIRST) - FIRST;
  return {
    initial: Math.floor(index / 588),
    vowel: Math.floor((index % 588) / 28),
    final: index % 28,
  };
}

export interface System {
  initials: readonly string[];
  /** Initials after a voiced sound; only ㄱ ㄷ ㅂ (and for MR ㅈ) change. */
  voiced: readonly string[];
  vowels: readonly string[];
  finals: readonly string[];
}

// ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
const KCNA_I = jamo('k kk n t tt r m p pp s ss - j jj ch kh th ph h');
const KCNA_V = jamo('g kk n d tt r m b pp s ss - j jj ch kh th ph h');
// ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
const KCNA_VOWELS = jamo('a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i');
// (none) ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
const FINALS = jamo('- k k k n n n t l k m l l l p l m p p t t ng t t k t p t');

export const KCNA: System = {
  initials: KCNA_I,
  voiced: KCNA_V,
  vowels: KCNA_VOWELS,
  finals: FINALS,
};

const RR_I = jamo('g kk n d tt r m b pp s ss - j jj ch k t p h');
const RR_VOWELS = jamo('a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i');

/** RR writes names syllable by syllable, without the sound changes between them. */
export const RR: System = { initials: RR_I, voiced: RR_I, vowels: RR_VOWELS, finals: FINALS };

const MR_I = jamo('k kk n t tt r m p pp s ss - ch tch ch k t p h');
const MR_V = jamo('g kk n d tt r m b pp s ss - j tch ch k t p h');

/** MR's ŏ and ŭ lose their breve and t' ch' lose the apostrophe, as most newspapers print it. */
export const MR: System = { initials: MR_I, voiced: MR_V, vowels: KCNA_VOWELS, finals: FINALS };

const PRESS_I = jamo('k kk n t tt r m p pp s ss - j jj ch k t p h');

/**
 * The press's usual mix, before its own vowel habits: MR's consonants with j for ㅈ, RR's vowels
 * (Kyung-hee, Jong-un, Sung-taek).
 */
export const PRESS: System = { initials: PRESS_I, voiced: MR_V, vowels: RR_VOWELS, finals: FINALS };

export function syllable(system: System, parts: Jamo, voiced: boolean): string {
  const initials = voiced ? system.voiced : system.initials;
  return (
    (initials[parts.initial] ?? '') +
    (system.vowels[parts.vowel] ?? '') +
    (system.finals[parts.final] ?? '')
  );
}

// Jamo indexes used by rules elsewhere.
export const SILENT_INITIAL = 11; // ㅇ
export const VOWEL_EO = 4; // ㅓ
export const VOWEL_YEO = 6; // ㅕ
export const VOWEL_UI = 19; // ㅢ
export const INITIAL_H = 18; // ㅎ
