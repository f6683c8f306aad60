/**
 * `wirewatch alerts`: checks every saved search and follow for what is new and sends the alerts that
 * are due (alerts/check.ts, alerts/deliver.ts); with `--every SECONDS`, again and again until stopped.
 * It runs beside the crawl, never inside it: a slow receiver holds up only this process.
 */
import type { Command } from 'commander';
import type { CheckReport } from '../../alerts/check.js';
import type { DeliverReport } from '../../alerts/deliver.js';
import { loadConfig } from '../../config.js';
import type { ArchiveStore } from '../../store/types.js';
import { withWriter, type GlobalFlags } from '../open-store.js';
import { EXIT, printJson, printJsonLine, printText, wholeNumber } from '../output.js';

interface AlertFlags extends GlobalFlags {
  every?: string;
  baseUrl?: string;
}

type Pass = CheckReport & { sent: DeliverReport };

async function pass(store: ArchiveStore, f: AlertFlags): Promise<Pass> {
  const config = loadConfig({ db: f.db, baseUrl: f.baseUrl });
  const origin = config.server.baseUrl ?? 'http://127.0.0.1:8080';
  // Loaded here, not when the CLI starts: the mail client is only for this command.
  const { checkAlerts } = await import('../../alerts/check.js');
  const { deliverDue } = await import('../../alerts/deliver.js');
  const check = await checkAlerts(store, { now: new Date(), origin });
  const sent = await deliverDue(store, config.alerts, () => new Date());
  return { ...check, sent };
}

function line(p: Pass): string {
  const s = p.sent;
  return (
    `checked ${p.savedSearches} saved search(es) and ${p.follows} follow(s): ${p.alerts} alert(s), ` +
    `${p.deliveries} delivery(ies) queued; sent ${s.delivered}, retrying ${s.retrying}, ` +
    `failed ${s.failed}, channels paused ${s.paused}\n`
  );
}

export function registerAlerts(program: Command): void {
  program
    .command('alerts')
    .description('check saved searches and follows for news, and send the alerts that are due')
    .option('--every <seconds>', 'go on: a pass every this many seconds, until stopped')
    .option('--base-url <url>', 'where readers reach the server, for the links in alerts')
    .addHelpText(
      'after',
      `
Mail goes through WIREWATCH_SMTP_URL (smtp://user:pass@host:port, or smtps://…) from WIREWATCH_MAIL_FROM.
A failed delivery is tried again after 1, 5 and 30 minutes, 2 and 12 hours; a channel whose deliveries
keep failing is paused until its user resumes it on their Alerts page (/account/alerts).`,
    )
    .action(async (flags: AlertFlags, cmd: Command) => {
      const f = { ...cmd.optsWithGlobals(), ...flags } as AlertFlags;
      const every = f.every === undefined ? null : wholeNumber('--every', f.every, 1);
      await withWriter(f, async (store) => {
        if (every === null) {
          const p = await pass(store, f);
          if (f.json) printJson(p);
          else printText(line(p));
          return;
        }
        const stop = new AbortController();
        for (const signal of ['SIGINT', 'SIGTERM'] as const)
          process.once(signal, () => stop.abort());
        while (!stop.signal.aborted) {
          const p = await pass(store, f);
          if (f.json) printJsonLine(p);
          else if (p.alerts || p.sent.delivered || p.sent.retrying || p.sent.failed)
            printText(line(p));
          await new Promise((resolve) => {
            const timer = setTimeout(resolve, every * 1000);
            stop.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              resolve(null);
            });
          });
        }
      });
      process.exitCode = EXIT.ok;
    });
}
