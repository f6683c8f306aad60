/**
 * Syntax tree → canonical query text: explicit `AND`/`OR`, parentheses only where needed, `-` for NOT.
 * `parseQuery(printQuery(tree))` gives the same tree back (a property test checks this).
 */
import type { QueryNode } from './ast.js';

export function printQuery(node: QueryNode): string {
  switch (node.type) {
    case 'term':
      return `${node.text}${node.prefix ? '*' : ''}`;
    case 'phrase':
      return `"${node.text}"`;
    case 'title':
      return `title:${node.node.type === 'term' || node.node.type === 'phrase' ? printQuery(node.node) : `(${printQuery(node.node)})`}`;
    case 'filter':
      return `${node.field}:${needsQuotes(node.value) ? `"${node.value}"` : node.value}`;
    case 'date':
      return `${node.field}:${node.raw}`;
    case 'archived':
      return `archived:${node.raw}`;
    case 'person':
      return `${node.field}:${needsQuotes(node.value) ? `"${node.value}"` : node.value}`;
    case 'version':
      return `version:${node.value}`;
    case 'translated':
      return `translated:${node.value ? 'yes' : 'no'}`;
    case 'not':
      return `-${wrapped(node.node, 'not')}`;
    case 'and':
      return node.nodes.map((n) => wrapped(n, 'and')).join(' AND ');
    case 'or':
      return node.nodes.map((n) => wrapped(n, 'or')).join(' OR ');
  }
}

/** Parenthesises a child that would otherwise bind differently under its parent. */
function wrapped(node: QueryNode, parent: 'not' | 'and' | 'or'): string {
  const text = printQuery(node);
  const needs =
    parent === 'not'
      ? node.type === 'and' || node.type === 'or' || node.type === 'not'
      : parent === 'and'
        ? node.type === 'and' || node.type === 'or'
        : node.type === 'or';
  return needs ? `(${text})` : text;
}

function needsQuotes(value: string): boolean {
  return /[\s()":\u201c\u201d]/.test(value) || value === 'AND' || value === 'OR' || value === 'NOT';
}
