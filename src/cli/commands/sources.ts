import type { Command } from 'commander';
import { profileById, PROFILES } from '../../extract/sites/index.js';
import { crawlFetcherOptions } from './crawl.js';
import { Fetcher } from '../../crawl/fetch/fetcher.js';
import { CookieJar } from '../../crawl/fetch/cookies.js';
import {
  listUrl,
  loadSources,
  saveSources,
  sourceConfigSchema,
  sourcesPath,
  SourcesFileError,
  type SourceConfig,
} from '../../crawl/sources/config.js';
import { presetByName, PRESETS, type SourcePreset } from '../../crawl/sources/presets.js';
import { EXIT, listJson, printJson, printText, UsageError } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';

interface Flags {
  json?: boolean;
  sources?: string;
}

function load(f: Flags) {
  const path = sourcesPath(f.sources);
  try {
    return { path, file: loadSources(path) };
  } catch (error) {
    if (error instanceof SourcesFileError) throw new UsageError(error.message);
    throw error;
  }
}

function find(f: Flags, id: string): { path: string; source: SourceConfig; all: SourceConfig[] } {
  const { path, file } = load(f);
  const source = file.sources.find((s) => s.id === id);
  if (!source)
    throw new UsageError(`no source "${id}" in ${path} (see \`wirewatch sources list\`)`);
  return { path, source, all: file.sources };
}

const describe = (s: SourceConfig) =>
  `${s.id.padEnd(16)} ${s.profile.padEnd(10)} ${s.baseUrl}  lists: ${s.lists.join(', ')}  every ${s.pollMinutes} min, ${s.delayMs} ms apart${s.allowPrivate ? ', private addresses allowed' : ''}`;

function common(cmd: Command): Command {
  return cmd
    .option(
      '--sources <file>',
      'the sources file; default $WIREWATCH_SOURCES or ./wirewatch.sources.json',
    )
    .option('--json', 'machine-readable output')
    .option('--db <file|url>', 'the archive (unused here; accepted like every command)')
    .exitOverride();
}

/**
 * The preset `add` starts from: `--preset`, else the one named like the id when no profile is given.
 * Without one, the profile, base URL and lists must all be given.
 */
function chosenPreset(id: string, o: Record<string, unknown>): SourcePreset | null {
  const names = PRESETS.map((p) => p.name).join(', ');
  if (typeof o.preset === 'string') {
    const preset = presetByName(o.preset);
    if (!preset) throw new UsageError(`no preset "${o.preset}" (presets: ${names})`);
    return preset;
  }
  const preset = o.profile === undefined ? presetByName(id) : null;
  if (!preset && (o.profile === undefined || o.baseUrl === undefined || o.list === undefined))
    throw new UsageError(
      `"${id}" is no preset: give --profile, --base-url and --list, or use a preset (${names})`,
    );
  return preset;
}

export function registerSources(program: Command): void {
  const sources = program
    .command('sources')
    .description('the sites `wirewatch crawl` watches: add, presets, list, show, remove, test')
    .addHelpText(
      'after',
      `
Profiles: ${PROFILES.map((p) => p.id).join(', ')}. Exit codes: 0 ok, 1 a test found a problem, 2 usage error.`,
    );

  common(sources.command('add <id>'))
    .description(
      `add a source (or replace one with the same id); an id that names a preset (${PRESETS.map((p) => p.name).join(', ')}) needs nothing else`,
    )
    .option('--preset <name>', 'start from this preset (default: the one named like <id>, if any)')
    .option('--profile <profile>', `site profile: ${PROFILES.map((p) => p.id).join(', ')}`)
    .option('--base-url <url>', 'where the site is (the real site, a mirror or a local copy)')
    .option('--list <path...>', 'list pages to poll, relative to the base URL')
    .option(
      '--archive-source <id|label>',
      "archive source its articles belong to (default: the profile's)",
    )
    .option('--language <code...>', 'languages (ISO 639-1)')
    .option('--poll-minutes <n>', 'poll interval in minutes')
    .option('--delay-ms <n>', 'politeness delay between requests to the host')
    .option('--max-pages <n>', 'list pages followed per list and pass')
    .option(
      '--allow-private',
      'allow private (10/8, 172.16/12, 192.168/16, fc00::/7) and loopback addresses (a local copy)',
    )
    .option(
      '--recheck <durations...>',
      're-fetch known articles this long after they appear (default 1h 6h 1d 3d 7d 30d; none: off)',
    )
    .option(
      '--recheck-sample <share>',
      'share of older articles re-fetched each month (0 to 1, default 0.1)',
    )
    .option('--recheck-max <n>', 're-fetches per pass at most (default 50)')
    .action(
      (id: string, o: Record<string, string | string[] | boolean | undefined>, cmd: Command) => {
        const f = cmd.optsWithGlobals() as Flags;
        const num = (v: unknown) => (v === undefined ? undefined : Number(v));
        const preset = chosenPreset(id, o);
        const parsed = sourceConfigSchema.safeParse({
          id,
          profile: o.profile ?? preset?.profile,
          baseUrl: o.baseUrl ?? preset?.baseUrl,
          lists: o.list ?? preset?.lists,
          archiveSource: o.archiveSource,
          languages: o.language ?? preset?.languages,
          pollMinutes: num(o.pollMinutes),
          delayMs: num(o.delayMs),
          maxPages: num(o.maxPages),
          allowPrivate: o.allowPrivate === true,
          recheck: {
            after: Array.isArray(o.recheck) ? o.recheck.filter((d) => d !== 'none') : undefined,
            monthlySample: num(o.recheckSample),
            maxPerPass: num(o.recheckMax),
          },
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new UsageError(`${issue.path.join('.') || 'source'}: ${issue.message}`);
        }
        const { path, file } = load(f);
        const replaced = file.sources.some((s) => s.id === id);
        const next = { sources: [...file.sources.filter((s) => s.id !== id), parsed.data] };
        saveSources(path, next);
        if (f.json)
          printJson({ ok: true, replaced, preset: preset?.name ?? null, source: parsed.data });
        else {
          const from = preset ? ` from the preset ${preset.name}` : '';
          printText(`${replaced ? 'replaced' : 'added'} ${id}${from} in ${path}\n`);
          if (preset?.caveat) printText(`note: ${preset.caveat}\n`);
        }
      },
    );

  common(sources.command('presets'))
    .description('the real sites `sources add <preset>` knows, with their list pages')
    .action((_o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      if (f.json) printJson(listJson([...PRESETS]));
      else
        for (const p of PRESETS) {
          printText(`${p.name.padEnd(12)} ${p.description}\n`);
          for (const l of p.lists) printText(`${''.padEnd(12)}   ${new URL(l, p.baseUrl).href}\n`);
          if (p.caveat) printText(`${''.padEnd(12)}   note: ${p.caveat}\n`);
        }
    });

  common(sources.command('list'))
    .description('list the configured sources')
    .action((_o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      const { path, file } = load(f);
      if (f.json) printJson(listJson(file.sources));
      else if (file.sources.length === 0)
        printText(`no sources in ${path}; add one with \`wirewatch sources add\`\n`);
      else printText(`${file.sources.map(describe).join('\n')}\n`);
    });

  common(sources.command('show <id>'))
    .description('show one source with its settings')
    .action((id: string, _o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      const { source } = find(f, id);
      if (f.json) printJson(source);
      else {
        const profile = profileById(source.profile)!;
        printText(
          [
            `${source.id}: ${profile.description}`,
            `base URL:  ${source.baseUrl}`,
            ...source.lists.map((l) => `list:      ${listUrl(source, l)}`),
            `archive:   ${source.archiveSource ?? profile.sourceId ?? '(from each page)'}`,
            `languages: ${source.languages.join(', ')}`,
            `polling:   every ${source.pollMinutes} min, ${source.delayMs} ms between requests, up to ${source.maxPages} list pages`,
            `private addresses: ${source.allowPrivate ? 'allowed' : 'refused'}`,
            `re-checks: ${source.recheck.after.length ? `${source.recheck.after.join(', ')}, then ${Math.round(source.recheck.monthlySample * 100)}% a month; at most ${source.recheck.maxPerPass} a pass` : 'off'}`,
          ].join('\n') + '\n',
        );
      }
    });

  common(sources.command('remove <id>'))
    .description('remove a source (its captures and articles stay in the archive)')
    .action((id: string, _o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      const { path, all } = find(f, id);
      saveSources(path, { sources: all.filter((s) => s.id !== id) });
      if (f.json) printJson({ ok: true, removed: id });
      else printText(`removed ${id} from ${path}\n`);
    });

  common(sources.command('test <id>'))
    .description(
      'fetch the first list page and one article, and check them against the template (stores nothing)',
    )
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      const { source } = find(f, id);
      const profile = profileById(source.profile)!;
      const fetcher = new Fetcher(crawlFetcherOptions(source));
      const jar = new CookieJar();
      const checks: Array<{
        url: string;
        kind: string;
        items: number;
        title: string | null;
        paragraphs: number;
        problems: string[];
      }> = [];
      try {
        const url = listUrl(source, source.lists[0]!);
        const list = await fetcher.fetch(url, { cookies: jar });
        const page = list.outcome === 'ok' ? profile.parse(list.text(), list.finalUrl) : null;
        checks.push({
          url,
          kind: page?.kind ?? 'unknown',
          items: page?.listing.length ?? 0,
          title: null,
          paragraphs: 0,
          problems: page ? page.problems : [`${list.outcome}: ${list.reason ?? ''}`],
        });
        const first = page?.listing[0];
        if (first) {
          const res = await fetcher.fetch(first.url, { cookies: jar });
          const art = res.outcome === 'ok' ? profile.parse(res.text(), res.finalUrl) : null;
          checks.push({
            url: first.url,
            kind: art?.kind ?? 'unknown',
            items: 0,
            title: art?.article?.title ?? null,
            paragraphs: art?.article?.paragraphs.length ?? 0,
            problems: art ? art.problems : [`${res.outcome}: ${res.reason ?? ''}`],
          });
        }
      } finally {
        await fetcher.close();
      }
      const ok = checks.every((c) => c.problems.length === 0) && (checks[0]?.items ?? 0) > 0;
      if (f.json) printJson({ ok, checks });
      else {
        for (const c of checks) {
          const title = c.title ? `  "${terminalSafe(c.title)}", ${c.paragraphs} paragraphs` : '';
          printText(
            `${c.problems.length ? 'FAIL' : 'ok  '} ${c.kind.padEnd(8)} ${terminalSafe(c.url)}${c.kind === 'listing' ? `  ${c.items} items` : title}\n`,
          );
          for (const p of c.problems) printText(`     ${terminalSafe(p)}\n`);
        }
      }
      process.exitCode = ok ? EXIT.ok : EXIT.rejected;
    });
}
