import { describe, expect, it } from 'vitest';
import { courseOf } from './postgres.js';

describe('courseOf', () => {
  const sizes = new Map([
    ['part-0-0.jsonl', 1000],
    ['part-1-0.jsonl', 2000],
  ]);
  const started = Date.parse('2026-12-07T10:00:00.000Z');

  it('times each part from the previous one’s end, the first from the start, and the rest after', () => {
    const course = courseOf(
      started,
      10,
      [
        { origin: '/tmp/x/part-0-0.jsonl', processedAt: '2026-12-07T10:00:02.000Z' },
        { origin: '/tmp/x/part-1-0.jsonl', processedAt: '2026-12-07T10:00:06.000Z' },
      ],
      sizes,
    );
    expect(course).toEqual({
      parts: [
        { seconds: 2, records: 1000 },
        { seconds: 4, records: 2000 },
      ],
      end: 4,
    });
  });

  it('gives none when a capture was not done', () => {
    const done = [{ origin: '/tmp/x/part-0-0.jsonl', processedAt: null }];
    expect(courseOf(started, 10, done, sizes)).toBeUndefined();
  });
});
