import { type CalendarDate, parseCalendarDate, parseListingDate, parseSlashDate } from './page-dates.js';

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
  /** A footer the agency or mirror ends its page with: the text before it is whole. */
  | { kind: 'footer' }
  /** Scraper debris and republishers' promotions: lone `|`, `Read original version at source`. */
  | { kind: 'noise' };

// Republishers' lines that are never part of wire copy. Kept as a list so a new one is one line.
const NOISE_LINES: readonly RegExp[] = [
  /^\|+$/,
  /^Read original version at source\.?$/i,
  /^NK News is hiring\b.*$/i,
  /^(?:Subscribe to|Sign up for|Get) NK (?:News|Pro)\b.*$/i,
];

// Copyright lines end the page on kcna.co.jp (KNS) and on republishers' sites alike. Length-capped so
// that a sentence of the story starting with the word "Copyright" is not cut.
const FOOTERS: readonly RegExp[] = [
  /^Copyright\s*\(C\)\s*KOREA NEWS SERVICE\s*\(KNS\)\s*All Rights Reserved\.?$/i,
  /^(?:Copyright\s*(?:\(C\)|©)|©|\(C\)\s*\d{4})\s*.{0,100}$/i,
  /^Copyright\s+(?:\d{4}\b.{0,100}|.{0,60}\bAll Rights Reserved\.?)$/i,
];

const LANGUAGE_TAG = String.raw`\((?:En|Es|Ru|Cn|Ch|Zh|Jp|Ja|Kr|Ko|Kp|Fr|De|Ar)\)`;

/** Removes table-cell pipes a scraper left at the end of a line (`… photo of the Supreme Leader. |`). */
export function stripTrailingPipes(line: string): string {
  return line.replace(/(?:\s*\|)+\s*$/, '').trimEnd();
}

export function parseUrlLine(line: string): string | null {
  const m = /^\s*((?:https?:\/\/|www\.)\S+)\s*$/i.exec(line);
  return m ? m[1]! : null;
}

/** What kind of chrome `line` is, or null when it may be article text. */
export function classifyChrome(line: string): ChromeLine | null {
  const text = line.trim();
  if (!text) return null;
  const url = parseUrlLine(text);
  if (url) return { kind: 'url', url };

  const agg = /^Date:\s*([^|]*?)\s*(?:\|\s*Source:\s*([^|]*?)\s*)?(?:\|\s*Read original version at source\s*)?\|?\s*$/i.exec(text);
  if (agg) return { kind: 'aggregator-date', date: parseSlashDate(agg[1]!), sourceLabel: agg[2] || null };

  const cal = /^calendar\s*>>\s*(.*)$/i.exec(text);
  if (cal) return { kind: 'calendar', date: parseCalendarDate(cal[1]!) };

  const more = /^More From\s+(.+?)\s*$/.exec(text);
  if (more) return { kind: 'more-from', sourceLabel: more[1]! };
  if (/^More Articles\s*$/.test(text)) return { kind: 'more-articles' };

  if (FOOTERS.some((re) => re.test(text))) return { kind: 'footer' };
  if (NOISE_LINES.some((re) => re.test(text))) return { kind: 'noise' };
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
  const cut = /\s*\[\s*(?:…|\.\.\.)\s*\]\s*$/u.exec(text);
  if (cut) {
    text = text.slice(0, cut.index);
    excerpt = true;
  }
  const end = /(^|[\s.!?"”’)])[-\uff0d][0\uff10][-\uff0d]\s*$/u.exec(text);
  if (end) return { text: text.slice(0, end.index + end[1]!.length).trimEnd(), ended: true, excerpt };
  return { text, ended: false, excerpt };
}

/** Naenara items on KCNA Watch end with a lone `KCNA` signature line, which ends the story too. */
export function isSignatureLine(line: string): boolean {
  return /^\s*KCNA\s*$/.test(line);
}
