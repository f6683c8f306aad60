import { describe, expect, it } from 'vitest';
import { coverageFlags } from './coverage.js';
import type { CoverageDay } from '../store/types.js';

const day = (d: string, over: Partial<CoverageDay> = {}): CoverageDay => ({
  sourceId: 'kcna',
  day: d,
  published: 40,
  archived: 40,
  edits: 0,
  deletions: 0,
  restorations: 0,
  ...over,
});
const range = (from: string, n: number, over: (i: number) => Partial<CoverageDay> = () => ({})) =>
  Array.from({ length: n }, (_, i) =>
    day(
      new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
      over(i),
    ),
  );

describe('coverage flags', () => {
  it('raises nothing for a steady source', () => {
    expect(
      coverageFlags(
        range('2026-10-01', 40, (i) => ({
          published: 35 + (i % 10),
          deletions: i % 9 === 0 ? 1 : 0,
        })),
        { today: '2026-11-10' },
      ),
    ).toEqual([]);
  });

  it('flags a complete day far below the normal volume, and a day with no row at all', () => {
    const days = range('2026-10-01', 40).filter((d) => d.day !== '2026-11-08');
    days.find((d) => d.day === '2026-11-07')!.published = 6;
    const flags = coverageFlags(days, { today: '2026-11-10' });
    expect(flags.map((f) => [f.day, f.kind, f.count, f.normal])).toEqual([
      ['2026-11-07', 'volume-drop', 6, 40],
      ['2026-11-08', 'volume-drop', 0, 40],
    ]);
    expect(flags[0]!.detail).toBe('6 articles published, 40 on a normal day');
  });

  it('does not judge today, days before the window, or a source too young or too small to have a normal level', () => {
    expect(coverageFlags(range('2026-10-01', 40).slice(0, -1), { today: '2026-11-09' })).toEqual(
      [],
    );
    expect(
      coverageFlags(
        range('2026-11-05', 3, () => ({ published: 40 })).concat(
          day('2026-11-08', { published: 1 }),
        ),
        { today: '2026-11-10' },
      ),
    ).toEqual([]);
    expect(
      coverageFlags(
        range('2026-10-01', 40, (i) => ({ published: i === 38 ? 0 : 3 })),
        { today: '2026-11-10' },
      ),
    ).toEqual([]);
  });

  it('flags a purge: half a small source removed in a day, or a spike over the usual removals of a large one', () => {
    const small = [day('2026-11-09', { published: 2, deletions: 3 })];
    const flags = coverageFlags(small, {
      today: '2026-11-10',
      sourceSizes: new Map([['kcna', 5]]),
    });
    expect(flags).toEqual([
      {
        sourceId: 'kcna',
        day: '2026-11-09',
        kind: 'deletion-spike',
        count: 3,
        normal: 0,
        detail: '3 articles removed from the source, 0 on a normal day (60% of its 5)',
      },
    ]);
    const large = range('2026-10-01', 40, (i) => ({ deletions: i === 39 ? 12 : i % 2 }));
    const big = coverageFlags(large, {
      today: '2026-11-09',
      sourceSizes: new Map([['kcna', 50_000]]),
    });
    expect(big.map((f) => [f.day, f.kind, f.count])).toEqual([
      ['2026-11-09', 'deletion-spike', 12],
    ]);
    // two removals on a day are no purge
    expect(
      coverageFlags([day('2026-11-09', { deletions: 2 })], {
        today: '2026-11-10',
        sourceSizes: new Map([['kcna', 5]]),
      }),
    ).toEqual([]);
  });

  it('keeps sources apart', () => {
    const a = range('2026-10-01', 40);
    const b = range('2026-10-01', 40, () => ({ published: 0 })).map((d) => ({
      ...d,
      sourceId: 'rodong',
    }));
    b[38]!.deletions = 9;
    const flags = coverageFlags([...a, ...b], {
      today: '2026-11-09',
      sourceSizes: new Map([
        ['kcna', 1000],
        ['rodong', 50],
      ]),
    });
    expect(flags.map((f) => [f.sourceId, f.kind])).toEqual([['rodong', 'deletion-spike']]);
  });
});
