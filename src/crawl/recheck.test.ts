import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nextCheckAt,
  parseDuration,
  sampled,
  type RecheckPolicy,
  type ScheduledArticle,
} from './recheck.js';

const H = 3_600_000;
const D = 24 * H;
const MONTH = 30 * D;
const policy: RecheckPolicy = {
  afterMinutes: [60, 360, 1440, 4320, 10080, 43200],
  monthlySample: 0.25,
  maxPerPass: 100,
};
const t0 = Date.parse('2026-07-19T10:00:00Z');
const article = (over: Partial<ScheduledArticle> = {}): ScheduledArticle => ({
  id: 'a',
  firstSeen: new Date(t0).toISOString(),
  pubDate: '2026-07-19',
  ...over,
});

/**
 * The rule the schedule was first written with, kept as the oracle: the latest point at or before
 * `now`, a month's point only when that month's sample takes the article.
 */
function lastDuePoint(c: ScheduledArticle, now: number, p: RecheckPolicy): number | null {
  const offsets = p.afterMinutes;
  if (!offsets.length) return null;
  const start = Math.min(
    Date.parse(c.firstSeen),
    c.pubDate ? Date.parse(`${c.pubDate}T00:00:00Z`) + D : Infinity,
  );
  const last = start + offsets.at(-1)! * 60_000;
  if (now >= last) {
    const month = Math.floor((now - last) / MONTH);
    return month >= 1 && sampled(c.id, month, p.monthlySample) ? last + month * MONTH : last;
  }
  let point: number | null = null;
  for (const m of offsets) if (start + m * 60_000 <= now) point = start + m * 60_000;
  return point;
}

describe('re-check schedule', () => {
  it('reads durations', () => {
    expect(['90s', '15m', '1h', '3d', '2w', 'x', '1y'].map(parseDuration)).toEqual([
      1.5,
      15,
      60,
      4320,
      20160,
      null,
      null,
    ]);
  });

  it('is due at each offset after the article appears, the next one after each check', () => {
    expect(nextCheckAt(article(), t0, policy)).toBe(t0 + H);
    expect(nextCheckAt(article(), t0 + 2 * H, policy)).toBe(t0 + 6 * H);
    // a check that missed several points: the next point after it, not the ones missed
    expect(nextCheckAt(article(), t0 + 4 * D, policy)).toBe(t0 + 7 * D);
    expect(nextCheckAt(article(), t0, { ...policy, afterMinutes: [] })).toBeNull();
    expect(nextCheckAt(article(), t0 + 40 * D, { ...policy, monthlySample: 0 })).toBeNull();
  });

  it('samples a share of old articles each month, a different share each month', () => {
    const old = Array.from({ length: 2000 }, (_, i) => article({ id: `old-${i}` }));
    // checked just after the month-k point: which ones the next month's sample takes
    const takenIn = (k: number) =>
      new Set(
        old
          .filter(
            (c) =>
              nextCheckAt(c, t0 + 30 * D + k * MONTH, policy) === t0 + 30 * D + (k + 1) * MONTH,
          )
          .map((c) => c.id),
      );
    const m2 = takenIn(1);
    const m3 = takenIn(2);
    expect(m2.size / old.length).toBeGreaterThan(0.2);
    expect(m2.size / old.length).toBeLessThan(0.3);
    expect([...m2].filter((id) => m3.has(id)).length).toBeLessThan(m2.size * 0.5);
  });

  it('starts a backfilled article (published long before it was archived) on the monthly sample', () => {
    const backfill = article({ pubDate: '2012-03-05' });
    const next = nextCheckAt(backfill, t0, { ...policy, monthlySample: 1 })!;
    expect(next).toBeGreaterThan(t0 + 2 * H);
    expect(next - t0).toBeLessThanOrEqual(MONTH);
    expect(nextCheckAt(backfill, t0, { ...policy, monthlySample: 0 })).toBeNull();
  });

  it('agrees with the rule it was written from: not due before its point, due at it', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 400 * 24 }),
        fc.integer({ min: 1, max: 90 * 24 }),
        fc.constantFrom(0.1, 0.5, 1),
        (id, checkedHours, laterHours, share) => {
          const p = { ...policy, monthlySample: share };
          const c = article({ id });
          const checked = t0 + checkedHours * H;
          const due = nextCheckAt(c, checked, p);
          const dueByRule = (now: number) => {
            const point = lastDuePoint(c, now, p);
            return point !== null && point > checked;
          };
          if (due === null) return expect(dueByRule(checked + laterHours * H)).toBe(false);
          expect(dueByRule(due)).toBe(true);
          expect(dueByRule(Math.min(due - 1, checked + laterHours * H))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
