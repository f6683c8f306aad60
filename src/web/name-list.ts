/**
 * Long runs of names in one paragraph — a funeral committee of 230 names, the officials present at a
 * meeting — shown as a list instead of a wall of commas. Presentation only: the stored text is not
 * touched, and the pieces returned put together give the paragraph back character for character.
 *
 * The rule, in order:
 *
 * 1. The paragraph is cut into items at commas followed by whitespace (and at the fullwidth `，` and
 *    the ideographic `、`), so `1,000` is no separator.
 * 2. An item is name-like when, after an optional leading connector (`and`, `y`, `e`, `et`, `und`,
 *    `и`), it has 1 to 5 words, the first capitalised and each either capitalised (`Kim`, `Choe`,
 *    `Ri`, `Al-Assad`, `(Premier)`, an initial `J.`), a lowercase name particle (`of`, `de`, `van`, …)
 *    or a short word of a script without case (up to 4 letters: Korean and Chinese names); with no
 *    digits, and no colon, semicolon or sentence end inside (a final full stop ends the list).
 * 3. A list is a run of consecutive name-like items, extended at its start by the name-like words
 *    that end the item before it (`…is composed of: Kim Jong Un` gives the introduction `…is composed
 *    of: ` and the item `Kim Jong Un`), and at its end by the name-like words that open the item after
 *    it (`Ri Yong Ho and other officials.`, also split at its connector), or by that whole item when
 *    it is a short connector phrase closing the paragraph (`and others.`).
 * 4. The longest such run is the list when it has at least MIN_ITEMS items and covers at least half
 *    of the paragraph's characters ("mostly a list"). Anything before it is the introduction, kept as
 *    text; anything after it is the rest, kept as text too.
 */

/** Fewer names than this read well enough inline. */
export const MIN_ITEMS = 12;
/** Words an item may have, its connector not counted: longer pieces are prose, not names. */
export const MAX_WORDS = 5;
/** The list's share of the paragraph's characters, at least. */
const MIN_SHARE = 0.5;

export interface NameListItem {
  text: string;
  /** What separates it from the next item (`, `), or from the rest of the paragraph; may be empty. */
  sep: string;
}

export interface NameList {
  /** The words before the list (its introduction), possibly empty. */
  intro: string;
  items: NameListItem[];
  /** The words after the list, possibly empty. */
  outro: string;
}

const SEPARATOR = /,\s+|[，、]\s*/gu;
const CONNECTORS = new Set(['and', 'y', 'e', 'et', 'und', 'и']);
const PARTICLES = new Set([
  'of',
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'bin',
  'ibn',
  'al',
  'el',
]);

interface Piece {
  text: string;
  /** Offset of `text` in the paragraph. */
  at: number;
  /** The separator after it (empty for the last piece). */
  sep: string;
}

/** The paragraph as a list, or null when it is not mostly a run of at least MIN_ITEMS names. */
export function nameList(paragraph: string): NameList | null {
  const pieces = split(paragraph);
  if (pieces.length < MIN_ITEMS - 1) return null;
  const named = pieces.map((p) => isNameLike(p.text));
  let best: { start: number; items: NameListItem[]; end: number } | null = null;
  for (let i = 0; i < pieces.length;) {
    if (!named[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < pieces.length && named[j + 1]) j++;
    const run = listOf(paragraph, pieces, i, j);
    if (!best || run.items.length > best.items.length) best = run;
    i = j + 1;
  }
  if (!best || best.items.length < MIN_ITEMS) return null;
  const last = best.items.at(-1)!;
  const listEnd = best.end - last.sep.length;
  if (listEnd - best.start < paragraph.length * MIN_SHARE) return null;
  return {
    intro: paragraph.slice(0, best.start),
    items: best.items,
    outro: paragraph.slice(best.end),
  };
}

/** Pieces between separators, each with the separator that follows it. */
function split(text: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const m of text.matchAll(SEPARATOR)) {
    pieces.push({ text: text.slice(at, m.index), at, sep: m[0] });
    at = m.index + m[0].length;
  }
  pieces.push({ text: text.slice(at), at, sep: '' });
  return pieces;
}

/**
 * The list made of the name-like pieces `i..j` with what the pieces around them lend: its items,
 * where it starts in the paragraph, and where what follows it (the outro) starts.
 */
function listOf(
  paragraph: string,
  pieces: Piece[],
  i: number,
  j: number,
): { start: number; items: NameListItem[]; end: number } {
  const items: NameListItem[] = [];
  let start = pieces[i]!.at;
  const before = pieces[i - 1];
  if (before) {
    const words = wordsOf(before.text);
    const k = longestName(words, 'suffix');
    if (k > 0) {
      const first = words[words.length - k]!;
      start = before.at + first.at;
      items.push({ text: before.text.slice(first.at), sep: before.sep });
    }
  }
  for (let n = i; n <= j; n++) items.push({ text: pieces[n]!.text, sep: pieces[n]!.sep });
  let end = pieces[j]!.at + pieces[j]!.text.length + pieces[j]!.sep.length;
  const after = pieces[j + 1];
  if (after) {
    const tail = tailItems(after);
    items.push(...tail.items);
    end = after.at + tail.length;
  }
  return { start, items, end };
}

/**
 * The items the piece after a run lends it: its opening name-like words, then (after a connector)
 * a second name; or the whole piece when it is a short connector phrase ending the paragraph.
 * `length`: how much of the piece they take, with the whitespace that follows them.
 */
function tailItems(piece: Piece): { items: NameListItem[]; length: number } {
  const words = wordsOf(piece.text);
  if (piece.sep === '' && words.length > 1 && words.length <= MAX_WORDS + 1) {
    if (CONNECTORS.has(words[0]!.text.toLowerCase()) && !/[:;]/.test(piece.text))
      return { items: [{ text: piece.text, sep: '' }], length: piece.text.length };
  }
  const items: NameListItem[] = [];
  const k = longestName(words, 'prefix');
  if (k === 0) return { items, length: 0 };
  let taken = 0;
  const push = (from: number, to: number) => {
    const endAt = words[to - 1]!.at + words[to - 1]!.text.length;
    const next = words[to];
    const gap = next ? piece.text.slice(endAt, next.at) : piece.sep;
    items.push({ text: piece.text.slice(words[from]!.at, endAt), sep: next ? gap : piece.sep });
    taken = next ? next.at : piece.text.length + piece.sep.length;
  };
  push(0, k);
  const connector = words[k];
  if (connector && CONNECTORS.has(connector.text.toLowerCase()) && !endsSentence(words[k - 1]!)) {
    const rest = words.slice(k + 1);
    const m = longestName(rest, 'prefix');
    if (m > 0) push(k, k + 1 + m);
  }
  return { items, length: taken };
}

interface Word {
  text: string;
  at: number;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/\S+/gu)].map((m) => ({ text: m[0], at: m.index }));
}

/**
 * How many of the words, at the end (`suffix`) or the start (`prefix`), make the longest name — at
 * most MAX_WORDS and never all of them (the rest is prose); 0 when none do.
 */
function longestName(words: Word[], side: 'prefix' | 'suffix'): number {
  for (let k = Math.min(MAX_WORDS, words.length - 1); k >= 1; k--) {
    const part = side === 'prefix' ? words.slice(0, k) : words.slice(words.length - k);
    if (side === 'prefix' && !endsName(words, k)) continue;
    if (nameWords(part.map((w) => w.text))) return k;
  }
  return 0;
}

/** A name taken from the start of a piece ends before a lowercase word, or at a sentence's end. */
function endsName(words: Word[], k: number): boolean {
  const next = words[k];
  return !next || endsSentence(words[k - 1]!) || !/^[(["“‘']*\p{Lu}/u.test(next.text);
}

function endsSentence(word: Word): boolean {
  return /[.!?][)\]"”’']*$/u.test(word.text) && !isInitial(word.text);
}

function isInitial(word: string): boolean {
  return /^[(["“‘']*\p{Lu}\.$/u.test(word);
}

/** Rule 2 for one piece of text. */
export function isNameLike(text: string): boolean {
  const words = text.split(/\s+/u).filter(Boolean);
  if (words.length > 1 && CONNECTORS.has(words[0]!.toLowerCase())) words.shift();
  return nameWords(words);
}

function nameWords(words: string[]): boolean {
  if (words.length < 1 || words.length > MAX_WORDS) return false;
  return words.every((w, n) => {
    if (/[\d:;]/u.test(w)) return false;
    // A full stop inside the item ends a sentence, unless it marks an initial; the last word may end one.
    if (n < words.length - 1 && /[.!?][)\]"”’']*$/u.test(w) && !isInitial(w)) return false;
    const core = w.replace(/^[(["“‘']+/u, '').replace(/[)\]"”’'.!?]+$/u, '');
    if (!core) return false;
    if (/^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(core)) return true;
    if (n > 0 && PARTICLES.has(core)) return true;
    return /^\p{Lo}{1,4}$/u.test(core);
  });
}
