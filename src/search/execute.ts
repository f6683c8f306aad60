/**
 * Evaluates a plan: text parts go to the engine's full-text index (as few calls as possible: the
 * positive words of an AND become one expression, its negated words an EXCEPT), filters run over the
 * in-memory columns. The result is every matching document, ascending, for exact totals and facets.
 */
import type { SearchIndex } from '../store/types.js';
import { UNKNOWN_DAY, type SearchColumns } from './columns.js';
import { NO_DEADLINE, type Deadline } from './deadline.js';
import type { VersionScope } from './query/ast.js';
import { dayNumberOfIso } from './periods.js';
import type { Filter, Plan, TextExpr } from './plan.js';
import { ascending, intersect, subtract, union } from './sets.js';
import {
  olderKey,
  postingsKey,
  prefixKey,
  textKey,
  TokenCache,
  wordKey,
  wordsKey,
} from './token-cache.js';
import {
  finishScores,
  mergePostings,
  partialScores,
  scoringTerms,
  type Postings,
  type Term,
} from './bm25.js';
import { isCommon, type CommonTerm, type DeferredScoring } from './common-words.js';

const NO_POSTINGS: Postings = { ids: new Uint32Array(0), counts: new Uint16Array(0) };

export interface Matched {
  ids: Uint32Array;
  /** Common words left to score where they can change the page (common-words.ts), or null. */
  deferred?: DeferredScoring | null;
  /**
   * BM25 per id (bm25.ts; lower is better, +∞ for a match holding none of the words) when relevance
   * was asked for and the query has words.
   */
  scores: Float64Array | null;
  /** How many of the matches hold a word of the query, and so were scored. */
  scored: number;
}

/** Words a prefix may stand for when it is scored: more than any query's limit allows to match. */
const PREFIX_WORDS = 100_000;

export class UnknownValueError extends Error {}

/** Where `person:` and `with:` read their documents (store.people.documents). */
export type PeopleDocuments = (
  ids: string[],
  role: 'person' | 'with',
  anyVersion: boolean,
) => Promise<Uint32Array>;

const NO_PEOPLE: PeopleDocuments = async () => new Uint32Array(0);

/** Where `translated:` reads its documents (store.translations.documents). */
export type TranslatedDocuments = () => Promise<Uint32Array>;

const NO_TRANSLATIONS: TranslatedDocuments = async () => new Uint32Array(0);

/**
 * `versions: 'any'` (version:any): each word, prefix, phrase or headline search matches an article
 * when it matches the current text or any older version; scores stay those of the current text, so
 * articles matched only through an older version follow the scored ones. `deadline` is checked
 * around every index read.
 */
export async function execute(
  plan: Plan,
  columns: SearchColumns,
  index: SearchIndex,
  withScores: boolean,
  tokens: TokenCache = new TokenCache(),
  versions: VersionScope = 'current',
  deadline: Deadline = NO_DEADLINE,
  people: PeopleDocuments = NO_PEOPLE,
  translated: TranslatedDocuments = NO_TRANSLATIONS,
): Promise<Matched> {
  const context = new Context(columns, index, tokens, versions, deadline, people, translated);
  const ids = await context.evaluate(plan);
  const words = withScores ? positiveText(plan) : null;
  if (!words || ids.length === 0) return { ids, scores: null, scored: 0, deferred: null };
  // Every match is scored; one matched only through a filter (or an OR with one) scores +∞ and
  // sorts after every scored hit. Words in half the documents or more are left for the page
  // (common-words.ts): their postings are the longest and they move a score by millionths.
  const stats = columns.collectionStats();
  const terms = await Promise.all(scoringTerms(words).map((t) => context.term(t)));
  const common = terms.filter((t) => isCommon(t.holding.length, stats));
  const rare = terms.filter((t) => !isCommon(t.holding.length, stats));
  const postings = await Promise.all(rare.map((t) => context.postings(t.tokens)));
  await deadline.pause();
  const partial = partialScores(ids, postings, columns.words, stats);
  const { scores, scored } = finishScores(partial);
  if (common.length === 0) return { ids, scores, scored, deferred: null };
  const deferred: DeferredScoring = {
    terms: common,
    partial,
    postings: () => Promise.all(common.map((t) => context.postings(t.tokens))),
  };
  return { ids, scores, scored, deferred };
}

class Context {
  /**
   * Lists being read for this search. Branches run concurrently; the token cache shares reads under
   * way between searches, but only within one generation of the index: this keeps every branch of one
   * search on the same list even when a refresh moves the cache on while it runs.
   */
  private readonly reading = new Map<string, Promise<Uint32Array | Postings>>();

  constructor(
    private readonly columns: SearchColumns,
    private readonly index: SearchIndex,
    private readonly tokens: TokenCache,
    private readonly versions: VersionScope,
    private readonly deadline: Deadline,
    private readonly people: PeopleDocuments,
    private readonly translated: TranslatedDocuments,
  ) {}

  async evaluate(plan: Plan): Promise<Uint32Array> {
    // Filters and NOTs are passes over every article's columns: cheap, but not free at a million.
    await this.deadline.pause();
    switch (plan.kind) {
      case 'none':
        return new Uint32Array(0);
      case 'text':
        return this.text(plan.expr);
      case 'filter':
        return this.filtered(this.columns.all(), [this.predicate(plan.filter)]);
      case 'people':
        // Present documents only: an article deleted from the index since is no hit.
        return this.filtered(await this.people(plan.ids, plan.role, this.versions === 'any'), []);
      case 'translated':
        return this.filtered(await this.translated(), []);
      case 'not':
        return subtract(this.columns.all(), await this.evaluate(plan.item));
      case 'or':
        if (plan.items.every((p) => p.kind === 'text'))
          return this.text({
            kind: 'or',
            items: plan.items.map((p) => (p as { expr: TextExpr }).expr),
          });
        return (await Promise.all(plan.items.map((p) => this.evaluate(p)))).reduce(union);
      case 'and':
        return this.and(plan.items);
    }
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
    const minus: TextExpr | null =
      negative.length === 0
        ? null
        : negative.length === 1
          ? negative[0]!
          : { kind: 'or', items: negative };
    let ids: Uint32Array;
    if (positive.length > 0) {
      const base: TextExpr =
        positive.length === 1 ? positive[0]! : { kind: 'and', items: positive };
      ids = await this.text(minus ? { kind: 'except', base, minus } : base);
    } else {
      ids = rest.length > 0 ? await this.evaluate(rest.shift()!) : this.columns.all();
      if (minus) ids = subtract(ids, await this.text(minus));
    }
    for (const item of rest) ids = intersect(ids, await this.evaluate(item));
    return predicates.length ? this.filtered(ids, predicates) : ids;
  }

  /**
   * Words and prefixes from the in-memory lists, combined here; phrases and headline searches from
   * the index, once per generation (`fromIndex`).
   */
  private async text(expr: TextExpr): Promise<Uint32Array> {
    switch (expr.kind) {
      case 'any':
      case 'prefix':
        return this.withOlder(listKey(expr), expr, this.wordList(expr));
      case 'and': {
        const lists = await Promise.all(expr.items.map((e) => this.text(e)));
        return lists.sort((a, b) => a.length - b.length).reduce(intersect);
      }
      case 'or':
        return (await Promise.all(expr.items.map((e) => this.text(e)))).reduce(union);
      case 'except':
        return subtract(await this.text(expr.base), await this.text(expr.minus));
      default:
        return this.fromIndex(expr);
    }
  }

  /** A scored word: the tokens it stands for and the documents holding any, from the word lists. */
  async term(term: Term): Promise<CommonTerm> {
    if ('prefix' in term) {
      const holding = await this.wordList({ kind: 'prefix', prefix: term.prefix });
      return { tokens: await this.index.vocabulary(term.prefix, PREFIX_WORDS), holding };
    }
    return {
      tokens: term.tokens,
      holding: await this.wordList({ kind: 'any', tokens: term.tokens }),
    };
  }

  /**
   * The documents whose current text holds a word (any of its forms) or a prefix, kept under
   * `listKey`. The forms of a stem are kept as one list, merged once from their own lists.
   */
  private wordList(expr: WordExpr): Promise<Uint32Array> {
    const load = (): Promise<Uint32Array> =>
      expr.kind === 'any' && expr.tokens.length > 1
        ? Promise.all(expr.tokens.map((t) => this.wordList({ kind: 'any', tokens: [t] }))).then(
            (lists) => lists.reduce(union),
          )
        : this.currentMatches(expr);
    return this.cachedList(listKey(expr), load);
  }

  /** A scored word's postings: those of the tokens it stands for, read once per index generation. */
  async postings(tokens: string[]): Promise<Postings> {
    if (tokens.length === 0) return NO_POSTINGS;
    const read = (t: string) => this.cachedEntry(postingsKey(t), () => this.readPostings(t));
    if (tokens.length === 1) return read(tokens[0]!);
    return this.cachedEntry(postingsKey(wordsKey(tokens)), async () =>
      mergePostings(await Promise.all(tokens.map(read))),
    );
  }

  private async readPostings(token: string): Promise<Postings> {
    await this.deadline.pause();
    return this.index.postings(token);
  }

  /** `current`, and under `version:any` the matches among older versions too (kept under `key`'s). */
  private async withOlder(
    key: string,
    expr: TextExpr,
    current: Promise<Uint32Array>,
  ): Promise<Uint32Array> {
    const ids = await current;
    if (this.versions === 'current') return ids;
    // Older versions' lists live under keys of their own, in the same cache.
    return union(ids, await this.cachedList(olderKey(key), () => this.olderMatches(expr)));
  }

  private cachedList(key: string, load: () => Promise<Uint32Array>): Promise<Uint32Array> {
    return this.cachedEntry(key, load);
  }

  private cachedEntry<T extends Uint32Array | Postings>(
    key: string,
    load: () => Promise<T>,
  ): Promise<T> {
    const entry = this.tokens.get<T>(key);
    if (entry) return Promise.resolve(entry);
    let reading = this.reading.get(key) as Promise<T> | undefined;
    if (!reading) {
      // Kept before the deadline may stop the search: asked again, it gets further. Another search's
      // read that failed (its own deadline) is read again under this one's; this one's own is not.
      const { entry: shared, joined } = this.tokens.readShared(key, load);
      const read = joined ? shared.catch(() => this.tokens.readShared(key, load).entry) : shared;
      reading = read.then((loaded) => {
        this.deadline.check();
        return loaded;
      });
      this.reading.set(key, reading);
    }
    return reading;
  }

  /** A phrase or headline search: read from the index once per generation, then kept like a word. */
  private async fromIndex(expr: TextExpr): Promise<Uint32Array> {
    const key = textKey(expr);
    const ids = await this.withOlder(
      key,
      expr,
      this.cachedList(key, () => this.currentMatches(expr)),
    );
    this.deadline.check();
    return ids;
  }

  private async currentMatches(expr: TextExpr): Promise<Uint32Array> {
    await this.deadline.pause();
    return ascending((await this.index.match(expr)).ids, null).ids;
  }

  private async olderMatches(expr: TextExpr): Promise<Uint32Array> {
    await this.deadline.pause();
    return (await this.index.matchOlder(expr)).ids;
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
        if (code === undefined)
          throw new UnknownValueError(
            `no source "${filter.value}" in this archive (sources: ${c.sources.values.join(', ') || 'none'})`,
          );
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
      case 'archived': {
        const from = filter.from ?? -Infinity;
        const to = filter.to ?? Infinity;
        return (d) => c.archived[d]! >= from && c.archived[d]! <= to;
      }
      case 'date': {
        const from = filter.from ? dayNumberOfIso(filter.from) : -Infinity;
        const to = filter.to ? dayNumberOfIso(filter.to) : Infinity;
        return (d) => c.day[d] !== UNKNOWN_DAY && c.day[d]! >= from && c.day[d]! <= to;
      }
    }
  }
}

/** A word (its forms) or a prefix: what the in-memory lists hold. */
type WordExpr = Extract<TextExpr, { kind: 'any' } | { kind: 'prefix' }>;

/** The cache key of a word's (or its forms') or a prefix's list. */
function listKey(expr: WordExpr): string {
  if (expr.kind === 'prefix') return prefixKey(expr.prefix);
  return expr.tokens.length === 1 ? wordKey(expr.tokens[0]!) : wordsKey(expr.tokens);
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
