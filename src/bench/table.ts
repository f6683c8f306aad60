/** Figures derived from case results, the goals of issue #2, and the plain-text table. */
import type { CaseResult } from './cases.js';

export interface Row {
  name: string;
  records: number;
  articlesNew: number | null;
  seconds: number;
  perSecond: number;
  mbPerSecond: number;
  peakRssMiB: number;
  archiveMB: number;
  note: string;
}

export interface Goal {
  goal: string;
  figure: string;
  met: 'yes' | 'no' | 'unknown';
}

const NAMES = {
  wirewatch: 'wirewatch import',
  cli: 'wirewatch import (whole process)',
  fts5: 'bare FTS5 insert',
} as const;

export function rowOf(r: CaseResult): Row {
  const seconds = r.seconds || Number.NaN;
  const notes: string[] = [];
  if (r.runs && r.runs.length > 1)
    notes.push(`median of ${r.runs.length}: ${r.runs.map((s) => s.toFixed(1)).join(', ')} s`);
  if (r.profiled) notes.push('ran under --cpu-prof');
  if (r.stopped) notes.push('stopped at time cap: partial, rate optimistic');
  if (r.error) notes.push(`error: ${r.error}`);
  if (r.counts?.rejected) notes.push(`${r.counts.rejected} rejected`);
  return {
    name: `${NAMES[r.kind]} ${r.scale}`,
    records: r.records,
    articlesNew: r.counts?.articlesNew ?? null,
    seconds: r.seconds,
    perSecond: r.records / seconds,
    mbPerSecond: r.bytes / 1e6 / seconds,
    peakRssMiB: r.maxRssKiB / 1024,
    archiveMB: r.archiveBytes / 1e6,
    note: notes.join('; '),
  };
}

function rate(r: CaseResult | undefined): number | null {
  return r && !r.error && r.seconds > 0 && r.records > 0 ? r.records / r.seconds : null;
}

/** `≥ floor` for a wirewatch rate; a stopped run's rate is an upper bound, so only "no" is certain. */
function atLeast(goal: string, r: CaseResult | undefined, floor: number): Goal {
  const v = rate(r);
  if (v === null) return { goal, figure: r?.error ? 'error' : 'not run', met: 'unknown' };
  const figure = `${fmt(v, 0)}/s${r!.stopped ? ' (partial)' : ''}`;
  if (v < floor) return { goal, figure, met: 'no' };
  return { goal, figure, met: r!.stopped ? 'unknown' : 'yes' };
}

function ratio(goal: string, ww: CaseResult | undefined, peer: CaseResult | undefined): Goal {
  const a = rate(ww);
  const b = rate(peer);
  if (a === null || b === null) return { goal, figure: 'not run', met: 'unknown' };
  const slower = b / a;
  const figure = `${slower.toFixed(2)}× slower${ww!.stopped ? ' (partial)' : ''}`;
  if (slower > 2) return { goal, figure, met: 'no' };
  return { goal, figure, met: ww!.stopped || peer!.stopped ? 'unknown' : 'yes' };
}

export function goalsOf(results: CaseResult[]): Goal[] {
  const find = (kind: string, scale: string) =>
    results.find((r) => r.kind === kind && r.scale === scale);
  const goals = [
    atLeast('wirewatch ≥ 10,000 articles/s at 22k', find('wirewatch', '22k'), 10_000),
    ratio('wirewatch ≤ 2× bare FTS5 time at 22k', find('wirewatch', '22k'), find('fts5', '22k')),
    ratio(
      'the whole `wirewatch import` process ≤ 2× bare FTS5 time at 22k',
      find('cli', '22k'),
      find('fts5', '22k'),
    ),
  ];
  if (find('wirewatch', '220k')) {
    goals.push(
      atLeast('wirewatch ≥ 5,000 articles/s at 220k', find('wirewatch', '220k'), 5_000),
      ratio(
        'wirewatch ≤ 2× bare FTS5 time at 220k',
        find('wirewatch', '220k'),
        find('fts5', '220k'),
      ),
      atLeast(
        'the whole `wirewatch import` process ≥ 5,000 articles/s at 220k',
        find('cli', '220k'),
        5_000,
      ),
    );
  }
  return goals;
}

export function fmt(n: number | null, digits = 1): string {
  if (n === null || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function grid(header: string[], rows: string[][], left: number[] = [0]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (left.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatRows(rows: Row[]): string {
  const header = [
    'case',
    'records',
    'articles.new',
    'wall s',
    'articles/s',
    'MB/s',
    'peak RSS MiB',
    'archive MB',
    'note',
  ];
  return grid(
    header,
    rows.map((r) => [
      r.name,
      fmt(r.records, 0),
      fmt(r.articlesNew, 0),
      fmt(r.seconds, 1),
      fmt(r.perSecond, 0),
      fmt(r.mbPerSecond, 2),
      fmt(r.peakRssMiB, 0),
      fmt(r.archiveMB, 1),
      r.note,
    ]),
    [0, 8],
  );
}

export function formatGoals(goals: Goal[]): string {
  return grid(
    ['goal', 'this run', 'met'],
    goals.map((g) => [g.goal, g.figure, g.met]),
    [0],
  );
}
