/**
 * Statements built at run time from a few fixed shapes (a filter present or not, a list of n values),
 * prepared once per shape: preparing costs more than running one of these small queries.
 */
import type Database from 'better-sqlite3';

/** Enough for every shape the stores build; past it the oldest shape is prepared again when used. */
const MAX_SHAPES = 256;

export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      if (this.statements.size >= MAX_SHAPES)
        this.statements.delete(this.statements.keys().next().value!);
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
