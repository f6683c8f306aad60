import type { Command } from 'commander';
import type { CaptureRecord, CaptureState } from '../../store/types.js';
import { EXIT, listJson, printJson, printText, UsageError, wholeNumber } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { withStore, type GlobalFlags } from '../open-store.js';

interface CapturesFlags extends GlobalFlags {
  failed?: boolean;
  pending?: boolean;
  retry?: boolean;
  limit: string;
  offset: string;
}

function stateOf(c: CaptureRecord): CaptureState {
  if (c.failedAt) return 'failed';
  return c.processedAt ? 'done' : 'pending';
}

/** What a script wants of a capture: its key, where it came from, and where it is in the queue. */
function captureJson(c: CaptureRecord) {
  return {
    seq: c.seq,
    sha256: c.sha256,
    kind: c.kind,
    origin: c.origin,
    capturedAt: c.capturedAt,
    size: c.size,
    state: stateOf(c),
    attempts: c.attempts,
    processedAt: c.processedAt,
    failedAt: c.failedAt,
    lastError: c.lastError,
    rejections: c.errors.length,
    parentSeq: c.parentSeq,
  };
}

export function registerCaptures(program: Command): void {
  program
    .command('captures')
    .description(
      'list stored captures and where they are in the queue; --failed lists those whose retries ran out',
    )
    .option('--failed', 'only captures parked as failed (their retry budget ran out)')
    .option('--pending', 'only captures waiting to be processed')
    .option(
      '--retry',
      'put the failed captures back in the queue with a fresh budget, then drain it (`wirewatch drain`)',
    )
    .option('--limit <n>', 'at most this many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .action(async (flags: CapturesFlags, cmd: Command) => {
      const f = { ...cmd.optsWithGlobals(), ...flags } as CapturesFlags;
      if (f.failed && f.pending) throw new UsageError('--failed and --pending exclude each other');
      const limit = wholeNumber('--limit', f.limit, 1);
      const offset = wholeNumber('--offset', f.offset);
      await withStore(f, async (store) => {
        if (f.retry) {
          const n = await store.requeueCaptures('failed');
          if (f.json) printJson({ requeued: n });
          else
            printText(
              `${n} failed capture(s) back in the queue; \`wirewatch drain\` processes them\n`,
            );
          return;
        }
        const state = f.failed ? 'failed' : f.pending ? 'pending' : undefined;
        const page = await store.listCaptures({ ...(state ? { state } : {}), limit, offset });
        if (f.json) return printJson(listJson(page.items.map(captureJson), page.total));
        for (const c of page.items) {
          const why = c.lastError
            ? `  ${terminalSafe(c.lastError)}`
            : c.errors.length
              ? `  ${c.errors.length} rejection(s)`
              : '';
          printText(
            `${String(c.seq).padStart(6)} ${stateOf(c).padEnd(7)} ${c.kind.padEnd(9)} ` +
              `${terminalSafe(c.capturedAt)} ${terminalSafe(c.origin)}${c.attempts > 1 ? ` (${c.attempts} attempts)` : ''}${why}\n`,
          );
        }
        printText(`${page.items.length} of ${page.total} capture(s)\n`);
      });
      process.exitCode = EXIT.ok;
    });
}
