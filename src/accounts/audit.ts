/** Entries of the audit log written from more than one place (the web, the API, the CLI). */
import type { Sweep } from '../store/frontier-types.js';
import type { ArchiveStore } from '../store/types.js';
import { userInfo } from 'node:os';
import { actorOf, type Principal } from './principal.js';

/** The actor of a command run on the server's own machine: `cli:<login>`. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export function auditSweep(
  store: ArchiveStore,
  by: Principal | string,
  sweep: Sweep,
): Promise<void> {
  return store.accounts.audit({
    at: sweep.createdAt,
    actor: typeof by === 'string' ? by : actorOf(by),
    action: 'sweep.start',
    target: String(sweep.id),
    detail: { scope: sweep.scope, requestedBy: sweep.requestedBy, reason: sweep.reason },
  });
}
