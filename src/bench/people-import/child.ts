/** One timed import of the 22k corpus into a fresh SQLite archive; prints its seconds as JSON. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPaths } from '../../pipeline/import.js';
import { SqliteStore } from '../../store/sqlite/index.js';
import { corpusPath } from '../corpus.js';

const dir = await mkdtemp(join(tmpdir(), 'wirewatch-people-import-'));
const store = new SqliteStore(join(dir, 'archive.sqlite'));
const started = performance.now();
await importPaths(store, [corpusPath()], { format: 'auto', now: () => '2026-01-01T00:00:00.000Z' });
const seconds = (performance.now() - started) / 1000;
const people = (await store.people.listPeople({ limit: 1 })).total;
await store.close();
await rm(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ seconds, people })}\n`);
