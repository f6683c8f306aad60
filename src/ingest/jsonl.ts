/**
 * A JSONL capture, streamed line by line (bounded memory at any size), committed in batches so an
 * interrupted import leaves a consistent archive that a re-run completes without duplicates.
 */
import type { ImportLimits } from '../config.js';
import type { ArchiveStore, CaptureRecord, MatchRequest } from '../store/types.js';
import { captureContent } from '../capture/open-capture.js';
import { numberedLines, type NumberedLine } from '../capture/lines.js';
import { looksBinary } from '../capture/sniff.js';
import { applyArticle, matchRequest } from '../reconcile/apply.js';
import { importExportRecord } from './export-format.js';
import { LinePreparer } from './line-preparer.js';
import type { PreparedLine } from './prepare-line.js';
import { countOutcome, reject, type IngestReport } from './report.js';
import type { SourceCache } from './sources-cache.js';

type ResolvedSource = Awaited<ReturnType<SourceCache['resolveRecord']>>;

const MAX_BATCH_LINES = 20_000;
const COMMIT_EVERY_MS = 1000;
/** Lines applied between two turns of the event loop (see applyBatch). */
const YIELD_EVERY_LINES = 32;

/** zlib errors carry a `Z_…` code; anything else is a bug and must not pass for bad input. */
function isStreamError(error: unknown): boolean {
  return (
    typeof (error as { code?: unknown })?.code === 'string' &&
    String((error as { code: string }).code).startsWith('Z_')
  );
}

export async function ingestJsonl(
  store: ArchiveStore,
  capture: CaptureRecord,
  sources: SourceCache,
  report: IngestReport,
  limits: ImportLimits,
  onProgress?: (bytes: number) => void,
): Promise<void> {
  const defaults = {
    sourceLabel: typeof capture.options.source === 'string' ? capture.options.source : null,
    language: typeof capture.options.language === 'string' ? capture.options.language : null,
    limits: { maxTitleChars: limits.maxTitleChars, maxBodyChars: limits.maxBodyChars },
  };
  const ingestLine = async (line: PreparedLine, source: ResolvedSource | undefined) => {
    const where = `${capture.origin}:${line.number}`;
    if (line.kind === 'blank') return;
    if (line.kind === 'error') {
      if (line.parsed) report.records++;
      return reject(report, `${where}: ${line.message}`);
    }
    report.records++;
    const at = {
      captureSha256: capture.sha256,
      locator: `line ${line.number}`,
      seenAt: capture.capturedAt,
    };
    if (line.kind === 'export') {
      const result = await importExportRecord(store, line.value, at);
      if ('error' in result) return reject(report, `${where}: ${result.error}`);
      if (result.articleOutcome) countOutcome(report, result.articleOutcome);
      return;
    }
    // Every record of a batch was resolved before its lines were applied (ingestBatch).
    const found = source!;
    if ('error' in found) return reject(report, `${where}: ${found.error}`);
    countOutcome(
      report,
      (await applyArticle(store, found.id, line.article, at, line.prepared)).outcome,
    );
  };

  /**
   * A batch's records with their sources, and (a server engine) their candidates asked for in one
   * round trip: resolved once the answer is kept. The lines are then applied in turn (`applyBatch`).
   */
  const askBatch = async (batch: PreparedLine[]) => {
    const resolved = new Map<PreparedLine, ResolvedSource>();
    const requests: MatchRequest[] = [];
    for (const line of batch) {
      if (line.kind !== 'record') continue;
      const source = await sources.resolveRecord(
        line.sourceLabel,
        line.sourceUrl,
        line.article.language,
      );
      resolved.set(line, source);
      if (!('error' in source)) requests.push(matchRequest(source.id, line.article, line.prepared));
    }
    await store.prefetchMatchCandidates(requests);
    return resolved;
  };
  /**
   * `askBatch` begun now and awaited later, after other awaits: marked handled at once, or a failure
   * in between (a lost connection) would be an unhandled rejection that ends the process with a
   * stack trace. Awaiting it still throws the failure.
   */
  const askAhead = (batch: PreparedLine[]) => {
    const asked = askBatch(batch);
    asked.catch(() => {});
    return asked;
  };
  const applyBatch = async (batch: PreparedLine[], resolved: Map<PreparedLine, ResolvedSource>) => {
    for (const [i, line] of batch.entries()) {
      // Applying needs no answer from a server most of the time, so it would run through the batch
      // without letting one in: now and then it does, and the next statement asked goes out.
      if (i % YIELD_EVERY_LINES === YIELD_EVERY_LINES - 1) await new Promise(setImmediate);
      await ingestLine(line, resolved.get(line));
    }
  };

  // Commit about once a second: each commit rewrites index pages all over the archive, so fewer
  // commits are much faster, and an interrupt still loses at most a second of work (redone on re-run).
  const preparer = new LinePreparer(defaults);
  const progress = { bytes: 0 };
  const content = numberedLines(captureContent(store, capture), limits.maxLineBytes);
  const lines = prepareAhead(content, preparer, progress, limits.maxLineBytes)[
    Symbol.asyncIterator
  ]();
  let end: StreamEnd | null = null;
  const nextBatch = async (): Promise<PreparedLine[] | null> => {
    const next = await lines.next();
    if (next.done) end = { kind: 'done', lastLine: 0 };
    else if (!Array.isArray(next.value)) end = next.value;
    else return next.value;
    return null;
  };
  try {
    while (!end) {
      await store.transaction(async () => {
        const started = Date.now();
        let n = 0;
        let batch = await nextBatch();
        if (!batch) return;
        let asked = askAhead(batch);
        for (;;) {
          n += batch.length;
          // The next batch is asked for before this one is applied: the server reads its candidates
          // (and inserts the articles kept back) while this process applies, in the same transaction.
          const more = n < MAX_BATCH_LINES && Date.now() - started < COMMIT_EVERY_MS;
          const next = more ? await nextBatch() : null;
          const nextAsked = next ? askAhead(next) : null;
          await applyBatch(batch, await asked);
          if (!next || !nextAsked) break;
          batch = next;
          asked = nextAsked;
        }
      });
      onProgress?.(progress.bytes);
    }
  } finally {
    await lines.return?.(undefined);
    await preparer.close();
  }
  const finished = end as StreamEnd;
  if (finished.kind === 'corrupt') {
    reject(
      report,
      `${capture.origin}:${finished.lastLine + 1}: gzip data is corrupt or truncated; the ${finished.lastLine} lines before were imported`,
    );
  }
  if (finished.kind === 'binary')
    reject(
      report,
      `${capture.origin}: binary data, not JSON lines; not extracted, the bytes are kept`,
    );
}

/** How the line stream ended: normally, at a corrupt gzip stream, or at once for binary data. */
interface StreamEnd {
  kind: 'done' | 'corrupt' | 'binary';
  lastLine: number;
}

const PREPARE_BATCH_LINES = 256;
/** Long lines make a batch early: memory is bounded by bytes in flight, not only by lines. */
const PREPARE_BATCH_BYTES = 4 * 1024 * 1024;
const BATCHES_IN_FLIGHT = 4;

/** Keeps a few batches being prepared on the worker while earlier ones are written; yields batches. */
async function* prepareAhead(
  lines: AsyncIterable<NumberedLine>,
  preparer: LinePreparer,
  progress: { bytes: number },
  maxLineBytes: number,
): AsyncGenerator<PreparedLine[] | StreamEnd> {
  const inFlight: Promise<PreparedLine[]>[] = [];
  let batch: NumberedLine[] = [];
  let batchBytes = 0;
  let lastLine = 0;
  let ending: StreamEnd = { kind: 'done', lastLine: 0 };
  const send = () => {
    if (batch.length) inFlight.push(preparer.prepare(batch));
    batch = [];
    batchBytes = 0;
  };
  try {
    for await (const line of lines) {
      if (line.number === 1 && looksBinary(line.bytes.subarray(0, 4096))) {
        yield { kind: 'binary', lastLine: 0 };
        return;
      }
      lastLine = line.number;
      if (line.oversized !== undefined) {
        // Rejected here, in its place among the lines: nothing of it was kept to send anywhere.
        send();
        inFlight.push(Promise.resolve([oversizedLine(line, maxLineBytes)]));
      } else {
        batch.push(line);
        batchBytes += line.bytes.length;
        if (batch.length >= PREPARE_BATCH_LINES || batchBytes >= PREPARE_BATCH_BYTES) send();
      }
      while (inFlight.length >= BATCHES_IN_FLIGHT) yield await inFlight.shift()!;
      progress.bytes += (line.oversized ?? line.bytes.length) + 1;
    }
  } catch (error) {
    // A corrupt gzip stream: the lines read before it still go in, then the reason is reported.
    if (!isStreamError(error)) throw error;
    ending = { kind: 'corrupt', lastLine };
  }
  send();
  while (inFlight.length) yield await inFlight.shift()!;
  yield ending;
}

function oversizedLine(line: NumberedLine, max: number): PreparedLine {
  const size = (n: number) => n.toLocaleString('en');
  return {
    number: line.number,
    kind: 'error',
    message: `a line of ${size(line.oversized!)} bytes is over the limit of ${size(max)} (limits.import.maxLineBytes); not imported`,
    parsed: false,
  };
}
