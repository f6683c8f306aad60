/**
 * Splits a query into tokens with their offsets, so every error can point at its place.
 * Operators are upper case only (`AND`, `OR`, `NOT`): lower-case `and` is a word like any other.
 */
import { QuerySyntaxError } from './ast.js';

export type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'phrase'; text: string; at: number }
  | { kind: 'field'; name: string; at: number }
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus'; at: number };

const SPACE = /\s/u;
const SPECIAL = new Set(['(', ')', '"']);

export function lex(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (SPACE.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', at: i });
      i++;
    } else if (c === '"' || c === '\u201c' || c === '\u201d') {
      const end = findClosingQuote(query, i + 1);
      if (end < 0) throw new QuerySyntaxError('this quote is never closed', i);
      tokens.push({ kind: 'phrase', text: query.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (
      c === '-' &&
      i + 1 < query.length &&
      !SPACE.test(query[i + 1]!) &&
      atTokenStart(query, i)
    ) {
      tokens.push({ kind: 'minus', at: i });
      i++;
    } else {
      const start = i;
      while (
        i < query.length &&
        !SPACE.test(query[i]!) &&
        !SPECIAL.has(query[i]!) &&
        !isCurlyQuote(query[i]!)
      ) {
        if (query[i] === ':') break;
        i++;
      }
      const text = query.slice(start, i);
      if (query[i] === ':' && /^[a-z]+$/i.test(text)) {
        tokens.push({ kind: 'field', name: text.toLowerCase(), at: start });
        i++;
        continue;
      }
      if (query[i] === ':') {
        // A colon inside a word (`10:30`, `http://…`) is part of the word.
        while (i < query.length && !SPACE.test(query[i]!) && !SPECIAL.has(query[i]!)) i++;
      }
      const word = query.slice(start, i);
      if (word === 'AND') tokens.push({ kind: 'and', at: start });
      else if (word === 'OR') tokens.push({ kind: 'or', at: start });
      else if (word === 'NOT') tokens.push({ kind: 'not', at: start });
      else tokens.push({ kind: 'word', text: word, at: start });
    }
  }
  return tokens;
}

function findClosingQuote(query: string, from: number): number {
  for (let i = from; i < query.length; i++)
    if (query[i] === '"' || isCurlyQuote(query[i]!)) return i;
  return -1;
}

function isCurlyQuote(c: string): boolean {
  return c === '\u201c' || c === '\u201d';
}

/** `-` negates only at the start of a token: `well-known` stays one word. */
function atTokenStart(query: string, i: number): boolean {
  if (i === 0) return true;
  const before = query[i - 1]!;
  return SPACE.test(before) || SPECIAL.has(before) || isCurlyQuote(before);
}
