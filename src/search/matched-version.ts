/**
 * Under `version:any`, which version of each hit on the page matched: null when the current text
 * matches the query on its own, else the newest older version that holds the query's words. Worked
 * out for one page of hits only, so only `version:any` pays for it.
 */
import type { SearchIndex } from '../store/types.js';
import type { SearchColumns } from './columns.js';
import { NO_DEADLINE, type Deadline } from './deadline.js';
import { execute } from './execute.js';
import type { Plan, TextExpr } from './plan.js';
import type { TokenCache } from './token-cache.js';

export async function matchedVersions(
  plan: Plan,
  pageDocs: number[],
  columns: SearchColumns,
  index: SearchIndex,
  tokens: TokenCache,
  deadline: Deadline = NO_DEADLINE,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const words = positiveWords(plan);
  if (!words || pageDocs.length === 0) return out;
  // The same query on the current text only (its word lists are mostly cached by now): a hit it
  // finds matched in its current text.
  const current = (await execute(plan, columns, index, false, tokens, 'current', deadline)).ids;
  let older = pageDocs.filter((d) => !has(current, d));
  // Best: an older version that holds all the query's words. Words can also have matched in different
  // versions (one in the current text, one in an old one): then the newest older version holding any.
  for (const expr of [words.all, words.any]) {
    if (older.length === 0) break;
    await deadline.pause();
    const m = await index.matchOlder(expr, older);
    m.ids.forEach((d, i) => out.set(d, m.versions[i]!));
    older = older.filter((d) => !out.has(d));
  }
  return out;
}

/**
 * The query's text not under a NOT, twice: keeping its ANDs and ORs (`all`), and as an OR of every
 * part (`any`). Null when the query has no words, only filters.
 */
function positiveWords(plan: Plan): { all: TextExpr; any: TextExpr } | null {
  const parts: TextExpr[] = [];
  const all = (p: Plan): TextExpr | null => {
    switch (p.kind) {
      case 'text':
        parts.push(p.expr);
        return p.expr;
      case 'and':
      case 'or': {
        const items = p.items.map(all).filter((e): e is TextExpr => e !== null);
        // In an OR with a filter, any matching word will do (the filter may be what matched).
        if (p.kind === 'or' && items.length < p.items.length) return null;
        return items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: p.kind, items };
      }
      default:
        return null;
    }
  };
  const whole = all(plan);
  if (parts.length === 0) return null;
  const any: TextExpr = parts.length === 1 ? parts[0]! : { kind: 'or', items: parts };
  return { all: whole ?? any, any };
}

/** Binary search in an ascending list. */
function has(ids: Uint32Array, d: number): boolean {
  let lo = 0,
    hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] === d) return true;
    if (ids[mid]! < d) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
