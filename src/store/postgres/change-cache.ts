/**
 * Figures kept until the archive changes: article counts (a list page shows its total) and the
 * sources list (counts, dates and last capture per source, on five kinds of page). On PostgreSQL
 * both read every matching row (no index-only scan on a table autovacuum has not visited), which
 * grows with the archive. SQLite keeps the same figures per data version (sqlite/index.ts).
 */
export class ChangeCache<T> {
  private token = '';
  private readonly values = new Map<string, T>();

  constructor(private readonly capacity = 1000) {}

  /**
   * The value under `key` as of `token` (read before making it, so a write that lands meanwhile only
   * makes the kept value newer than its token, never older), made by `make` when not kept.
   */
  async get(token: string, key: string, make: () => Promise<T>): Promise<T> {
    if (token !== this.token) {
      this.token = token;
      this.values.clear();
    }
    const kept = this.values.get(key);
    if (kept !== undefined) return kept;
    const value = await make();
    if (this.token === token) {
      if (this.values.size >= this.capacity) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }
}
