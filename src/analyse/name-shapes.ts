/**
 * What a Korean personal name looks like in KCNA's English copy: a surname from a closed list, then
 * given-name syllables, each capitalised and separated by a space ("Choe Ryong Hae", "O Kuk Ryol").
 * A syllable must be a syllable of the DPRK romanisation, which keeps out most English words that
 * follow a surname-shaped word ("Hong Kong Special …", "So Many").
 */

/** Surnames as KCNA prints them (../shared/docs/people.md; the corpus's entourages). */
export const KOREAN_SURNAMES: ReadonlySet<string> = new Set(
  (
    'Kim Ri Pak Choe Jong Jo Jang O Hyon Hwang Kang Han Yun Jon Mun Ro No Ryu Rim Ryang Thae Cha ' +
    'Paek Pyon Pang Sin So Song An Ho Ju Chae Myong Yang Kwon Kwak Kye Ko Tong Chon Hong Im Yu ' +
    'Won Ma U Ku Min Chu Nam Sim Ha Yom Kil Phyo Pae Ok Ryom Sok Tak Ji Kal Ki Om Son Jin Chin ' +
    'Wi Kum Sung Yon Ryo Pong Hyong Maeng Ung Chang Chi Sol Kyong Pyo Namgung Hwangbo Tokko Sonu'
  ).split(' '),
);

const INITIAL = '(?:kk|tt|pp|ss|jj|kh|th|ph|ch|k|g|n|t|d|r|l|m|p|b|s|j|h)?';
const VOWEL = '(?:yae|wae|ae|ya|yo|yu|ye|wa|wo|we|wi|ui|oe|a|o|u|i|e)';
const FINAL = '(?:ng|k|n|l|m|p|t)?';
const SYLLABLE = new RegExp(`^${INITIAL}${VOWEL}${FINAL}$`, 'i');

export function isGivenSyllable(word: string): boolean {
  return /^[A-Z][a-z]{0,5}$/.test(word) && SYLLABLE.test(word);
}

/**
 * Capitalised words that, right after a name-shaped run, make it part of the name of a place, an
 * organisation or a work ("Kim Il Sung Square", "Kim Chaek University"). In running text any
 * capitalised continuation does; headlines capitalise every word, so there only these do.
 */
export const NAMED_THING_WORDS: ReadonlySet<string> = new Set(
  (
    'Square Street University Prize Order Medal Youth Socialist Mausoleum Stadium Bridge Military ' +
    'Political Revolutionary Memorial Palace Higher Academy College School Institute Hall Park ' +
    'Library Museum Plaza Foundation Flower Festival Award Cup Hospital Station Works Complex ' +
    'Factory Farm Mine Company Shrine Statue Statues Art Troupe Ensemble Band Orchestra Theatre ' +
    'Birthplace Commemorative Mass Group Unit Guard Division Regiment Battalion Era Age Line ' +
    'Youth Children Union League Centre Center Road Tower Monument Mansion Ship Prizes Juche ' +
    'Patriotism Works Classics Thought Idea Ideas Songun Kimilsungia Kimjongilia'
  ).split(' '),
);
