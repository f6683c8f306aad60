import type { Command } from 'commander';
import { articleLabel, formatArticleDate } from '../../model/label.js';
import type { ArticleStatus } from '../../model/types.js';
import { listJson, printJson, printText, UsageError, wholeNumber } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { withStore, type GlobalFlags } from '../open-store.js';

interface ListFlags extends GlobalFlags {
  source?: string;
  from?: string;
  to?: string;
  status?: string;
  limit: string;
  offset: string;
  oldest?: boolean;
}

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list articles, newest first, filtered by source, date range and status')
    .option('--source <id>', 'only this source id, e.g. kcna-kp-en')
    .option('--from <yyyy-mm-dd>', 'published on or after (a prefix such as 2012 or 2012-03 works)')
    .option('--to <yyyy-mm-dd>', 'published on or before (prefix allowed)')
    .option('--status <status>', 'live, teaser or deleted')
    .option('--limit <n>', 'at most this many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--oldest', 'oldest first')
    .addHelpText(
      'after',
      '\nArticles whose year is unknown never match a date range (they list last without one).',
    )
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as ListFlags;
      const limit = wholeNumber('--limit', f.limit);
      const offset = wholeNumber('--offset', f.offset);
      if (f.status && !['live', 'teaser', 'deleted'].includes(f.status))
        throw new UsageError(`--status must be live, teaser or deleted (got "${f.status}")`);
      const from = f.from ? dateBound(f.from, 'start') : undefined;
      const to = f.to ? dateBound(f.to, 'end') : undefined;
      await withStore(f, async (store) => {
        const page = await store.listArticles({
          sourceId: f.source,
          status: f.status as ArticleStatus | undefined,
          from,
          to,
          limit,
          offset,
          order: f.oldest ? 'oldest' : 'newest',
        });
        if (f.json) {
          printJson(
            listJson(
              page.items.map((a) => {
                const label = articleLabel(a);
                return { ...a, label: label.text, labelDerived: label.derived };
              }),
              page.total,
            ),
          );
          return;
        }
        const lines = page.items.map((a) => {
          const label = articleLabel(a);
          const marks = `${a.status === 'teaser' ? '[teaser] ' : ''}${label.derived ? '[no title] ' : ''}`;
          return `${a.id}  ${formatArticleDate(a.published).padEnd(10)}  ${terminalSafe(a.sourceId).padEnd(14)} ${marks}${terminalSafe(label.text)}`;
        });
        printText([...lines, `${page.items.length} of ${page.total}`].join('\n') + '\n');
      });
    });
}

/** `2012` → 2012-01-01 / 2012-12-31; `2012-03` → 2012-03-01 / 2012-03-31; full dates as they are. */
export function dateBound(value: string, side: 'start' | 'end'): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (!m || (m[2] && (Number(m[2]) < 1 || Number(m[2]) > 12)))
    throw new UsageError(`dates are YYYY, YYYY-MM or YYYY-MM-DD (got "${value}")`);
  const [, y, mo, d] = m;
  if (d) return `${y}-${mo}-${d}`;
  if (mo)
    return side === 'start'
      ? `${y}-${mo}-01`
      : `${y}-${mo}-${String(new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate()).padStart(2, '0')}`;
  return side === 'start' ? `${y}-01-01` : `${y}-12-31`;
}
