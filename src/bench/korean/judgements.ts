/**
 * A hand-annotated set for Korean search (issue 14, item 1): does a search for a word find the
 * paragraphs where the word stands inflected (`인민들은`, `강화하여야`) or inside a compound written
 * solid, as DPRK orthography writes them (`조국통일`, `인민경제`), and only those?
 *
 * Documents: the paragraphs of the two CC0 New Year texts in ../shared/fixtures/korean (the 2019
 * address whole, the 2002 joint editorial from `원 문` on; its South Korean summary is not DPRK text).
 *
 * Conventions (each query was judged by reading every distinct word of the texts that contains it):
 * - A paragraph is relevant when one of its words is the query word inflected, with particles, or as
 *   a part of a compound (`인민군` for 인민, `경제발전` for 발전).
 * - Homographs count as the word (`발전소`, power station, for 발전, development): no tokenizer can
 *   tell them apart, and a reader searching the word sees both.
 * - A word that merely contains the query's letters across a morpheme boundary is not relevant: the
 *   words listed in `notForms` (`핵심` is "core", not 핵 "nuclear"; `원자력` is atomic power, not
 *   자력 "self-reliance"; `륜전기계` is a rotary press, not 전기 "electricity").
 * - Queries are chosen for what analysts look up (party, nuclear, people, unification, the economy)
 *   and for the traps: one-syllable words and accidental substrings.
 */
export interface KoreanQuery {
  query: string;
  meaning: string;
  /** Words of the texts that contain the query's letters but are not the word. */
  notForms: string[];
}

export const KOREAN_QUERIES: readonly KoreanQuery[] = [
  {
    query: '당',
    meaning: 'the party',
    notForms: [
      '정당성과',
      '정당성이',
      '당면하게',
      '당면하여',
      '해당',
      '정전협정당사자들과의',
      '일당백구호를',
      '당장',
    ],
  },
  { query: '핵', meaning: 'nuclear', notForms: ['핵심기술연구에'] },
  { query: '인민', meaning: 'the people', notForms: [] },
  { query: '전기', meaning: 'electricity', notForms: ['륜전기계들과'] },
  { query: '발전', meaning: 'development (and, homograph, power generation)', notForms: [] },
  { query: '통일', meaning: 'unification', notForms: [] },
  { query: '평화', meaning: 'peace', notForms: [] },
  { query: '과학', meaning: 'science', notForms: [] },
  { query: '미국', meaning: 'the United States', notForms: [] },
  { query: '경제', meaning: 'the economy', notForms: [] },
  { query: '자력', meaning: 'one’s own strength', notForms: ['원자력발전능력을'] },
  { query: '강화', meaning: 'to strengthen', notForms: [] },
  { query: '군사', meaning: 'military', notForms: [] },
  { query: '승리', meaning: 'victory', notForms: [] },
  { query: '조국', meaning: 'the fatherland', notForms: [] },
  { query: '자력갱생', meaning: 'self-reliance', notForms: [] },
  { query: '사회주의', meaning: 'socialism', notForms: [] },
  { query: '비핵화', meaning: 'denuclearisation', notForms: [] },
];
