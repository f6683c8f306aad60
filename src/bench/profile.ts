/** Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went: self and inclusive. */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  fn: string;
  seconds: number;
  percent: number;
}

export interface ProfileSummary {
  totalSeconds: number;
  self: ProfileLine[];
  inclusive: ProfileLine[];
}

function nameOf(n: ProfileNode): string {
  const file = n.callFrame.url.split('/').slice(-2).join('/');
  const fn = n.callFrame.functionName || '(anonymous)';
  return file ? `${fn} ${file}:${n.callFrame.lineNumber + 1}` : fn;
}

export async function summariseProfile(path: string, top = 20): Promise<ProfileSummary> {
  const p = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sampled = new Map<number, number>();
  p.samples.forEach((id, i) => sampled.set(id, (sampled.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of sampled) {
    total += micros;
    const node = byId.get(id)!;
    self.set(nameOf(node), (self.get(nameOf(node)) ?? 0) + micros);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = nameOf(byId.get(cur)!);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
    }
  }
  const lines = (m: Map<string, number>) =>
    [...m]
      .filter(([fn]) => !/^\((root|program)\)$/.test(fn))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, micros]) => ({ fn, seconds: micros / 1e6, percent: (100 * micros) / total }));
  return { totalSeconds: total / 1e6, self: lines(self), inclusive: lines(inclusive) };
}

export function formatProfile(title: string, s: ProfileSummary): string {
  const row = (l: ProfileLine) =>
    `  ${l.percent.toFixed(1).padStart(5)}%  ${l.seconds.toFixed(2).padStart(7)} s  ${l.fn}`;
  return [
    `${title}: ${s.totalSeconds.toFixed(1)} s sampled`,
    ' self time:',
    ...s.self.map(row),
    ' inclusive time:',
    ...s.inclusive.map(row),
  ].join('\n');
}
