import { classifyChrome, classifyHeaderChrome, parseUrlLine } from './chrome.js';
import { matchDatelineAtStart } from './dateline.js';

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
  const calendar = main.findIndex((l) => classifyChrome(l)?.kind === 'calendar');
  if (calendar >= 0) {
    // kcna.co.jp: the calendar line, then the title, then the story.
    const title = main.findIndex((l, i) => i > calendar && isContent(l));
    return title >= 0 ? title + 1 : calendar + 1;
  }
  return 0;
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
  const main = rest.slice(0, mainEnd);
  const fromHeader = moreFrom >= 0 ? classifyChrome(rest[moreFrom]!) : null;

  const start = bodyStart(main);
  return {
    url,
    header: main.slice(0, start),
    body: main.slice(start),
    teaserLines:
      moreFrom >= 0 ? rest.slice(moreFrom + 1, moreArticles >= 0 ? moreArticles : rest.length) : [],
    listingSourceLabel: fromHeader?.kind === 'more-from' ? fromHeader.sourceLabel : null,
  };
}
