import type { Command } from 'commander';
import { diffVersions, VersionChoiceError } from '../../history/history.js';
import { classifyVersions } from '../../history/classify.js';
import { TOO_LARGE_TEXT, type DiffPart } from '../../history/diff.js';
import { EXIT, printJson, printText, UsageError } from '../output.js';
import { terminalSafe, type TerminalMode } from '../terminal-safe.js';
import { withStore, type GlobalFlags } from '../open-store.js';

interface DiffFlags extends GlobalFlags {
  from?: string;
  to?: string;
}

function versionNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${name} must be a version number ≥ 1 (got "${value}")`);
  return n;
}

/**
 * Inline word diff for a terminal: removed words as [-…-], added as {+…+} (the git --word-diff=plain
 * style). The text is the source's: `line` for a title, `block` for a body (its paragraph breaks kept).
 */
export function plainDiff(parts: readonly DiffPart[], mode: TerminalMode = 'block'): string {
  return parts
    .map((p) => {
      const text = terminalSafe(p.text, mode);
      return p.op === 'equal' ? text : p.op === 'delete' ? `[-${text}-]` : `{+${text}+}`;
    })
    .join('');
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description(
      "word diff between two versions of an article's text (default: the latest and the one before)",
    )
    .argument('<id>', 'article id (as `list` prints it)')
    .option('--from <n>', 'the older version number (default: the one before --to)')
    .option('--to <n>', 'the newer version number (default: the latest)')
    .addHelpText(
      'after',
      '\nRemoved words are shown as [-…-], added as {+…+}.\nExit codes: 0 shown, 1 no such article or version, 2 usage error.',
    )
    .action(async (id: string, _flags: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals() as DiffFlags;
      const from = versionNumber('--from', flags.from);
      const to = versionNumber('--to', flags.to);
      await withStore(flags, async (store) => {
        const article = await store.getArticle(id);
        const versions = article ? await store.getVersions(id) : [];
        if (!versions.length) {
          printText(
            article
              ? `article "${terminalSafe(id)}" has no stored versions\n`
              : `no article with id "${terminalSafe(id)}"\n`,
            process.stderr,
          );
          process.exitCode = EXIT.rejected;
          return;
        }
        let diff;
        try {
          diff = diffVersions(versions, from, to);
        } catch (e) {
          if (!(e instanceof VersionChoiceError)) throw e;
          printText(`${e.message}\n`, process.stderr);
          process.exitCode = EXIT.rejected;
          return;
        }
        if (flags.json) {
          printJson({
            ...diff,
            versions: classifyVersions(versions).map(({ seq, firstSeen, lastSeen, change }) => ({
              seq,
              firstSeen,
              lastSeen,
              change,
            })),
          });
          return;
        }
        const c = diff.change;
        const lines = [
          `article ${terminalSafe(id)}: version ${diff.from} → ${diff.to} of ${versions.length}`,
          diff.from === diff.to
            ? 'no change (the same version)'
            : `change: ${c.kind}${c.titleChanged && c.kind === 'body' ? ' (title changed too)' : ''}; +${c.wordsAdded} −${c.wordsRemoved} words (${(c.share * 100).toFixed(1)}% of the text)`,
          '',
        ];
        // Parts of a text too large to diff word by word would mark all of it; the message says why not.
        if (diff.tooLarge?.title) lines.push(`title: ${TOO_LARGE_TEXT}`, '');
        else if (diff.title.length) lines.push(`title: ${plainDiff(diff.title, 'line')}`, '');
        lines.push(
          diff.tooLarge?.body
            ? `body: ${TOO_LARGE_TEXT} (--json has both texts)`
            : plainDiff(diff.body),
        );
        printText(`${lines.join('\n')}\n`);
      });
    });
}
