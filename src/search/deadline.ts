/**
 * A search's time budget. better-sqlite3 runs each query to its end on the one thread that also
 * answers every other request, so a search cannot be interrupted inside a query, only between two:
 * each step calls `check()` between its units of work (an index read, a slice of a loop), and past
 * the budget the search stops with a 503 that says when to try again. `pause()` is the same check
 * where the search may wait: after it has held the event loop for `SLICE_MS`, it lets the loop turn,
 * so a server answers other requests (a health check) between the steps of a long search.
 */
import { EXIT, Problem } from '../errors.js';

/** How long a search holds the event loop between two turns of it, at most, where it can pause. */
const SLICE_MS = 10;

export class Deadline {
  private readonly end: number;
  private turn: number;

  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.end = now() + budgetMs;
    this.turn = now();
  }

  /** `check()`, then a turn of the event loop when the search has held it for `SLICE_MS`. */
  async pause(): Promise<void> {
    this.check();
    if (this.now() - this.turn < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.turn = this.now();
  }

  check(): void {
    if (this.now() <= this.end) return;
    // What was read so far stays in the word-list cache: the same search asked again gets further.
    throw new Problem(
      503,
      'search_timeout',
      `the search took longer than its ${this.budgetMs} ms budget and was stopped; narrow it (a date or source filter) or try again later`,
      { retryAfterSeconds: Math.max(1, Math.ceil(this.budgetMs / 1000)), exitCode: EXIT.rejected },
    );
  }
}

/** No budget: the CLI's searches run to their end (the user can press Ctrl-C). */
export const NO_DEADLINE = new Deadline(Number.POSITIVE_INFINITY);
