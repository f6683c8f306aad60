/**
 * The API's response shapes as zod schemas. Each is named with `.openapi(name)`, so the OpenAPI document
 * lists it under components/schemas and every route refers to it; tests parse real responses with them.
 */
import { z } from '@hono/zod-openapi';
import { PROBLEM_CODES } from '../errors.js';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum([...PROBLEM_CODES, 'internal']).openapi({ example: 'not_found' }),
      message: z.string().openapi({ example: 'no article "0000000000000000"' }),
      /** 0-based character of a query syntax error. */
      position: z
        .number()
        .int()
        .optional()
        .openapi({ description: '0-based character in `q` where a query syntax error was found' }),
      limit: z.string().optional().openapi({
        description:
          "With `limit_exceeded`: the setting under `limits` in the server's config that was exceeded",
        example: 'search.maxPrefixes',
      }),
    }),
  })
  .openapi('Error');

export const DateBasis = z
  .enum([
    'page',
    'listing',
    'import-option',
    'url',
    'record',
    'capture-date',
    'dateline-only',
    'unknown',
  ])
  .openapi('DateBasis');

export const ArticleDate = z
  .object({
    year: z.number().int().nullable(),
    month: z.number().int().nullable(),
    day: z.number().int().nullable(),
    basis: DateBasis,
  })
  .openapi('ArticleDate', {
    description:
      'A published date that may lack a year: `year` null means "year unknown", never a guess.',
  });

/** Inline, not a named component: the generator drops `nullable` from a nullable `$ref` in OpenAPI 3.0. */
export const Dateline = z
  .object({
    raw: z.string(),
    place: z.string().nullable(),
    month: z.number().int().nullable(),
    day: z.number().int().nullable(),
    agency: z.string().nullable(),
    damaged: z.boolean(),
  })
  .openapi({ description: '`Pyongyang, March 24 (KCNA) --` read into its parts' });

export const ArticleStatus = z.enum(['live', 'teaser', 'deleted']).openapi('ArticleStatus');

export const Label = z
  .object({
    text: z.string(),
    derived: z.boolean().openapi({
      description: 'True when the page had no headline and the label is its opening words',
    }),
  })
  .openapi('Label');

/** An article in a list: everything but its text. */
export const ArticleSummary = z
  .object({
    id: z.string(),
    sourceId: z.string(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    label: Label,
    date: z.string().openapi({
      description: '`2012-03-05`, or `March 24 (year unknown)`',
      example: '2012-03-05',
    }),
    published: ArticleDate,
    dateline: Dateline.nullable(),
    language: z.string().nullable(),
    status: ArticleStatus,
    storyId: z.string(),
    versionCount: z.number().int(),
    firstSeen: z.string(),
    lastSeen: z.string(),
    removedAt: z
      .string()
      .nullable()
      .openapi({ description: 'When the source was first seen without it (status `deleted`)' }),
  })
  .openapi('ArticleSummary');

export const ListingEntry = z
  .object({
    sourceId: z.string(),
    captureSha256: z.string(),
    position: z.number().int(),
    text: z.string(),
    dateline: Dateline.nullable(),
    published: ArticleDate,
    link: z.string().nullable(),
    articleId: z.string(),
  })
  .openapi('ListingEntry');

export const Translation = z
  .object({
    id: z.string().openapi({ description: 'The translation: an article id' }),
    language: z.string().nullable(),
    sourceId: z.string(),
    title: z.string().nullable(),
    date: z.string().nullable().openapi({ description: 'Publication date, YYYY-MM-DD' }),
    score: z.number().openapi({ description: 'Match score, 0–1' }),
    onlyHere: z.array(z.string()).openapi({
      description: 'Figures and names this article has and the translation lacks',
    }),
    onlyThere: z.array(z.string()).openapi({
      description: 'Figures and names the translation has and this article lacks',
    }),
  })
  .openapi('Translation');

export const Article = ArticleSummary.extend({
  paragraphs: z.array(z.string()),
  teaser: z.string().nullable(),
  flags: z.array(z.string()),
  listings: z
    .array(ListingEntry)
    .openapi({ description: 'Teaser-list entries that pointed to this article' }),
  copies: z.array(ArticleSummary).openapi({
    description: 'Other articles of the same near-duplicate story (same storyId), oldest first',
  }),
  translations: z.array(Translation).openapi({
    description:
      'The same item in other editions (one per language), linked by shared names, figures and dates',
  }),
}).openapi('Article');

export const ChangeClass = z
  .object({
    kind: z.enum(['first', 'cosmetic', 'headline', 'body']).openapi({
      description:
        "cosmetic: whitespace, punctuation or typography only; headline: the title's words changed; body: the body's words changed; first: the first version",
    }),
    titleChanged: z.boolean(),
    wordsAdded: z.number().int(),
    wordsRemoved: z.number().int(),
    share: z
      .number()
      .openapi({ description: '(words added + removed) / (old words + new words), 0 to 1' }),
  })
  .openapi('ChangeClass');

const DiffPart = z
  .object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })
  .openapi('DiffPart');

export const VersionDiff = z
  .object({
    articleId: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    change: ChangeClass,
    title: z.array(DiffPart).openapi({
      description:
        'Word diff of the titles: equal + insert parts give the new title, equal + delete the old',
    }),
    body: z
      .array(DiffPart)
      .openapi({ description: 'Word diff of the bodies (paragraphs joined by a blank line)' }),
    tooLarge: z
      .object({ title: z.boolean(), body: z.boolean() })
      .nullable()
      .openapi({
        description:
          'Which texts were too large to diff word by word within the work budget; null when neither was. The parts of such a text ' +
          'are its common head and tail with everything between them deleted and inserted whole: they still give the old and the new text.',
      }),
  })
  .openapi('VersionDiff');

export const Version = z
  .object({
    articleId: z.string(),
    seq: z.number().int(),
    contentHash: z.string(),
    title: z.string().nullable(),
    paragraphs: z.array(z.string()),
    firstSeen: z.string(),
    lastSeen: z.string(),
    captureSha256: z.string(),
    locator: z.string(),
    change: ChangeClass,
  })
  .openapi('Version');

export const Source = z
  .object({
    id: z.string().openapi({ example: 'kcna-kp-en' }),
    name: z.string(),
    language: z.string(),
    label: z.string(),
    articles: z.number().int(),
    teasers: z.number().int(),
    firstPublished: z.string().nullable(),
    lastPublished: z.string().nullable(),
    lastCapture: z.string().nullable(),
  })
  .openapi('Source');

export const Stats = z
  .object({
    sources: z.number().int(),
    captures: z.number().int(),
    unprocessedCaptures: z.number().int(),
    failedCaptures: z.number().int().openapi({
      description: 'captures whose retry budget ran out (`wirewatch captures --failed`)',
    }),
    capturesWithErrors: z.number().int(),
    captureBytes: z.number().int(),
    storedCaptureBytes: z.number().int(),
    articles: z.number().int(),
    teaserOnly: z.number().int(),
    yearUnknown: z.number().int(),
    versions: z.number().int(),
    articlesWithSeveralVersions: z.number().int(),
    deletedArticles: z.number().int(),
    edits: z.number().int(),
    listingEntries: z.number().int(),
    stories: z.number().int(),
    storiesWithCopies: z.number().int(),
  })
  .openapi('Stats');

const Segment = z.object({ text: z.string(), hit: z.boolean() }).openapi('Segment');
const FacetValue = z.object({ value: z.string(), count: z.number().int() }).openapi('FacetValue');

export const SearchHit = z
  .object({
    id: z.string(),
    sourceId: z.string(),
    title: z.object({ segments: z.array(Segment), derived: z.boolean() }),
    date: z.string(),
    published: ArticleDate,
    place: z.string().nullable(),
    url: z.string().nullable(),
    status: ArticleStatus,
    language: z.string().nullable(),
    snippet: z.array(Segment),
    copies: z.number().int().openapi({
      description: 'Matching articles in this near-duplicate story, this one included',
    }),
    score: z.number().nullable(),
    matchedVersion: z.number().int().nullable().openapi({
      description:
        "Under `version:any`: the seq of the older version that matched when the current text does not (the snippet is that version's text); null when the current text matched",
    }),
    versionCount: z.number().int().openapi({
      description: "The article's number of versions: its current version's seq (0 for a teaser)",
    }),
  })
  .openapi('SearchHit');

/** Matches among one kind of the period's articles: a share is never of both kinds mixed. */
const KindCount = z.object({
  count: z.number().int().openapi({ description: 'Matching articles of this kind' }),
  total: z.number().int().openapi({ description: 'Articles of this kind archived for the period' }),
  share: z
    .number()
    .openapi({ description: 'count / total, rounded to 4 places; 0 when total is 0' }),
});

const HistogramBucket = z
  .object({
    start: z.string().openapi({
      description: 'First day of the period: `YYYY-MM` for a month, `YYYY-MM-DD` for a day or week',
    }),
    count: z.number().int().openapi({ description: 'Matches of both kinds' }),
    total: z
      .number()
      .int()
      .openapi({ description: 'Articles of both kinds archived for the period' }),
    share: z.number().openapi({
      description:
        'count / total over both kinds; kept for older clients, prefer `full.share` and `teaser.share`',
    }),
    full: KindCount.openapi({ description: 'Articles with a text (status live or deleted)' }),
    teaser: KindCount.openapi({
      description: 'Articles known only by a headline or teaser (status teaser)',
    }),
  })
  .openapi('HistogramBucket');

export const SearchResult = z
  .object({
    query: z.string().openapi({ description: 'The query as understood, in canonical form' }),
    total: z.number().int().openapi({ description: 'Matching articles (exact)' }),
    stories: z.number().int().openapi({
      description: 'Distinct near-duplicate stories among the matches: what pages of hits count',
    }),
    sort: z.enum(['relevance', 'newest', 'oldest']),
    ranked: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    hits: z.array(SearchHit),
    next: z
      .string()
      .nullable()
      .openapi({ description: 'Cursor of the next page of hits, null on the last page' }),
    facets: z
      .object({
        source: z.array(FacetValue),
        language: z.array(FacetValue),
        year: z.array(FacetValue),
        month: z.array(FacetValue),
        place: z.array(FacetValue),
      })
      .optional(),
    histogram: z
      .object({
        interval: z.enum(['day', 'week', 'month']),
        buckets: z.array(HistogramBucket),
        undated: z.number().int().openapi({
          description:
            'Matches without a full date: no period counts them, no date filter finds them',
        }),
      })
      .optional(),
    timings: z.object({
      parseMs: z.number(),
      syncMs: z.number(),
      matchMs: z.number(),
      rankMs: z.number(),
      facetsMs: z.number(),
      pageMs: z.number(),
    }),
  })
  .openapi('SearchResult');

/** `{items, total, next}`: every list the API returns. */
export function listOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int().openapi({ description: 'Items matching, over all pages' }),
      next: z.string().nullable().openapi({
        description: 'Opaque cursor for the next page (pass as `cursor`), null on the last page',
      }),
    })
    .openapi(name);
}

export const Sweep = z
  .object({
    id: z.number().int(),
    createdAt: z.string(),
    requestedBy: z.enum(['cli', 'api', 'web', 'deletion-spike']),
    scope: z.object({
      crawlSources: z.array(z.string()),
      sourceId: z.string().nullable().optional(),
      published: z.object({ from: z.string(), to: z.string() }).nullable().optional(),
      query: z.string().nullable().optional(),
      lists: z.boolean(),
    }),
    reason: z.string().nullable(),
    total: z
      .number()
      .int()
      .openapi({ description: 'Items: articles to fetch again, lists to walk' }),
    finishedAt: z
      .string()
      .nullable()
      .openapi({ description: 'When the last item ended; null while running' }),
    lastCheckedAt: z.string().nullable(),
    counts: z
      .object({
        unchanged: z.number().int(),
        new: z.number().int(),
        edited: z.number().int(),
        removed: z.number().int(),
        restored: z.number().int(),
        unreachable: z.number().int(),
        failed: z.number().int(),
        walked: z.number().int(),
        pending: z.number().int(),
      })
      .openapi({ description: 'Items per outcome so far; `pending` have none yet' }),
  })
  .openapi('Sweep');

export const SweepCreated = z
  .object({
    sweep: Sweep,
    resumed: z
      .boolean()
      .openapi({ description: 'An unfinished sweep of the same scope goes on instead' }),
    skipped: z.number().int().openapi({
      description: "Articles in scope on no configured source's site: not re-checked",
    }),
  })
  .openapi('SweepCreated');

export const SweepRequest = z
  .object({
    source: z.string().min(1).max(200).optional().openapi({
      description: 'A crawl source (the sources file) or an archive source; default every one',
    }),
    published: z.string().max(40).optional().openapi({
      description: 'Only articles published in FROM..TO (YYYY, YYYY-MM or YYYY-MM-DD)',
    }),
    query: z
      .string()
      .min(1)
      .max(2000)
      .optional()
      .openapi({ description: 'Only the articles this search finds' }),
  })
  .strict()
  .openapi('SweepRequest');

export const ArticleList = listOf(ArticleSummary, 'ArticleList');
export const VersionList = listOf(Version, 'VersionList');
export const SourceList = listOf(Source, 'SourceList');
export const SweepList = listOf(Sweep, 'SweepList');

/** The error responses a route may give, for its `responses`. */
export const errorResponses = {
  400: {
    description:
      "Invalid parameters, a malformed query, or a request past one of the server's limits",
    content: { 'application/json': { schema: ErrorBody } },
  },
  421: {
    description:
      'The request named a Host this server does not answer for (`misdirected`; see `wirewatch serve --allowed-hosts`)',
    content: { 'application/json': { schema: ErrorBody } },
  },
  500: { description: 'The server failed', content: { 'application/json': { schema: ErrorBody } } },
} as const;
export const searchTimeoutResponse = {
  503: {
    description:
      "The search ran past the server's time budget (`limits.search.budgetMs`) and was stopped (`search_timeout`); " +
      'the `Retry-After` header says when to try again',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    content: { 'application/json': { schema: ErrorBody } },
  },
} as const;
export const notFoundResponse = {
  404: { description: 'No such resource', content: { 'application/json': { schema: ErrorBody } } },
} as const;

export const ChangeEvent = z
  .object({
    articleId: z.string(),
    sourceId: z.string(),
    at: z.string().openapi({
      description: 'When it was observed: the time of the capture that showed it (ISO 8601)',
    }),
    kind: z.enum(['edit', 'deleted', 'restored']).openapi({
      description:
        'edit: a new version; deleted: removed from the source; restored: seen again after a removal',
    }),
    versionSeq: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'edit: the new version (the diff is from versionSeq − 1)' }),
    change: z.enum(['cosmetic', 'headline', 'body']).nullable().openapi({
      description: 'edit: its class (see ChangeClass); null when it cannot be classified',
    }),
    editSize: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'edit: words added plus words removed' }),
    reason: z.string().nullable().openapi({
      description:
        'deleted / restored: the evidence, e.g. `HTTP 404` or `gone from its listing <url>`',
    }),
    captureSha256: z.string().nullable(),
    broughtBy: z.string().nullable().optional().openapi({
      description:
        'The capture of the import (an export file) that brought this event, null when this archive observed it; such events raise no coverage alarm',
    }),
    title: z.string().nullable().openapi({ description: "The article's current title" }),
    url: z.string().nullable(),
    status: ArticleStatus,
  })
  .openapi('ChangeEvent');

export const ChangeList = listOf(ChangeEvent, 'ChangeList');

export const CoverageDay = z
  .object({
    sourceId: z.string(),
    day: z.string().openapi({ example: '2026-11-09' }),
    published: z
      .number()
      .int()
      .openapi({ description: 'Articles whose full publication date is this day' }),
    archived: z.number().int().openapi({ description: 'Articles first archived this day (UTC)' }),
    edits: z.number().int(),
    deletions: z.number().int(),
    restorations: z.number().int(),
  })
  .openapi('CoverageDay');

export const CoverageFlag = z
  .object({
    sourceId: z.string(),
    day: z.string(),
    kind: z.enum(['volume-drop', 'deletion-spike']),
    detail: z.string().openapi({
      example: '40 articles removed from the source, 0 on a normal day (60% of its 66)',
    }),
    count: z.number().int(),
    normal: z.number().openapi({ description: 'The median of the 28 days before' }),
  })
  .openapi('CoverageFlag');

export const Coverage = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z
      .array(CoverageDay)
      .openapi({ description: 'Per source and day with any activity, oldest first' }),
    flags: z.array(CoverageFlag).openapi({
      description: 'Volume drops and deletion spikes on days of the range, oldest first',
    }),
  })
  .openapi('Coverage');

const personId = z.string().openapi({ example: 'kim-jong-un' });

export const PersonSummary = z
  .object({
    personId: z.string().openapi({
      description: 'The gazetteer id, or for a name it does not know, the spelling as a slug',
      example: 'kim-jong-un',
    }),
    name: z.string().openapi({ example: 'Kim Jong Un' }),
    articles: z.number().int().openapi({ description: 'Articles whose current text names them' }),
    mentions: z.number().int().openapi({ description: 'Namings in current texts, all counted' }),
    appearances: z.number().int().openapi({
      description: "The leader's activities they led or accompanied (flashes not counted)",
    }),
    firstSeen: z.string().nullable().openapi({ description: 'Earliest day seen (YYYY-MM-DD)' }),
    lastSeen: z.string().nullable().openapi({ description: 'Latest day seen (YYYY-MM-DD)' }),
    removals: z
      .number()
      .int()
      .openapi({ description: 'Times a later version of a text stopped naming them' }),
  })
  .openapi('PersonSummary');

const Member = z.object({ personId, name: z.string() }).openapi('PersonRef');

export const Appearance = z
  .object({
    articleId: z.string(),
    seq: z.number().int().openapi({ description: 'The version of the text it was read from' }),
    sourceId: z.string(),
    title: z.string().nullable(),
    pubDate: z.string().nullable().openapi({ description: 'Publication date, when known' }),
    leaderId: z.string(),
    leader: z.string(),
    kind: z.string().openapi({ example: 'inspected' }),
    object: z.string().openapi({ description: 'What the activity was about, as printed' }),
    place: z.string().nullable(),
    flash: z.boolean().openapi({
      description: 'A short flash of an activity the full story tells again (not counted)',
    }),
    sentence: z.string().openapi({ description: 'The sentence the activity was read from' }),
    companions: z.array(Member).openapi({ description: 'Who accompanied, in the order printed' }),
    greeters: z.array(Member).openapi({ description: 'Who greeted the leader there' }),
    met: z.array(Member).openapi({ description: 'Whom the leader met or received' }),
  })
  .openapi('Appearance');

export const PersonRemoval = z
  .object({
    personId,
    name: z.string(),
    articleId: z.string(),
    seq: z.number().int().openapi({
      description: 'The version that no longer names them (the diff is from seq − 1)',
    }),
    at: z.string().openapi({ description: 'When that version was first seen (ISO 8601)' }),
    sourceId: z.string(),
    title: z.string().nullable(),
    pubDate: z.string().nullable(),
  })
  .openapi('PersonRemoval');

export const PersonFlag = z
  .object({
    personId,
    name: z.string(),
    kind: z.enum(['absence', 'rank-drop']),
    day: z.string().openapi({
      description: 'The last sighting (absence) or the appearance that showed the fall (rank-drop)',
    }),
    text: z.string().openapi({
      example: 'Ri Yong Ho: last seen 2012-07-08, absent for 190 days (usual gap 12 days)',
    }),
  })
  .openapi('PersonFlag');

export const PersonProfile = z
  .object({
    months: z
      .array(
        z.object({ month: z.string(), mentions: z.number().int(), articles: z.number().int() }),
      )
      .openapi({ description: 'Mentions per month (YYYY-MM, or `unknown`), oldest first' }),
    titles: z
      .array(
        z.object({
          title: z.string(),
          first: z.string().nullable(),
          last: z.string().nullable(),
          articles: z.number().int(),
        }),
      )
      .openapi({ description: 'Titles printed beside the name, with when first and last' }),
    appearances: z.number().int(),
    coAppearances: z
      .array(z.object({ personId, name: z.string(), count: z.number().int() }))
      .openapi({ description: 'Who appeared in the same activities, most often first' }),
    rank: z
      .array(
        z.object({
          date: z.string().nullable(),
          articleId: z.string(),
          rank: z.number().int(),
          of: z.number().int(),
        }),
      )
      .openapi({ description: 'Place among the companions (1 is first), oldest first' }),
    rankDrop: z
      .boolean()
      .openapi({ description: 'The latest places fell well below earlier ones' }),
  })
  .openapi('PersonProfile');

export const Person = PersonSummary.extend({
  gazetteer: z
    .object({
      name: z.string(),
      kind: z.enum(['leader', 'official', 'foreign']),
      qualifier: z.string().nullable(),
      hangul: z.string().nullable(),
      variants: z.array(z.string()),
    })
    .nullable()
    .openapi({ description: 'The gazetteer entry; null for a name known by its spelling only' }),
  profile: PersonProfile,
  absence: z
    .object({
      lastSeen: z.string(),
      days: z.number().int().openapi({ description: 'Days from lastSeen to asOf' }),
      asOf: z.string().openapi({ description: "The archive's newest day any person was seen" }),
      usualGap: z.number().int().nullable().openapi({
        description: 'Days between sightings usually (90th percentile); null with too few',
      }),
      flagged: z.boolean(),
    })
    .nullable()
    .openapi({ description: 'How long since last seen, against their own rhythm' }),
}).openapi('Person');

const ArticleMention = z
  .object({
    personId,
    name: z.string(),
    printed: z.string().openapi({ description: 'The name as the text printed it' }),
    titles: z.array(z.string()),
    count: z.number().int(),
    paragraph: z.number().int().openapi({ description: 'First named here (-1: the headline)' }),
    sentence: z.string(),
  })
  .openapi('ArticleMention');

export const ArticlePeople = z
  .object({
    articleId: z.string(),
    seq: z.number().int().openapi({ description: 'The version read' }),
    mentions: z.array(ArticleMention).openapi({ description: 'Everyone named, in order' }),
    activities: z.array(Appearance).openapi({ description: "The leader's activities, in order" }),
  })
  .openapi('ArticlePeople');

export const PersonList = listOf(PersonSummary, 'PersonList');
export const AppearanceList = listOf(Appearance, 'AppearanceList');
export const PersonRemovalList = listOf(PersonRemoval, 'PersonRemovalList');
export const PersonFlagList = listOf(PersonFlag, 'PersonFlagList');
