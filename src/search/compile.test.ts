import { describe, expect, it } from 'vitest';
import { compileQuery } from './compile.js';
import { parseQuery } from './query/parser.js';

const compile = (query: string, expansions: Record<string, string[]> = {}) =>
  compileQuery(parseQuery(query), new Map(Object.entries(expansions)));

describe('compileQuery: duplicates', () => {
  it('reads a prefix written 300 times once', () => {
    const { plan, highlight } = compile(Array.from({ length: 300 }, () => 'a*').join(' '));
    expect(plan).toEqual({ kind: 'text', expr: { kind: 'prefix', prefix: 'a' } });
    expect(highlight.prefixes).toEqual(['a']);
  });

  it('drops repeated words, phrases and filters from ANDs and ORs, keeping the first of each', () => {
    expect(compile('Kim OR Kim OR "Jong Un" OR "jong un"').plan).toEqual({
      kind: 'or',
      items: [
        { kind: 'text', expr: { kind: 'any', tokens: ['kim'] } },
        { kind: 'text', expr: { kind: 'phrase', tokens: ['jong', 'un'] } },
      ],
    });
    expect(compile('title:(Kim OR Kim)').plan).toEqual({
      kind: 'text',
      expr: { kind: 'title', expr: { kind: 'any', tokens: ['kim'] } },
    });
    expect(compile('source:kcna-kp-en Kim source:KCNA-KP-EN').plan).toEqual({
      kind: 'and',
      items: [
        { kind: 'filter', filter: { field: 'source', value: 'kcna-kp-en' } },
        { kind: 'text', expr: { kind: 'any', tokens: ['kim'] } },
      ],
    });
    expect(compile('"Kim Jong" "kim jong"').highlight.phrases).toEqual([['kim', 'jong']]);
  });

  it('treats words whose stem expansions are the same set as one', () => {
    const forms = { talk: ['talk', 'talks', 'talked'], talks: ['talks', 'talk', 'talked'] };
    expect(compile('talk talks', forms).plan).toEqual({
      kind: 'text',
      expr: { kind: 'any', tokens: ['talk', 'talks', 'talked'] },
    });
  });

  it('keeps what differs: a NOT, a title: and the word itself are three things', () => {
    const { plan } = compile('Kim -Kim title:Kim');
    expect(plan.kind).toBe('and');
    expect((plan as { items: unknown[] }).items).toHaveLength(3);
  });
});
