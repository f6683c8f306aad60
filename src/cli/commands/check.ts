import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { isPostgresUrl } from '../../store/postgres/url.js';
import { quickCheckFile } from '../../store/sqlite/quick-check.js';
import { EXIT, printJson, printText, UsageError } from '../output.js';
import { archivePath, withStore, type GlobalFlags } from '../open-store.js';
import { terminalSafe } from '../terminal-safe.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      "check the archive itself: SQLite's quick_check, or PostgreSQL's schema and tables",
    )
    .addHelpText(
      'after',
      `
A SQLite file is checked read-only (PRAGMA quick_check: every page and index, in time linear in its
size) and never migrated or written. On PostgreSQL, whose server looks after its files, it checks the
schema version and that every table is there. Writers (import, drain, crawl, reprocess, recheck) run the
same check when they open a SQLite file and say so on stderr; serve runs it in the background.
With --json: {"ok": true|false, "archive": "…", "problems": ["…"]}.
Exit code 0 when sound, 1 when damaged (or the archive cannot be read), 2 for a usage error.`,
    )
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as GlobalFlags;
      const { db } = loadConfig({ db: f.db });
      const archive = archivePath(f);
      let problems: string[];
      if (isPostgresUrl(db)) problems = await withStore(f, (store) => store.checkIntegrity());
      else if (!existsSync(db)) throw new UsageError(`no archive at ${db}`);
      else problems = quickCheckFile(db);
      const ok = problems.length === 0;
      if (f.json) printJson({ ok, archive, problems });
      else if (ok) printText(`ok: ${terminalSafe(archive)}\n`);
      else {
        printText(`damaged: ${terminalSafe(archive)}\n`);
        for (const p of problems) printText(`  ${terminalSafe(p)}\n`);
      }
      process.exitCode = ok ? EXIT.ok : EXIT.rejected;
    });
}
