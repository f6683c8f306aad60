#!/usr/bin/env node
/**
 * `wirewatch`: the command line. Exit codes: 0 ok, 1 some input rejected, 2 usage error.
 * A user's mistake is one line on stderr, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { Problem } from '../errors.js';
import { EXIT, printText } from './output.js';
import { terminalSafe } from './terminal-safe.js';
import { registerCaptures } from './commands/captures.js';
import { registerChanges } from './commands/changes.js';
import { registerCheck } from './commands/check.js';
import { registerCrawl } from './commands/crawl.js';
import { registerDemo } from './commands/demo.js';
import { registerDiff } from './commands/diff.js';
import { registerDrain } from './commands/drain.js';
import { registerExport } from './commands/export.js';
import { registerExtract } from './commands/extract.js';
import { registerImport } from './commands/import.js';
import { registerList } from './commands/list.js';
import { registerRecheck } from './commands/recheck.js';
import { registerPeople } from './commands/people.js';
import { registerPerson } from './commands/person.js';
import { registerReprocess } from './commands/reprocess.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerShow } from './commands/show.js';
import { registerSources } from './commands/sources.js';
import { registerStats } from './commands/stats.js';
import { registerSweeps } from './commands/sweeps.js';
import { registerTokens } from './commands/tokens.js';
import { registerAlerts } from './commands/alerts.js';
import { registerUsers } from './commands/users.js';

export function buildProgram(): Command {
  const program = new Command()
    .name('wirewatch')
    .description('An open archive of state-media wire copy: capture, extract, keep, search.')
    .version('0.1.0')
    .option(
      '--db <file|url>',
      'the archive: a SQLite file or a postgres://… URL; default $WIREWATCH_DB or ./data/wirewatch.db',
    )
    .option(
      '--json',
      'machine-readable output with a stable shape (lists are {"items": [...], "total": N})',
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of [
    registerImport,
    registerShow,
    registerList,
    registerExport,
    registerStats,
    registerReprocess,
    registerSearch,
    registerServe,
    registerDemo,
    registerSources,
    registerCrawl,
    registerRecheck,
    registerSweeps,
    registerDiff,
    registerChanges,
    registerPeople,
    registerPerson,
    registerDrain,
    registerCaptures,
    registerCheck,
    registerUsers,
    registerTokens,
    registerAlerts,
  ]) {
    register(program);
  }
  registerExtract(program);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    // Global flags are accepted after the command name as well as before it.
    cmd
      .option('--db <file|url>', 'the archive (SQLite file or postgres://… URL)')
      .option('--json', 'machine-readable output');
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof Problem) {
      printText(`wirewatch: ${terminalSafe(error.message)}\n`, process.stderr);
      return error.exitCode;
    }
    printText(
      `wirewatch: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`,
      process.stderr,
    );
    return EXIT.rejected;
  }
}

// A reader that stops early (`wirewatch list | head`) closes the pipe: that ends the output, quietly,
// not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? EXIT.ok);
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
