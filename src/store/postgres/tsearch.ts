/**
 * Text-search values for the PostgreSQL engine, built here as literals and cast (`$1::tsvector`,
 * `$1::tsquery`) so PostgreSQL's own parser and dictionaries never see the text: the words are those of
 * `indexTokens` (src/search/text.ts), stored exactly as the SQLite engine's FTS5 stores them, and every
 * query token is quoted, so nothing a user typed can reach tsquery syntax.
 */
import type { TextExpr } from '../../search/plan.js';
import { indexTokens } from '../../search/text.js';

/** PostgreSQL refuses a lexeme longer than this (bytes); such words are not indexed, and not found. */
export const MAX_LEXEME_BYTES = 2047;
/** A tsvector holds at most 1 MiB of lexemes; a text with more distinct words keeps its first ones. */
const MAX_VECTOR_BYTES = 1_000_000;

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

/** Whether a token can be a lexeme: non-empty, short enough, no NUL (which PostgreSQL text cannot hold). */
const searchable = (token: string) =>
  token.length > 0 && !token.includes('\0') && utf8Length(token) <= MAX_LEXEME_BYTES;

/** A quoted lexeme, in the syntax tsvector and tsquery input share: `'` doubled, `\` escaped. */
export const quoteLexeme = (token: string) =>
  `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsvector literal of an article: title words weighted A, body words B. The body's positions start
 * one past a gap after the title's, so a phrase never runs from the headline into the body (FTS5 keeps
 * them in separate columns). PostgreSQL keeps positions up to 16383 and 255 per word: text beyond that
 * is still found by its words, not by phrases.
 */
export function tsVector(title: string | null, body: string | null): string {
  return indexedDocument(title, body).vector;
}

/** PostgreSQL's last position: later words all stand there, once (a tsvector keeps each position once). */
const LAST_POSITION = 16383;

/**
 * The tsvector literal (`tsVector`), the words it was made of (the document's length for BM25) and
 * each lexeme with the number of positions the server keeps for it, as `unnest(tsv)` reads them back.
 */
export function indexedDocument(
  title: string | null,
  body: string | null,
): { vector: string; words: number; terms: Map<string, number> } {
  const positions = new Map<string, string[]>();
  const last = new Map<string, number>();
  let bytes = 0;
  const add = (tokens: string[], first: number, weight: 'A' | 'B') => {
    tokens.forEach((token, i) => {
      let list = positions.get(token);
      if (!list) {
        if (!searchable(token)) return;
        const size = utf8Length(token) + 8;
        if (bytes + size > MAX_VECTOR_BYTES) return;
        bytes += size;
        positions.set(token, (list = []));
      }
      const position = Math.min(first + i, LAST_POSITION);
      // The server merges equal positions (keeping the heavier weight: the title's, which comes first).
      if (list.length < 256 && last.get(token) !== position) {
        list.push(`${position}${weight}`);
        last.set(token, position);
      }
    });
  };
  const titleTokens = indexTokens(title);
  const bodyTokens = indexTokens(body);
  add(titleTokens, 1, 'A');
  add(bodyTokens, titleTokens.length + 2, 'B');
  let out = '';
  const terms = new Map<string, number>();
  for (const [token, list] of positions) {
    out += `${out ? ' ' : ''}${quoteLexeme(token)}:${list.join(',')}`;
    terms.set(token, list.length);
  }
  return { vector: out, words: titleTokens.length + bodyTokens.length, terms };
}

/**
 * A compiled text expression → tsquery text, or null when it can match nothing (a token that cannot
 * be a lexeme, see `searchable`). any → ('a' | 'b'), prefix → 'p':*, phrase → 'a' <-> 'b',
 * and → &, or → |, except → (base & !minus), title → every lexeme restricted to weight A.
 */
export function tsQuery(expr: TextExpr, title = false): string | null {
  const lexeme = (token: string, prefix = false) =>
    `${quoteLexeme(token)}${prefix || title ? `:${prefix ? '*' : ''}${title ? 'A' : ''}` : ''}`;
  switch (expr.kind) {
    case 'any': {
      const tokens = expr.tokens.filter(searchable);
      if (tokens.length === 0) return null;
      return tokens.length === 1
        ? lexeme(tokens[0]!)
        : `(${tokens.map((t) => lexeme(t)).join(' | ')})`;
    }
    case 'prefix':
      return searchable(expr.prefix) ? lexeme(expr.prefix, true) : null;
    case 'phrase':
      if (expr.tokens.length === 0 || !expr.tokens.every(searchable)) return null;
      return expr.tokens.length === 1
        ? lexeme(expr.tokens[0]!, expr.lastPrefix)
        : `(${expr.tokens
            .map((t, i) => lexeme(t, expr.lastPrefix === true && i === expr.tokens.length - 1))
            .join(' <-> ')})`;
    case 'and': {
      const items = expr.items.map((e) => tsQuery(e, title));
      if (items.length === 0 || items.some((i) => i === null)) return null;
      return items.length === 1 ? items[0]! : `(${items.join(' & ')})`;
    }
    case 'or': {
      const items = expr.items.map((e) => tsQuery(e, title)).filter((i): i is string => i !== null);
      if (items.length === 0) return null;
      return items.length === 1 ? items[0]! : `(${items.join(' | ')})`;
    }
    case 'except': {
      const base = tsQuery(expr.base, title);
      if (base === null) return null;
      const minus = tsQuery(expr.minus, title);
      return minus === null ? base : `(${base} & !${minus})`;
    }
    case 'title':
      return tsQuery(expr.expr, true);
  }
}
