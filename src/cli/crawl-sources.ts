/**
 * What the crawling commands (`crawl`, `recheck`, `serve --crawl`) share: the sources file read
 * once (a mistake in it is a usage error), the sources a command is limited to, and a stop on
 * Ctrl-C that lets the request in hand finish (a second Ctrl-C quits at once).
 */
import {
  loadSources,
  sourcesPath,
  SourcesFileError,
  type SourceConfig,
} from '../crawl/sources/config.js';
import { UsageError } from './output.js';
import { spoolDirFor } from '../crawl/frontier/spool.js';
import { loadConfig } from '../config.js';

/** Where this command's crawler spools what the archive could not take (crawl/frontier/spool.ts). */
export function spoolDir(flags: { db?: string }): string {
  return spoolDirFor(loadConfig({ db: flags.db }).db);
}

export function readSources(file: string | undefined): SourceConfig[] {
  try {
    return loadSources(sourcesPath(file)).sources;
  } catch (error) {
    if (error instanceof SourcesFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** `only` of `all` (every one when not given); an unknown id or an empty result is a usage error. */
export function chooseSources(
  all: SourceConfig[],
  only: string[] | undefined,
  verb: string,
): SourceConfig[] {
  const unknown = (only ?? []).filter((id) => !all.some((s) => s.id === id));
  if (unknown.length) throw new UsageError(`no source "${unknown[0]}" in the sources file`);
  const chosen = only?.length ? all.filter((s) => only.includes(s.id)) : all;
  if (chosen.length === 0)
    throw new UsageError(`no sources to ${verb}; add one with \`wirewatch sources add\``);
  return chosen;
}

/** An AbortSignal raised by SIGINT/SIGTERM; `release` removes the handlers. */
export function stopOnSignal(what: string): { signal: AbortSignal; release: () => void } {
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    process.stderr.write(
      `\nstopping after the current request (Ctrl-C again to quit now; ${what})\n`,
    );
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: stop.signal,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
