/**
 * Runs `prepareBatch` on a worker thread when the compiled worker is there (the built CLI), inline
 * otherwise (tests running the TypeScript sources): same function, same results, either way.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { NumberedLine } from '../capture/lines.js';
import {
  prepareBatch,
  type LineBatch,
  type LineDefaults,
  type PreparedLine,
} from './prepare-line.js';

const WORKER_FILE = fileURLToPath(new URL('./prepare-worker.js', import.meta.url));

export class LinePreparer {
  private readonly worker: Worker | null;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (lines: PreparedLine[]) => void; reject: (e: Error) => void }
  >();

  constructor(private readonly defaults: LineDefaults) {
    this.worker = existsSync(WORKER_FILE) ? new Worker(WORKER_FILE) : null;
    this.worker?.on('message', (m: { id: number; lines?: PreparedLine[]; error?: string }) => {
      const waiting = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.lines) waiting?.resolve(m.lines);
      else waiting?.reject(new Error(`line preparation failed: ${m.error}`));
    });
    this.worker?.on('error', (e) => {
      for (const w of this.pending.values()) w.reject(e);
      this.pending.clear();
    });
  }

  prepare(lines: NumberedLine[]): Promise<PreparedLine[]> {
    const total = lines.reduce((n, l) => n + l.bytes.length, 0);
    const bytes = new Uint8Array(total);
    const ends: number[] = [];
    let at = 0;
    for (const l of lines) {
      bytes.set(l.bytes, at);
      at += l.bytes.length;
      ends.push(at);
    }
    const batch: LineBatch = {
      numbers: lines.map((l) => l.number),
      ends,
      terminated: lines.map((l) => l.terminated),
      bytes,
      defaults: this.defaults,
    };
    if (!this.worker) return Promise.resolve(prepareBatch(batch));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, batch }, [bytes.buffer]);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
