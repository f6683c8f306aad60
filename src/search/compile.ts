/**
 * Syntax tree → plan. Pure: the words' stem expansions are looked up beforehand (`stemmableTokens` says
 * which) and passed in, so compiling needs no I/O.
 */
import {
  QuerySyntaxError,
  type ArchivedSpan,
  type QueryNode,
  type VersionScope,
} from './query/ast.js';
import type { Filter, Highlight, Plan, TextExpr } from './plan.js';
import { personIdsFor } from '../analyse/resolver.js';
import { isStemmable } from './stems.js';
import { isCjkToken, searchTokens } from './text.js';

function isSingleSyllable(token: string): boolean {
  return isCjkToken(token) && Array.from(token).length === 1;
}

/** Tokens of the query's plain words, whose same-stem words the engine's vocabulary should supply. */
export function stemmableTokens(node: QueryNode): string[] {
  const out = new Set<string>();
  const visit = (n: QueryNode): void => {
    if (n.type === 'term' && !n.prefix) {
      const tokens = searchTokens(n.text);
      if (tokens.length === 1 && isStemmable(tokens[0]!)) out.add(tokens[0]!);
    } else if (n.type === 'title' || n.type === 'not') visit(n.node);
    else if (n.type === 'and' || n.type === 'or') n.nodes.forEach(visit);
  };
  visit(node);
  return [...out];
}

export interface Compiled {
  plan: Plan;
  highlight: Highlight;
  /** Which texts the words are matched against: the current one, or any version (`version:any`). */
  versions: VersionScope;
}

/** The query's `version:` (the parser allows one, beside other parts), `current` when absent. */
export function versionScope(node: QueryNode): VersionScope {
  switch (node.type) {
    case 'version':
      return node.value;
    case 'and':
    case 'or':
      return node.nodes.map(versionScope).find((s) => s !== 'current') ?? 'current';
    case 'not':
    case 'title':
      return versionScope(node.node);
    default:
      return 'current';
  }
}

/** `now` (ms) resolves `archived:24h`; the rest of the compilation does not depend on it. */
export function compileQuery(
  node: QueryNode,
  expansions: ReadonlyMap<string, string[]>,
  now = Date.now(),
): Compiled {
  const highlight: Highlight = { tokens: new Set(), prefixes: [], phrases: [] };

  const text = (n: QueryNode): TextExpr | null => {
    switch (n.type) {
      case 'term': {
        const tokens = searchTokens(n.text);
        if (tokens.length === 0) return null;
        if (tokens.length > 1) return phrase(tokens);
        const token = tokens[0]!;
        if (!n.prefix && isSingleSyllable(token)) return syllable(token);
        if (n.prefix) {
          if (!highlight.prefixes.includes(token)) highlight.prefixes.push(token);
          return { kind: 'prefix', prefix: token };
        }
        const words = expansions.get(token) ?? [token];
        for (const w of words) highlight.tokens.add(w);
        return { kind: 'any', tokens: words };
      }
      case 'phrase': {
        const tokens = searchTokens(n.text);
        if (tokens.length === 0) return null;
        if (tokens.length === 1) {
          if (isSingleSyllable(tokens[0]!)) return syllable(tokens[0]!);
          highlight.tokens.add(tokens[0]!);
          return { kind: 'any', tokens };
        }
        return phrase(tokens);
      }
      case 'and':
      case 'or': {
        const items = n.nodes.map(text);
        if (n.type === 'and' && items.some((i) => i === null)) return null;
        const kept = distinct(items.filter((i): i is TextExpr => i !== null));
        return kept.length === 0
          ? null
          : kept.length === 1
            ? kept[0]!
            : { kind: n.type, items: kept };
      }
      default:
        throw new QuerySyntaxError('title: takes words, phrases, AND and OR only', 0);
    }
  };

  // One Korean or Chinese syllable (`당`, the party; `핵`, nuclear) is no token of the bigram index
  // unless it stands alone: it is looked up as the first half of the bigrams it opens (`당의`, `당원`),
  // which finds it everywhere but at the very end of a longer word (`로동당` followed by a space).
  const syllable = (token: string): TextExpr => {
    highlight.tokens.add(token);
    return { kind: 'prefix', prefix: token };
  };

  const phrase = (tokens: string[]): TextExpr => {
    if (!highlight.phrases.some((p) => p.join(' ') === tokens.join(' ')))
      highlight.phrases.push(tokens);
    return isSingleSyllable(tokens.at(-1)!)
      ? { kind: 'phrase', tokens, lastPrefix: true }
      : { kind: 'phrase', tokens };
  };

  const plan = (n: QueryNode): Plan => {
    switch (n.type) {
      case 'term':
      case 'phrase': {
        const expr = text(n);
        return expr ? { kind: 'text', expr } : { kind: 'none' };
      }
      case 'title': {
        const expr = text(n.node);
        return expr ? { kind: 'text', expr: { kind: 'title', expr } } : { kind: 'none' };
      }
      case 'filter':
        return { kind: 'filter', filter: { field: n.field, value: n.value } as Filter };
      case 'date':
        return { kind: 'filter', filter: { field: 'date', from: n.range.from, to: n.range.to } };
      case 'archived':
        return { kind: 'filter', filter: archivedFilter(n.span, now) };
      case 'person':
        return { kind: 'people', role: n.field, ids: personIdsFor(n.value) };
      case 'translated':
        return n.value ? { kind: 'translated' } : { kind: 'not', item: { kind: 'translated' } };
      case 'not':
        return { kind: 'not', item: plan(n.node) };
      case 'and':
      case 'or': {
        // `version:` is no condition on documents but the scope of the whole query (see versionScope).
        const items = distinct(n.nodes.filter((c) => c.type !== 'version').map(plan));
        return items.length === 1 ? items[0]! : { kind: n.type, items };
      }
      case 'version':
        throw new QuerySyntaxError('"version:" needs words or filters beside it', 0);
    }
  };

  return { plan: plan(node), highlight, versions: versionScope(node) };
}

/**
 * The items without repeats, first of each kept: `a AND a` is `a`, `a OR a` is `a`, but each copy
 * would read the index again (and be scored again). Words whose stem expansions are the same set of
 * forms (`talk talks`) are one.
 */
function distinct<T extends Plan | TextExpr>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item, (_k, v: unknown) =>
      v && typeof v === 'object' && (v as TextExpr).kind === 'any'
        ? { kind: 'any', tokens: [...(v as { tokens: string[] }).tokens].sort() }
        : v,
    );
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function archivedFilter(span: ArchivedSpan, now: number): Filter {
  if (span.kind === 'recent')
    return { field: 'archived', from: Math.floor(now / 1000) - span.hours * 3600, to: null };
  const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
  return {
    field: 'archived',
    from: span.range.from ? seconds(span.range.from) : null,
    to: span.range.to ? seconds(span.range.to) + 86_399 : null,
  };
}
