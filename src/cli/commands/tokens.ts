/**
 * `wirewatch tokens add|list|revoke`: API tokens of the archive's users. A token is printed once, when
 * it is made; only its digest is kept.
 */
import type { Command } from 'commander';
import { cliActor } from '../../accounts/audit.js';
import { parseScopes } from '../../accounts/roles.js';
import { makeToken, parseExpiry, revokeToken } from '../../accounts/tokens.js';
import { Problem } from '../../errors.js';
import type { ApiToken } from '../../store/types.js';
import { withStore, withWriter, type GlobalFlags } from '../open-store.js';
import { EXIT, listJson, printJson, printText, wholeNumber } from '../output.js';

interface TokenFlags extends GlobalFlags {
  user?: string;
  scopes?: string;
  expires?: string;
  label?: string;
}

function common(command: Command): Command {
  return command
    .option('--db <file|url>', 'the archive (SQLite file or postgres://… URL)')
    .option('--json', 'machine-readable output')
    .exitOverride();
}

function line(t: ApiToken): string {
  const state = t.revokedAt ? `revoked ${t.revokedAt}` : `expires ${t.expiresAt ?? 'never'}`;
  return `${t.id}\t${t.userName}\t${t.label}\t${t.scopes.join(',')}\t${state}`;
}

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('API tokens (Authorization: Bearer …)');
  common(tokens.command('add'))
    .description('make a token for a user; it is printed once and never again')
    .requiredOption('--user <name>', 'whose token it is')
    .option(
      '--scopes <list>',
      'read, write, admin (comma-separated; at most the user’s role)',
      'read',
    )
    .option('--expires <when>', '30d, 12h, a date such as 2027-01-31, or never', '90d')
    .option('--label <text>', 'what it is for', 'API token')
    .action(async (_o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as TokenFlags;
      const scopes = parseScopes(f.scopes ?? 'read');
      const expiresAt = parseExpiry(f.expires ?? '90d');
      const made = await withWriter(f, async (store) => {
        const owner = await store.accounts.getUserByName(f.user!);
        if (!owner) throw new Problem(404, 'not_found', `no user "${f.user}"`);
        return makeToken(store, cliActor(), owner, {
          label: f.label ?? 'API token',
          scopes,
          expiresAt,
        });
      });
      if (f.json) printJson({ secret: made.secret, token: made.token });
      else {
        process.stdout.write(`${made.secret}\n`);
        printText(
          `token ${made.token.id} for ${made.token.userName}: copy it now, it is not kept\n`,
          process.stderr,
        );
      }
      process.exitCode = EXIT.ok;
    });
  common(tokens.command('list'))
    .description('tokens, newest first (never the tokens themselves)')
    .option('--user <name>', 'only this user’s')
    .action(async (_o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as TokenFlags;
      const list = await withStore(f, async (store) => {
        if (f.user === undefined) return store.accounts.listTokens();
        const owner = await store.accounts.getUserByName(f.user);
        if (!owner) throw new Problem(404, 'not_found', `no user "${f.user}"`);
        return store.accounts.listTokens(owner.id);
      });
      if (f.json) printJson(listJson(list));
      else if (list.length === 0) printText('no tokens\n');
      else printText(`${list.map(line).join('\n')}\n`);
      process.exitCode = EXIT.ok;
    });
  common(tokens.command('revoke <id>'))
    .description('revoke a token: it is refused from then on')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as TokenFlags;
      const n = wholeNumber('token id', id, 1);
      await withWriter(f, (store) => revokeToken(store, cliActor(), n));
      if (f.json) printJson({ revoked: n });
      else printText(`revoked token ${n}\n`);
      process.exitCode = EXIT.ok;
    });
}
