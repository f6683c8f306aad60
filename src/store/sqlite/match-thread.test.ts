/**
 * `runMatch` reads rows into typed arrays as they come: the same ids and scores as the rows, in their
 * order, for results smaller and larger than its first allocation, with scores and without; and what
 * it returns is no larger than the rows.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runMatch } from './match-thread.js';
import { StatementCache } from './statement-cache.js';

const db = new Database(':memory:');
db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, score REAL);
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
  INSERT INTO t SELECT i * 3, i / 7.0 FROM n;`);
const statements = new StatementCache(db);
afterAll(() => db.close());

describe('runMatch', () => {
  for (const limit of [0, 1, 1023, 1024, 1025, 5000]) {
    it(`reads ${limit} rows as they are, with scores and without`, () => {
      const expected = db
        .prepare('SELECT id, score FROM t ORDER BY id DESC LIMIT ?')
        .raw()
        .all(limit) as [number, number][];
      const scored = runMatch(statements, {
        sql: 'SELECT id, score FROM t ORDER BY id DESC LIMIT ?',
        params: [limit],
        withScores: true,
      });
      expect([...scored.ids]).toEqual(expected.map(([id]) => id));
      expect([...scored.scores!]).toEqual(expected.map(([, score]) => score));
      expect(scored.ids.buffer.byteLength).toBe(limit * 4);
      expect(scored.scores!.buffer.byteLength).toBe(limit * 8);

      const bare = runMatch(statements, {
        sql: 'SELECT id FROM t ORDER BY id DESC LIMIT ?',
        params: [limit],
        withScores: false,
      });
      expect([...bare.ids]).toEqual(expected.map(([id]) => id));
      expect(bare.scores).toBeNull();
    });
  }
});
