import {
  type CalendarDate,
  parseCalendarDate,
  parseListingDate,
  parseSlashDate,
} from './page-dates.js';
import {
  classifyKoreanHeaderLine,
  cutKoreanEndMark,
  isKoreanCreditLine,
  parsePublishTimeLine,
} from './korean.js';

/**
 * Page chrome: the lines a site or republisher puts around the wire copy. Each recogniser matches a
 * whole line in one documented form, so a sentence of the article that merely mentions "Source:" or
 * "copyright" is never taken for chrome.
 */

export type ChromeLine =
  | { kind: 'url'; url: string }
  /** KCNA Watch: `Date: 19/11/2019 | Source: KCNA.kp (En) | Read original version at source`. */
  | { kind: 'aggregator-date'; date: CalendarDate | null; sourceLabel: string | null }
  /** kcna.co.jp: `calendar>>May 27. 2019 Juche 108`. */
  | { kind: 'calendar'; date: CalendarDate | null }
  /** KCNA Watch's header display date (`April 26, 2024`): the aggregator's date, not the article's. */
  | { kind: 'display-date' }
  /** KCNA Watch's header source line (`KCNA KCNA.kp (En)`). */
  | { kind: 'source-line' }
  | { kind: 'more-from'; sourceLabel: string }
  | { kind: 'more-articles' }
  /** kcna.kp's `www.kcna.kp (2025.12.17.)` under the story: the page's own date. */
  | { kind: 'publish-time'; date: CalendarDate | null }
  /** Rodong's `2024.10.8. 《로동신문》 5면` above the story: the date and page. */
  | { kind: 'page-line'; date: CalendarDate; page: number }
  /** A section label above the title (VOK's `/ 보 도`): the title follows it. */
  | { kind: 'section' }
  /** A footer the agency or mirror ends its page with: the text before it is whole. */
  | { kind: 'footer' }
  /** Site navigation after the story (`목록으로`, `←되돌이`): the story ends, whole or not. */
  | { kind: 'navigation' }
  /** `더보기` ("read more"): the text before it is an excerpt. */
  | { kind: 'read-more' }
  /** Scraper debris and republishers' promotions: lone `|`, `Read original version at source`. */
  | { kind: 'noise' };

// Every pattern here runs on untrusted lines, so none may let two quantifiers compete for the same
// characters (`\s*([^|]*?)\s*`, `\s*.{0,100}`): a backtracking engine then tries every way of splitting a
// run of spaces between them, and one crafted line of a few KB stalls an import. Where a regex would
// need that, the line is cut or trimmed by hand first.

// Republishers' lines that are never part of wire copy. Kept as a list so a new one is one line.
const NOISE_LINES: readonly RegExp[] = [
  /^\|+$/,
  /^Read original version at source\.?$/i,
  /^NK News is hiring\b.*$/i,
  /^(?:Subscribe to|Sign up for|Get) NK (?:News|Pro)\b.*$/i,
  // Korean sites' chrome: DPRK Today's home and by-date links, share buttons (`facebook로 보내기`).
  /^(?:첫페지로|날자별열람|감상글쓰기|보안문자|인쇄)$/u,
  // A line of several ellipses (`... ... ...`) marks an omission, never text.
  /^(?:\.{3}|…)(?: (?:\.{3}|…)){1,5}$/u,
];

// Korean sites' links back to the list: the story is over, whether or not it is whole.
// DPRK Today's share buttons (`facebook로 보내기`) follow the story the same way.
const NAVIGATION_LINES: readonly RegExp[] = [
  /^(?:목록으로|←\s?되돌이|되돌이)$/u,
  /^[A-Za-z]{2,15} ?로 보내기$/u,
];
// `더보기` ("read more") under a list's teaser: what came before it is the start of a text only.
const READ_MORE = /^(?:더보기|전문보기)$/u;

// `.` stops at these, so a line holding one cannot match a `.*$` pattern.
const LINE_BREAK = /[\n\r\u2028\u2029]/;

const KNS_FOOTER = /^Copyright\s*\(C\)\s*KOREA NEWS SERVICE\s*\(KNS\)\s*All Rights Reserved\.?$/i;
const COPYRIGHT_MARK = /^(?:Copyright\s*(?:\(C\)|©)|©|\(C\)\s*\d{4})/i;
const COPYRIGHT_WORD = /^Copyright\s/i;
const COPYRIGHT_TAIL = /^(?:\d{4}\b.{0,100}|.{0,60}\bAll Rights Reserved\.?)$/i;

/**
 * Copyright lines end the page on kcna.co.jp (KNS) and on republishers' sites alike. Length-capped
 * so that a sentence of the story starting with the word "Copyright" is not cut.
 */
function isFooter(text: string): boolean {
  if (KNS_FOOTER.test(text)) return true;
  const mark = COPYRIGHT_MARK.exec(text);
  if (mark) {
    const tail = text.slice(mark[0].length).trimStart();
    if (tail.length <= 100 && !LINE_BREAK.test(tail)) return true;
  }
  return (
    COPYRIGHT_WORD.test(text) && COPYRIGHT_TAIL.test(text.slice('Copyright'.length).trimStart())
  );
}

const LANGUAGE_TAG = String.raw`\((?:En|Es|Ru|Cn|Ch|Zh|Jp|Ja|Kr|Ko|Kp|Fr|De|Ar)\)`;

/** Nothing but whitespace (the `\s` of a regex and what `trim` removes are the same set). */
function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** Removes table-cell pipes a scraper left at the end of a line (`… photo of the Supreme Leader. |`). */
export function stripTrailingPipes(line: string): string {
  // Scanned from the end: a regex for "pipes and spaces up to the end" is retried from every pipe.
  let end = line.length;
  while (end > 0 && (line[end - 1] === '|' || isBlank(line[end - 1]!))) end--;
  return line.slice(0, end);
}

export function parseUrlLine(line: string): string | null {
  const m = /^\s*((?:https?:\/\/|www\.)\S+)\s*$/i.exec(line);
  return m ? m[1]! : null;
}

const AGG_SOURCE = /^\s*Source:/i;
const AGG_READ_ORIGINAL = /^\s*Read original version at source\s*$/i;

/**
 * KCNA Watch's `Date: 19/11/2019 | Source: KCNA.kp (En) | Read original version at source`, read
 * cell by cell: the date, then optionally the source, then optionally the link text, then at most
 * one empty cell (a trailing pipe).
 */
function parseAggregatorLine(text: string): { date: string; sourceLabel: string | null } | null {
  if (!/^Date:/i.test(text)) return null;
  const [date, ...cells] = text.slice('Date:'.length).split('|');
  let i = 0;
  let sourceLabel = '';
  if (i < cells.length && AGG_SOURCE.test(cells[i]!)) {
    sourceLabel = cells[i]!.trimStart().slice('Source:'.length).trim();
    i++;
  }
  if (i < cells.length && AGG_READ_ORIGINAL.test(cells[i]!)) i++;
  if (i < cells.length && isBlank(cells[i]!)) i++;
  if (i < cells.length) return null;
  return { date: date!.trim(), sourceLabel: sourceLabel || null };
}

/** What kind of chrome `line` is, or null when it may be article text. */
export function classifyChrome(line: string): ChromeLine | null {
  const text = line.trim();
  if (!text) return null;
  const url = parseUrlLine(text);
  if (url) return { kind: 'url', url };

  const agg = parseAggregatorLine(text);
  if (agg)
    return {
      kind: 'aggregator-date',
      date: parseSlashDate(agg.date),
      sourceLabel: agg.sourceLabel,
    };

  const cal = /^calendar\s*>>\s*/i.exec(text);
  const calDate = cal ? text.slice(cal[0].length) : null;
  if (calDate !== null && !LINE_BREAK.test(calDate))
    return { kind: 'calendar', date: parseCalendarDate(calDate) };

  // `text` is trimmed, so the label is everything after the spaces.
  const more = /^More From\s+/.exec(text);
  const label = more ? text.slice(more[0].length) : '';
  if (label && !LINE_BREAK.test(label)) return { kind: 'more-from', sourceLabel: label };
  if (/^More Articles\s*$/.test(text)) return { kind: 'more-articles' };

  if (isFooter(text)) return { kind: 'footer' };
  if (NOISE_LINES.some((re) => re.test(text))) return { kind: 'noise' };
  if (NAVIGATION_LINES.some((re) => re.test(text))) return { kind: 'navigation' };
  if (READ_MORE.test(text)) return { kind: 'read-more' };
  const published = text.length <= 40 ? parsePublishTimeLine(text) : null;
  if (published) return { kind: 'publish-time', date: published };
  return null;
}

/**
 * Lines that are chrome only above the article (the header): a bare date and a short source line
 * would be legitimate in a body (`Rodong Sinmun` heads a section of a Press Review).
 */
export function classifyHeaderChrome(line: string): ChromeLine | null {
  const text = line.trim();
  if (parseListingDate(text)) return { kind: 'display-date' };
  if (text.length <= 60 && new RegExp(`^[\\p{L}\\d .&'-]{1,50}${LANGUAGE_TAG}$`, 'u').test(text)) {
    return { kind: 'source-line' };
  }
  const korean = classifyKoreanHeaderLine(text);
  if (korean?.kind === 'today') return { kind: 'display-date' };
  if (korean?.kind === 'issue-date') return { kind: 'calendar', date: korean.date };
  if (korean?.kind === 'page-line')
    return { kind: 'page-line', date: korean.date, page: korean.page };
  if (korean?.kind === 'masthead')
    return { kind: text.startsWith('/') ? 'section' : 'source-line' };
  return classifyChrome(line);
}

export interface EndMark {
  /** The line without the mark. */
  text: string;
  /** `-0-`: the agency's own end of story. */
  ended: boolean;
  /** `[…]`: a republisher showed only the start. */
  excerpt: boolean;
}

/** Finds `-0-` (alone or glued to the last sentence) and excerpt marks at the end of a line. */
export function readEndMark(line: string): EndMark {
  let text = stripTrailingPipes(line);
  let excerpt = false;
  // No `\s*` before the bracket: unanchored, it would rescan a run of spaces from each of its spaces.
  const cut = /\[\s*(?:…|\.\.\.)\s*\]\s*$/u.exec(text);
  if (cut) {
    text = text.slice(0, cut.index).trimEnd();
    excerpt = true;
  }
  return { ...cutEndMark(text), excerpt };
}

/**
 * The agency's end of story, `-0-` (or its full-width form), alone or glued to the last sentence:
 * the one rule for text pages and site templates alike, so a story reads the same however it came.
 */
export function cutEndMark(line: string): { text: string; ended: boolean } {
  const korean = cutKoreanEndMark(line);
  if (korean.ended) return korean;
  const end = /(^|[\s.!?"”’)])[-\uff0d][0\uff10][-\uff0d]\s*$/u.exec(line);
  if (!end) return { text: line, ended: false };
  return { text: line.slice(0, end.index + end[1]!.length).trimEnd(), ended: true };
}

/**
 * Naenara items on KCNA Watch end with a lone `KCNA` signature line, Rodong's items of the agency
 * with its credit `【조선중앙통신】`: either ends the story too.
 */
export function isSignatureLine(line: string): boolean {
  return /^\s*KCNA\s*$/.test(line) || isKoreanCreditLine(line);
}
