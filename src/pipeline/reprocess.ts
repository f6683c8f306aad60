/** `wirewatch reprocess`: the derived data rebuilt from the captures, by the one driver. */
import type { ImportLimits } from '../config.js';
import type { ArchiveStore } from '../store/types.js';
import { emptyReport, type IngestReport } from '../ingest/report.js';
import { drain } from './driver.js';

/**
 * Re-runs extraction over every stored capture, oldest first, rebuilding what was derived from them:
 * the derived data is cleared and every capture re-queued in one transaction, then the queue drained.
 * Killed half-way, the archive says so (captures pending) and any later drain finishes the job.
 */
export async function reprocessAll(
  store: ArchiveStore,
  opts: { now?: () => string; limits?: ImportLimits } = {},
): Promise<IngestReport> {
  const report = emptyReport();
  const now = opts.now ?? (() => new Date().toISOString());
  await store.clearDerived();
  const result = await drain(store, { report, now, limits: opts.limits });
  report.files = result.processed + result.failures;
  return report;
}
