import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { migrations } from '../../src/store/sqlite/migrations.js';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { dies, HALF_WRITTEN } from '../helpers/half-written.js';
import { tempDir } from '../helpers/tmp.js';
import { storeContract } from './contract.js';
import { frontierContract } from './frontier-contract.js';
import { peopleContract } from './people-contract.js';
import { accountsContract } from './accounts-contract.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
let n = 0;

storeContract('sqlite', async () => new SqliteStore(join(dir.path, `contract-${n++}.db`)));
frontierContract('sqlite', async () => new SqliteStore(join(dir.path, `frontier-${n++}.db`)));
peopleContract('sqlite', async () => new SqliteStore(join(dir.path, `people-${n++}.db`)));
accountsContract('sqlite', async () => new SqliteStore(join(dir.path, `accounts-${n++}.db`)));

describe('sqlite engine', () => {
  it('drops a capture left half-written by a writer that died, not one whose writer lives', async () => {
    const path = join(dir.path, `abandoned-${n++}.db`);
    const store = new SqliteStore(path);
    await expect(store.putCapture(HALF_WRITTEN, dies())).rejects.toThrow('killed');
    // Its writer (this process) still runs: it may yet finish or replace it.
    expect(await store.dropAbandonedCaptures()).toBe(0);
    expect((await store.stats()).unprocessedCaptures).toBe(1);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const raw = new Database(path);
    raw.prepare('UPDATE captures SET claimed_by = ?').run(`${hostname()}:${gone}:dead`);
    raw.close();
    expect(await store.dropAbandonedCaptures()).toBe(1);
    expect(await store.getCapture(HALF_WRITTEN)).toBeNull();
    expect((await store.stats()).unprocessedCaptures).toBe(0);
    await store.close();
  });

  it('reads its change token once a turn of the event loop; its own write moves it at once', async () => {
    const path = join(dir.path, `token-${n++}.db`);
    const store = new SqliteStore(path);
    const source = { id: 's', name: 'S', language: 'en', label: 'S (En)' };
    try {
      const first = await store.changeToken();
      // Another connection commits within the turn: the turn's requests keep the token they saw.
      const other = new Database(path);
      other.prepare("INSERT INTO sources VALUES ('o', 'O', 'en', 'O (En)')").run();
      other.close();
      expect(await store.changeToken()).toBe(first);
      await new Promise((resolve) => setImmediate(resolve));
      const next = await store.changeToken();
      expect(next).not.toBe(first);
      // This process's own write: seen by the very next call, in the same turn.
      await store.upsertSource(source);
      expect(await store.changeToken()).not.toBe(next);
    } finally {
      await store.close();
    }
  });

  it('creates the file in WAL mode with the schema version recorded', async () => {
    const path = join(dir.path, 'sub', 'wal.db');
    const store = new SqliteStore(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({
      version: migrations.length,
    });
    db.close();
    // Reopening an up-to-date archive runs no migration and keeps the data.
    const again = new SqliteStore(path);
    expect((await again.stats()).captures).toBe(0);
    await again.close();
  });

  it('refuses an archive from a newer wirewatch with a clear message', async () => {
    const path = join(dir.path, 'future.db');
    const db = new Database(path);
    db.exec(
      'CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (999);',
    );
    db.close();
    expect(() => new SqliteStore(path)).toThrow(/newer than this wirewatch/);
  });

  it('keeps list totals only until the archive changes, through this connection or another', async () => {
    const path = join(dir.path, 'counts.db');
    const a = new SqliteStore(path);
    const b = new SqliteStore(path);
    const source = { id: 'kcna-kp-en', name: 'KCNA.kp', language: 'en', label: 'KCNA.kp (En)' };
    await a.upsertSource(source);
    const article = (id: string) => ({
      id,
      sourceId: source.id,
      url: null,
      title: id,
      dateline: null,
      published: { year: 2012, month: 3, day: 1, basis: 'record' as const },
      language: 'en',
      paragraphs: [],
      teaser: null,
      status: 'live' as const,
      storyId: id,
      versionCount: 0,
      firstSeen: '2026-01-01T00:00:00.000Z',
      lastSeen: '2026-01-01T00:00:00.000Z',
      removedAt: null,
      flags: [],
      keys: { leadKey: null, titleKey: null, bodyHash: null, signature: null },
    });
    const total = async () => (await a.listArticles({ sourceId: source.id, limit: 1 })).total;
    expect(await total()).toBe(0);
    await a.insertArticle(article('x1'));
    expect(await total()).toBe(1);
    await b.insertArticle(article('x2'));
    expect(await total()).toBe(2);
    await b.transaction(async () => {
      await b.insertArticle(article('x3'));
      await b.insertArticle(article('x4'));
    });
    expect(await total()).toBe(4);
    await a.close();
    await b.close();
  });
});
