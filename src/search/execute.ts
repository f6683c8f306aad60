/**
 * Evaluates a plan: text parts go to the engine's full-text index (as few calls as possible: the
 * positive words of an AND become one expression, its negated words an EXCEPT), filters run over the
 * in-memory columns. The result is every matching document, ascending, for exact totals and facets.
 */
import type { SearchIndex } from '../store/types.js';
import { UNKNOWN_DAY, type SearchColumns } from './columns.js';
import { dayNumberOfIso } from './periods.js';
import type { Filter, Plan, TextExpr } from './plan.js';
import { ascending, intersect, subtract, union } from './sets.js';

export interface Matched {
  ids: Uint32Array;
  /** bm25 per id when relevance was asked for and the query has words; null otherwise. */
  scores: Float64Array | null;
}

export class UnknownValueError extends Error {}

export async function execute(plan: Plan, columns: SearchColumns, index: SearchIndex, withScores: boolean): Promise<Matched> {
  const ctx = new Context(columns, index);
  if (!withScores) return { ids: await ctx.evaluate(plan), scores: null };
  // The common shapes (words, words with filters) score in the same index call that matches.
  const direct = await ctx.scored(plan);
  if (direct) return direct;
  const ids = await ctx.evaluate(plan);
  const words = positiveText(plan);
  if (!words) return { ids, scores: null };
  // One scoring pass over the positive words; documents matched only through filters or ORs with
  // filters score as if they matched nothing (+∞ sorts them last).
  const m = await index.match(words, true);
  const scored = ascending(m.ids, m.scores);
  const scores = new Float64Array(ids.length).fill(Number.POSITIVE_INFINITY);
  let j = 0;
  for (let i = 0; i < ids.length; i++) {
    while (j < scored.ids.length && scored.ids[j]! < ids[i]!) j++;
    if (j < scored.ids.length && scored.ids[j] === ids[i]) scores[i] = scored.scores![j]!;
  }
  return { ids, scores };
}

class Context {
  constructor(private readonly columns: SearchColumns, private readonly index: SearchIndex) {}

  async evaluate(plan: Plan): Promise<Uint32Array> {
    switch (plan.kind) {
      case 'none':
        return new Uint32Array(0);
      case 'text':
        return this.text(plan.expr);
      case 'filter':
        return this.filtered(this.columns.all(), [this.predicate(plan.filter)]);
      case 'not':
        return subtract(this.columns.all(), await this.evaluate(plan.item));
      case 'or':
        if (plan.items.every((p) => p.kind === 'text')) return this.text({ kind: 'or', items: plan.items.map((p) => (p as { expr: TextExpr }).expr) });
        return (await Promise.all(plan.items.map((p) => this.evaluate(p)))).reduce(union);
      case 'and':
        return this.and(plan.items);
    }
  }

  /** Matches with scores in one index call, when the plan is words, or words AND filters; else null. */
  async scored(plan: Plan): Promise<Matched | null> {
    const items = plan.kind === 'text' ? [plan] : plan.kind === 'and' ? flattenAnd(plan.items) : null;
    if (!items) return null;
    const positive: TextExpr[] = [];
    const negative: TextExpr[] = [];
    const predicates: ((d: number) => boolean)[] = [];
    for (const item of items) {
      if (item.kind === 'text') positive.push(item.expr);
      else if (item.kind === 'not' && item.item.kind === 'text') negative.push(item.item.expr);
      else if (item.kind === 'filter') predicates.push(this.predicate(item.filter));
      else if (item.kind === 'not' && item.item.kind === 'filter') {
        const p = this.predicate(item.item.filter);
        predicates.push((d) => !p(d));
      } else return null;
    }
    if (positive.length === 0) return null;
    const base: TextExpr = positive.length === 1 ? positive[0]! : { kind: 'and', items: positive };
    const minus: TextExpr | null = negative.length === 0 ? null : negative.length === 1 ? negative[0]! : { kind: 'or', items: negative };
    const m = await this.index.match(minus ? { kind: 'except', base, minus } : base, true);
    const sorted = ascending(m.ids, m.scores);
    const ids = new Uint32Array(sorted.ids.length);
    const scores = new Float64Array(sorted.ids.length);
    let n = 0;
    outer: for (let i = 0; i < sorted.ids.length; i++) {
      const d = sorted.ids[i]!;
      if (!this.columns.present[d]) continue;
      for (const p of predicates) if (!p(d)) continue outer;
      ids[n] = d;
      scores[n++] = sorted.scores![i]!;
    }
    return { ids: ids.subarray(0, n), scores: scores.subarray(0, n) };
  }

  private async and(items: Plan[]): Promise<Uint32Array> {
    const positive: TextExpr[] = [];
    const negative: TextExpr[] = [];
    const predicates: ((d: number) => boolean)[] = [];
    const rest: Plan[] = [];
    for (const item of flattenAnd(items)) {
      if (item.kind === 'text') positive.push(item.expr);
      else if (item.kind === 'not' && item.item.kind === 'text') negative.push(item.item.expr);
      else if (item.kind === 'filter') predicates.push(this.predicate(item.filter));
      else if (item.kind === 'not' && item.item.kind === 'filter') {
        const p = this.predicate(item.item.filter);
        predicates.push((d) => !p(d));
      } else if (item.kind === 'none') return new Uint32Array(0);
      else rest.push(item);
    }
    const minus: TextExpr | null = negative.length === 0 ? null : negative.length === 1 ? negative[0]! : { kind: 'or', items: negative };
    let ids: Uint32Array;
    if (positive.length > 0) {
      const base: TextExpr = positive.length === 1 ? positive[0]! : { kind: 'and', items: positive };
      ids = await this.text(minus ? { kind: 'except', base, minus } : base);
    } else {
      ids = rest.length > 0 ? await this.evaluate(rest.shift()!) : this.columns.all();
      if (minus) ids = subtract(ids, await this.text(minus));
    }
    for (const item of rest) ids = intersect(ids, await this.evaluate(item));
    return predicates.length ? this.filtered(ids, predicates) : ids;
  }

  private async text(expr: TextExpr): Promise<Uint32Array> {
    return ascending((await this.index.match(expr, false)).ids, null).ids;
  }

  private filtered(ids: Uint32Array, predicates: ((d: number) => boolean)[]): Uint32Array {
    const out = new Uint32Array(ids.length);
    let n = 0;
    outer: for (let i = 0; i < ids.length; i++) {
      const d = ids[i]!;
      if (!this.columns.present[d]) continue;
      for (const p of predicates) if (!p(d)) continue outer;
      out[n++] = d;
    }
    return out.subarray(0, n);
  }

  private predicate(filter: Filter): (d: number) => boolean {
    const c = this.columns;
    switch (filter.field) {
      case 'source': {
        const code = c.sources.find(filter.value);
        if (code === undefined) throw new UnknownValueError(`no source "${filter.value}" in this archive (sources: ${c.sources.values.join(', ') || 'none'})`);
        return (d) => c.source[d] === code;
      }
      case 'lang': {
        const code = c.languages.find(filter.value);
        return code === undefined ? () => false : (d) => c.language[d] === code;
      }
      case 'place': {
        const code = c.places.find(filter.value.toLowerCase());
        return code === undefined ? () => false : (d) => c.place[d] === code;
      }
      case 'status': {
        const code = c.statusCode(filter.value);
        return (d) => c.status[d] === code;
      }
      case 'date': {
        const from = filter.from ? dayNumberOfIso(filter.from) : -Infinity;
        const to = filter.to ? dayNumberOfIso(filter.to) : Infinity;
        return (d) => c.day[d] !== UNKNOWN_DAY && c.day[d]! >= from && c.day[d]! <= to;
      }
    }
  }
}

function flattenAnd(items: Plan[]): Plan[] {
  return items.flatMap((p) => (p.kind === 'and' ? flattenAnd(p.items) : [p]));
}

/** The words a document should be scored on: every text of the plan not under a NOT. */
function positiveText(plan: Plan): TextExpr | null {
  const out: TextExpr[] = [];
  const visit = (p: Plan): void => {
    if (p.kind === 'text') out.push(p.expr);
    else if (p.kind === 'and' || p.kind === 'or') p.items.forEach(visit);
  };
  visit(plan);
  return out.length === 0 ? null : out.length === 1 ? out[0]! : { kind: 'or', items: out };
}
