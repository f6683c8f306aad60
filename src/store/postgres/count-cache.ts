/**
 * Article counts kept until the archive changes. A list page shows its total, and on PostgreSQL a
 * count reads every matching row (no index-only scan on a table autovacuum has not visited), which
 * at a million articles costs more than the rest of the page. SQLite keeps its counts the same way,
 * keyed by its data version (sqlite/index.ts: countArticles).
 */
export class CountCache {
  private token = '';
  private readonly values = new Map<string, number>();

  constructor(private readonly capacity = 1000) {}

  /**
   * The count under `key` as of `token` (read before counting, so a write that lands meanwhile only
   * makes the kept figure newer than its token, never older), counted by `count` when not kept.
   */
  async get(token: string, key: string, count: () => Promise<number>): Promise<number> {
    if (token !== this.token || this.values.size >= this.capacity) {
      this.token = token;
      this.values.clear();
    }
    const kept = this.values.get(key);
    if (kept !== undefined) return kept;
    const n = await count();
    if (this.token === token) this.values.set(key, n);
    return n;
  }
}
