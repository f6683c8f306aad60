import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { runSchedule } from '../../crawl/schedule.js';
import {
  loadSources,
  sourcesPath,
  SourcesFileError,
  type SourceConfig,
} from '../../crawl/sources/config.js';
import { startServer } from '../../server/serve.js';
import { UsageError } from '../output.js';
import { openStore, type GlobalFlags } from '../open-store.js';

/** Where the served reader is published, and which Host names it answers for. */
export interface PublishFlags {
  baseUrl?: string;
  allowedHosts?: string;
}

interface ServeFlags extends GlobalFlags, PublishFlags {
  host: string;
  port: string;
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
      let sources: SourceConfig[] | undefined;
      if (f.crawl) {
        try {
          sources = loadSources(sourcesPath(f.sources)).sources;
        } catch (error) {
          throw error instanceof SourcesFileError ? new UsageError(error.message) : error;
        }
        if (sources.length === 0)
          throw new UsageError(
            '--crawl: no sources configured; add one with `wirewatch sources add`',
          );
      }
      await serveArchive(f, f.host, port, undefined, sources);
    });
}

/** Serves until SIGINT/SIGTERM; once listening, `announce` prints (by default the URL, `{"url": …}` with --json). */
export async function serveArchive(
  flags: GlobalFlags & PublishFlags,
  host: string,
  port: number,
  announce?: (url: string) => void,
  crawlSources?: SourceConfig[],
): Promise<void> {
  const { limits, server: published } = loadConfig(flags);
  const store = await openStore(flags);
  let server;
  try {
    server = await startServer(store, {
      host,
      port,
      app: { limits, publicUrl: published.baseUrl, allowedHosts: published.allowedHosts },
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
  if (announce) announce(server.url);
  else
    process.stdout.write(
      flags.json
        ? `${JSON.stringify({ url: server.url })}\n`
        : `wirewatch reader on ${server.url}  (Ctrl-C stops)\n`,
    );
  const stopCrawl = new AbortController();
  const crawling = crawlSources
    ? runSchedule(store, crawlSources, {
        signal: stopCrawl.signal,
        onPass: (id, r) =>
          process.stderr.write(
            `crawl ${id}: ${r.sources[0]?.articlesFetched ?? 0} article(s), ${r.sources[0]?.errors.length ?? 0} error(s)\n`,
          ),
      })
    : Promise.resolve();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  stopCrawl.abort();
  await crawling;
  await server.close();
  await store.close();
}
