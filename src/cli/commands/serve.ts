import type { Command } from 'commander';
import { reportWaiting } from '../unreachable.js';
import { loadConfig } from '../../config.js';
import { runForever } from '../../crawl/frontier/run.js';
import type { SourceConfig } from '../../crawl/sources/config.js';
import { sweepPlanner } from '../../crawl/frontier/planner.js';
import { readSources, spoolDir } from '../crawl-sources.js';
import { isLoopbackAddress } from '../../server/host-names.js';
import { UsageError } from '../output.js';
import { openStore, type GlobalFlags } from '../open-store.js';
import { isServeWorker, reportListening, runCluster } from '../serve-cluster.js';
import type { ArchiveStore } from '../../store/types.js';

/** More processes than this on one machine would only queue for its cores. */
const MAX_WORKERS = 64;

/** Where the served reader is published, and which Host names it answers for. */
export interface PublishFlags {
  baseUrl?: string;
  allowedHosts?: string;
  publicRead?: boolean;
}

interface ServeFlags extends GlobalFlags, PublishFlags {
  host: string;
  port: string;
  workers: string;
  crawl?: boolean;
  sources?: string;
}

/** `--base-url` and `--allowed-hosts`, for `serve` and `demo`. */
export function publishOptions(command: Command): Command {
  return command
    .option(
      '--base-url <url>',
      'the public origin readers reach it at, e.g. https://wire.example.org: ' +
        'feeds link there (default $WIREWATCH_BASE_URL, else the Host of each request)',
    )
    .option(
      '--allowed-hosts <names>',
      'comma-separated Host names to answer for, * for any (default ' +
        '$WIREWATCH_ALLOWED_HOSTS, else localhost, 127.0.0.1, ::1 and the --host address); ' +
        "the base URL's host always",
    )
    .option(
      '--public-read',
      'anyone may read without signing in (users still sign in to write); needed to serve ' +
        'beyond this machine an archive that has no admin yet',
    );
}

export function registerServe(program: Command): void {
  publishOptions(
    program
      .command('serve')
      .description(
        'serve the reader, the JSON API (/api/v1, /api/openapi.json) and Atom feeds over HTTP',
      ),
  )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option(
      '--workers <n>',
      'processes answering on the one port (each keeps its own caches; rate limits count per process)',
      '1',
    )
    .option('--crawl', 'also crawl the configured sources, each at its poll interval')
    .option(
      '--sources <file>',
      'the sources file for --crawl; default $WIREWATCH_SOURCES or ./wirewatch.sources.json',
    )
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as ServeFlags;
      const port = Number(f.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be 0–65535 (got "${f.port}")`);
      // Read for sweeps (the API, the Sources page) even without --crawl: other workers may crawl.
      const sources = readSources(f.sources);
      if (f.crawl && sources.length === 0)
        throw new UsageError(
          '--crawl: no sources configured; add one with `wirewatch sources add`',
        );
      const workers = Number(f.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS)
        throw new UsageError(`--workers must be 1–${MAX_WORKERS} (got "${f.workers}")`);
      const crawl = f.crawl === true;
      const worker = isServeWorker();
      if (workers > 1 && !worker) {
        process.exitCode = await servePrimary(f, workers, { sources, crawl });
        return;
      }
      try {
        await serveArchive(f, f.host, port, worker ? reportListening : undefined, {
          sources,
          crawl: crawl && !worker,
          worker,
        });
      } finally {
        // The channel to the primary would keep a worker's process alive.
        if (worker) process.disconnect?.();
      }
    });
}

/** Serves until SIGINT/SIGTERM; once listening, `announce` prints (by default the URL, `{"url": …}` with --json). */
export async function serveArchive(
  flags: GlobalFlags & PublishFlags,
  host: string,
  port: number,
  announce?: (url: string) => void,
  crawling: { sources: SourceConfig[]; crawl: boolean; worker?: boolean } = {
    sources: [],
    crawl: false,
  },
): Promise<void> {
  const { limits, server: published } = loadConfig(flags);
  // A search's FTS5 step can take most of a second: on a thread of its own, the server answers meanwhile.
  // The file is checked once, by the primary of `--workers`.
  const store = await openStore(flags, {
    write: crawling.worker ? undefined : 'background',
    serving: true,
  });
  const loopback = isLoopbackAddress(host);
  if (!loopback && !flags.publicRead && (await store.accounts.countUsers('admin')) === 0) {
    await store.close();
    throw new UsageError(
      `refusing to serve on ${host} an archive with no admin: add one with ` +
        '`wirewatch users add NAME --role admin`, or pass --public-read to let anyone read',
    );
  }
  let server;
  try {
    // The web server (pages, API, feeds) is loaded by the commands that serve, not by every command.
    const { startServer } = await import('../../server/serve.js');
    server = await startServer(store, {
      host,
      port,
      app: {
        limits,
        publicUrl: published.baseUrl,
        allowedHosts: published.allowedHosts,
        pageCacheBytes: published.pageCacheMiB * 1024 * 1024,
        sweeps: sweepPlanner(store, crawling.sources, limits.search),
        access: { publicRead: flags.publicRead === true, openWithoutUsers: loopback },
      },
    });
  } catch (error) {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EADDRINUSE'
        ? `port ${port} on ${host} is already in use (try --port)`
        : `cannot listen on ${host}:${port}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  (announce ?? ((url: string) => printListening(flags, url)))(server.url);
  const stopCrawl = new AbortController();
  const crawler = crawling.crawl
    ? crawlAlongside(store, flags, crawling.sources, stopCrawl.signal)
    : Promise.resolve();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    // A worker of `--workers` stops when its primary says so: Ctrl-C reaches the primary too.
    if (crawling.worker) process.on('SIGINT', () => {});
    else process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  stopCrawl.abort();
  await crawler;
  await server.close();
  await store.close();
}

function printListening(flags: GlobalFlags, url: string): void {
  process.stdout.write(
    flags.json ? `${JSON.stringify({ url })}\n` : `wirewatch reader on ${url}  (Ctrl-C stops)\n`,
  );
}

/** `--crawl`: the configured sources crawled at their intervals until `signal`. */
function crawlAlongside(
  store: ArchiveStore,
  flags: GlobalFlags,
  sources: SourceConfig[],
  signal: AbortSignal,
): Promise<void> {
  return runForever(store, sources, {
    signal,
    spoolDir: spoolDir(flags),
    onUnavailable: reportWaiting,
    onIdle: (worker) => {
      for (const r of worker.reports.values()) {
        process.stderr.write(
          `crawl ${r.id}: ${r.listPages} list page(s), ${r.articlesFetched} new article(s), ${r.rechecked} re-checked, ${r.errors.length} error(s) so far\n`,
        );
      }
    },
  }).then(
    () => {},
    (error: unknown) => {
      process.stderr.write(`wirewatch: the crawler stopped: ${(error as Error).message}\n`);
    },
  );
}

/**
 * The primary of `serve --workers N` (serve-cluster.ts): checks the file and crawls (`--crawl`) here,
 * once, while the workers serve. Returns the exit code.
 */
async function servePrimary(
  flags: ServeFlags,
  workers: number,
  crawling: { sources: SourceConfig[]; crawl: boolean },
): Promise<number> {
  const store = await openStore(flags, { write: 'background' });
  try {
    return await runCluster({
      workers,
      announce: (url) => printListening(flags, url),
      alongside: crawling.crawl
        ? (signal) => crawlAlongside(store, flags, crawling.sources, signal)
        : undefined,
    });
  } finally {
    await store.close();
  }
}
