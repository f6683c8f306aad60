/**
 * `wirewatch users add|list|remove|passwd`: the archive's accounts, managed on the machine that holds
 * it (whoever runs these can already read the archive's files). Each change is in the audit log as
 * `cli:<login>`.
 */
import type { Command } from 'commander';
import { cliActor } from '../../accounts/audit.js';
import { parseRole } from '../../accounts/roles.js';
import { addUser, changeUser, removeUser } from '../../accounts/users.js';
import { withStore, withWriter, type GlobalFlags } from '../open-store.js';
import { EXIT, listJson, printJson, printText } from '../output.js';
import { readPassword } from '../read-password.js';

interface UserFlags extends GlobalFlags {
  role?: string;
  passwordStdin?: boolean;
}

function common(command: Command): Command {
  return command
    .option('--db <file|url>', 'the archive (SQLite file or postgres://… URL)')
    .option('--json', 'machine-readable output')
    .exitOverride();
}

function done(f: GlobalFlags, json: unknown, text: string): void {
  if (f.json) printJson(json);
  else printText(`${text}\n`);
  process.exitCode = EXIT.ok;
}

export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description('accounts of the archive: admin, editor (sources, sweeps, imports), reader');
  common(users.command('add <name>'))
    .description('add a user; the password is asked at the terminal or read with --password-stdin')
    .option('--role <role>', 'admin, editor or reader', 'reader')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as UserFlags;
      const role = parseRole(f.role ?? 'reader');
      const password = await readPassword(f.passwordStdin === true);
      const user = await withWriter(f, (store) =>
        addUser(store, cliActor(), { name, role, password }),
      );
      done(f, user, `added ${user.name} (${user.role})`);
    });
  common(users.command('list'))
    .description('the users, by name')
    .action(async (_o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as UserFlags;
      const list = await withStore(f, (store) => store.accounts.listUsers());
      if (f.json) printJson(listJson(list));
      else if (list.length === 0)
        printText('no users: on loopback the reader is open to anyone; add an admin first\n');
      else
        printText(`${list.map((u) => `${u.name}\t${u.role}\tsince ${u.createdAt}`).join('\n')}\n`);
      process.exitCode = EXIT.ok;
    });
  common(users.command('remove <name>'))
    .description('remove a user with their sessions and tokens')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as UserFlags;
      await withWriter(f, (store) => removeUser(store, cliActor(), name));
      done(f, { removed: name }, `removed ${name}`);
    });
  common(users.command('passwd <name>'))
    .description('set a new password (and with --role a new role); ends the user’s sessions')
    .option('--role <role>', 'a new role as well: admin, editor or reader')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as UserFlags;
      const role = f.role === undefined ? undefined : parseRole(f.role);
      const password = await readPassword(f.passwordStdin === true);
      await withWriter(f, (store) => changeUser(store, cliActor(), name, { password, role }));
      done(f, { changed: name }, `changed ${name}`);
    });
}
