/**
 * What the extractors return. Everything here is derived from one capture by a pure function, so an
 * improved extractor can be re-run over stored captures (`wirewatch reprocess`).
 */

/** `Pyongyang, March 24 (KCNA) --` → place, month, day, agency. The year is never in a dateline. */
export interface Dateline {
  /** Exactly as it stands in the text, dash included. */
  raw: string;
  place: string | null;
  /** 1–12 */
  month: number | null;
  day: number | null;
  agency: string | null;
  /** True when some part could not be read (the raw text is kept either way). */
  damaged: boolean;
}

/** How the published date (above all its year) was determined. */
export type DateBasis =
  /** The page itself states the full date (`Date: 19/11/2019`, `calendar>>May 27. 2019`). */
  | 'page'
  /** A date printed next to the item in a listing (teaser lists, list pages). */
  | 'listing'
  /** The user said so (`--date`, `--year`). */
  | 'import-option'
  /** A date inside the URL (`/item/2019/201905/news27/20190527-01ee.html`). */
  | 'url'
  /** A structured field of an imported record (JSONL `published`). */
  | 'record'
  /** Month and day from the dateline, year from the time the page was fetched, across Dec/Jan. */
  | 'capture-date'
  /** Month and day known, year not: the archive says "year unknown" rather than guess. */
  | 'dateline-only'
  | 'unknown';

export interface PublishedDate {
  year: number | null;
  month: number | null;
  day: number | null;
  basis: DateBasis;
}

export interface ExtractedArticle {
  /** Null when the page has none (the seed): never invented. */
  title: string | null;
  dateline: Dateline | null;
  published: PublishedDate;
  /** Body paragraphs without page chrome, dateline kept at the start of the first paragraph. */
  paragraphs: string[];
  /** ISO 639-1, or null when the page does not say. */
  language: string | null;
  /** Where the text was found (line 1 of a scraped page, a record's URL), when known. */
  url: string | null;
  /** Source label the page names (`KCNA.kp (En)`), from the `Source:` field or the `More From` header. */
  sourceLabel: string | null;
  /** True when the text ends as the agency ends it (`-0-`, a copyright footer); false when cut off. */
  complete: boolean;
  /** Machine-readable flags, e.g. `dateline-damaged`, `excerpt`, `glued-words-repaired`. */
  flags: string[];
}

/** One teaser of a `More From <source>` list or a list page. */
export interface ExtractedTeaser {
  /** The teaser text as shown, dateline included. */
  text: string;
  dateline: Dateline | null;
  published: PublishedDate;
  link: string | null;
  /** 0-based order on the page. */
  position: number;
}

export interface PageExtract {
  articles: ExtractedArticle[];
  teasers: ExtractedTeaser[];
  /** The `<source>` of the `More From <source>` header, when the page has one. */
  listingSourceLabel: string | null;
  /** One line each, for the import summary; the page still goes in. */
  warnings: string[];
}

/** What the importer knows about a capture beyond its bytes. */
export interface ExtractContext {
  /** Origin URL when fetched; for files the URL printed on line 1 is found by the extractor. */
  url?: string | null;
  /** Set only when the capture is a live fetch of the page: a file's import time is no evidence. */
  fetchedAt?: Date | null;
  /** `--year`: evidence given by the user. */
  year?: number | null;
  /** `--date YYYY-MM-DD`: evidence given by the user. */
  date?: string | null;
  /** `--source` label or id, when the user said which source this is. */
  sourceLabel?: string | null;
  language?: string | null;
}
