/** The `SweepPlanner` `wirewatch serve` hands the server: sweeps over the sources file's sources. */
import type { SearchLimits } from '../../config.js';
import { Problem } from '../../errors.js';
import { SourceCache } from '../../ingest/sources-cache.js';
import type { SweepPlanner } from '../../server/sweep-planner.js';
import type { ArchiveStore } from '../../store/types.js';
import type { SourceConfig } from '../sources/config.js';
import { archiveSourceOf, parsePublishedSpan, planSweep, SweepScopeError } from './sweeps.js';

export function sweepPlanner(
  store: ArchiveStore,
  crawlSources: SourceConfig[],
  limits: SearchLimits,
): SweepPlanner {
  return {
    async plan(ask) {
      if (!crawlSources.length) {
        throw new Problem(
          400,
          'bad_request',
          'no crawl sources are configured on this server (see `wirewatch sources add`)',
        );
      }
      const published = ask.published ? parsePublishedSpan(ask.published) : null;
      if (published && 'error' in published)
        throw new Problem(400, 'bad_request', `published: ${published.error}`);
      const known = ask.source !== undefined && crawlSources.some((s) => s.id === ask.source);
      try {
        return await planSweep(store, crawlSources, {
          sources: known ? [ask.source!] : [],
          sourceId: ask.source && !known ? ask.source : null,
          published,
          query: ask.query ?? null,
          requestedBy: ask.requestedBy,
          limits,
        });
      } catch (error) {
        if (error instanceof SweepScopeError) throw new Problem(400, 'bad_request', error.message);
        throw error;
      }
    },
    async crawlSourcesOf(sourceId) {
      const cache = new SourceCache(store);
      const ids: string[] = [];
      for (const s of crawlSources)
        if ((await archiveSourceOf(cache, s)) === sourceId) ids.push(s.id);
      return ids;
    },
  };
}
