/**
 * A compiled text expression → an FTS5 MATCH string. Every token is quoted, so nothing a user typed can
 * reach FTS5's syntax: the query language is parsed by wirewatch, never by SQLite.
 */
import type { TextExpr } from '../../search/plan.js';

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

export function ftsMatch(expr: TextExpr): string {
  switch (expr.kind) {
    case 'any':
      return expr.tokens.length === 1
        ? quote(expr.tokens[0]!)
        : `(${expr.tokens.map(quote).join(' OR ')})`;
    case 'prefix':
      return `${quote(expr.prefix)}*`;
    case 'phrase':
      return `${quote(expr.tokens.join(' '))}${expr.lastPrefix ? '*' : ''}`;
    case 'and':
    case 'or':
      return `(${expr.items.map(ftsMatch).join(expr.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'except':
      return `(${ftsMatch(expr.base)} NOT ${ftsMatch(expr.minus)})`;
    case 'title':
      return `{title} : ${ftsMatch(expr.expr)}`;
  }
}
