/**
 * One KCNA item across its editions: the Spanish text of an English story shares no words with it,
 * but it shares what translation leaves alone — personal and place names written the same way
 * (`Kim Jong Il`, `Pyongyang`, `Nepal`), figures (`1,000` and `1.000` alike) and years — and it comes
 * out the same day or within two. Pure: texts and dates in, pairs out.
 *
 * A text's anchors are weighted by how rare they are among the texts compared (a name every story
 * carries says little), and two texts score the weighted overlap of their anchors, over the geometric
 * mean of their weights (a cosine). Pairs are then taken best first, each text in at most one pair per
 * language, and only when the best clearly beats the next best: a translation is one item, never the
 * nearest of several stories on one topic.
 */

export interface TranslationText {
  id: string;
  language: string;
  /** Days since 1970 of the publication date; texts without a full date are never paired. */
  day: number;
  title: string | null;
  body: string;
  /**
   * What the text said before an edit (earlier versions' titles and bodies), if it was edited. It is
   * matched by all it ever said (an edit does not make it another item) and compared by what it says
   * now, so a name cut from it shows as only in the other edition.
   */
  earlier?: string | null;
}

export interface TranslationPair {
  a: string;
  b: string;
  score: number;
  /**
   * The anchors one text has and the other lacks, as that text spells them (`1,200`, `Kim Yong Nam`):
   * where a translation dropped or added something.
   */
  onlyInA: string[];
  onlyInB: string[];
}

export interface TranslationOptions {
  /** Days apart a translation may be published (default 2). */
  maxDays?: number;
  /** Lowest score that links (default 0.3). */
  minScore?: number;
  /** How far the best must beat the second best of either text (default 0.1). */
  minMargin?: number;
  /**
   * Lowest share of the smaller text's anchors, all of them, that the other has (default 0.2). The
   * score weighs only anchors seen in two languages among the texts compared, which a small archive
   * cannot tell well; this floor needs no such statistics.
   */
  minOverlap?: number;
}

// Figures: digits with the thousands separators both languages use; ordinals keep their digits.
const NUMBER = /\d[\d.,\u00a0 ]*\d|\d/g;
// Names: capitalised words of three letters or more, joined when adjacent (`Kim Jong Il`).
const CAPITALISED = /\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*/gu;

/** Words capitalised at the start of a sentence in either language, never names. */
const FUNCTION_WORDS = new Set(
  (
    'the a an in on at of for to and with by from as this that these those it its he she they we ' +
    'el la los las un una en de del al por para con y que su sus se es fue este esta estos estas ' +
    'lo le les como también dijo'
  ).split(' '),
);

/** The L2 weight of shared anchors that counts as full evidence (see `similarity`). */
const EVIDENCE = 8;

/** How many of a text's rarest anchors find its candidates. */
const RAREST = 12;
/** An anchor in more texts than this finds no candidates (it still counts in the score). */
const MAX_POSTING = 2_000;

/** Two texts of one language this alike are copies of one story. */
const COPY = 0.8;

const NON_ASCII = /[^\x00-\x7f]/;

function fold(text: string): string {
  // Most anchors are plain ASCII, which has nothing to decompose.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The anchors of a text: figures and names, each once. */
export function anchorsOf(title: string | null, body: string): Set<string> {
  return new Set(spelledAnchors(title, body).keys());
}

/**
 * A text's anchors, each with its first spelling in the text (`1,200`, `Kim Yong Nam`): anchors are
 * compared folded, and shown as the text writes them.
 */
function spelledAnchors(title: string | null, body: string): Map<string, string> {
  const text = `${title ?? ''}\n${body}`;
  const out = new Map<string, string>();
  const add = (anchor: string, spelling: string) => {
    if (!out.has(anchor)) out.set(anchor, spelling);
  };
  for (const m of text.matchAll(NUMBER)) {
    const digits = m[0].replace(/[^\d]/g, '');
    // A lone digit is too common to say anything ("2 delegations").
    if (digits.length >= 2) add(`#${digits}`, m[0].trim());
  }
  for (const m of text.matchAll(CAPITALISED)) {
    const words = m[0]
      .split(/\s+/)
      .map((word) => ({ word, folded: fold(word) }))
      .filter(({ folded }) => folded.length >= 3 && !FUNCTION_WORDS.has(folded));
    for (const { word, folded } of words) add(folded, word);
    // The whole name too, so `kim yong nam` outweighs three common parts.
    if (words.length >= 2 && words.length <= 4)
      add(words.map((w) => w.folded).join(' '), words.map((w) => w.word).join(' '));
  }
  return out;
}

interface Prepared {
  text: TranslationText;
  /** Its place among the texts compared, in day order (pairs are keyed by it). */
  index: number;
  anchors: Set<string>;
  /** Its anchors that weigh (`weights`), in the order of `anchors`, each with its weight squared. */
  weighted: Array<[anchor: string, squared: number]>;
  /** The sum of `weighted`'s squares. */
  mass: number;
  /**
   * The anchors of the text now. `anchors` adds those of its earlier versions: an edit does not make
   * it another item, so it is matched by all it ever said and compared by what it says now.
   */
  current: Map<string, string>;
}

/**
 * Anchor weights: rare ones weigh more, and only anchors seen in texts of two languages or more count
 * at all. Title-case English (`Large Combined Unit`) and the names of institutions (`Workers' Party`,
 * `Partido del Trabajo`) are capitalised in one language only and can never be shared.
 */
function weights(items: readonly Prepared[]): Map<string, number> {
  // Per anchor: the texts holding it, and the first language seen, or null once a second was.
  const seen = new Map<string, { count: number; language: string | null }>();
  for (const item of items)
    for (const a of item.anchors) {
      const known = seen.get(a);
      if (!known) seen.set(a, { count: 1, language: item.text.language });
      else {
        known.count++;
        if (known.language !== item.text.language) known.language = null;
      }
    }
  const n = items.length;
  const out = new Map<string, number>();
  for (const [anchor, { count, language }] of seen)
    if (language === null) out.set(anchor, Math.log(1 + n / count));
  return out;
}

/** Sets `weighted` and `mass` of each text from the anchor weights. */
function weigh(items: readonly Prepared[], w: Map<string, number>): void {
  for (const item of items) {
    item.weighted = [];
    item.mass = 0;
    for (const a of item.anchors) {
      const weight = w.get(a);
      if (weight === undefined) continue;
      item.weighted.push([a, weight ** 2]);
      item.mass += weight ** 2;
    }
  }
}

/**
 * The weighted cosine, shrunk when the evidence is thin: two short commentaries that share only
 * `Rodong Sinmun` and `Japan` are alike in everything they carry, yet that says little. Below
 * EVIDENCE (the weight of three or so rare anchors) the score falls in proportion.
 */
function similarity(x: Prepared, y: Prepared) {
  const { cosine, shared } = cosineOf(x, y);
  return cosine * Math.min(1, Math.sqrt(shared) / EVIDENCE);
}

function cosineOf(x: Prepared, y: Prepared) {
  let shared = 0;
  for (const [a, squared] of x.weighted) if (y.anchors.has(a)) shared += squared;
  const norm = Math.sqrt(x.mass * y.mass);
  return { cosine: norm > 0 ? shared / norm : 0, shared };
}

/**
 * Pairs of translations among `texts` (any languages; pairs are only ever across two languages).
 * The same texts and options always give the same pairs.
 */
export function findTranslations(
  texts: readonly TranslationText[],
  options: TranslationOptions = {},
): TranslationPair[] {
  const maxDays = options.maxDays ?? 2;
  const minScore = options.minScore ?? 0.3;
  const minMargin = options.minMargin ?? 0.1;
  const minOverlap = options.minOverlap ?? 0.2;
  const items: Prepared[] = texts
    .filter((t) => Number.isFinite(t.day))
    .sort((a, b) => a.day - b.day)
    .map((text, index) => {
      const current = spelledAnchors(text.title, text.body);
      const anchors = new Set(current.keys());
      if (text.earlier) for (const a of anchorsOf(null, text.earlier)) anchors.add(a);
      return { text, index, anchors, weighted: [], mass: 0, current };
    });
  const w = weights(items);
  weigh(items, w);
  const scored = candidatePairs(items, maxDays);
  // Each text's candidates in each other language, best first, for the margin.
  const candidates = new Map<string, Array<{ other: Prepared; score: number }>>();
  const note = (self: Prepared, other: Prepared, score: number) => {
    const key = `${self.text.id}\u0000${other.text.language}`;
    const list = candidates.get(key) ?? [];
    list.push({ other, score });
    candidates.set(key, list);
  };
  for (const s of scored) {
    note(s.x, s.y, s.score);
    note(s.y, s.x, s.score);
  }
  for (const list of candidates.values()) list.sort((p, q) => q.score - p.score);
  // The best score of `self` against another text of `other`'s language that is not a copy of
  // `other` (KCNA posts some stories twice: two copies are one translation, not a tie).
  const runnerUp = (self: Prepared, other: Prepared) => {
    for (const c of candidates.get(`${self.text.id}\u0000${other.text.language}`) ?? []) {
      if (c.other === other) continue;
      if (cosineOf(c.other, other).cosine >= COPY) continue;
      return c.score;
    }
    return 0;
  };

  scored.sort(
    (p, q) => q.score - p.score || cmp(p.x.text.id, q.x.text.id) || cmp(p.y.text.id, q.y.text.id),
  );
  const taken = new Set<string>();
  const pairs: TranslationPair[] = [];
  for (const { x, y, score } of scored) {
    if (score < minScore) break;
    const xKey = `${x.text.id}\u0000${y.text.language}`;
    const yKey = `${y.text.id}\u0000${x.text.language}`;
    if (taken.has(xKey) || taken.has(yKey)) continue;
    if (overlap(x.anchors, y.anchors) < minOverlap) continue;
    const margin = Math.min(score - runnerUp(x, y), score - runnerUp(y, x));
    if (margin < minMargin) continue;
    taken.add(xKey);
    taken.add(yKey);
    const [a, b] = cmp(x.text.id, y.text.id) <= 0 ? [x, y] : [y, x];
    pairs.push({
      a: a.text.id,
      b: b.text.id,
      score: Math.round(score * 1000) / 1000,
      onlyInA: difference(a.current, b.current, w),
      onlyInB: difference(b.current, a.current, w),
    });
  }
  return pairs.sort((p, q) => cmp(p.a, q.a) || cmp(p.b, q.b));
}

/**
 * Candidate pairs, scored once each: texts within `maxDays` that share one of either text's rarest
 * anchors. Scoring every pair would be quadratic in a busy month (a million-article archive has
 * thousands of texts a day), and a text and its translation always share a rare name or figure.
 * `items` are in day order, so each anchor's list is too, and only its days near a text are read.
 */
function candidatePairs(items: readonly Prepared[], maxDays: number) {
  const postings = new Map<string, Prepared[]>();
  for (const item of items)
    for (const [a] of item.weighted) {
      const list = postings.get(a);
      if (list) list.push(item);
      else postings.set(a, [item]);
    }
  const scored: Array<{ x: Prepared; y: Prepared; score: number }> = [];
  const seen = new Set<number>();
  for (const x of items) {
    const rarest = x.weighted
      .filter(([a]) => postings.get(a)!.length <= MAX_POSTING)
      .sort(([a, p], [b, q]) => q - p || cmp(a, b))
      .slice(0, RAREST);
    for (const [anchor] of rarest) {
      const list = postings.get(anchor)!;
      for (let at = firstFrom(list, x.text.day - maxDays); at < list.length; at++) {
        const y = list[at]!;
        if (y.text.day > x.text.day + maxDays) break;
        if (y.text.language === x.text.language) continue;
        const [p, q] = cmp(x.text.id, y.text.id) < 0 ? [x, y] : [y, x];
        const key = p.index * items.length + q.index;
        if (seen.has(key)) continue;
        seen.add(key);
        const score = similarity(p, q);
        if (score > 0) scored.push({ x: p, y: q, score });
      }
    }
  }
  return scored;
}

/** The first place in `list` (in day order) of a text published on `day` or later. */
function firstFrom(list: readonly Prepared[], day: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]!.text.day < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Shared anchors over the smaller set's size. */
function overlap(x: Set<string>, y: Set<string>): number {
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const a of small) if (large.has(a)) shared++;
  return shared / small.size;
}

/**
 * Figures and names one side has and the other lacks. A name is listed only when each of its words
 * is one both editions write (seen in two languages among the texts compared: `White House` is no
 * name, `Casa Blanca` its translation) and none is in the other text (`Prime Minister Baburam
 * Bhattarai` against `Baburam Bhattarai` is the same person, not a name dropped).
 */
function difference(
  x: Map<string, string>,
  y: Map<string, string>,
  w: Map<string, number>,
): string[] {
  return [...x]
    .filter(([a]) =>
      a.startsWith('#')
        ? !y.has(a)
        : a.includes(' ') && a.split(' ').every((word) => w.has(word) && !y.has(word)),
    )
    .sort(([a], [b]) => cmp(a, b))
    .map(([, spelling]) => spelling);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
