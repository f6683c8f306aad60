import { describe, expect, it } from 'vitest';
import { countTicks, niceStep, percent, shareTicks } from './chart-scale.js';

describe('niceStep', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([0.3, 1, 1.5, 3, 7, 12, 2000].map(niceStep)).toEqual([0.5, 1, 2, 5, 10, 20, 2000]);
  });
});

describe('countTicks', () => {
  it('labels whole numbers only, however small the largest count', () => {
    for (let max = 0; max <= 1000; max++) {
      const ticks = countTicks(max);
      for (const t of ticks) expect(Number.isInteger(t.value), `max ${max}`).toBe(true);
      expect(ticks[0]!.value).toBe(0);
      expect(ticks.at(-1)!.value).toBeGreaterThanOrEqual(Math.max(1, max));
      expect(ticks.length).toBeLessThanOrEqual(5);
    }
  });

  it('gives 0 and 1 for a single match, steps of 1 up to 4', () => {
    expect(countTicks(1).map((t) => t.label)).toEqual(['0', '1']);
    expect(countTicks(3).map((t) => t.label)).toEqual(['0', '1', '2', '3']);
    expect(countTicks(7).map((t) => t.label)).toEqual(['0', '2', '4', '6', '8']);
    expect(countTicks(12_345).at(-1)!.label).toBe('15,000');
  });
});

describe('shareTicks', () => {
  it('labels percentages to the precision of the step, top at or above the largest share', () => {
    expect(shareTicks(0.033).map((t) => t.label)).toEqual(['0 %', '1 %', '2 %', '3 %', '4 %']);
    expect(shareTicks(0.0005).map((t) => t.label)).toEqual(['0 %', '0.02 %', '0.04 %', '0.06 %']);
    expect(shareTicks(1).map((t) => t.label)).toEqual(['0 %', '50 %', '100 %']);
    expect(shareTicks(0.25).at(-1)!.value).toBeCloseTo(0.3);
  });
});

describe('percent', () => {
  it('rounds to a tenth without hiding a few or nearly all, and has no share of nothing', () => {
    expect(percent(1, 4)).toBe('25 %');
    expect(percent(1, 3)).toBe('33.3 %');
    expect(percent(1, 5000)).toBe('< 0.1 %');
    expect(percent(4999, 5000)).toBe('> 99.9 %');
    expect(percent(0, 10)).toBe('0 %');
    expect(percent(0, 0)).toBe('–');
  });
});
