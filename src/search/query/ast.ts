/**
 * The search query language's syntax tree (docs/search.md). Parsing and printing are pure; the tree is
 * what the compiler turns into a plan and what `print` turns back into canonical text.
 */

export type Field =
  | 'title'
  | 'source'
  | 'lang'
  | 'place'
  | 'date'
  | 'archived'
  | 'before'
  | 'after'
  | 'status'
  | 'version'
  | 'person'
  | 'with'
  | 'translated';

/** Inclusive `YYYY-MM-DD` bounds; either side may be open. */
export interface DateRange {
  from: string | null;
  to: string | null;
}

/** Days (UTC, inclusive) or the last so many hours before the search runs. */
export type ArchivedSpan = { kind: 'days'; range: DateRange } | { kind: 'recent'; hours: number };

export type QueryNode =
  /** A word: stemmed (`talks` finds `talk`), or a prefix when written `word*`. */
  | { type: 'term'; text: string; prefix: boolean }
  /** `"exact phrase"`: words in this order, never stemmed. */
  | { type: 'phrase'; text: string }
  /** `title:…` restricts text to the headline. */
  | { type: 'title'; node: QueryNode }
  | { type: 'filter'; field: 'source' | 'lang' | 'place' | 'status'; value: string }
  | { type: 'date'; field: 'date' | 'before' | 'after'; raw: string; range: DateRange }
  /** `archived:`: when the archive first received the text (not when it was published). */
  | { type: 'archived'; raw: string; span: ArchivedSpan }
  /**
   * `person:NAME`: texts naming the person (any spelling the gazetteer knows); `with:NAME`: texts
   * reporting an activity the person led or accompanied (docs/search.md).
   */
  | { type: 'person'; field: 'person' | 'with'; value: string }
  /** `translated:yes`: texts linked to a translation in another edition; `translated:no`: the rest. */
  | { type: 'translated'; value: boolean }
  /**
   * `version:any` widens every word of the query to older versions of the text; `version:current` (the
   * default) is the current text only. It applies to the whole query wherever it stands, so it may
   * only stand beside other parts (an operand of an AND), never alone, as an alternative or under NOT.
   */
  | { type: 'version'; value: VersionScope }
  | { type: 'not'; node: QueryNode }
  | { type: 'and'; nodes: QueryNode[] }
  | { type: 'or'; nodes: QueryNode[] };

export const STATUSES = ['live', 'deleted', 'teaser'] as const;

export const VERSION_SCOPES = ['current', 'any'] as const;
export type VersionScope = (typeof VERSION_SCOPES)[number];

/** A malformed query: what is wrong and where (0-based offset into the query text). */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at character ${position + 1})`);
    this.name = 'QuerySyntaxError';
  }
}
