/**
 * Pagination of KCNA's "q" layout lists (about 2022 to mid-2026). Page 1 of a category is
 * `/en/category/articles/q/<32 hex category hash>.kcmsf`; later pages are
 * `/q/<32 hex page token><32 hex category token>.kcmsf`. The page token is the same in every
 * category (page 1 = `c984d94d…`, page 2 = `1a5e994a…`), but the category token can change between
 * page ranges (sites.md §1B, from a scraper's list of every page [1]), so a pager link on the page is
 * preferred to building the URL.
 */
import { absolute, byTag, textOf, type Document } from './dom.js';
import type { ListContinuation } from './types.js';

/** Page tokens 1–19, in order, as recorded for the leader's category (the first pages any crawl needs). */
export const Q_PAGE_TOKENS = [
  'c984d94d781603f8a64ca227e31592af',
  '1a5e994a4faa85ea3c0b9ca3f1592687',
  'ec88a9809ea65f483b47ad0382d0bd18',
  '0c938c83828faccfcdd7ca621e08341c',
  '660d94255c720dafe60529cb12e2ad2b',
  '0a8fbdd32a2de5b5c63351680d5a2f54',
  'f3a87fd45a6b0ea0c47b8851e078bc08',
  '91e222a5bb39f70481ca9d35b6feea2d',
  'f3b5831ef958d01251000533170a66fd',
  '6cd0da80ad101d1d60bce5abb622e103',
  'e01d63819756d8d75e6c2c02bdd5b024',
  '566f121298b1bcde1b2748742d1fd11a',
  '495aa91a48b250d50f828ac31618f860',
  'e8d994dbb3be2a13ed6be97814529a63',
  '2f5b6bcf3b71c52b1ce54159455715dc',
  '95ff882c440f5d8c2c9d078df8297e97',
  'e0767d8bfe098c6f4a2446153ad68630',
  '20c8e99e0e2c270bd3e928d8e04f6f51',
  'beef36f77ac27fbd0e774ec77320b4d1',
];

const LIST_PATH = /\/category\/articles\/q\/([0-9a-f]{32}|[0-9a-f]{64})\.kcmsf$/i;
const NEXT_LABEL = /^(?:next|older|›|»|>|>>|다음)$/i;

/** Which page a q-list URL is: 1 for a bare category hash, the token's place for a known page token, else null. */
export function qListPage(url: string): { page: number | null; category: string | null } {
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    return { page: null, category: null };
  }
  const hex = LIST_PATH.exec(path)?.[1]?.toLowerCase();
  if (!hex) return { page: null, category: null };
  if (hex.length === 32) return { page: 1, category: null };
  const at = Q_PAGE_TOKENS.indexOf(hex.slice(0, 32));
  return { page: at >= 0 ? at + 1 : null, category: hex.slice(32) };
}

/**
 * The next list page: a link on the page carrying the next page's token (whatever its category
 * token), else a link labelled as the next page, else — on a numbered page with no pager — the next
 * token with this page's category token.
 */
export function qListNext(doc: Document, url: string): ListContinuation | null {
  const { page, category } = qListPage(url);
  const links = byTag(doc, 'a').flatMap((a) => {
    const href = absolute(a.attribs.href ?? '', url);
    return href && LIST_PATH.test(new URL(href).pathname) ? [{ a, href }] : [];
  });
  const want = page !== null ? Q_PAGE_TOKENS[page] : undefined;
  const byToken = want
    ? links.find(({ href }) => new URL(href).pathname.toLowerCase().includes(`/q/${want}`))
    : undefined;
  if (byToken) return { url: byToken.href, method: 'GET', page: page! + 1 };
  const labelled = links.find(
    ({ a }) => (a.attribs.rel ?? '').split(/\s+/).includes('next') || NEXT_LABEL.test(textOf(a)),
  );
  if (labelled) {
    const n = qListPage(labelled.href).page;
    return { url: labelled.href, method: 'GET', ...(n !== null ? { page: n } : {}) };
  }
  if (want && category)
    return {
      url: new URL(`${want}${category}.kcmsf`, url).toString(),
      method: 'GET',
      page: page! + 1,
    };
  return null;
}
