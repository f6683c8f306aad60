/**
 * The lookups a text is matched by, in one statement. Each is an index probe that costs the server
 * little; the round trip costs more (about 0.2 ms on loopback), and a new article needed three of them
 * before its insert. Story candidates are looked up in the same statement only when the key and prefix
 * lookups find nothing (a one-time filter: their scans are skipped otherwise), which is when a new
 * article needs them.
 */
import type { MatchCandidates, MatchRequest, StoryCandidate } from '../types.js';
import { bandKeysOf } from '../../reconcile/minhash.js';
import { articleFromRow, type ArticleRow } from './rows.js';

/** An unknown part (NULL) on either side is no contradiction: a year-unknown copy matches a dated one. */
export const DATE_COMPATIBLE = `(pub_year IS NULL OR $4::int IS NULL OR pub_year = $4::int)
  AND (pub_month IS NULL OR $5::int IS NULL OR pub_month = $5::int)
  AND (pub_day IS NULL OR $6::int IS NULL OR pub_day = $6::int)`;

/** Keeps a key in its own band position: equal keys in different bands are no evidence. */
export const bandValues = (signature: Uint8Array | null) =>
  signature ? bandKeysOf(signature).map((key, index) => index * 2 ** 32 + key) : [];

/** The proper prefixes of a title key, at least `minLength` long, that end at a word's end. */
export function titlePrefixes(titleKey: string, minLength: number): string[] {
  const prefixes: string[] = [];
  for (let n = Math.max(minLength, 1); n < titleKey.length; n++)
    if (titleKey[n - 1] !== ' ') prefixes.push(titleKey.slice(0, n));
  return prefixes;
}

const WITH_BODY = `a.*, v.body FROM articles a
  LEFT JOIN versions v ON v.article_seq = a.seq AND v.seq = a.version_count`;

export const MATCH_CANDIDATES_SQL = `
WITH keyed AS (
  SELECT seq FROM articles WHERE source_id = $1 AND md5(lead_key) = md5($2::text) AND lead_key = $2
    AND ${DATE_COMPATIBLE}
  UNION SELECT seq FROM articles WHERE source_id = $1 AND md5(title_key) = md5($3::text)
    AND title_key = $3 AND ${DATE_COMPATIBLE}),
prefixed AS (
  SELECT seq FROM articles WHERE source_id = $1
    AND md5(title_key) = ANY(ARRAY(SELECT md5(k) FROM unnest($7::text[]) AS k))
    AND title_key = ANY($7::text[]) AND ${DATE_COMPATIBLE}),
alone AS MATERIALIZED (
  SELECT $8::boolean AND NOT EXISTS (SELECT 1 FROM keyed) AND NOT EXISTS (SELECT 1 FROM prefixed)
    AS yes)
SELECT * FROM (
  SELECT 'k' AS found, NULL::boolean AS same_body, ${WITH_BODY} WHERE a.seq IN (SELECT seq FROM keyed)
  UNION ALL
  SELECT 'p', NULL, ${WITH_BODY} WHERE a.seq IN (SELECT seq FROM prefixed)
  UNION ALL
  (SELECT 's', true, a.*, NULL FROM articles a
    WHERE (SELECT yes FROM alone) AND a.body_hash = $9::text ORDER BY a.seq LIMIT 20)
  UNION ALL
  (SELECT 's', false, a.*, NULL FROM articles a
    WHERE (SELECT yes FROM alone)
      AND a.seq IN (SELECT article_seq FROM story_bands WHERE band = ANY($10::bigint[]))
    ORDER BY a.seq LIMIT 200)
) found ORDER BY found, same_body DESC, seq`;

export function matchCandidatesValues(r: MatchRequest): unknown[] {
  const prefixes =
    r.prefixFloor !== null && r.titleKey ? titlePrefixes(r.titleKey, r.prefixFloor) : [];
  const story = r.story && (r.story.bodyHash || r.story.signature) ? r.story : null;
  return [
    r.sourceId,
    r.leadKey,
    r.titleKey,
    r.date.year,
    r.date.month,
    r.date.day,
    prefixes,
    story !== null,
    story?.bodyHash ?? null,
    bandValues(story?.signature ?? null),
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
