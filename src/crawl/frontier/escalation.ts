/**
 * Purge escalation: when the coverage monitor raises a `deletion-spike` flag on a source today, the
 * whole source is swept at once (its articles re-fetched, its lists walked to the end), so that a
 * purge like KCNA's of December 2013 is measured in full while it happens, not found by a monthly
 * sample. Once per source and day; `onDeletionSpike: flag` in the sources file turns it off.
 */
import { coverageReport } from '../../history/coverage-report.js';
import type { ArchiveStore, Sweep } from '../../store/types.js';
import type { SourceConfig } from '../sources/config.js';
import { planSweep } from './sweeps.js';

export async function escalateDeletionSpike(
  store: ArchiveStore,
  all: SourceConfig[],
  source: SourceConfig,
  archiveId: string,
  now: string,
): Promise<Sweep | null> {
  if (source.onDeletionSpike !== 'sweep') return null;
  const today = now.slice(0, 10);
  const report = await coverageReport(store, {
    sourceId: archiveId,
    from: today,
    to: today,
    today,
  });
  const flag = report.flags.find((f) => f.kind === 'deletion-spike' && f.sourceId === archiveId);
  if (!flag) return null;
  const already = await store.frontier.listSweeps({
    sourceId: archiveId,
    requestedBy: 'deletion-spike',
    since: `${today}T00:00:00.000Z`,
    limit: 1,
  });
  if (already.total > 0) return null;
  const { sweep } = await planSweep(store, all, {
    sources: [source.id],
    sourceId: archiveId,
    requestedBy: 'deletion-spike',
    reason: `deletion spike on ${flag.day}: ${flag.detail}`,
    now,
  });
  return sweep;
}
