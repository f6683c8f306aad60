import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { INTERVALS, type Interval } from '../../search/periods.js';
import { SORTS, type Sort } from '../../search/rank.js';
import { MAX_LIMIT, searchArchive, SearchError, type SearchResult } from '../../search/search.js';
import type { Segment } from '../../search/snippet.js';
import { printJson, UsageError } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { exportSearch } from './search-export.js';
import { exportFormat, FORMAT_OPTION, OUT_OPTION, refusePaging } from '../write-export.js';
import { withStore, type GlobalFlags } from '../open-store.js';

interface SearchFlags extends GlobalFlags {
  format?: string;
  out?: string;
  sort: string;
  limit: string;
  offset: string;
  facets?: boolean;
  histogram?: string;
}

const SYNTAX = `
Query language (docs/search.md):
  words            all of them, stemmed: talks finds talk, talked
  "exact phrase"   these words in this order, not stemmed
  a OR b, a AND b  operators in capitals; NOT a or -a excludes; ( ) groups
  prefix*          words starting so
  title:word       in the headline; title:"a phrase", title:(a OR b)
  source:kcna-kp-en  lang:en  place:Pyongyang  status:live|teaser|deleted
  version:any      words found in older versions too (edited out, or in a deleted article's earlier text)
  translated:yes|no  linked to (or without) a translation in another edition: lang:es translated:no
  date:2012  date:2012-03  date:2012-01-01..2012-06-30  before:2012-03-01  after:2012-03-01
  archived:24h  archived:7d  archived:2026-12-01   received by the archive then (not published)

Examples:
  wirewatch search '"Kim Jong Il" date:2011-12' --sort newest
  wirewatch search 'nuclear -(talks OR negotiations) source:kcna-co-jp-en' --facets
  wirewatch search 'title:Kim place:Pyongyang' --histogram month --json
  wirewatch search 'version:any Hwasong status:deleted'`;

const EXPORT_HELP = `

Export (--format): every match, one row per article (copies in other sources included), in date
order; the columns are in docs/api.md ("Exports"). CSV starts with a byte-order mark so spreadsheets
read it as UTF-8; JSONL records are wirewatch export records (\`wirewatch import\` reads them) with a
permalink, under the configured public base URL (--base-url / WIREWATCH_BASE_URL) when there is one.
  wirewatch search 'source:kcna-kp-en date:2013-12' --format csv --out december.csv
  wirewatch search '"Jang Song Thaek"' --format jsonl > jang.jsonl`;

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('full-text search with filters, facets and attention over time')
    .argument('<query>', 'the query (quote it for the shell)')
    .option('--sort <order>', `${SORTS.join(', ')}`, 'relevance')
    .option('--limit <n>', `hits per page (1–${MAX_LIMIT})`, '20')
    .option('--offset <n>', 'skip this many hits (stories)', '0')
    .option('--facets', 'counts by source, language, year, month and dateline place')
    .option(
      '--histogram <interval>',
      `matches per ${INTERVALS.join(' | ')}, with their share of all articles`,
    )
    .option(...FORMAT_OPTION)
    .option(...OUT_OPTION)
    .addHelpText('after', SYNTAX + EXPORT_HELP)
    .action(async (query: string, _flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as SearchFlags;
      const limit = Number(f.limit);
      const offset = Number(f.offset);
      if (!SORTS.includes(f.sort as Sort))
        throw new UsageError(`--sort must be one of ${SORTS.join(', ')} (got "${f.sort}")`);
      if (f.histogram !== undefined && !INTERVALS.includes(f.histogram as Interval)) {
        throw new UsageError(
          `--histogram must be one of ${INTERVALS.join(', ')} (got "${f.histogram}")`,
        );
      }
      const config = loadConfig(f);
      const { limits } = config;
      if (f.format !== undefined || f.out !== undefined) {
        if (f.format === undefined) throw new UsageError('--out goes with --format csv|jsonl');
        refusePaging(cmd, ['limit', 'offset', 'facets', 'histogram']);
        const flags = { ...f, format: f.format };
        exportFormat(flags);
        await withStore(f, (store) =>
          exportSearch(store, query, flags, {
            limits: limits.search,
            baseUrl: config.server.baseUrl,
          }),
        );
        return;
      }
      await withStore(f, async (store) => {
        let result: SearchResult;
        try {
          result = await searchArchive(store, {
            query,
            sort: f.sort as Sort,
            limit,
            offset,
            facets: f.facets ?? false,
            histogram: (f.histogram as Interval | undefined) ?? null,
            limits: limits.search,
          });
        } catch (error) {
          if (error instanceof SearchError)
            throw new UsageError(`${error.position === null ? '' : 'query: '}${error.message}`);
          throw error;
        }
        if (f.json) {
          const { hits, ...rest } = result;
          printJson({ items: hits, ...rest });
          return;
        }
        // Not printText: the bold of a match on a terminal is an escape sequence of ours. Every field
        // from the archive is made safe in formatResult before it is marked.
        process.stdout.write(formatResult(result, process.stdout.isTTY === true));
      });
    });
}

function marked(segments: Segment[], tty: boolean): string {
  // `block` keeps the line breaks (as LF) for the one rule that has always flattened them.
  return segments
    .map((s) => {
      const text = terminalSafe(s.text, 'block');
      return s.hit ? (tty ? `\x1b[1m${text}\x1b[22m` : `[${text}]`) : text;
    })
    .join('')
    .replace(/\s*\n\s*/g, ' ');
}

function formatResult(r: SearchResult, tty: boolean): string {
  const ranked =
    r.sort === 'relevance' && r.ranked < r.total
      ? `; ranked by their words: ${r.ranked}, the rest newest first`
      : '';
  // For one-line fields: line breaks become spaces.
  const one = terminalSafe;
  const lines: string[] = [
    `${r.total} articles in ${r.stories} stories for ${one(r.query)} (sorted by ${r.sort}${ranked})`,
  ];
  r.hits.forEach((h, i) => {
    lines.push(
      '',
      `${r.offset + i + 1}. ${h.title.derived ? '[no title] ' : ''}${marked(h.title.segments, tty)}`,
      `   ${one(h.id)}  ${one(h.date)}  ${one(h.sourceId)}${h.place ? `  ${one(h.place)}` : ''}${h.copies > 1 ? `  (${h.copies} copies)` : ''}${h.status !== 'live' ? `  [${h.status}]` : ''}`,
      ...(h.matchedVersion !== null
        ? [
            `   matched in version ${h.matchedVersion} of ${h.versionCount} (wirewatch diff ${one(h.id)} --from ${h.matchedVersion} --to ${h.versionCount})`,
          ]
        : []),
      `   ${marked(h.snippet, tty)}`,
    );
  });
  if (r.facets) {
    lines.push('');
    for (const [name, values] of Object.entries(r.facets)) {
      if (values.length)
        lines.push(
          `${name}: ${values.map((v: { value: string; count: number }) => `${one(v.value)} ${v.count}`).join(', ')}`,
        );
    }
  }
  if (r.histogram) {
    lines.push('', `per ${r.histogram.interval}: matches / all articles (share)`);
    for (const b of r.histogram.buckets)
      lines.push(
        `  ${b.start}  ${String(b.count).padStart(6)} / ${String(b.total).padStart(6)}  ${(b.share * 100).toFixed(1)}%`,
      );
    if (r.histogram.undated) lines.push(`  undated ${r.histogram.undated}`);
  }
  return `${lines.join('\n')}\n`;
}
