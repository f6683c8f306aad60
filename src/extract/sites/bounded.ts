/**
 * A page read only as far as its first items: a list page of 150,000 links costs what one of 2,000
 * does, instead of blocking its process for many seconds (a DOM of every link, then each one read).
 * Pure.
 *
 * The text is scanned for the tags an item starts with (`<a>` in HTML, `<item>`, `<entry>`, `<url>`,
 * `<sitemap>` in feeds and sitemaps) and cut before the first one past the bound; the profile parses
 * what precedes it. Navigation links count too, so a cut page yields at most `maxItems` items.
 */
import type { SiteParse, SiteProfile } from './types.js';

const ITEM_TAG = /<(?:a|item|entry|url|sitemap)[\s>/]/gi;

/** The text up to the tag that starts item number `maxItems + 1`; `cut` when there is one. */
export function cutAtItems(text: string, maxItems: number): { text: string; cut: boolean } {
  const tags = new RegExp(ITEM_TAG.source, ITEM_TAG.flags);
  let count = 0;
  for (let match = tags.exec(text); match; match = tags.exec(text)) {
    if (++count > maxItems) return { text: text.slice(0, match.index), cut: true };
  }
  return { text, cut: false };
}

/**
 * `profile.parse` over at most `maxItems` items' worth of the page. A page that holds more is
 * `partial`: its listing is its first `maxItems` items, and nothing after them was read.
 */
export function parseBounded(
  profile: SiteProfile,
  text: string,
  url: string,
  maxItems: number,
): SiteParse {
  const read = cutAtItems(text, maxItems);
  const page = profile.parse(read.text, url);
  // A JSON Feed has no tags to count: it is parsed whole, and its items cut here.
  if (!read.cut && page.listing.length <= maxItems) return page;
  return {
    ...page,
    listing: page.listing.slice(0, maxItems),
    partial: `lists more than ${maxItems.toLocaleString('en')} items; only the first ${maxItems.toLocaleString('en')} were read`,
  };
}
