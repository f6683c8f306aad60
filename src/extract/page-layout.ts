import { classifyChrome, classifyHeaderChrome, parseUrlLine } from './chrome.js';
import { findDateline, matchDatelineAtStart } from './dateline.js';

/**
 * Cuts a scraped page into its regions: URL line, header (title and date chrome), body, teaser
 * list. The body starts at the dateline; pages without one (anecdotes, Naenara) start it after the
 * page's own date line, and when there is neither, everything is body and the title stays unknown.
 */

export interface PageLayout {
  /** The URL printed on line 1 of a scraped file, if any. */
  url: string | null;
  header: string[];
  body: string[];
  /** Lines between `More From <source>` and `More Articles`. */
  teaserLines: string[];
  /** The `<source>` of `More From <source>`. */
  listingSourceLabel: string | null;
}

// A dateline further down than this many non-chrome lines is inside the body (a quoted report),
// not the start of the story; titles are one or two lines.
const MAX_TITLE_LINES = 3;

export function splitLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .split('\n');
}

function isContent(line: string): boolean {
  return line.trim() !== '' && classifyHeaderChrome(line) === null;
}

// Korean headlines run over several short lines (a letter's address, a headline and its
// sub-headline); a line this long, or one ending a sentence, is the story's first.
const MAX_KOREAN_TITLE_CHARS = 50;

function isKoreanTitleLine(line: string): boolean {
  const text = line.trim();
  return (
    /\p{Script=Hangul}/u.test(text) &&
    text.length <= MAX_KOREAN_TITLE_CHARS &&
    !/[.。]$/u.test(text)
  );
}

/** The line after the title that follows `from` (a date line or a section label). */
function afterTitle(main: readonly string[], from: number): number {
  const title = main.findIndex((l, i) => i > from && isContent(l));
  if (title < 0) return from + 1;
  let end = title + 1;
  if (isKoreanTitleLine(main[title]!)) {
    for (let lines = 1; lines < MAX_TITLE_LINES;) {
      const next = main.findIndex((l, i) => i >= end && l.trim() !== '');
      if (next < 0 || !isContent(main[next]!) || !isKoreanTitleLine(main[next]!)) break;
      end = next + 1;
      lines++;
    }
  }
  return end;
}

function kindAt(line: string): string | undefined {
  return classifyHeaderChrome(line)?.kind;
}

/** Index where the body starts within `main`, or 0 when nothing marks it. */
function bodyStart(main: readonly string[]): number {
  let contentSeen = 0;
  for (let i = 0; i < main.length && contentSeen <= MAX_TITLE_LINES; i++) {
    const line = main[i]!;
    if (matchDatelineAtStart(line)) return i;
    if (isContent(line)) contentSeen++;
  }
  const dateLine = main.findIndex((l) => classifyChrome(l)?.kind === 'aggregator-date');
  if (dateLine >= 0) return dateLine + 1;
  // Rodong: masthead, headline and sub-headline, then the page line, then the story.
  const pageLine = main.findIndex((l, i) => i < 12 && kindAt(l) === 'page-line');
  if (pageLine >= 0) return pageLine + 1;
  // kcna.co.jp: the calendar line, then the title, then the story; Korean pages the same with
  // `주체112(2023)년 1월 1일`, and VOK with its section label.
  const calendar = main.findIndex(
    (l, i) => i < 12 && /^(?:calendar|section)$/.test(kindAt(l) ?? ''),
  );
  if (calendar >= 0) return afterTitle(main, calendar);
  return 0;
}

/**
 * Lines that open the body but repeat the header (KCNA Watch shows a Korean original's own date line
 * and headline again under its `Date:` line): not story text.
 */
function skipRepeatedHeader(main: readonly string[], start: number): number {
  const titles = new Set(
    main
      .slice(0, start)
      .map((l) => l.trim())
      .filter(Boolean),
  );
  let at = start;
  for (let guard = 0; guard < 4; guard++) {
    const next = main.findIndex((l, i) => i >= at && l.trim() !== '');
    if (next < 0) break;
    const line = main[next]!.trim();
    const kind = kindAt(line);
    if (titles.has(line) || kind === 'calendar' || kind === 'page-line') at = next + 1;
    else break;
  }
  return at;
}

// A headline run into the dateline is short and ends no sentence.
const MAX_RUN_IN_HEADLINE_WORDS = 30;

/**
 * Republishing sites run the headline into the dateline on one line (`Kim Jong Un Inspects Site
 * Pyongyang, May 5 (KCNA) — …`): that line is cut in two, headline and story, when no line of the
 * page's top starts with a dateline.
 */
function splitRunInHeadline(main: string[]): string[] {
  const top: number[] = [];
  for (let i = 0; i < main.length && top.length <= MAX_TITLE_LINES; i++)
    if (isContent(main[i]!)) top.push(i);
  if (top.some((i) => matchDatelineAtStart(main[i]!))) return main;
  const at = top[0];
  if (at === undefined) return main;
  const line = main[at]!;
  const found = findDateline(line);
  if (!found || found.start === 0) return main;
  const head = line.slice(0, found.start).trim();
  const words = head.split(/\s+/).length;
  if (words < 2 || words > MAX_RUN_IN_HEADLINE_WORDS || /[.!?;:]$/.test(head)) return main;
  return [...main.slice(0, at), head, line.slice(found.start), ...main.slice(at + 1)];
}

export function splitPage(text: string): PageLayout {
  const lines = splitLines(text);
  let first = lines.findIndex((l) => l.trim() !== '');
  const url = first >= 0 ? parseUrlLine(lines[first]!) : null;
  if (url === null) first = 0;
  else first += 1;
  const rest = lines.slice(Math.max(first, 0));

  const moreFrom = rest.findIndex((l) => classifyChrome(l)?.kind === 'more-from');
  const moreArticles = rest.findIndex(
    (l, i) => i > moreFrom && classifyChrome(l)?.kind === 'more-articles',
  );
  const mainEnd = moreFrom >= 0 ? moreFrom : moreArticles >= 0 ? moreArticles : rest.length;
  const main = splitRunInHeadline(rest.slice(0, mainEnd));
  const fromHeader = moreFrom >= 0 ? classifyChrome(rest[moreFrom]!) : null;

  const start = bodyStart(main);
  return {
    url,
    header: main.slice(0, start),
    body: main.slice(skipRepeatedHeader(main, start)),
    teaserLines:
      moreFrom >= 0 ? rest.slice(moreFrom + 1, moreArticles >= 0 ? moreArticles : rest.length) : [],
    listingSourceLabel: fromHeader?.kind === 'more-from' ? fromHeader.sourceLabel : null,
  };
}
