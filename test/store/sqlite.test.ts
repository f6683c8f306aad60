import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { migrations } from '../../src/store/sqlite/migrations.js';
import { tempDir } from '../helpers/tmp.js';
import { storeContract } from './contract.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
let n = 0;

storeContract('sqlite', async () => new SqliteStore(join(dir.path, `contract-${n++}.db`)));

describe('sqlite engine', () => {
  it('creates the file in WAL mode with the schema version recorded', async () => {
    const path = join(dir.path, 'sub', 'wal.db');
    const store = new SqliteStore(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: migrations.length });
    db.close();
    // Reopening an up-to-date archive runs no migration and keeps the data.
    const again = new SqliteStore(path);
    expect((await again.stats()).captures).toBe(0);
    await again.close();
  });

  it('refuses an archive from a newer wirewatch with a clear message', async () => {
    const path = join(dir.path, 'future.db');
    const db = new Database(path);
    db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (999);');
    db.close();
    expect(() => new SqliteStore(path)).toThrow(/newer than this wirewatch/);
  });
});
