import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDiff, diffWords, newText, oldText, tokenize } from './diff.js';
import { classifyChange, classifyVersions } from './classify.js';

const vocab = ['the', 'leader', 'said', 'KCNA', 'Pyongyang', ',', '.', ' ', '\n\n', '“', '”', '—', 'people', '2024', 'Juche'];
const text = fc.array(fc.constantFrom(...vocab), { maxLength: 60 }).map((xs) => xs.join(''));

describe('diffWords', () => {
  it('tokens concatenate to the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => { expect(tokenize(s).join('')).toBe(s); }));
  });

  it('applying the diff to the old text gives the new text', () => {
    fc.assert(fc.property(text, text, (a, b) => {
      const d = diffWords(a, b);
      expect(applyDiff(a, d)).toBe(b);
      expect(oldText(d)).toBe(a);
      expect(newText(d)).toBe(b);
    }), { numRuns: 300 });
  });

  it('holds for arbitrary unicode strings too', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), (a, b) => {
      expect(applyDiff(a, diffWords(a, b))).toBe(b);
    }), { numRuns: 200 });
  });

  it('is minimal enough to keep shared words', () => {
    const d = diffWords('The leader visited a farm on Monday.', 'The leader visited a factory on Monday.');
    expect(d).toEqual([
      { op: 'equal', text: 'The leader visited a ' },
      { op: 'delete', text: 'farm' },
      { op: 'insert', text: 'factory' },
      { op: 'equal', text: ' on Monday.' },
    ]);
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
    const c = classifyChange(v('Kim visits farm', 'He said: "good work" -- today.'), v('Kim  visits farm', 'He said “good work” — today'));
    expect(c).toEqual({ kind: 'cosmetic', titleChanged: false, wordsAdded: 0, wordsRemoved: 0, share: 0 });
    expect(classifyChange(v('T', 'ﬁne'), v('T', 'fine')).kind).toBe('cosmetic');
  });

  it('a changed title with the same body is a headline change', () => {
    const c = classifyChange(v('Kim visits farm', 'a b c'), v('Kim inspects farm', 'a b c'));
    expect(c).toMatchObject({ kind: 'headline', titleChanged: true, wordsAdded: 1, wordsRemoved: 1 });
  });

  it('changed body words are a body edit, sized', () => {
    const c = classifyChange(v('T', 'one two three four'), v('T', 'one two five four six'));
    expect(c).toEqual({ kind: 'body', titleChanged: false, wordsAdded: 2, wordsRemoved: 1, share: 0.2727 });
  });

  it('classifyVersions compares each with the one before, in seq order', () => {
    const out = classifyVersions([
      { seq: 2, title: 'T', paragraphs: ['a, b'] },
      { seq: 1, title: 'T', paragraphs: ['a b'] },
      { seq: 3, title: 'U', paragraphs: ['a, b'] },
    ]);
    expect(out.map((x) => [x.seq, x.change.kind])).toEqual([[1, 'first'], [2, 'cosmetic'], [3, 'headline']]);
  });
});
