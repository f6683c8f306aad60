import type { Command } from 'commander';
import { personIdsFor } from '../../analyse/resolver.js';
import { derivePeople } from '../../pipeline/derive-people.js';
import type { PeopleOrder } from '../../store/types.js';
import { listJson, printJson, printText, UsageError, wholeNumber } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { withStore, withWriter, type GlobalFlags } from '../open-store.js';

const ORDERS: readonly PeopleOrder[] = ['appearances', 'mentions', 'last-seen', 'name'];

interface PeopleFlags extends GlobalFlags {
  order: string;
  name?: string;
  limit: string;
  offset: string;
  reanalyse?: boolean;
}

export function registerPeople(program: Command): void {
  program
    .command('people')
    .description(
      'everyone the archived texts name: appearances beside the leader, mentions, last seen',
    )
    .option('--order <order>', `appearances, mentions, last-seen or name`, 'appearances')
    .option('--name <name>', 'only this person, in any spelling the gazetteer knows')
    .option('--limit <n>', 'at most this many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option(
      '--reanalyse',
      'derive the people of every version again (after the gazetteer or the analysis changed)',
    )
    .addHelpText(
      'after',
      '\nEach line: appearances, articles, mentions, first and last seen, names removed, the person.\n' +
        'Appearances count the activities of the leader a person led or accompanied (a flash and its\n' +
        'full story once). `wirewatch person NAME` shows one person.',
    )
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as PeopleFlags;
      if (f.reanalyse) {
        await withWriter(f, async (store) => {
          const queued = await store.people.requeueAll();
          const derived = await derivePeople(store);
          if (f.json) printJson({ queued, derived });
          else printText(`derived the people of ${derived} versions (${queued} queued)\n`);
        });
        return;
      }
      if (!(ORDERS as readonly string[]).includes(f.order))
        throw new UsageError(`--order must be one of ${ORDERS.join(', ')} (got "${f.order}")`);
      const limit = wholeNumber('--limit', f.limit, 1);
      const offset = wholeNumber('--offset', f.offset, 0);
      await withStore(f, async (store) => {
        const page = await store.people.listPeople({
          order: f.order as PeopleOrder,
          ids: f.name ? personIdsFor(f.name) : undefined,
          limit,
          offset,
        });
        if (f.json) {
          printJson(listJson(page.items, page.total));
          return;
        }
        const lines = page.items.map(
          (p) =>
            `${String(p.appearances).padStart(5)} ${String(p.articles).padStart(6)} ${String(p.mentions).padStart(7)}  ${p.firstSeen ?? '?'}  ${p.lastSeen ?? '?'}  ${String(p.removals).padStart(3)}  ${terminalSafe(p.name)}  (${terminalSafe(p.personId)})`,
        );
        const head = 'appear articles mentions first      last        rm  person';
        printText([head, ...lines, `${page.items.length} of ${page.total}`].join('\n') + '\n');
      });
    });
}
