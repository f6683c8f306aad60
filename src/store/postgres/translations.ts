/**
 * The PostgreSQL engine's `TranslationStore` (../translation-types.ts). The SQLite counterpart is
 * ../sqlite/translations.ts.
 */
import type {
  TranslationCandidate,
  TranslationMark,
  TranslationStore,
  TranslationView,
} from '../translation-types.js';
import type { Connection } from './connection.js';

export function postgresTranslations(conn: Connection): TranslationStore {
  const rows = async <R extends object>(name: string, text: string, values: unknown[] = []) =>
    (await conn.q().query<R>({ name, text, values })).rows;

  return {
    pending: async () => {
      const [state] = await rows<{ [key: string]: string }>(
        'translations-state',
        `SELECT mark AS articles, edit_mark AS edits,
          (SELECT coalesce(max(seq), 0) FROM articles) AS new_articles,
          (SELECT coalesce(max(seq), 0) FROM article_events) AS new_edits
        FROM translation_state`,
      );
      const newest = { articles: Number(state!.new_articles), edits: Number(state!.new_edits) };
      // Articles and events cleared (a reprocess) number again from 1: everything is new then.
      const from = (key: keyof TranslationMark) =>
        Number(state![key]) > newest[key] ? 0 : Number(state![key]);
      const days = await rows<{ day: string }>(
        'translations-days',
        `SELECT pub_date AS day FROM articles
          WHERE seq > $1 AND seq <= $2 AND pub_date IS NOT NULL
        UNION SELECT a.pub_date FROM article_events e JOIN articles a ON a.id = e.article_id
          WHERE e.kind = 'edit' AND e.seq > $3 AND e.seq <= $4 AND a.pub_date IS NOT NULL
        ORDER BY 1`,
        [from('articles'), newest.articles, from('edits'), newest.edits],
      );
      return { days: days.map((d) => d.day), mark: newest };
    },
    done: async (mark) => {
      await rows('translations-done', 'UPDATE translation_state SET mark = $1, edit_mark = $2', [
        mark.articles,
        mark.edits,
      ]);
    },
    candidates: async (from, to) =>
      rows<TranslationCandidate>(
        'translations-candidates',
        `SELECT a.id, a.language, a.pub_date AS date, a.title,
          coalesce(v.body, a.teaser, '') AS body,
          CASE WHEN a.version_count > 1 THEN (
            SELECT string_agg(coalesce(o.title, '') || E'\n' || o.body, E'\n' ORDER BY o.seq)
            FROM versions o WHERE o.article_seq = a.seq AND o.seq < a.version_count
          ) END AS earlier
        FROM articles a LEFT JOIN versions v ON v.article_seq = a.seq AND v.seq = a.version_count
        WHERE a.pub_date BETWEEN $1 AND $2 AND a.language IS NOT NULL
          AND a.status IN ('live', 'removed')
        ORDER BY a.pub_date, a.seq`,
        [from, to],
      ),
    replace: async (from, to, links) => {
      // Under the writer lock: two workers ending their drains link the same days, and one must not
      // insert beside the other's links that it cannot see until that transaction commits.
      await conn.transaction(async () => {
        const client = conn.q();
        await client.query(
          `DELETE FROM translations WHERE article_seq IN
            (SELECT seq FROM articles WHERE pub_date BETWEEN $1 AND $2)
          OR other_seq IN (SELECT seq FROM articles WHERE pub_date BETWEEN $1 AND $2)`,
          [from, to],
        );
        if (links.length === 0) return;
        const json = JSON.stringify(
          links.map((k) => ({
            a: k.articleId,
            b: k.otherId,
            score: k.score,
            here: k.onlyHere,
            there: k.onlyThere,
          })),
        );
        const linked = `SELECT a.seq AS a_seq, a.language AS a_lang, b.seq AS b_seq,
            b.language AS b_lang, x.score, x.here, x.there
          FROM json_to_recordset($1::json) AS x(a text, b text, score real, here json, there json)
          JOIN articles a ON a.id = x.a JOIN articles b ON b.id = x.b`;
        // Each side first loses its link to the other's language (both ways), then the links go in.
        await client.query(
          `WITH l AS (${linked}), gone AS (
            SELECT t.article_seq, t.other_seq FROM translations t JOIN l
              ON (t.article_seq = l.a_seq AND t.other_language = l.b_lang)
              OR (t.article_seq = l.b_seq AND t.other_language = l.a_lang))
          DELETE FROM translations t USING gone
          WHERE (t.article_seq = gone.article_seq AND t.other_seq = gone.other_seq)
            OR (t.article_seq = gone.other_seq AND t.other_seq = gone.article_seq)`,
          [json],
        );
        await client.query(
          `WITH l AS (${linked})
          INSERT INTO translations
            (article_seq, other_seq, other_language, score, only_here, only_there)
          SELECT a_seq, b_seq, b_lang, score, here, there FROM l
          UNION ALL SELECT b_seq, a_seq, a_lang, score, there, here FROM l`,
          [json],
        );
      }, 'write');
    },
    of: async (articleId) =>
      rows<TranslationView>(
        'translations-of',
        `SELECT a.id AS "articleId", o.id AS "otherId", t.score, t.only_here AS "onlyHere",
          t.only_there AS "onlyThere", o.language, o.source_id AS "sourceId", o.title,
          o.pub_date AS date
        FROM translations t JOIN articles a ON a.seq = t.article_seq
        JOIN articles o ON o.seq = t.other_seq
        WHERE a.id = $1 ORDER BY t.other_language`,
        [articleId],
      ),
    documents: async () => {
      const found = await rows<{ seq: string }>(
        'translations-documents',
        'SELECT DISTINCT article_seq AS seq FROM translations ORDER BY 1',
      );
      return Uint32Array.from(found.map((r) => Number(r.seq)));
    },
  };
}
