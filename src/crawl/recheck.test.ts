import { describe, expect, it } from 'vitest';
import { dueForRecheck, lastDuePoint, parseDuration, type RecheckPolicy } from './recheck.js';
import type { RecheckCandidate } from '../store/types.js';

const H = 3_600_000;
const D = 24 * H;
const policy: RecheckPolicy = {
  afterMinutes: [60, 360, 1440, 4320, 10080, 43200],
  monthlySample: 0.25,
  maxPerPass: 100,
};
const t0 = Date.parse('2026-07-19T10:00:00Z');
const candidate = (over: Partial<RecheckCandidate> = {}): RecheckCandidate => ({
  id: 'a',
  url: 'http://x/a',
  status: 'live',
  firstSeen: new Date(t0).toISOString(),
  pubDate: '2026-07-19',
  checkedAt: new Date(t0).toISOString(),
  ...over,
});

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

  it('is due once per schedule point passed since the last check, not before the first', () => {
    expect(lastDuePoint(candidate(), t0 + 30 * 60_000, policy)).toBeNull();
    expect(dueForRecheck([candidate()], t0 + 30 * 60_000, policy)).toEqual([]);
    expect(dueForRecheck([candidate()], t0 + 2 * H, policy).map((c) => c.id)).toEqual(['a']);
    // checked after the 1 h point: nothing until 6 h
    const checked = candidate({ checkedAt: new Date(t0 + 2 * H).toISOString() });
    expect(dueForRecheck([checked], t0 + 5 * H, policy)).toEqual([]);
    expect(dueForRecheck([checked], t0 + 7 * H, policy)).toHaveLength(1);
    // a pass that missed several points fetches once, for the latest
    expect(lastDuePoint(candidate(), t0 + 4 * D, policy)).toBe(t0 + 3 * D);
  });

  it('samples a share of old articles each month, a different share each month', () => {
    const old = Array.from({ length: 2000 }, (_, i) =>
      candidate({ id: `old-${i}`, checkedAt: new Date(t0 + 31 * D).toISOString() }),
    );
    const month = (k: number) =>
      new Set(
        dueForRecheck(old, t0 + 30 * D + k * 30 * D + D, { ...policy, maxPerPass: 10_000 }).map(
          (c) => c.id,
        ),
      );
    const m2 = month(2);
    const m3 = month(3);
    expect(m2.size / old.length).toBeGreaterThan(0.2);
    expect(m2.size / old.length).toBeLessThan(0.3);
    const both = [...m2].filter((id) => m3.has(id)).length;
    expect(both).toBeLessThan(m2.size * 0.5);
  });

  it('starts a backfilled article (published long before it was archived) on the monthly sample', () => {
    const backfill = candidate({ pubDate: '2012-03-05', checkedAt: new Date(t0).toISOString() });
    expect(dueForRecheck([backfill], t0 + 2 * H, { ...policy, monthlySample: 1 })).toEqual([]);
    expect(dueForRecheck([backfill], t0 + 31 * D, { ...policy, monthlySample: 1 })).toHaveLength(1);
    expect(dueForRecheck([backfill], t0 + 31 * D, { ...policy, monthlySample: 0 })).toEqual([]);
  });

  it('skips teasers, puts the most overdue first, and stops at the cap', () => {
    const list = [
      candidate({
        id: 'recent',
        firstSeen: new Date(t0 + D).toISOString(),
        pubDate: null,
        checkedAt: null,
      }),
      candidate({ id: 'teaser', status: 'teaser', checkedAt: null }),
      candidate({ id: 'older', checkedAt: null }),
      candidate({
        id: 'deleted',
        status: 'deleted',
        firstSeen: new Date(t0 + 2 * H).toISOString(),
        pubDate: null,
        checkedAt: null,
      }),
    ];
    // removed articles are re-checked too: that is how a re-appearance is seen
    expect(dueForRecheck(list, t0 + 2 * D, policy).map((c) => c.id)).toEqual([
      'older',
      'deleted',
      'recent',
    ]);
    expect(dueForRecheck(list, t0 + 2 * D, { ...policy, maxPerPass: 1 }).map((c) => c.id)).toEqual([
      'older',
    ]);
    expect(dueForRecheck(list, t0 + 2 * D, { ...policy, afterMinutes: [] })).toEqual([]);
  });
});
