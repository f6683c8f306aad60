/**
 * Which stored article an extracted text is. Pure: the store supplies candidates (same source, same
 * lead or title key), `pickMatch` decides. An article's id is derived from the identity it was first
 * seen with, so an export re-imported into an empty archive gets the same ids.
 */
import type { ArticleDate } from '../model/types.js';
import type { Dateline } from '../extract/types.js';
import type { ArticleKeys, StoredArticle } from '../store/types.js';
import { matchWords, sha256Hex } from './normalise.js';
import { fingerprintWords, signatureToBytes } from './minhash.js';
import { sameArticleText } from './same-text.js';

/** Words that index a lead: short enough for a truncated teaser to carry them. */
const LEAD_KEY_WORDS = 8;
/** Opening words kept for comparison. */
const LEAD_WORDS = 40;
/** Untitled texts must agree on this many opening words to be the same article. */
const UNTITLED_PREFIX_WORDS = 20;
/** A teaser must carry at least this many whole words to complete an article. */
const MIN_TEASER_WORDS = 6;

/** What identity needs to know of a text, whether a full article or a teaser. */
export interface IdentityInput {
  title: string | null;
  dateline: Dateline | null;
  published: ArticleDate;
  paragraphs: readonly string[];
  /** Set for a teaser: its text is truncated, so its last word may be cut. */
  teaser?: string | null;
}

/** Words of the body after the dateline (the dateline repeats across every article of a day). */
export function bodyWords(paragraphs: readonly string[], dateline: Dateline | null): string[] {
  let text = paragraphs.join('\n');
  if (dateline?.raw) {
    const at = text.indexOf(dateline.raw);
    if (at >= 0 && at < 8) text = text.slice(at + dateline.raw.length);
  }
  return matchWords(text);
}

/** A teaser's whole words: the scrape cuts the last one mid-word. */
export function teaserWords(teaser: string, dateline: Dateline | null): string[] {
  const words = bodyWords([teaser], dateline);
  return words.slice(0, Math.max(0, words.length - 1));
}

/** The opening words identity compares, and whether they come from a (truncated) teaser. */
export interface Lead {
  words: string[];
  truncated: boolean;
}

function leadOf(input: IdentityInput, body?: string[]): Lead {
  if (input.paragraphs.length > 0) {
    return {
      words: (body ?? bodyWords(input.paragraphs, input.dateline)).slice(0, LEAD_WORDS),
      truncated: false,
    };
  }
  if (input.teaser)
    return {
      words: teaserWords(input.teaser, input.dateline).slice(0, LEAD_WORDS),
      truncated: true,
    };
  return { words: [], truncated: false };
}

/** Keys for the store plus the lead `pickMatch` compares; the body's words are computed once. */
export function computeIdentity(input: IdentityInput): { keys: ArticleKeys; lead: Lead } {
  const body = input.paragraphs.length ? bodyWords(input.paragraphs, input.dateline) : null;
  const lead = leadOf(input, body ?? undefined);
  const title = input.title ? matchWords(input.title).join(' ') : '';
  const fingerprint = body ? fingerprintWords(body) : null;
  return {
    lead,
    keys: {
      leadKey: hasLeadKey(lead) ? lead.words.slice(0, LEAD_KEY_WORDS).join(' ') : null,
      titleKey: title || null,
      bodyHash: fingerprint && body!.length ? fingerprint.sequence : null,
      signature: fingerprint?.signature ? signatureToBytes(fingerprint.signature) : null,
    },
  };
}

/**
 * A teaser's few words could open anything, so it needs MIN_TEASER_WORDS to be looked up by; a full
 * text shorter than that is all there is of it, and must still find itself when applied again.
 */
function hasLeadKey(lead: Lead): boolean {
  return lead.words.length >= MIN_TEASER_WORDS || (!lead.truncated && lead.words.length > 0);
}

export function computeKeys(input: IdentityInput): ArticleKeys {
  return computeIdentity(input).keys;
}

/** Titles a scraper writes where there is none: no better than no title. */
const PLACEHOLDER_TITLE_KEYS = new Set(['untitled', 'no title', 'notitle']);
/** A headline cut short, as listings print one: "…" or "..." at its end. */
const TRUNCATION_MARK = /(?:\u2026|\.\.\.)\s*$/;

const titleKeyOf = (title: string) => matchWords(title).join(' ');

/** A title that names nothing: none, no words, or a placeholder such as "Untitled". */
export function isPlaceholderTitle(title: string | null): boolean {
  const key = title === null ? '' : titleKeyOf(title);
  return key === '' || PLACEHOLDER_TITLE_KEYS.has(key);
}

/**
 * The whole words of a title cut short with "…" or "...", or null for a title that is not cut. Like
 * a teaser's, its last word may be cut mid-word (no space before the mark) and is then left out.
 */
export function truncatedTitleWords(title: string | null): string[] | null {
  const mark = title === null ? null : TRUNCATION_MARK.exec(title);
  if (!mark) return null;
  const before = title!.slice(0, mark.index);
  const words = matchWords(before);
  return /[\p{L}\p{N}]$/u.test(before) ? words.slice(0, -1) : words;
}

/** `truncated` is a headline cut short with at least MIN_TEASER_WORDS whole words that open `titleKey`. */
function cutFrom(truncated: string | null, titleKey: string | null): boolean {
  const words = truncatedTitleWords(truncated);
  if (!words || words.length < MIN_TEASER_WORDS || !titleKey) return false;
  return startsWith(titleKey.split(' '), words);
}

/**
 * Whether a later record's title says more than the article's: a title where there was none or a
 * placeholder, or the whole title a truncated one was cut from. Never a truncated one, never another.
 */
export function improvesTitle(current: string | null, offered: string | null): boolean {
  if (isPlaceholderTitle(offered)) return false;
  if (isPlaceholderTitle(current)) return true;
  return truncatedTitleWords(offered) === null && cutFrom(current, titleKeyOf(offered!));
}

/** Whether `offered` says less than `current`: none or a placeholder for a title, or a cut of it. */
export function worseTitle(current: string | null, offered: string | null): boolean {
  if (isPlaceholderTitle(current)) return false;
  return isPlaceholderTitle(offered) || cutFrom(offered, titleKeyOf(current!));
}

/** Whether either of two titles is no evidence against the other: none, a placeholder, a cut of it. */
export function titleSilent(a: string | null, b: string | null): boolean {
  return worseTitle(a, b) || worseTitle(b, a) || (isPlaceholderTitle(a) && isPlaceholderTitle(b));
}

/**
 * Whether two titles may be one article's: either is missing or a placeholder, they are equal, or one
 * is cut from the other. Keys as stored decide equality (a listed headline takes its page's key).
 */
function titlesAgree(
  mine: { title: string | null; key: string | null },
  theirs: { title: string | null; key: string | null },
): boolean {
  if (!mine.key || !theirs.key || mine.key === theirs.key) return true;
  if (isPlaceholderTitle(mine.title) || isPlaceholderTitle(theirs.title)) return true;
  return cutFrom(mine.title, theirs.key) || cutFrom(theirs.title, mine.key);
}

/**
 * How long a stored title key must be to be looked up as a headline cut from this whole title: its
 * first MIN_TEASER_WORDS words (null for a title that short, which no cut with as many whole words
 * can be shorter than).
 */
export function truncationKeyFloor(titleKey: string | null): number | null {
  const words = titleKey?.split(' ') ?? [];
  return words.length > MIN_TEASER_WORDS ? words.slice(0, MIN_TEASER_WORDS).join(' ').length : null;
}

function datesCompatible(a: ArticleDate, b: ArticleDate): boolean {
  const same = (x: number | null, y: number | null) => x === null || y === null || x === y;
  return same(a.year, b.year) && same(a.month, b.month) && same(a.day, b.day);
}

function startsWith(long: string[], short: string[]): boolean {
  return short.every((w, i) => long[i] === w);
}

/** The stored article `input` is another sighting of, or null for a new article. */
export function pickMatch(
  input: IdentityInput,
  keys: ArticleKeys,
  candidates: readonly StoredArticle[],
  mine: Lead = leadOf(input),
): StoredArticle | null {
  let body: string[] | undefined;
  for (const c of candidates) {
    if (!datesCompatible(input.published, c.published)) continue;
    const title = { title: input.title, key: keys.titleKey };
    if (!titlesAgree(title, { title: c.title, key: c.keys.titleKey })) continue;
    const theirs = leadOf({ ...c, teaser: c.paragraphs.length ? null : c.teaser });
    if (mine.words.length === 0 || theirs.words.length === 0) {
      // A headline-only record: the title and the date are all there is to go on.
      if (!keys.titleKey || !c.keys.titleKey) continue;
      if (keys.titleKey === c.keys.titleKey) return c;
      if (cutFrom(input.title, c.keys.titleKey) || cutFrom(c.title, keys.titleKey)) return c;
      continue;
    }
    if (mine.truncated || theirs.truncated) {
      const [short, long] = mine.truncated
        ? [mine.words, theirs.words]
        : [theirs.words, mine.words];
      if (short.length >= MIN_TEASER_WORDS && startsWith(long, short)) return c;
      continue;
    }
    const titled = keys.titleKey !== null && keys.titleKey === c.keys.titleKey;
    const need = titled ? LEAD_KEY_WORDS : UNTITLED_PREFIX_WORDS;
    const n = Math.min(need, mine.words.length, theirs.words.length);
    // Two short texts that are word for word the same are one, however few their words.
    const whole = n === mine.words.length && n === theirs.words.length;
    if (
      !(n >= Math.min(need, MIN_TEASER_WORDS) || whole) ||
      !startsWith(mine.words, theirs.words.slice(0, n))
    )
      continue;
    // An equal opening is only a candidate: the day's items of a kind open alike (see ./same-text.ts).
    body ??= bodyWords(input.paragraphs, input.dateline);
    if (sameArticleText(body, bodyWords(c.paragraphs, c.dateline))) return c;
  }
  return null;
}

/** Stable id for a new article: `a` + 15 hex digits of the hash of its identity. */
export function deriveArticleId(
  sourceId: string,
  p: ArticleDate,
  keys: ArticleKeys,
  lead: readonly string[],
  attempt = 0,
): string {
  const date = `${p.year ?? '????'}-${p.month ?? '??'}-${p.day ?? '??'}`;
  const words = lead.slice(0, LEAD_KEY_WORDS).join(' ');
  return `a${sha256Hex(`${sourceId}|${date}|${keys.titleKey ?? ''}|${words}|${attempt}`).slice(0, 15)}`;
}
