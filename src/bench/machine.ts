/** The machine a benchmark ran on, printed and recorded beside its figures. */
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import Database from 'better-sqlite3';

/** What the machine is: the same for every run on it. */
export interface Hardware {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite: string;
}

/** The hardware, and when and how loaded the run began. */
export interface Machine extends Hardware {
  date: string;
  loadAverage1m: number;
}

export function hardware(): Hardware {
  const cpu = cpus();
  const db = new Database(':memory:');
  const sqlite = db.prepare('SELECT sqlite_version()').pluck().get() as string;
  db.close();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    sqlite,
  };
}

export function machine(): Machine {
  return {
    ...hardware(),
    date: new Date().toISOString(),
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}
