/**
 * Who holds a claim: `host:pid:nonce`. The host and pid let a later drain on the same machine see that
 * the holder died (kill -9) and take its captures back at once instead of waiting for the lease.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** True when `worker` names a process on this host that no longer runs. */
export function isDeadLocalWorker(worker: string): boolean {
  const [host, pid] = worker.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
