import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuerySyntaxError } from '../../src/search/query/ast.js';
import { parseQuery } from '../../src/search/query/parser.js';
import { printQuery } from '../../src/search/query/print.js';

const printed = (q: string) => printQuery(parseQuery(q));

describe('query language', () => {
  it.each([
    ['Kim Jong Un', 'Kim AND Jong AND Un'],
    ['"Kim Jong Un" visit', '"Kim Jong Un" AND visit'],
    ['nuclear -talks', 'nuclear AND -talks'],
    ['nuclear NOT (talks OR negotiations)', 'nuclear AND -(talks OR negotiations)'],
    ['a OR b c', 'a OR b AND c'],
    ['(a OR b) c', '(a OR b) AND c'],
    ['econom*', 'econom*'],
    [
      'title:"party congress" source:KCNA-KP-EN lang:en place:Pyongyang',
      'title:"party congress" AND source:kcna-kp-en AND lang:en AND place:Pyongyang',
    ],
    ['title:(Kim OR Choe)', 'title:(Kim OR Choe)'],
    ['place:"North Hamgyong"', 'place:"North Hamgyong"'],
    ['well-known 10:30 and or', 'well-known AND 10:30 AND and AND or'],
    ['status:deleted', 'status:deleted'],
    ['version:any Hwasong', 'version:any AND Hwasong'],
    ['Hwasong VERSION:Any status:deleted', 'Hwasong AND version:any AND status:deleted'],
    ['(Kim OR Choe) version:current', '(Kim OR Choe) AND version:current'],
    ['version:any nuclear OR missile', 'version:any AND nuclear OR missile'],
  ])('%s → %s', (query, canonical) => {
    expect(printed(query)).toBe(canonical);
  });

  it('reads date filters as inclusive day ranges; before/after exclude their day', () => {
    const range = (q: string) => {
      const node = parseQuery(q);
      if (node.type !== 'date') throw new Error('not a date');
      return node.range;
    };
    expect(range('date:2021')).toEqual({ from: '2021-01-01', to: '2021-12-31' });
    expect(range('date:2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(range('date:2021-03-05')).toEqual({ from: '2021-03-05', to: '2021-03-05' });
    expect(range('date:2021-01-01..2021-06-30')).toEqual({ from: '2021-01-01', to: '2021-06-30' });
    expect(range('date:2021-03..')).toEqual({ from: '2021-03-01', to: null });
    expect(range('date:..2021')).toEqual({ from: null, to: '2021-12-31' });
    expect(range('before:2021-03-01')).toEqual({ from: null, to: '2021-02-28' });
    expect(range('after:2021-12-31')).toEqual({ from: '2022-01-01', to: null });
  });

  it('reads archived: as days of receipt or a span back from the search', () => {
    const span = (q: string) => {
      const node = parseQuery(q);
      if (node.type !== 'archived') throw new Error('not archived:');
      return node.span;
    };
    expect(span('archived:2026-12-01')).toEqual({
      kind: 'days',
      range: { from: '2026-12-01', to: '2026-12-01' },
    });
    expect(span('archived:2026-11-28..')).toEqual({
      kind: 'days',
      range: { from: '2026-11-28', to: null },
    });
    expect(span('archived:24h')).toEqual({ kind: 'recent', hours: 24 });
    expect(span('archived:7D')).toEqual({ kind: 'recent', hours: 168 });
    expect(printQuery(parseQuery('Kim archived:7d'))).toBe('Kim AND archived:7d');
  });

  it.each([
    ['', 'the query is empty', 0],
    ['(Kim OR', 'OR needs a word or phrase after it', 5],
    ['(Kim', 'this "(" is never closed', 0],
    ['Kim)', 'this ")" has no "(" to close', 3],
    ['"Kim Jong', 'this quote is never closed', 0],
    ['Kim AND', 'AND needs a word or phrase after it', 4],
    ['OR Kim', 'OR needs a word or phrase before it', 0],
    ['author:Kim', 'unknown field "author:"', 0],
    ['date:2021-13', 'has no month 13', 5],
    ['date:yesterday', 'is not a date', 5],
    ['archived:>24h', 'archived: takes days', 9],
    ['archived:0h', 'is not 1 hour to 10 years back', 9],
    ['date:2021-06..2021-01', 'the range starts after it ends', 5],
    ['status:gone', 'status must be one of live, deleted, teaser', 7],
    ['Kim source:', '"source:" needs a value', 4],
    ['ab*c', '"*" can only end a word', 2],
    ['()', 'these parentheses are empty', 0],
    ['" "', 'this phrase has no words in it', 0],
    ['version:old Kim', 'version must be one of current, any', 8],
    ['version:any', '"version:" needs words or filters beside it', 0],
    ['Kim OR version:any', '"version:" applies to the whole query', 7],
    ['Kim -version:any', '"version:" applies to the whole query', 5],
    ['Kim -(Choe version:any)', '"version:" applies to the whole query', 11],
    ['Kim version:any version:current', '"version:" can be given only once', 16],
  ])('rejects %j with a message and a position', (query, message, position) => {
    try {
      parseQuery(query);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QuerySyntaxError);
      expect((error as QuerySyntaxError).message).toContain(message);
      expect((error as QuerySyntaxError).position).toBe(position);
    }
  });

  it('never throws anything but a QuerySyntaxError, whatever the input', () => {
    const alphabet = fc.constantFrom(
      'a',
      'b',
      'Kim',
      ' ',
      '"',
      '(',
      ')',
      '-',
      '*',
      ':',
      'AND',
      'OR',
      'NOT',
      'title',
      'date',
      '2021',
      '..',
      '정책',
      'é',
      '\u201c',
      'version',
      'any',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet, { maxLength: 12 }).map((a) => a.join('')),
        ),
        (query) => {
          try {
            parseQuery(query);
          } catch (error) {
            if (!(error instanceof QuerySyntaxError)) throw error;
            expect(error.position).toBeGreaterThanOrEqual(0);
            expect(error.position).toBeLessThanOrEqual(Math.max(query.length, 0));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('parse → print → parse gives the same tree', () => {
    const alphabet = fc.constantFrom(
      'a',
      'b',
      'Kim',
      ' ',
      ' ',
      '"x y"',
      '(',
      ')',
      '-',
      'c*',
      'AND',
      'OR',
      'NOT',
      'title:',
      'source:s',
      'date:2021',
      'archived:2026-12',
      'archived:24h',
      'place:"P Q"',
      '정책',
      'é',
      'version:any',
      'version:current',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 14 }).map((a) => a.join(' ')),
        (query) => {
          let tree;
          try {
            tree = parseQuery(query);
          } catch {
            return;
          }
          expect(parseQuery(printQuery(tree))).toEqual(tree);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
