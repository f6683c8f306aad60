/**
 * The lookups a text is matched by, in one statement. Each is an index probe that costs the server
 * little; the round trip costs more (about 0.2 ms on loopback), and a new article needed three of them
 * before its insert. Story candidates are looked up in the same statement only when the key and prefix
 * lookups find nothing (a one-time filter: their scans are skipped otherwise), which is when a new
 * article needs them.
 */
import type { MatchCandidates, MatchRequest, StoryCandidate } from '../types.js';
import { bandKeysOf } from '../../reconcile/minhash.js';
import { articleFromRow, pubDate, type ArticleRow } from './rows.js';
import { CUT_TITLE } from '../cut-title.js';

/** An unknown part (NULL) on either side is no contradiction: a year-unknown copy matches a dated one. */
const dateCompatible = (
  year: string,
  month: string,
  day: string,
) => `(pub_year IS NULL OR ${year}::int IS NULL OR pub_year = ${year}::int)
  AND (pub_month IS NULL OR ${month}::int IS NULL OR pub_month = ${month}::int)
  AND (pub_day IS NULL OR ${day}::int IS NULL OR pub_day = ${day}::int)`;
export const DATE_COMPATIBLE = dateCompatible('$4', '$5', '$6');

/** Keeps a key in its own band position: equal keys in different bands are no evidence. */
export const bandValues = (signature: Uint8Array | null) =>
  signature ? bandKeysOf(signature).map((key, index) => index * 2 ** 32 + key) : [];

/**
 * The indexed part of a cut headline's key, in byte order. A B-tree entry holds ~2.7 kB at most, and
 * a cut key's first 200 characters order it well enough: the prefix test is made on the whole key.
 */
export const CUT_KEY = `(left(title_key, 200) COLLATE "C")`;

/**
 * Cut headlines whose key is a proper prefix of the key in parameter `key`, at least `floor` characters
 * long: every such key sorts between the whole key's first `floor` characters and the whole key, so
 * one range scan of the partial index finds them (a NULL floor finds none).
 */
export const cutPrefixOf = (key: string, floor: string) => `${CUT_TITLE}
  AND ${CUT_KEY} >= (left(${key}::text, ${floor}::int) COLLATE "C")
  AND ${CUT_KEY} <= (left(${key}::text, 200) COLLATE "C")
  AND starts_with(${key}::text, title_key) AND title_key <> ${key}::text`;

const WITH_BODY = `a.*, v.body FROM articles a
  LEFT JOIN versions v ON v.article_seq = a.seq AND v.seq = a.version_count`;

/**
 * The statement, its eleven inputs named by `p` (parameters `$1`…`$11` for one text; a row's columns for
 * a batch). The bands come as a bigint[] or its text.
 */
const matchSql = (p: (n: number) => string) => {
  const dates = dateCompatible(p(4), p(5), p(6));
  // By whole date when the text has one (an index probe), and the copies whose date lacks a part;
  // every copy under the key only for a text whose own date lacks a part (skipped otherwise).
  const byKey = (column: string, key: string) => {
    const under = `SELECT seq FROM articles WHERE source_id = ${p(1)}
      AND md5(${column}) = md5(${key}::text) AND ${column} = ${key}`;
    return `${under} AND pub_date = ${p(11)}::text
    UNION ${under} AND pub_date IS NULL AND ${dates}
    UNION ${under} AND ${p(11)}::text IS NULL AND ${dates}`;
  };
  return `
WITH keyed AS (
  ${byKey('lead_key', p(2))}
  UNION ${byKey('title_key', p(3))}),
prefixed AS (
  SELECT seq FROM articles WHERE source_id = ${p(1)} AND ${cutPrefixOf(p(3), p(7))}
    AND ${dates}),
alone AS MATERIALIZED (
  SELECT ${p(8)}::boolean AND NOT EXISTS (SELECT 1 FROM keyed)
    AND NOT EXISTS (SELECT 1 FROM prefixed) AS yes)
SELECT * FROM (
  SELECT 'k' AS found, NULL::boolean AS same_body, ${WITH_BODY} WHERE a.seq IN (SELECT seq FROM keyed)
  UNION ALL
  SELECT 'p', NULL, ${WITH_BODY} WHERE a.seq IN (SELECT seq FROM prefixed)
  UNION ALL
  (SELECT 's', true, a.*, NULL FROM articles a
    WHERE (SELECT yes FROM alone) AND a.body_hash = ${p(9)}::text ORDER BY a.seq LIMIT 20)
  UNION ALL
  (SELECT 's', false, a.*, NULL FROM articles a
    WHERE (SELECT yes FROM alone)
      AND a.seq IN (SELECT article_seq FROM story_bands WHERE band = ANY(${p(10)}::bigint[]))
    ORDER BY a.seq LIMIT 200)
) found`;
};

export const MATCH_CANDIDATES_SQL = `${matchSql((n) => `$${n}`)} ORDER BY found, same_body DESC, seq`;

const BATCH_TYPES = 'text text text int int int int boolean text text text'.split(' ');

/**
 * The same lookups for many texts in one statement: each text is a row of eleven arrays (`r.c1`…`r.c11`,
 * the bands as the text of an array), and `r.i` says whose rows are whose.
 */
export const MATCH_CANDIDATES_BATCH_SQL = `SELECT r.i, f.* FROM unnest(${BATCH_TYPES.map(
  (type, n) => `$${n + 1}::${type}[]`,
).join(', ')}) WITH ORDINALITY AS r(${BATCH_TYPES.map((_, n) => `c${n + 1}`).join(', ')}, i)
CROSS JOIN LATERAL (${matchSql((n) => `r.c${n}`)}) f
ORDER BY r.i, f.found, f.same_body DESC, f.seq`;

/** The batch statement's eleven arrays. */
export function matchCandidatesBatchValues(requests: MatchRequest[]): unknown[][] {
  const columns: unknown[][] = BATCH_TYPES.map(() => []);
  for (const r of requests) {
    const values = matchCandidatesValues(r);
    values[9] = `{${(values[9] as number[]).join(',')}}`;
    values.forEach((v, n) => columns[n]!.push(v));
  }
  return columns;
}

export function matchCandidatesValues(r: MatchRequest): unknown[] {
  const story = r.story && (r.story.bodyHash || r.story.signature) ? r.story : null;
  return [
    r.sourceId,
    r.leadKey,
    r.titleKey,
    r.date.year,
    r.date.month,
    r.date.day,
    r.titleKey ? r.prefixFloor : null,
    story !== null,
    story?.bodyHash ?? null,
    bandValues(story?.signature ?? null),
    pubDate(r.date.year, r.date.month, r.date.day),
  ];
}

type FoundRow = ArticleRow & { found: 'k' | 'p' | 's'; same_body: boolean | null };

export function matchCandidatesFromRows(r: MatchRequest, rows: FoundRow[]): MatchCandidates {
  const byKeys = rows.filter((x) => x.found === 'k').map(articleFromRow);
  const byTitlePrefix = rows.filter((x) => x.found === 'p').map(articleFromRow);
  const alone = !byKeys.length && !byTitlePrefix.length;
  const story: StoryCandidate[] | null =
    r.story && alone
      ? rows
          .filter((x) => x.found === 's')
          .map((x) => ({
            id: x.id,
            storyId: x.story_id,
            language: x.language,
            signature: x.signature,
            sameBody: x.same_body === true,
          }))
      : null;
  return { byKeys, byTitlePrefix, story };
}

export type { FoundRow };
