/**
 * `wirewatch serve --workers N`: N processes answering on one port (node:cluster: the primary holds
 * the listening socket and hands connections to the workers in turn), so a busy reader uses every
 * core. Each worker runs the same command line and serves as a single `serve` would; the primary
 * serves nothing. It announces the address once every worker listens, runs what must run once (the
 * crawler of `--crawl`, the file check), replaces a worker that dies, and on SIGINT or SIGTERM stops
 * them all. What a worker keeps in memory is its own: the page cache, the search columns, and the
 * sign-in and token rate limits, which therefore count per worker.
 */
import cluster, { type Worker } from 'node:cluster';

/** The message a worker sends once it listens. */
interface Listening {
  wirewatchListening: string;
}

const isListening = (m: unknown): m is Listening =>
  typeof (m as Listening | null)?.wirewatchListening === 'string';

/** True in a process the primary forked to serve. */
export const isServeWorker = (): boolean => cluster.isWorker;

/** In a worker: tells the primary where it listens (instead of printing it). */
export function reportListening(url: string): void {
  process.send?.({ wirewatchListening: url } satisfies Listening);
}

export interface ClusterOptions {
  workers: number;
  /** Once every worker listens: prints the address. */
  announce: (url: string) => void;
  /** What runs in the primary while the workers serve (the crawler); stopped by the signal. */
  alongside?: (signal: AbortSignal) => Promise<void>;
  log?: (line: string) => void;
}

/**
 * In the primary: forks the workers, waits until they all listen (or one fails first: its own error
 * line is printed, the others are stopped, and its exit code is returned), then serves until SIGINT or
 * SIGTERM. Returns the exit code.
 */
export async function runCluster(options: ClusterOptions): Promise<number> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const live = new Set<Worker>();
  let stopping = false;
  let failed: number | null = null;
  let listening = 0;
  let announced = false;
  let wake: () => void = () => {};
  const wait = () => new Promise<void>((resolve) => (wake = resolve));

  const fork = () => {
    const worker = cluster.fork();
    live.add(worker);
    let up = false;
    worker.on('message', (message: unknown) => {
      if (!isListening(message) || up) return;
      up = true;
      listening++;
      if (listening === options.workers && !announced) {
        announced = true;
        options.announce(message.wirewatchListening);
      }
      wake();
    });
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      if (stopping) return wake();
      if (!up) {
        // It never listened (a port in use, an archive it cannot open): so would the others.
        failed ??= code || 1;
        return wake();
      }
      listening--;
      log(
        `wirewatch: a server worker stopped (${signal ?? `exit code ${code}`}); starting another`,
      );
      fork();
    });
  };
  // One first: if it cannot listen (a port in use, an archive it cannot open), it alone says why.
  fork();
  while (listening < 1 && failed === null) await wait();
  if (failed === null) for (let i = 1; i < options.workers; i++) fork();
  while (listening < options.workers && failed === null) await wait();

  const stop = new AbortController();
  let alongside: Promise<void> = Promise.resolve();
  if (failed === null) {
    alongside = options.alongside?.(stop.signal) ?? Promise.resolve();
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  }
  stopping = true;
  stop.abort();
  for (const worker of live) worker.process.kill('SIGTERM');
  while (live.size > 0) await wait();
  await alongside;
  return failed ?? 0;
}
