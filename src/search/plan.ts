/**
 * The compiled form of a query, independent of any storage engine: text expressions over index tokens
 * (each engine turns them into its own full-text syntax) and filters evaluated on article attributes.
 */

export type TextExpr =
  /** Any of these index tokens: a word and the words sharing its stem. */
  | { kind: 'any'; tokens: string[] }
  | { kind: 'prefix'; prefix: string }
  /**
   * Tokens adjacent and in order; with `lastPrefix`, the last one is a prefix (a one-syllable Korean
   * word at the end, `114돐`, which the bigram index holds only as the start of `돐경`).
   */
  | { kind: 'phrase'; tokens: string[]; lastPrefix?: boolean }
  | { kind: 'and' | 'or'; items: TextExpr[] }
  /** Matches of `base` that do not match `minus`. */
  | { kind: 'except'; base: TextExpr; minus: TextExpr }
  | { kind: 'title'; expr: TextExpr };

export type Filter =
  | { field: 'source' | 'lang' | 'status'; value: string }
  /** Dateline place, compared without case. */
  | { field: 'place'; value: string }
  /** Inclusive `YYYY-MM-DD` bounds; an article whose year is unknown never matches. */
  | { field: 'date'; from: string | null; to: string | null }
  /** When the archive first received it: inclusive bounds in seconds since 1970 (UTC). */
  | { field: 'archived'; from: number | null; to: number | null };

export type Plan =
  | { kind: 'text'; expr: TextExpr }
  | { kind: 'filter'; filter: Filter }
  /** Documents naming (`person`) or with (`with`) any of these person ids: read from the store. */
  | { kind: 'people'; role: 'person' | 'with'; ids: string[] }
  /** Documents linked to a translation (store.translations.documents). */
  | { kind: 'translated' }
  | { kind: 'and' | 'or'; items: Plan[] }
  | { kind: 'not'; item: Plan }
  /** A text that yields no index token at all (e.g. only punctuation inside a phrase) matches nothing. */
  | { kind: 'none' };

/** What to highlight in snippets: the tokens, prefixes and phrases the query looked for. */
export interface Highlight {
  tokens: Set<string>;
  prefixes: string[];
  phrases: string[][];
}
