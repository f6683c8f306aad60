/**
 * Translations: one KCNA item in several editions (English, Spanish, …), linked by the pipeline
 * driver (pipeline/derive-translations.ts, matching by reconcile/translations.ts). Each article has
 * at most one translation per other language. Both engines implement `TranslationStore`.
 */

/** A full-dated article's current text, as the matcher reads it. */
export interface TranslationCandidate {
  id: string;
  language: string;
  /** Publication day, `YYYY-MM-DD`. */
  date: string;
  title: string | null;
  body: string;
  /**
   * The titles and bodies of the article's earlier versions, joined by newlines; null when it was
   * never edited. A name cut from an edition is still one that edition writes.
   */
  earlier: string | null;
}

/** One link as stored, seen from `articleId`. */
export interface TranslationLink {
  articleId: string;
  otherId: string;
  score: number;
  /** Figures and names this article has and the other lacks, and the other way round. */
  onlyHere: string[];
  onlyThere: string[];
}

/** A translation as an article's page and API show it. */
export interface TranslationView extends TranslationLink {
  language: string | null;
  sourceId: string;
  title: string | null;
  date: string | null;
}

/** How far linking has come: the newest article (its row number) and the newest edit event. */
export interface TranslationMark {
  articles: number;
  edits: number;
}

export interface TranslationStore {
  /**
   * The publication days of articles added or edited since the last `done`, and the mark to pass to
   * `done` once they are linked (articles added or edited meanwhile are picked up the next time).
   */
  pending(): Promise<{ days: string[]; mark: TranslationMark }>;
  done(mark: TranslationMark): Promise<void>;
  /** Full-dated live or removed articles published from `from` to `to` (inclusive). */
  candidates(from: string, to: string): Promise<TranslationCandidate[]>;
  /**
   * Replaces the links of the articles published from `from` to `to` with `links` (each given
   * once; stored both ways). A link also replaces its other article's link to the same language.
   */
  replace(from: string, to: string, links: TranslationLink[]): Promise<void>;
  /** The translations of one article, by language. */
  of(articleId: string): Promise<TranslationView[]>;
  /** Search: the documents that have a translation, ascending. */
  documents(): Promise<Uint32Array>;
}
