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
  // The store picks the newest processed warc capture per (source, listing|article), so this reads a
  // few rows however many captures the archive holds.
  const out = new Map<string, TemplateHealth>();
  for (const c of await store.newestPageCaptures()) {
    const sourceId = String(c.options.sourceId ?? c.options.source);
    const at = c.capturedAt;
    const url = typeof c.options.url === 'string' ? c.options.url : c.origin;
    const problem = c.errors.find((e) => e.startsWith('template broken')) ?? null;
    const prior = out.get(sourceId);
    if (prior?.status === 'template broken') continue;
    out.set(
      sourceId,
      problem
        ? { sourceId, status: 'template broken', url, problem, checkedAt: at }
        : {
            sourceId,
            status: 'ok',
            url: null,
            problem: null,
            checkedAt: prior && prior.checkedAt > at ? prior.checkedAt : at,
          },
    );
  }
  return out;
}
