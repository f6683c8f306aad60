/** `wirewatch sweeps`: the sweeps of the archive, newest first, or one with `sweeps show N`. */
import type { Command } from 'commander';
import { withStore, type GlobalFlags } from '../open-store.js';
import { EXIT, listJson, printJson, printText, wholeNumber } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { sweepLine } from './recheck.js';
import type { Sweep } from '../../store/types.js';

interface SweepsFlags extends GlobalFlags {
  limit?: string;
  unfinished?: boolean;
}

function describe(s: Sweep): string {
  const scope = [
    s.scope.crawlSources.join(', ') || 'every source',
    s.scope.sourceId ? `archive source ${s.scope.sourceId}` : '',
    s.scope.published ? `published ${s.scope.published.from}..${s.scope.published.to}` : '',
    s.scope.query ? `search ${JSON.stringify(s.scope.query)}` : '',
  ].filter(Boolean);
  const state = s.finishedAt ? `finished ${s.finishedAt}` : 'unfinished';
  const why = s.reason ? ` — ${s.reason}` : '';
  return terminalSafe(
    `${sweepLine(s)}\n  ${s.createdAt} by ${s.requestedBy}: ${scope.join('; ')}; ${state}${why}`,
  );
}

export function registerSweeps(program: Command): void {
  const sweeps = program
    .command('sweeps')
    .description('the sweeps (wirewatch recheck, the API, deletion spikes), newest first')
    .option('--limit <n>', 'at most this many', '20')
    .option('--unfinished', 'only sweeps with items still pending')
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as SweepsFlags;
      const limit = wholeNumber('--limit', f.limit ?? '20', 1);
      const page = await withStore(f, (store) =>
        store.frontier.listSweeps({ limit, unfinished: f.unfinished === true }),
      );
      if (f.json) printJson(listJson(page.items, page.total));
      else if (!page.items.length) process.stdout.write('no sweeps\n');
      else printText(`${page.items.map(describe).join('\n')}\n`);
      process.exitCode = EXIT.ok;
    });
  sweeps
    .command('show <id>')
    .description('one sweep, with its counts')
    .option('--db <file|url>', 'the archive (SQLite file or postgres://… URL)')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as SweepsFlags;
      const n = wholeNumber('sweep id', id, 1);
      const sweep = await withStore(f, (store) => store.frontier.getSweep(n));
      if (!sweep) {
        if (f.json) printJson({ error: `no sweep ${n}` });
        else process.stderr.write(`no sweep ${n}\n`);
        process.exitCode = EXIT.rejected;
        return;
      }
      if (f.json) printJson(sweep);
      else printText(`${describe(sweep)}\n`);
      process.exitCode = EXIT.ok;
    });
}
