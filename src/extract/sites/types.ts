/**
 * What a site profile reads from one page. Pure: `parse(html, url)` never fetches and never throws,
 * so a fixed template can be re-run over stored captures (`wirewatch reprocess`).
 */
import type { ExtractedArticle, PublishedDate } from '../types.js';

export type PageKind = 'article' | 'listing' | 'unknown';

/** One item of a list page, feed or sitemap. */
export interface ListingItem {
  title: string;
  /** Absolute URL of the article. */
  url: string;
  /** The date printed beside the item (basis `listing`), or unknown. */
  published: PublishedDate;
  teaser: string | null;
}

/** How to ask for the next list page: a GET, or (KCNA 2026) a POST with the session's form. */
export interface ListContinuation {
  url: string;
  method: 'GET' | 'POST';
  /** Form fields for a POST (`_csrf`, `page_num`, …). */
  form?: Record<string, string>;
  /** The number of the page this continuation asks for, when the site numbers them. */
  page?: number;
  /** The last page number, when the site says (`var page_cnt = 36`). */
  lastPage?: number;
}

export interface SiteParse {
  kind: PageKind;
  article: ExtractedArticle | null;
  listing: ListingItem[];
  next: ListContinuation | null;
  /** Template health: non-empty when the page does not match what the template expects. */
  problems: string[];
  /**
   * The site says the list has ended: this page was asked for past the last one (Rodong's
   * `알수 없는 주소`). An empty list without it is a failure (KCNA's bad session), never the end.
   */
  pastEnd?: boolean;
  /**
   * Set by `parseBounded` (./bounded.ts) when the page held more items than its caller reads: what
   * was left unread, in one line. The listing is then the first items only, and what the page says
   * after them (its pager, the rest of an article) was never parsed.
   */
  partial?: string;
}

export interface SiteProfile {
  id: string;
  /** The source this profile's pages belong to (model/sources.ts id), when one is known. */
  sourceId: string | null;
  description: string;
  parse(html: string, url: string): SiteParse;
}
