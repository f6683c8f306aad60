/**
 * The PostgreSQL engine's text-search literals (src/store/postgres/tsearch.ts): the tsquery built from a
 * compiled text expression, and the tsvector of an article. First as text, then parsed by the real
 * server: whatever a token holds, it stays one quoted lexeme and never becomes tsquery syntax.
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextExpr } from '../../src/search/plan.js';
import { indexTokens, searchTokens } from '../../src/search/text.js';
import { MAX_LEXEME_BYTES, tsQuery, tsVector } from '../../src/store/postgres/tsearch.js';
import { PG_URL, requirePostgres } from '../helpers/pg.js';

const any = (...tokens: string[]): TextExpr => ({ kind: 'any', tokens });
const phrase = (...tokens: string[]): TextExpr => ({ kind: 'phrase', tokens });

describe('tsQuery', () => {
  it('turns each kind of expression into its tsquery form, every token quoted', () => {
    expect(tsQuery(any('kim'))).toBe(`'kim'`);
    expect(tsQuery(any('talk', 'talks', 'talked'))).toBe(`('talk' | 'talks' | 'talked')`);
    expect(tsQuery({ kind: 'prefix', prefix: 'econom' })).toBe(`'econom':*`);
    expect(tsQuery(phrase('kim', 'jong', 'un'))).toBe(`('kim' <-> 'jong' <-> 'un')`);
    expect(tsQuery({ kind: 'and', items: [any('a'), any('b')] })).toBe(`('a' & 'b')`);
    expect(tsQuery({ kind: 'or', items: [any('a'), phrase('b', 'c')] })).toBe(
      `('a' | ('b' <-> 'c'))`,
    );
    expect(
      tsQuery({
        kind: 'except',
        base: any('a'),
        minus: { kind: 'or', items: [any('b'), any('c')] },
      }),
    ).toBe(`('a' & !('b' | 'c'))`);
  });

  it('restricts everything under title: to weight A, prefixes and phrases included', () => {
    expect(tsQuery({ kind: 'title', expr: any('kim') })).toBe(`'kim':A`);
    expect(tsQuery({ kind: 'title', expr: phrase('kim', 'jong') })).toBe(`('kim':A <-> 'jong':A)`);
    expect(tsQuery({ kind: 'title', expr: { kind: 'prefix', prefix: 'reunif' } })).toBe(
      `'reunif':*A`,
    );
    expect(
      tsQuery({ kind: 'and', items: [{ kind: 'title', expr: any('a', 'b') }, any('c')] }),
    ).toBe(`(('a':A | 'b':A) & 'c')`);
  });

  it('escapes hostile tokens: quotes doubled, backslashes escaped, operators left inside the quotes', () => {
    expect(tsQuery(any(`'`))).toBe(`''''`);
    expect(tsQuery(any(`it's`))).toBe(`'it''s'`);
    expect(tsQuery(any('a\\b'))).toBe(`'a\\\\b'`);
    expect(tsQuery(any('x:*A'))).toBe(`'x:*A'`);
    expect(tsQuery(phrase('&', '!', '|'))).toBe(`('&' <-> '!' <-> '|')`);
    expect(tsQuery({ kind: 'title', expr: any(`'):* | !(`) })).toBe(`'''):* | !(':A`);
  });

  it('answers null (nothing matches) for a token that cannot be a lexeme, and drops it where an OR allows', () => {
    const long = 'x'.repeat(MAX_LEXEME_BYTES + 1);
    expect(tsQuery(any(long))).toBeNull();
    expect(tsQuery(any(''))).toBeNull();
    expect(tsQuery(any('a\u0000b'))).toBeNull();
    expect(tsQuery(any('a', long))).toBe(`'a'`);
    expect(tsQuery(phrase('a', long))).toBeNull();
    expect(tsQuery({ kind: 'prefix', prefix: long })).toBeNull();
    expect(tsQuery({ kind: 'and', items: [any('a'), any(long)] })).toBeNull();
    expect(tsQuery({ kind: 'or', items: [any('a'), any(long)] })).toBe(`'a'`);
    expect(tsQuery({ kind: 'except', base: any('a'), minus: any(long) })).toBe(`'a'`);
    expect(tsQuery({ kind: 'except', base: any(long), minus: any('a') })).toBeNull();
    expect(tsQuery({ kind: 'title', expr: any(long) })).toBeNull();
  });
});

describe('tsVector', () => {
  it('holds the index words with positions: title A, body B after a gap, so no phrase spans the two', () => {
    expect(tsVector('Kim Jong-un', 'Kim visited')).toBe(
      `'kim':1A,5B 'jong':2A 'un':3A 'visited':6B`,
    );
    expect(tsVector(null, 'Raúl  Castro')).toBe(`'raul':2B 'castro':3B`);
    expect(tsVector('정책을', null)).toBe(`'정책':1A '책을':2A`);
    expect(tsVector(null, null)).toBe('');
  });

  it('stores the words indexTokens gives, which are the words searchTokens looks for', () => {
    expect(indexTokens(`Workers' Party of Korea's`)).toEqual([
      'workers',
      'party',
      'of',
      'korea',
      's',
    ]);
    expect(indexTokens('KCNA통신 Raúl')).toEqual(['kcna', '통신', 'raul']);
    expect(indexTokens('당의 정책을')).toEqual(['당의', '정책', '책을']);
    for (const text of [
      'Kim Jong-un',
      'Raúl Castro Ruz',
      '당의 정책을',
      'KCNA통신',
      'ÉCONOMIE 2012년',
    ]) {
      expect(indexTokens(text)).toEqual(searchTokens(text));
    }
  });
});

describe('on the server', () => {
  let client: pg.Client;
  beforeAll(async () => {
    await requirePostgres();
    client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
  });
  afterAll(() => client?.end());

  const check = async (vector: string, query: string) =>
    (await client.query<{ m: boolean }>('SELECT $1::tsvector @@ $2::tsquery AS m', [vector, query]))
      .rows[0]!.m;

  it('parses hostile tokens as single lexemes: found where they are, not elsewhere', async () => {
    for (const token of [
      `'`,
      ':',
      '&',
      '!',
      '\\',
      '|',
      '<->',
      '(',
      ')',
      ':*',
      `a' | 'b`,
      `\\'`,
      'x y',
      `'':*A`,
    ]) {
      const doc = `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}':1B 'other':2B`;
      const {
        rows: [lexemes],
      } = await client.query<{ a: string[] }>('SELECT tsvector_to_array($1::tsvector) AS a', [doc]);
      expect(lexemes!.a.sort()).toEqual([token, 'other'].sort());
      expect(await check(doc, tsQuery(any(token))!), token).toBe(true);
      expect(await check(`'other':1B`, tsQuery(any(token))!), token).toBe(false);
      expect(await check(doc, tsQuery({ kind: 'title', expr: any(token) })!), token).toBe(false);
      expect(await check(doc, tsQuery(phrase(token, 'other'))!), token).toBe(true);
      expect(
        await check(doc, tsQuery({ kind: 'except', base: any('other'), minus: any(token) })!),
        token,
      ).toBe(false);
    }
  });

  it('any tokens at all: the query parses, and the vector of exactly those tokens matches it', async () => {
    const token = fc
      .string({ minLength: 1, maxLength: 12, unit: 'grapheme' })
      .filter((t) => !t.includes('\0'));
    await fc.assert(
      fc.asyncProperty(fc.array(token, { minLength: 1, maxLength: 4 }), async (tokens) => {
        const doc = tokens
          .map((t, i) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${i + 1}A`)
          .join(' ');
        expect(await check(doc, tsQuery({ kind: 'title', expr: phrase(...tokens) })!)).toBe(true);
        expect(await check(doc, tsQuery({ kind: 'and', items: tokens.map((t) => any(t)) })!)).toBe(
          true,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('keeps a phrase from running from the headline into the body', async () => {
    expect(
      await check(tsVector('Talks', 'Stalled again'), tsQuery(phrase('talks', 'stalled'))!),
    ).toBe(false);
    expect(
      await check(
        tsVector('Talks Stalled', 'again'),
        tsQuery({ kind: 'title', expr: phrase('talks', 'stalled') })!,
      ),
    ).toBe(true);
    expect(
      await check(
        tsVector('Talks', 'Stalled again'),
        tsQuery({ kind: 'title', expr: any('stalled') })!,
      ),
    ).toBe(false);
  });
});
