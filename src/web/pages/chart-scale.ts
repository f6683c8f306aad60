/**
 * Axis ticks a reader can trust: counts only at whole numbers (half an article is nonsense), shares
 * as percentages rounded to the precision of their step, and the axis top always a labelled tick.
 */
export interface Tick {
  value: number;
  label: string;
}

/** 1, 2 or 5 times a power of ten: the smallest such step at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 5, 10].find((f) => f * power >= raw * (1 - 1e-9)) ?? 10;
  return factor * power;
}

/** From 0 to the first step at or above `max`, at most `target` steps apart. */
function ticksFrom(top: number, step: number, label: (v: number) => string): Tick[] {
  const steps = Math.max(1, Math.ceil(top / step - 1e-9));
  return Array.from({ length: steps + 1 }, (_, i) => {
    const value = Number((i * step).toPrecision(12));
    return { value, label: label(value) };
  });
}

export function countTicks(max: number, target = 4): Tick[] {
  const top = Math.max(1, Math.ceil(max));
  const step = Math.max(1, Math.round(niceStep(top / target)));
  return ticksFrom(top, step, (v) => v.toLocaleString('en'));
}

/** Ticks of a share in 0..1; values stay fractions, labels are percentages. */
export function shareTicks(max: number, target = 4): Tick[] {
  const top = Math.min(100, Math.max(max * 100, 0.01));
  const step = niceStep(top / target);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return ticksFrom(top, step, (v) => (v ? `${v.toFixed(decimals)} %` : '0 %')).map((t) => ({
    ...t,
    value: t.value / 100,
  }));
}

/** A share for a table: never "0.0 %" for a few, "100.0 %" for nearly all, or a share of nothing. */
export function percent(count: number, total: number): string {
  if (!total) return '–';
  const p = (count / total) * 100;
  if (p > 0 && p < 0.1) return '< 0.1 %';
  if (p > 99.9 && p < 100) return '> 99.9 %';
  return `${Number.isInteger(p) ? p : p.toFixed(1)} %`;
}
