/**
 * Where the benchmark corpus lives and how to stream it. Benchmarks, and only benchmarks, may read
 * ../shared (override with WIREWATCH_SHARED); the product never does.
 */
import { createReadStream, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

/** The repository root: this file is dist/bench/corpus.js (or src/bench/corpus.ts under a TS runner). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function sharedDir(): string {
  return process.env.WIREWATCH_SHARED
    ? resolve(process.env.WIREWATCH_SHARED)
    : join(repoRoot, '..', 'shared');
}

export const CORPUS_NAME = 'kcna-stories-2011-2012.jsonl.gz';

export function corpusPath(): string {
  const path = join(sharedDir(), 'corpus', CORPUS_NAME);
  if (!existsSync(path)) {
    throw new Error(
      `benchmark corpus not found at ${path} (set WIREWATCH_SHARED to the shared folder)`,
    );
  }
  return path;
}

/** One corpus record, as in ../shared/corpus. */
export interface CorpusLine {
  source?: string | null;
  language?: string | null;
  published?: string | null;
  title?: string | null;
  body?: string | null;
  url?: string | null;
  index_url?: string | null;
}

/** The lines of a gzipped JSONL file as strings (gunzip + split + UTF-8 decode, no parsing). */
export async function* gzLines(path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pending: Buffer[] = [];
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
    createGunzip(),
  ) as AsyncIterable<Buffer>) {
    let start = 0;
    let nl = chunk.indexOf(0x0a);
    while (nl >= 0) {
      const piece = chunk.subarray(start, nl);
      const line = pending.length ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      if (line.length) yield decoder.decode(line);
      start = nl + 1;
      nl = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.length) pending.push(Buffer.from(chunk.subarray(start)));
  }
  if (pending.length) yield decoder.decode(Buffer.concat(pending));
}

/** Uncompressed size and number of non-empty lines of a gzipped JSONL file. */
export async function measureGz(path: string): Promise<{ bytes: number; records: number }> {
  let bytes = 0;
  let records = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
    createGunzip(),
  ) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) records++;
  }
  return { bytes, records };
}
