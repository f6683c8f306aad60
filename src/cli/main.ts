#!/usr/bin/env node
/**
 * `wirewatch`: the command line. Exit codes: 0 ok, 1 some input rejected, 2 usage error.
 * A user's mistake is one line on stderr, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { Problem } from '../errors.js';
import { EXIT, printText } from './output.js';
import { terminalSafe } from './terminal-safe.js';
/** Adds a command (or a few) to the program. */
type Register = (program: Command) => void;

/**
 * Every command, in the order help lists them: its names and how to load it. A command's module (and
 * what it imports: the web server, the crawler, the engines) is loaded only when that command runs, or
 * for help listing them all: `wirewatch search` does not wait for the server's modules.
 */
const COMMANDS: [string[], () => Promise<Register>][] = [
  [['import'], async () => (await import('./commands/import.js')).registerImport],
  [['show'], async () => (await import('./commands/show.js')).registerShow],
  [['list'], async () => (await import('./commands/list.js')).registerList],
  [['export'], async () => (await import('./commands/export.js')).registerExport],
  [['stats'], async () => (await import('./commands/stats.js')).registerStats],
  [['reprocess'], async () => (await import('./commands/reprocess.js')).registerReprocess],
  [['search'], async () => (await import('./commands/search.js')).registerSearch],
  [['serve'], async () => (await import('./commands/serve.js')).registerServe],
  [['demo'], async () => (await import('./commands/demo.js')).registerDemo],
  [['sources'], async () => (await import('./commands/sources.js')).registerSources],
  [['crawl'], async () => (await import('./commands/crawl.js')).registerCrawl],
  [['recheck'], async () => (await import('./commands/recheck.js')).registerRecheck],
  [['sweeps'], async () => (await import('./commands/sweeps.js')).registerSweeps],
  [['diff'], async () => (await import('./commands/diff.js')).registerDiff],
  [['changes'], async () => (await import('./commands/changes.js')).registerChanges],
  [['people'], async () => (await import('./commands/people.js')).registerPeople],
  [['person'], async () => (await import('./commands/person.js')).registerPerson],
  [['drain', 'work'], async () => (await import('./commands/drain.js')).registerDrain],
  [['captures'], async () => (await import('./commands/captures.js')).registerCaptures],
  [['check'], async () => (await import('./commands/check.js')).registerCheck],
  [['users'], async () => (await import('./commands/users.js')).registerUsers],
  [['tokens'], async () => (await import('./commands/tokens.js')).registerTokens],
  [['alerts'], async () => (await import('./commands/alerts.js')).registerAlerts],
  [['extract'], async () => (await import('./commands/extract.js')).registerExtract],
];

/** The command `argv` names (its first word that is neither a global option nor its value), if any. */
function commandNamed(argv: string[]): string | null {
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--db') i++;
    else if (!word.startsWith('-')) return word;
  }
  return null;
}

/** The program with every command, or only the one `argv` runs when it is a known command. */
export async function buildProgram(argv: string[] = []): Promise<Command> {
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
  const named = commandNamed(argv);
  const one = COMMANDS.find(([names]) => named !== null && names.includes(named));
  for (const [, load] of one ? [one] : COMMANDS) (await load())(program);
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
  const program = await buildProgram(argv);
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
