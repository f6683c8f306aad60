/**
 * The SQLite engine's `TranslationStore` (../translation-types.ts). The PostgreSQL counterpart is
 * ../postgres/translations.ts.
 */
import type Database from 'better-sqlite3';
import type {
  TranslationCandidate,
  TranslationMark,
  TranslationStore,
  TranslationView,
} from '../translation-types.js';
import type { SqliteWriter } from './writer.js';

interface ViewRow {
  articleId: string;
  otherId: string;
  score: number;
  onlyHere: string;
  onlyThere: string;
  language: string | null;
  sourceId: string;
  title: string | null;
  date: string | null;
}

export function sqliteTranslations(db: Database.Database, writer: SqliteWriter): TranslationStore {
  const p = (sql: string) => db.prepare(sql);
  const stmt = {
    mark: p('SELECT mark AS articles, edit_mark AS edits FROM translation_state'),
    newest: p(`SELECT (SELECT coalesce(max(rowid), 0) FROM articles) AS articles,
      (SELECT coalesce(max(seq), 0) FROM article_events) AS edits`),
    days: p(`SELECT pub_date FROM articles
        WHERE rowid > @articles AND rowid <= @newArticles AND pub_date IS NOT NULL
      UNION SELECT a.pub_date FROM article_events e JOIN articles a ON a.id = e.article_id
        WHERE e.kind = 'edit' AND e.seq > @edits AND e.seq <= @newEdits AND a.pub_date IS NOT NULL
      ORDER BY 1`).pluck(),
    setMark: p('UPDATE translation_state SET mark = @articles, edit_mark = @edits'),
    candidates: p(`SELECT a.id, a.language, a.pub_date AS date, a.title,
        coalesce(v.body, a.teaser, '') AS body,
        CASE WHEN a.version_count > 1 THEN (
          SELECT group_concat(coalesce(o.title, '') || char(10) || o.body, char(10))
          FROM (SELECT title, body FROM versions
            WHERE article_rowid = a.rowid AND seq < a.version_count ORDER BY seq) o
        ) END AS earlier
      FROM articles a LEFT JOIN versions v ON v.article_rowid = a.rowid AND v.seq = a.version_count
      WHERE a.pub_date BETWEEN ? AND ? AND a.language IS NOT NULL AND a.status IN ('live', 'removed')
      ORDER BY a.pub_date, a.rowid`),
    clear: p(`DELETE FROM translations WHERE article_rowid IN
        (SELECT rowid FROM articles WHERE pub_date BETWEEN ? AND ?)
      OR other_rowid IN (SELECT rowid FROM articles WHERE pub_date BETWEEN ? AND ?)`),
    rowOf: p('SELECT rowid, language FROM articles WHERE id = ?'),
    drop: p('DELETE FROM translations WHERE article_rowid = ? AND other_language = ?'),
    dropOther: p(`DELETE FROM translations WHERE other_rowid IN (
        SELECT article_rowid FROM translations WHERE article_rowid = ? AND other_language = ?)`),
    insert: p(`INSERT INTO translations
        (article_rowid, other_rowid, other_language, score, only_here, only_there)
      VALUES (?, ?, ?, ?, ?, ?)`),
    of: p(`SELECT a.id AS articleId, o.id AS otherId, t.score, t.only_here AS onlyHere,
        t.only_there AS onlyThere, o.language, o.source_id AS sourceId, o.title,
        o.pub_date AS date
      FROM translations t JOIN articles a ON a.rowid = t.article_rowid
      JOIN articles o ON o.rowid = t.other_rowid
      WHERE a.id = ? ORDER BY t.other_language`),
    documents: p('SELECT DISTINCT article_rowid FROM translations ORDER BY article_rowid').pluck(),
  };

  /** Drops whatever `rowid` is linked to in `language`, both ways. */
  const unlink = (rowid: number, language: string) => {
    stmt.dropOther.run(rowid, language);
    stmt.drop.run(rowid, language);
  };

  return {
    pending: async () => {
      const newest = stmt.newest.get() as TranslationMark;
      const stored = stmt.mark.get() as TranslationMark;
      // Articles and events cleared (a reprocess) number again from 1: everything is new then.
      const from = (key: keyof TranslationMark) => (stored[key] > newest[key] ? 0 : stored[key]);
      const days = stmt.days.all({
        articles: from('articles'),
        newArticles: newest.articles,
        edits: from('edits'),
        newEdits: newest.edits,
      }) as string[];
      return { days, mark: newest };
    },
    done: (mark) =>
      writer.write(() => {
        stmt.setMark.run(mark);
      }),
    candidates: async (from, to) => stmt.candidates.all(from, to) as TranslationCandidate[],
    replace: (from, to, links) =>
      writer.write(() => {
        stmt.clear.run(from, to, from, to);
        for (const link of links) {
          const a = stmt.rowOf.get(link.articleId) as
            { rowid: number; language: string } | undefined;
          const b = stmt.rowOf.get(link.otherId) as { rowid: number; language: string } | undefined;
          if (!a || !b) continue;
          unlink(a.rowid, b.language);
          unlink(b.rowid, a.language);
          const here = JSON.stringify(link.onlyHere);
          const there = JSON.stringify(link.onlyThere);
          stmt.insert.run(a.rowid, b.rowid, b.language, link.score, here, there);
          stmt.insert.run(b.rowid, a.rowid, a.language, link.score, there, here);
        }
      }),
    of: async (articleId) =>
      (stmt.of.all(articleId) as ViewRow[]).map((r): TranslationView => ({
        ...r,
        onlyHere: JSON.parse(r.onlyHere) as string[],
        onlyThere: JSON.parse(r.onlyThere) as string[],
      })),
    documents: async () => Uint32Array.from(stmt.documents.all() as number[]),
  };
}
