/**
 * The archive's data model (docs/data-model.md explains it with examples).
 *
 * Capture → (extract) → Article with Versions and Listing entries. Captures are immutable and keyed by
 * the sha-256 of their bytes; nothing else is ever overwritten: a changed text is a new Version.
 */
import type { Dateline, DateBasis } from '../extract/types.js';

export interface Source {
  /** Stable slug, e.g. `kcna-kp-en`. */
  id: string;
  /** Publisher, e.g. `KCNA.kp`. */
  name: string;
  /** ISO 639-1 of this edition. */
  language: string;
  /** As aggregators print it, e.g. `KCNA.kp (En)`. */
  label: string;
}

/**
 * `jsonl` covers wirewatch's own export too: its lines are recognised one by one. `warc` is one HTTP
 * exchange kept as WARC/1.1 records (capture/capture-warc.ts), crawled or imported; `warc-file` is an
 * imported WARC file as given, whose exchanges become `warc` captures of their own (ingest/warc-file.ts).
 */
export type CaptureKind = 'text-page' | 'jsonl' | 'warc' | 'warc-file' | 'unknown';

export interface Capture {
  sha256: string;
  /** File path or URL exactly as given. */
  origin: string;
  /** When wirewatch received the bytes (ISO 8601). */
  capturedAt: string;
  /** Media type of the bytes as received, e.g. `text/plain`, `application/gzip`. */
  mediaType: string;
  kind: CaptureKind;
  size: number;
  /** Options given at import (`--source`, `--year`, …) so reprocess sees the same evidence. */
  options: Record<string, string | number>;
  /** Null until extraction finished; a re-run completes captures left unprocessed by an interrupt. */
  processedAt: string | null;
  /** One line per rejected record or page; the bytes stay either way. */
  errors: string[];
}

export type ArticleStatus = 'live' | 'teaser' | 'deleted';

/** A date that may lack a year: `year` null means "year unknown", never a guess. */
export interface ArticleDate {
  year: number | null;
  month: number | null;
  day: number | null;
  basis: DateBasis;
}

export interface Article {
  /** Stable, derived from the first identity it was seen with (survives export → import). */
  id: string;
  sourceId: string;
  url: string | null;
  title: string | null;
  dateline: Dateline | null;
  published: ArticleDate;
  language: string | null;
  /** Current text; empty for teaser-only articles. */
  paragraphs: string[];
  /** The teaser a listing showed for it, when one did. */
  teaser: string | null;
  status: ArticleStatus;
  /** Near-duplicate group: republished copies share it. Equals the id of the group's first article. */
  storyId: string;
  versionCount: number;
  firstSeen: string;
  lastSeen: string;
  /**
   * The tombstone: when the source was first seen without it (a 404/410, a redirect to the home page,
   * or gone from its listing). Set while `status` is `deleted`; the versions stay either way.
   */
  removedAt: string | null;
  flags: string[];
}

export interface Version {
  articleId: string;
  /** 1-based, in order of first sighting. */
  seq: number;
  /** sha-256 of the normalised title + text: equal texts are one version. */
  contentHash: string;
  title: string | null;
  paragraphs: string[];
  firstSeen: string;
  lastSeen: string;
  /** The capture it came from (may be absent locally after an import of an export). */
  captureSha256: string;
  /** Where in the capture: `line 12` of a JSONL file, empty for a one-page capture. */
  locator: string;
}

export interface ListingEntry {
  sourceId: string;
  captureSha256: string;
  position: number;
  text: string;
  dateline: Dateline | null;
  published: ArticleDate;
  link: string | null;
  /** The article it points to: a teaser-only article until a full capture completes it. */
  articleId: string;
}

/**
 * Something that happened to an article after it was first archived (history/events.ts records them):
 * a new version (`edit`, classified), a removal from the source, or a re-appearance.
 */
export type ArticleEventKind = 'edit' | 'deleted' | 'restored';

/** How an edit changed the text (history/classify.ts); `first` never occurs in an event. */
export type EditKind = 'cosmetic' | 'headline' | 'body';

export interface ArticleEvent {
  articleId: string;
  sourceId: string;
  /** When it was observed: the time of the capture that showed it (ISO 8601). */
  at: string;
  kind: ArticleEventKind;
  /** `edit`: the new version's number. */
  versionSeq: number | null;
  /** `edit`: the classification; null only for edits archived before classification was stored. */
  change: EditKind | null;
  /** `edit`: words added plus words removed. */
  editSize: number | null;
  /** `deleted` / `restored`: the evidence, e.g. `HTTP 404` or `gone from its listing <url>`. */
  reason: string | null;
  /** The capture that showed it, when one did. */
  captureSha256: string | null;
  /**
   * The import that brought it (an export file's capture) rather than this archive's own
   * observation: kept as history, never counted by the coverage monitor's alarms. Absent: null.
   */
  broughtBy?: string | null;
}
