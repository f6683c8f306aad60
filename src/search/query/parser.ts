/**
 * Query text → syntax tree. Grammar (docs/search.md):
 *
 *   query   := or
 *   or      := and ("OR" and)*
 *   and     := unary ("AND"? unary)*          — juxtaposition means AND
 *   unary   := ("NOT" | "-") unary | primary
 *   primary := "(" or ")" | field ":" value | "phrase" | word | word*
 *
 * `version:` may appear once, as an operand of an AND not under NOT (checkVersionPlacement).
 *
 * Every malformed query throws a QuerySyntaxError naming the problem and its position.
 */
import {
  QuerySyntaxError,
  STATUSES,
  VERSION_SCOPES,
  type QueryNode,
  type VersionScope,
} from './ast.js';
import { parseArchivedValue, parseDateValue } from './dates.js';
import { lex, type Token } from './lexer.js';

const FIELDS = [
  'title',
  'source',
  'lang',
  'place',
  'date',
  'archived',
  'before',
  'after',
  'status',
  'version',
  'person',
  'with',
  'translated',
];
const MAX_DEPTH = 32;

/** The query's length is bounded by the caller (`limits.search.maxQueryLength`, search/limits.ts). */
export function parseQuery(query: string): QueryNode {
  const parser = new Parser(lex(query), query.length);
  if (parser.atEnd()) throw new QuerySyntaxError('the query is empty', 0);
  const node = parser.or(0);
  const extra = parser.peek();
  if (extra)
    throw new QuerySyntaxError(
      extra.kind === 'rparen' ? 'this ")" has no "(" to close' : 'unexpected text',
      extra.at,
    );
  checkVersionPlacement(node, parser.versionAt);
  return node;
}

/**
 * `version:` says which texts every word of the query is matched against, so it holds for the whole
 * query wherever it stands, once. It must stand beside something (an operand of an AND: `version:any
 * a OR b` reads as `(version:any AND a) OR b` and still widens both words), never alone, as an OR's
 * alternative or under NOT, where it would read as a condition it is not.
 */
function checkVersionPlacement(root: QueryNode, at: ReadonlyMap<QueryNode, number>): void {
  if (at.size === 0) return;
  if (root.type === 'version')
    throw new QuerySyntaxError('"version:" needs words or filters beside it', at.get(root)!);
  const allowed = new Set<QueryNode>();
  const visit = (n: QueryNode, negated: boolean): void => {
    if (n.type === 'and' && !negated)
      for (const c of n.nodes) if (c.type === 'version') allowed.add(c);
    if (n.type === 'and' || n.type === 'or') n.nodes.forEach((c) => visit(c, negated));
    else if (n.type === 'not' || n.type === 'title') visit(n.node, negated || n.type === 'not');
  };
  visit(root, false);
  const ordered = [...at].sort((a, b) => a[1] - b[1]);
  const misplaced = ordered.find(([n]) => !allowed.has(n));
  if (misplaced)
    throw new QuerySyntaxError(
      '"version:" applies to the whole query: put it beside the words, not as an OR\'s alternative or under NOT',
      misplaced[1],
    );
  if (ordered.length > 1)
    throw new QuerySyntaxError('"version:" can be given only once', ordered[1]![1]);
}

class Parser {
  private i = 0;
  /** Where each `version:` node was written, for errors about its placement. */
  readonly versionAt = new Map<QueryNode, number>();
  constructor(
    private readonly tokens: Token[],
    private readonly end: number,
  ) {}

  atEnd(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  or(depth: number): QueryNode {
    const nodes = [this.and(depth)];
    while (this.peek()?.kind === 'or') {
      const op = this.tokens[this.i++]!;
      this.needOperand(op, 'OR');
      nodes.push(this.and(depth));
    }
    return nodes.length === 1 ? nodes[0]! : { type: 'or', nodes };
  }

  private and(depth: number): QueryNode {
    const nodes = [this.unary(depth)];
    for (;;) {
      const next = this.peek();
      if (!next || next.kind === 'or' || next.kind === 'rparen') break;
      if (next.kind === 'and') {
        this.i++;
        this.needOperand(next, 'AND');
      }
      nodes.push(this.unary(depth));
    }
    return nodes.length === 1 ? nodes[0]! : { type: 'and', nodes };
  }

  private unary(depth: number): QueryNode {
    const token = this.peek();
    if (token && (token.kind === 'not' || token.kind === 'minus')) {
      this.i++;
      this.needOperand(token, token.kind === 'not' ? 'NOT' : '-');
      return { type: 'not', node: this.unary(depth) };
    }
    return this.primary(depth);
  }

  private primary(depth: number): QueryNode {
    const token = this.tokens[this.i++];
    if (!token) throw new QuerySyntaxError('a word or phrase is missing at the end', this.end);
    switch (token.kind) {
      case 'word':
        return termOf(token.text, token.at);
      case 'phrase':
        return phraseOf(token.text, token.at);
      case 'lparen':
        return this.group(token, depth);
      case 'field':
        return this.field(token.name, token.at, depth);
      case 'rparen':
        throw new QuerySyntaxError('this ")" has no "(" to close', token.at);
      default:
        throw new QuerySyntaxError(
          `${token.kind.toUpperCase()} needs a word or phrase before it`,
          token.at,
        );
    }
  }

  private group(open: Token, depth: number): QueryNode {
    if (depth >= MAX_DEPTH)
      throw new QuerySyntaxError(`parentheses are nested more than ${MAX_DEPTH} deep`, open.at);
    if (this.peek()?.kind === 'rparen')
      throw new QuerySyntaxError('these parentheses are empty', open.at);
    if (this.atEnd()) throw new QuerySyntaxError('this "(" is never closed', open.at);
    const node = this.or(depth + 1);
    if (this.peek()?.kind !== 'rparen')
      throw new QuerySyntaxError('this "(" is never closed', open.at);
    this.i++;
    return node;
  }

  private field(name: string, at: number, depth: number): QueryNode {
    if (!FIELDS.includes(name))
      throw new QuerySyntaxError(
        `unknown field "${name}:" (fields: ${FIELDS.join(', ')}; quote a phrase to search for a colon)`,
        at,
      );
    const value = this.peek();
    if (
      !value ||
      (value.kind !== 'word' &&
        value.kind !== 'phrase' &&
        !(name === 'title' && value.kind === 'lparen'))
    ) {
      throw new QuerySyntaxError(`"${name}:" needs a value right after the colon`, at);
    }
    if (name === 'title') {
      this.i++;
      let node: QueryNode;
      if (value.kind === 'lparen') node = this.group(value, depth);
      else if (value.kind === 'phrase') node = phraseOf(value.text, value.at);
      else if (value.kind === 'word') node = termOf(value.text, value.at);
      else throw new QuerySyntaxError('"title:" needs a value right after the colon', at);
      return { type: 'title', node };
    }
    this.i++;
    const text = value.kind === 'word' || value.kind === 'phrase' ? value.text.trim() : '';
    if (!text) throw new QuerySyntaxError(`"${name}:" needs a value right after the colon`, at);
    if (name === 'date' || name === 'before' || name === 'after') {
      return { type: 'date', field: name, raw: text, range: parseDateValue(name, text, value.at) };
    }
    if (name === 'archived') {
      return { type: 'archived', raw: text, span: parseArchivedValue(text, value.at) };
    }
    if (name === 'person' || name === 'with') {
      return { type: 'person', field: name, value: text.replace(/\s+/g, ' ') };
    }
    if (name === 'translated') {
      const answer = text.toLowerCase();
      if (answer !== 'yes' && answer !== 'no')
        throw new QuerySyntaxError('translated must be yes or no', value.at);
      return { type: 'translated', value: answer === 'yes' };
    }
    if (name === 'version') {
      const scope = text.toLowerCase();
      if (!(VERSION_SCOPES as readonly string[]).includes(scope))
        throw new QuerySyntaxError(`version must be one of ${VERSION_SCOPES.join(', ')}`, value.at);
      const node: QueryNode = { type: 'version', value: scope as VersionScope };
      this.versionAt.set(node, at);
      return node;
    }
    if (name === 'status' && !(STATUSES as readonly string[]).includes(text.toLowerCase())) {
      throw new QuerySyntaxError(`status must be one of ${STATUSES.join(', ')}`, value.at);
    }
    const field = name as 'source' | 'lang' | 'place' | 'status';
    return { type: 'filter', field, value: field === 'place' ? text : text.toLowerCase() };
  }

  private needOperand(op: Token, name: string): void {
    const next = this.peek();
    if (!next || next.kind === 'rparen' || next.kind === 'or' || next.kind === 'and') {
      throw new QuerySyntaxError(`${name} needs a word or phrase after it`, op.at);
    }
  }
}

function termOf(text: string, at: number): QueryNode {
  const prefix = text.endsWith('*');
  const word = prefix ? text.slice(0, -1) : text;
  if (word.includes('*'))
    throw new QuerySyntaxError('"*" can only end a word (prefix search)', at + word.indexOf('*'));
  if (!/[\p{L}\p{N}]/u.test(word)) {
    throw new QuerySyntaxError(
      prefix && !word
        ? '"*" needs the start of a word before it'
        : `"${text}" has no letters or digits to search for`,
      at,
    );
  }
  return { type: 'term', text: word, prefix };
}

function phraseOf(text: string, at: number): QueryNode {
  if (!/[\p{L}\p{N}]/u.test(text)) throw new QuerySyntaxError('this phrase has no words in it', at);
  return { type: 'phrase', text: text.trim().replace(/\s+/g, ' ') };
}
