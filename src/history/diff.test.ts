import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDiff, diffTokens, diffWords, newText, oldText, tokenize, wordDiff } from './diff.js';
import { classifyChange, classifyVersions } from './classify.js';

const vocab = [
  'the',
  'leader',
  'said',
  'KCNA',
  'Pyongyang',
  ',',
  '.',
  ' ',
  '\n\n',
  '“',
  '”',
  '—',
  'people',
  '2024',
  'Juche',
];
const text = fc.array(fc.constantFrom(...vocab), { maxLength: 60 }).map((xs) => xs.join(''));

describe('diffWords', () => {
  it('tokens concatenate to the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        expect(tokenize(s).join('')).toBe(s);
      }),
    );
  });

  it('applying the diff to the old text gives the new text', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = diffWords(a, b);
        expect(applyDiff(a, d)).toBe(b);
        expect(oldText(d)).toBe(a);
        expect(newText(d)).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('holds for arbitrary unicode strings too', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        (a, b) => {
          expect(applyDiff(a, diffWords(a, b))).toBe(b);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is minimal enough to keep shared words', () => {
    const d = diffWords(
      'The leader visited a farm on Monday.',
      'The leader visited a factory on Monday.',
    );
    expect(d).toEqual([
      { op: 'equal', text: 'The leader visited a ' },
      { op: 'delete', text: 'farm' },
      { op: 'insert', text: 'factory' },
      { op: 'equal', text: ' on Monday.' },
    ]);
  });

  it('is a shortest edit: tokens added and removed are all but the longest common subsequence', () => {
    const lcs = (a: string[], b: string[]) => {
      let row = new Array<number>(b.length + 1).fill(0);
      for (const x of a) {
        const next = [0];
        for (let j = 0; j < b.length; j++)
          next.push(x === b[j] ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!));
        row = next;
      }
      return row[b.length]!;
    };
    const tokens = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 40 });
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        const parts = diffTokens(a, b);
        const changed = parts
          .filter((p) => p.op !== 'equal')
          .reduce((n, p) => n + p.text.length, 0);
        expect(changed).toBe(a.length + b.length - 2 * lcs(a, b));
        expect(oldText(parts)).toBe(a.join(''));
        expect(newText(parts)).toBe(b.join(''));
      }),
      { numRuns: 1000 },
    );
  });

  it('deletions come before insertions inside a changed run', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ops = diffWords(a, b)
          .map((p) => p.op)
          .join(' ');
        expect(ops).not.toMatch(/insert delete/);
      }),
      { numRuns: 300 },
    );
  });

  it('over its budget replaces the changed middle whole, and says so', () => {
    expect(
      wordDiff('The leader visited a farm on Monday.', 'The leader visited a factory on Monday.'),
    ).toEqual({
      tooLarge: false,
      parts: diffWords(
        'The leader visited a farm on Monday.',
        'The leader visited a factory on Monday.',
      ),
    });
    expect(wordDiff('He said one two three today.', 'He said three two one today.', 1)).toEqual({
      tooLarge: true,
      parts: [
        { op: 'equal', text: 'He said ' },
        { op: 'delete', text: 'one two three' },
        { op: 'insert', text: 'three two one' },
        { op: 'equal', text: ' today.' },
      ],
    });
    // A common head and tail cost nothing: equal texts never run out of budget.
    expect(wordDiff('a b c', 'a b c', 0)).toEqual({
      tooLarge: false,
      parts: [{ op: 'equal', text: 'a b c' }],
    });
    fc.assert(
      fc.property(text, text, fc.nat(200), (a, b, budget) => {
        expect(applyDiff(a, wordDiff(a, b, budget).parts)).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('equal texts are one equal part, empty texts none', () => {
    expect(diffWords('a b', 'a b')).toEqual([{ op: 'equal', text: 'a b' }]);
    expect(diffWords('', '')).toEqual([]);
    expect(diffWords('', 'new')).toEqual([{ op: 'insert', text: 'new' }]);
  });
});

describe('classifyChange', () => {
  const v = (title: string, ...paragraphs: string[]) => ({ title, paragraphs });

  it('the first version is first', () => {
    expect(classifyChange(null, v('T', 'a b')).kind).toBe('first');
  });

  it('whitespace, punctuation and typography only is cosmetic', () => {
    const c = classifyChange(
      v('Kim visits farm', 'He said: "good work" -- today.'),
      v('Kim  visits farm', 'He said “good work” — today'),
    );
    expect(c).toEqual({
      kind: 'cosmetic',
      titleChanged: false,
      wordsAdded: 0,
      wordsRemoved: 0,
      share: 0,
    });
    expect(classifyChange(v('T', 'ﬁne'), v('T', 'fine')).kind).toBe('cosmetic');
  });

  it('a changed title with the same body is a headline change', () => {
    const c = classifyChange(v('Kim visits farm', 'a b c'), v('Kim inspects farm', 'a b c'));
    expect(c).toMatchObject({
      kind: 'headline',
      titleChanged: true,
      wordsAdded: 1,
      wordsRemoved: 1,
    });
  });

  it('changed body words are a body edit, sized', () => {
    const c = classifyChange(v('T', 'one two three four'), v('T', 'one two five four six'));
    expect(c).toEqual({
      kind: 'body',
      titleChanged: false,
      wordsAdded: 2,
      wordsRemoved: 1,
      share: 0.2727,
    });
  });

  it('over the diff budget counts words as multisets, which never misses a change', () => {
    const exact = classifyChange(v('T', 'one two three four'), v('T', 'one two five four six'));
    expect(
      classifyChange(v('T', 'one two three four'), v('T', 'one two five four six'), 0),
    ).toEqual(exact);
    // The same words in another order: at least one word moved, so at least one added and one removed.
    expect(classifyChange(v('T', 'a b c d'), v('T', 'd c b a'), 0)).toEqual({
      kind: 'body',
      titleChanged: false,
      wordsAdded: 1,
      wordsRemoved: 1,
      share: 0.2,
    });
    expect(classifyChange(v('Kim visits farm', 'a b'), v('Kim  visits farm', 'a, b'), 0).kind).toBe(
      'cosmetic',
    );
    expect(classifyChange(v('farm Kim visits', 'a b'), v('Kim visits farm', 'a b'), 0).kind).toBe(
      'headline',
    );
  });

  it('classifyVersions compares each with the one before, in seq order', () => {
    const out = classifyVersions([
      { seq: 2, title: 'T', paragraphs: ['a, b'] },
      { seq: 1, title: 'T', paragraphs: ['a b'] },
      { seq: 3, title: 'U', paragraphs: ['a, b'] },
    ]);
    expect(out.map((x) => [x.seq, x.change.kind])).toEqual([
      [1, 'first'],
      [2, 'cosmetic'],
      [3, 'headline'],
    ]);
  });
});
