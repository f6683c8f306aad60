/**
 * The spool: exchanges a worker received while the archive would not take them (the database went
 * away mid-crawl) wait in `.warc.gz` files beside it, each after its provenance record
 * (fetch/archive-sink.ts). The next worker to start imports them like any WARC file — the driver gives
 * each exchange back its capture, options included — and removes each file once it is in.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { importPaths } from '../../pipeline/import.js';
import { isDeadLocalWorker } from '../../pipeline/worker-id.js';
import { hostname } from 'node:os';
import type { ArchiveStore } from '../../store/types.js';

/** Where a worker on the archive `db` spools: beside a SQLite file, `./data/spool` for PostgreSQL. */
export function spoolDirFor(db: string): string {
  return /^postgres(ql)?:\/\//i.test(db) ? join('data', 'spool') : join(dirname(db), 'spool');
}

/** A spool file of a process of this host that is still running is left to it. */
function inUse(file: string): boolean {
  const pid = /^spool-(\d+)\.warc\.gz$/.exec(file)?.[1];
  if (!pid || Number(pid) === process.pid) return false;
  return !isDeadLocalWorker(`${hostname()}:${pid}:spool`);
}

/** Imports the spooled exchanges; returns how many files went in. */
export async function importSpool(store: ArchiveStore, dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  let imported = 0;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.warc.gz'))
    .sort()) {
    if (inUse(file)) continue;
    const path = join(dir, file);
    await importPaths(store, [path], { format: 'auto' });
    rmSync(path, { force: true });
    imported++;
  }
  return imported;
}
