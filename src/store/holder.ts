/**
 * Who holds something in the archive (a capture being written, a capture being processed):
 * `host:pid:nonce`. Host and pid let another process on the same machine see that the holder died
 * (kill -9) and take over at once instead of waiting for a lease to run out.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** True when `holder` names a process on this host that no longer runs. */
export function isDeadLocalHolder(holder: string): boolean {
  const [host, pid] = holder.split(':');
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
