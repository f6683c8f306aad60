import type { ExtractedTeaser, PublishedDate } from './types.js';
import { parseDateline } from './dateline.js';
import { parseListingDate } from './page-dates.js';
import { stripTrailingPipes } from './chrome.js';

/**
 * The `More From <source>` list under an aggregator's article. Scraped, each item comes out as its
 * teaser line, its date line and the teaser line again (the link text and the excerpt are the same
 * text), so the list is rebuilt as unique items in page order, each with the date printed under it.
 * Teasers are kept as shown: they are truncated by the site and repairing them would not help.
 */

function fromDateline(text: string): {
  dateline: ExtractedTeaser['dateline'];
  published: PublishedDate;
} {
  const dateline = parseDateline(text);
  const published: PublishedDate =
    dateline && dateline.month !== null
      ? { year: null, month: dateline.month, day: dateline.day, basis: 'dateline-only' }
      : { year: null, month: null, day: null, basis: 'unknown' };
  return { dateline, published };
}

/** `lines` are those between the `More From` header and `More Articles` (or the end of the page). */
export function parseTeasers(lines: readonly string[]): ExtractedTeaser[] {
  const teasers: ExtractedTeaser[] = [];
  const seen = new Set<string>();
  // Items read since the last date line: the next date line belongs to all of them.
  let undated: ExtractedTeaser[] = [];
  for (const rawLine of lines) {
    const text = stripTrailingPipes(rawLine)
      .replace(/[ \t]+/g, ' ')
      .trim();
    if (!text) continue;
    const listed = parseListingDate(text);
    if (listed) {
      for (const item of undated) item.published = { ...listed, basis: 'listing' };
      undated = [];
      continue;
    }
    // The repeat of an item, right after its date line or anywhere later, is not a new item.
    if (seen.has(text)) continue;
    seen.add(text);
    const item: ExtractedTeaser = {
      text,
      ...fromDateline(text),
      link: null,
      position: teasers.length,
    };
    teasers.push(item);
    undated.push(item);
  }
  return teasers;
}
