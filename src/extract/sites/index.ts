/**
 * Site profiles: one pure `parse(html, url)` per site layout, chosen by a source's `profile` setting
 * or by URL. See ./types.ts for what a parse returns.
 *
 * @example
 *   const page = profileById('rodong-en')!.parse(html, 'http://rodong.rep.kp/en/index.php?strPageID=SF01_02_01&newsID=2022-03-11-0003');
 *   page.kind; // 'article'
 *   page.article?.published; // { year: 2022, month: 3, day: 11, basis: 'page' }
 */
import { genericProfile } from './generic.js';
import { kcnaEditionOf, kcnaKoreanProfile, kcnaProfile, kcnaSpanishProfile } from './kcna.js';
import { kcnaWatchProfile } from './kcnawatch.js';
import { rodongEditionOf, rodongKoreanProfile, rodongProfile } from './rodong.js';
import type { SiteProfile } from './types.js';

export type { ListContinuation, ListingItem, PageKind, SiteParse, SiteProfile } from './types.js';
export { cutAtItems, parseBounded } from './bounded.js';

export const PROFILES: readonly SiteProfile[] = [
  kcnaProfile,
  kcnaSpanishProfile,
  kcnaKoreanProfile,
  rodongProfile,
  rodongKoreanProfile,
  kcnaWatchProfile,
  genericProfile,
];

export function profileById(id: string): SiteProfile | null {
  return PROFILES.find((p) => p.id === id) ?? null;
}

/** The profile for a URL on a known site; `generic` for any other. */
export function profileForUrl(url: string): SiteProfile {
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return genericProfile;
  }
  if (/(^|\.)kcna\.kp$/.test(host)) {
    const edition = kcnaEditionOf(url);
    return edition === 'kp'
      ? kcnaKoreanProfile
      : edition === 'es'
        ? kcnaSpanishProfile
        : kcnaProfile;
  }
  if (/(^|\.)rodong\.rep\.kp$/.test(host))
    return rodongEditionOf(url) === 'ko' ? rodongKoreanProfile : rodongProfile;
  if (/(^|\.)kcnawatch\.(org|app|xyz)$/.test(host)) return kcnaWatchProfile;
  return genericProfile;
}
