/**
 * Two long, entirely different versions: the word diff and the edit classification must stay small
 * in memory and time (an O(D²) trace once took 4 GB and 21 s on two 100 KB bodies), and say that the
 * texts were too large to diff word by word rather than hang the page that asked.
 */
import { describe, expect, it } from 'vitest';
import type { Version } from '../model/types.js';
import { bodyText, classifyChange, words } from './classify.js';
import { applyDiff } from './diff.js';
import { diffVersions } from './history.js';

const VOCAB = [
  'the',
  'leader',
  'said',
  'people',
  'Pyongyang',
  'party',
  'army',
  'work',
  'great',
  'new',
  'year',
  'farm',
];
const OTHER = [
  'a',
  'delegation',
  'met',
  'friendship',
  'Moscow',
  'talks',
  'ties',
  'visit',
  'two',
  'sides',
  'day',
  'plant',
];

/** About `bytes` of prose from `vocab`, in paragraphs of 60 words, the same for the same seed. */
function prose(seed: number, bytes: number, vocab = VOCAB): string[] {
  let x = seed;
  const out: string[] = [];
  let para: string[] = [];
  for (let n = 0; n < bytes;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const word = vocab[x % vocab.length]!;
    para.push(word);
    n += word.length + 1;
    if (para.length === 60) {
      out.push(`${para.join(' ')}.`);
      para = [];
    }
  }
  if (para.length) out.push(para.join(' '));
  return out;
}

const version = (seq: number, paragraphs: string[]): Version => ({
  articleId: 'a',
  seq,
  contentHash: String(seq),
  title: 'Title',
  paragraphs,
  firstSeen: '2024-01-01T00:00:00Z',
  lastSeen: '2024-01-01T00:00:00Z',
  captureSha256: '',
  locator: '',
});

describe('diffs of long, different versions', () => {
  const cases = [
    { name: 'no word in common', old: prose(1, 100_000), neu: prose(2, 100_000, OTHER) },
    { name: 'the same words in another order', old: prose(1, 100_000), neu: prose(2, 100_000) },
  ];
  for (const c of cases) {
    it(`classify and diff two 100 KB bodies with ${c.name} in bounded memory and time`, () => {
      const old = version(1, c.old);
      const neu = version(2, c.neu);
      const heap = process.memoryUsage().heapUsed;
      const peak = process.resourceUsage().maxRSS;
      const start = performance.now();

      const change = classifyChange(old, neu);
      const diff = diffVersions([old, neu]);

      const ms = performance.now() - start;
      const heapMb = (process.memoryUsage().heapUsed - heap) / 2 ** 20;
      const peakMb = (process.resourceUsage().maxRSS - peak) / 1024;
      expect(heapMb).toBeLessThan(200);
      expect(peakMb).toBeLessThan(200);
      expect(ms).toBeLessThan(10_000);

      expect(change).toMatchObject({ kind: 'body', titleChanged: false });
      expect(diff.change).toEqual(change);
      expect(diff.tooLarge).toEqual({ title: false, body: true });
      expect(diff.title).toEqual([{ op: 'equal', text: 'Title' }]);
      expect(applyDiff(bodyText(old), diff.body)).toBe(bodyText(neu));
    });
  }

  it('with no word in common, every word is counted as removed and added', () => {
    const old = version(1, cases[0]!.old);
    const neu = version(2, cases[0]!.neu);
    expect(classifyChange(old, neu)).toMatchObject({
      wordsRemoved: words(bodyText(old)).length,
      wordsAdded: words(bodyText(neu)).length,
    });
  });
});
