/**
 * Template health per source, read from the crawled captures: a source is "template broken" when its
 * newest list page or its newest article page did not match the template (the problem is on the
 * capture as `template broken: … at <url>`). A later healthy page of the same kind, or `reprocess`
 * after the template is fixed, clears it.
 */
import type { ArchiveStore } from '../store/types.js';

export interface TemplateHealth {
  sourceId: string;
  status: 'ok' | 'template broken';
  /** The page that failed, and the problem, when broken. */
  url: string | null;
  problem: string | null;
  checkedAt: string;
}

export async function templateHealth(store: ArchiveStore): Promise<Map<string, TemplateHealth>> {
  const newest = new Map<string, { at: string; url: string; problem: string | null }>();
  for (const c of await store.listCaptures()) {
    const source = c.options.source;
    const kind = c.options.pageKind;
    if (c.kind !== 'warc' || typeof source !== 'string' || typeof kind !== 'string' || !c.processedAt) continue;
    const key = `${source}\u0000${kind === 'listing' ? 'listing' : 'article'}`;
    const seen = newest.get(key);
    if (seen && seen.at > c.capturedAt) continue;
    const problem = c.errors.find((e) => e.startsWith('template broken')) ?? null;
    newest.set(key, { at: c.capturedAt, url: typeof c.options.url === 'string' ? c.options.url : c.origin, problem });
  }
  const out = new Map<string, TemplateHealth>();
  for (const [key, v] of newest) {
    const sourceId = key.split('\u0000')[0]!;
    const prior = out.get(sourceId);
    if (prior?.status === 'template broken') continue;
    out.set(sourceId, v.problem
      ? { sourceId, status: 'template broken', url: v.url, problem: v.problem, checkedAt: v.at }
      : { sourceId, status: 'ok', url: null, problem: null, checkedAt: prior && prior.checkedAt > v.at ? prior.checkedAt : v.at });
  }
  return out;
}
