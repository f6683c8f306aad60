/**
 * The size of a query as written, bounded before any index is read (`limits.search` in the config):
 * each word, prefix and filter costs an index read or a pass over the columns, and a prefix reads
 * every word it stands for. The counts are of the query as written, before the compiled plan drops
 * repeats, so a query padded with copies is refused rather than quietly run.
 */
import type { SearchLimits } from '../config.js';
import { limitExceeded } from '../errors.js';
import type { QueryNode } from './query/ast.js';
import { searchTokens } from './text.js';

export function checkQueryLength(query: string, limits: SearchLimits): void {
  if (query.length > limits.maxQueryLength) {
    throw limitExceeded(
      'search.maxQueryLength',
      `the query is ${query.length} characters long; at most ${limits.maxQueryLength}`,
    );
  }
}

export function checkQuerySize(tree: QueryNode, limits: SearchLimits): void {
  let terms = 0;
  let prefixes = 0;
  const visit = (n: QueryNode): void => {
    switch (n.type) {
      case 'term':
        if (n.prefix) prefixes++;
        terms += Math.max(1, searchTokens(n.text).length);
        return;
      case 'phrase':
        terms += Math.max(1, searchTokens(n.text).length);
        return;
      case 'filter':
      case 'date':
      case 'person':
      case 'translated':
        terms++;
        return;
      case 'version':
        return;
      case 'not':
      case 'title':
        return visit(n.node);
      case 'and':
      case 'or':
        return n.nodes.forEach(visit);
    }
  };
  visit(tree);
  if (prefixes > limits.maxPrefixes) {
    throw limitExceeded(
      'search.maxPrefixes',
      `the query has ${prefixes} prefixes; at most ${limits.maxPrefixes}`,
    );
  }
  if (terms > limits.maxTerms)
    throw limitExceeded(
      'search.maxTerms',
      `the query has ${terms} terms; at most ${limits.maxTerms}`,
    );
}

/** The distinct prefixes of a query (`econom*` → `econom`), as index tokens. */
export function queryPrefixes(tree: QueryNode): string[] {
  const out = new Set<string>();
  const visit = (n: QueryNode): void => {
    if (n.type === 'term' && n.prefix) {
      const tokens = searchTokens(n.text);
      if (tokens.length === 1) out.add(tokens[0]!);
    } else if (n.type === 'not' || n.type === 'title') visit(n.node);
    else if (n.type === 'and' || n.type === 'or') n.nodes.forEach(visit);
  };
  visit(tree);
  return [...out];
}
