/**
 * The one driver: every input is a capture in the store's queue, and this is the only code that turns
 * captures into articles. It claims the oldest pending capture, processes it (one transaction for a
 * page, committed batches for a JSONL file), marks it done, and goes on until the queue is empty; the
 * search index is refreshed once, at the end. A capture that throws is recorded with its error and
 * retried, up to a budget, then parked as failed (`wirewatch captures --failed`); the others go on.
 * Import, crawl and reprocess store bytes and then drain; `wirewatch work` drains forever.
 *
 * Many workers may drain one PostgreSQL archive: claims are leases (renewed while a capture is
 * worked on), so a killed worker's capture goes to another once its lease ends, and finishing checks
 * the claim inside the capture's transaction, so nothing is applied twice.
 */
import { isDiskFull, Problem } from '../errors.js';
import type { ImportLimits } from '../config.js';
import { derivePeople } from './derive-people.js';
import { deriveTranslations } from './derive-translations.js';
import type { ArchiveStore, CaptureRecord } from '../store/types.js';
import { isAtomicKind, processCapture } from '../ingest/process-capture.js';
import { emptyReport, reject, type IngestReport } from '../ingest/report.js';
import { SourceCache } from '../ingest/sources-cache.js';
import { isDeadLocalWorker, newWorkerId } from './worker-id.js';
import { keepColumnsSnapshot } from '../search/search.js';

export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface DrainOptions {
  /** This worker's name in claims (default: host:pid:nonce). */
  worker?: string;
  now?: () => string;
  leaseMs?: number;
  /** Claims of one capture before it is parked as failed. */
  maxAttempts?: number;
  signal?: AbortSignal;
  /** Counts go here (an import's report, say) rather than into a new one. */
  report?: IngestReport;
  sources?: SourceCache;
  /** Bytes read of the capture being processed (JSONL), for a progress bar. */
  onProgress?: (bytes: number) => void;
  onCapture?: (capture: CaptureRecord) => void;
  /** Stop after this many captures (a crawl drains what it just fetched, a test one step). */
  limit?: number;
  /** Refresh the search index at the end (default true; a crawl refreshes once after its pass). */
  refresh?: boolean;
  /** What one imported record may hold (the config's `limits.import`; default its defaults). */
  limits?: ImportLimits;
}

export interface DrainResult {
  report: IngestReport;
  /** Captures processed to the end. */
  processed: number;
  /** Attempts that threw, retried or (budget spent) parked as failed. */
  failures: number;
  failed: number;
}

class ClaimLost extends Error {
  constructor(capture: CaptureRecord) {
    super(
      `${capture.origin}: another worker took this capture over (its claim ran out); left to it`,
    );
  }
}

export async function drain(store: ArchiveStore, options: DrainOptions = {}): Promise<DrainResult> {
  const worker = options.worker ?? newWorkerId();
  const now = options.now ?? (() => new Date().toISOString());
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const report = options.report ?? emptyReport();
  const sources = options.sources ?? new SourceCache(store);
  const result: DrainResult = { report, processed: 0, failures: 0, failed: 0 };
  await releaseDeadClaims(store);
  while (
    !options.signal?.aborted &&
    (options.limit === undefined || result.processed + result.failures < options.limit)
  ) {
    const capture = await store.claimCapture({
      worker,
      now: now(),
      until: leaseEnd(leaseMs),
      maxAttempts,
    });
    if (!capture) break;
    options.onCapture?.(capture);
    const heartbeat = setInterval(
      () => {
        store.renewClaim(capture, worker, leaseEnd(leaseMs)).catch(() => {});
      },
      Math.max(1000, leaseMs / 3),
    );
    heartbeat.unref();
    try {
      await processOne(store, capture, {
        worker,
        now,
        sources,
        report,
        onProgress: options.onProgress,
        limits: options.limits,
      });
      result.processed++;
    } catch (error) {
      // The database went away: no fault of the capture's, so no attempt spent. The claim stays
      // and lapses; the next drain takes the capture over. A full disk: the database still answers,
      // so the capture goes back at once, its attempt not counted (what its batches committed stays).
      if (isDiskFull(error)) await store.returnCapture(capture, worker).catch(() => false);
      if (error instanceof Problem && error.code === 'unavailable') throw error;
      result.failures++;
      if (error instanceof ClaimLost) continue;
      const final = capture.attempts >= maxAttempts;
      if (final) result.failed++;
      await recordFailure(store, capture, worker, error, now(), final, maxAttempts, report);
    } finally {
      clearInterval(heartbeat);
    }
  }
  // Always: new versions, or an upgrade, may have queued work with no capture left to process.
  await derivePeople(store, undefined, options.signal);
  await deriveTranslations(store, options.signal);
  if (result.processed > 0) await store.refreshStatistics();
  if (options.refresh !== false) await refreshSearch(store);
  return result;
}

/**
 * The search index brought up to date with what was stored, and the columns written down for the
 * next process when they have moved on enough (search/search.ts: keepColumnsSnapshot).
 */
export async function refreshSearch(store: ArchiveStore): Promise<void> {
  await store.search.refresh();
  await keepColumnsSnapshot(store);
}

/** The end of a lease from now: wall-clock time, since other processes read it. */
function leaseEnd(leaseMs: number): string {
  return new Date(Date.now() + leaseMs).toISOString();
}

interface ProcessContext {
  worker: string;
  now: () => string;
  sources: SourceCache;
  report: IngestReport;
  onProgress?: (bytes: number) => void;
  limits?: ImportLimits;
}

async function processOne(
  store: ArchiveStore,
  capture: CaptureRecord,
  ctx: ProcessContext,
): Promise<void> {
  const run = async () => {
    const outcome = await processCapture(store, capture, ctx.sources, ctx.report, {
      onProgress: ctx.onProgress,
      limits: ctx.limits,
    });
    const finished = await store.finishCapture(capture, ctx.worker, {
      processedAt: ctx.now(),
      ...outcome,
    });
    if (!finished) throw new ClaimLost(capture);
  };
  // A page is applied with its "done" mark or not at all; a JSONL file commits in batches whose
  // re-application is idempotent (docs/architecture.md, "Safe against interruption").
  if (isAtomicKind(capture.kind)) await store.transaction(run);
  else await run();
}

async function recordFailure(
  store: ArchiveStore,
  capture: CaptureRecord,
  worker: string,
  error: unknown,
  at: string,
  final: boolean,
  maxAttempts: number,
  report: IngestReport,
): Promise<void> {
  const message = oneLine(error);
  await store.failCapture(capture, worker, message, at, final);
  const attempt = `attempt ${capture.attempts} of ${maxAttempts}`;
  const line = `${capture.origin}: could not be processed (${attempt}: ${message})`;
  if (!final) report.warnings.push(`${line}; will be retried`);
  else
    reject(
      report,
      `${line}; parked as failed (see \`wirewatch captures --failed\`), the bytes are kept`,
    );
}

/**
 * Claims held by processes of this host that died go back now rather than at lease end, and the
 * captures a dead writer left half-written go (their exchange is fetched or imported again).
 */
async function releaseDeadClaims(store: ArchiveStore): Promise<void> {
  const dead = (await store.listClaims()).map((c) => c.worker).filter(isDeadLocalWorker);
  if (dead.length) await store.releaseClaims(dead);
  await store.dropAbandonedCaptures();
}

function oneLine(error: unknown): string {
  const text =
    error instanceof Error
      ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
      : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
