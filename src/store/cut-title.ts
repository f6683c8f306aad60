/**
 * A stored title cut short, in SQL that SQLite and PostgreSQL both read alike: "…" or "..." at its
 * end (reconcile/identity.ts, TRUNCATION_MARK: trailing spaces allowed there too). Only such a
 * headline can be completed by a whole title it is a prefix of, so the prefix lookups of both engines
 * look at these alone, and PostgreSQL keeps them in a partial index whose predicate is this text.
 */
export const CUT_TITLE = `(rtrim(title) LIKE '%…' OR rtrim(title) LIKE '%...')`;
