import type { Command } from 'commander';
import { APPEARANCE_COLUMNS, appearanceRows } from '../../analyse/appearance-rows.js';
import { personIdsFor } from '../../analyse/resolver.js';
import type { ArchiveStore } from '../../store/types.js';
import { personReport } from '../../history/people.js';
import { csvText } from '../../export/csv.js';
import { EXIT, Problem } from '../../errors.js';
import { printJson, printText, UsageError } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import { withStore, type GlobalFlags } from '../open-store.js';

interface PersonFlags extends GlobalFlags {
  csv?: boolean;
}

/** The one person a name stands for in this archive, or a usage error listing the choices. */
async function onePerson(store: ArchiveStore, name: string): Promise<string> {
  const ids = personIdsFor(name);
  const found = (await store.people.listPeople({ ids, limit: 10 })).items;
  if (found.length === 1) return found[0]!.personId;
  if (found.length > 1)
    throw new UsageError(
      `"${name}" is ${found.length} people here: ${found.map((p) => `"${p.name}" (${p.personId})`).join(', ')}; name one`,
    );
  const removed = await Promise.all(
    ids.map((id) => store.people.removals({ personId: id, limit: 1 })),
  );
  const hit = removed.findIndex((r) => r.total > 0);
  if (hit >= 0) return ids[hit]!;
  throw new Problem(404, 'not_found', `no one named "${name}" in this archive`, {
    exitCode: EXIT.rejected,
  });
}

export function registerPerson(program: Command): void {
  program
    .command('person')
    .description(
      'one person: titles over time, appearances with companions, last seen, names removed',
    )
    .argument(
      '<name>',
      'a name in any spelling the gazetteer knows, "Ri Yong Ho [military]", or an id',
    )
    .option(
      '--csv',
      'every appearance as CSV: companions in order and the sentence it was read from',
    )
    .action(async (name: string, _flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as PersonFlags;
      if (f.csv && f.json) throw new UsageError('--csv and --json: choose one');
      await withStore(f, async (store) => {
        const id = await onePerson(store, name);
        if (f.csv) {
          const activities = await store.people.activitiesOf(id);
          process.stdout.write(csvText(APPEARANCE_COLUMNS, appearanceRows(id, activities)));
          return;
        }
        const report = (await personReport(store, id))!;
        const { activities, profile, absence, gazetteer: entry } = report;
        // Listed only when a current text names the person (a listed person has an article).
        const summary = report.summary.articles > 0 ? report.summary : null;
        const removals = await store.people.removals({ personId: id, limit: 100 });
        if (f.json) {
          printJson({
            personId: id,
            summary: summary ?? null,
            gazetteer: entry,
            profile,
            absence,
            removals,
          });
          return;
        }
        const out = [
          `${terminalSafe(summary?.name ?? removals.items[0]?.name ?? id)}  (${terminalSafe(id)})${entry?.hangul ? `  ${entry.hangul}` : ''}`,
          `${summary?.articles ?? 0} articles, ${summary?.mentions ?? 0} mentions, ${profile.appearances} appearances beside the leader`,
        ];
        if (absence)
          out.push(
            `last seen ${absence.lastSeen}: absent ${absence.days} days at the archive's end` +
              (absence.usualGap !== null
                ? ` (usual gap ${absence.usualGap} days${absence.flagged ? ', FLAGGED' : ''})`
                : ''),
          );
        if (profile.rankDrop) out.push('protocol rank FELL in the latest appearances');
        if (removals.total) out.push(`name removed from ${removals.total} articles by later edits`);
        if (profile.titles.length) out.push('', 'titles (first seen – last seen, articles):');
        for (const t of profile.titles.slice(0, 20))
          out.push(
            `  ${t.first ?? '?'} – ${t.last ?? '?'}  ${String(t.articles).padStart(4)}  ${terminalSafe(t.title)}`,
          );
        if (activities.length) out.push('', 'latest appearances:');
        for (const a of [...activities].reverse().slice(0, 10)) {
          const at = a.companions.findIndex((p) => p.personId === id);
          out.push(
            `  ${a.pubDate ?? '?'}  ${terminalSafe(a.kind).padEnd(14)} ${at >= 0 ? `#${at + 1} of ${a.companions.length}` : a.leader === summary?.name ? 'leader' : ''}  ${terminalSafe(a.title ?? a.articleId)}`,
          );
        }
        if (profile.coAppearances.length)
          out.push(
            '',
            `appears with: ${profile.coAppearances
              .slice(0, 8)
              .map((p) => `${terminalSafe(p.name)} (${p.count})`)
              .join(', ')}`,
          );
        printText(`${out.join('\n')}\n`);
      });
    });
}
