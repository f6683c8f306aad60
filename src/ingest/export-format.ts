/**
 * wirewatch's own JSONL export: one line per source, then one per article with all its versions and
 * listing entries. Lossless: importing an export into an empty archive gives the same articles
 * (ids included) and versions.
 */
import { z } from 'zod';
import type { Article, ArticleEvent, ListingEntry, Source, Version } from '../model/types.js';
import type { ExtractedArticle } from '../extract/types.js';
import type { ArchiveStore, StoredArticle } from '../store/types.js';
import { computeKeys } from '../reconcile/identity.js';
import { applyArticle, type ApplyOutcome, type Provenance } from '../reconcile/apply.js';
import { contentHash } from '../reconcile/normalise.js';

export const EXPORT_FORMAT = 1;

const date = z.object({
  year: z.number().int().nullable(),
  month: z.number().int().min(1).max(12).nullable(),
  day: z.number().int().min(1).max(31).nullable(),
  basis: z.enum([
    'page',
    'listing',
    'import-option',
    'url',
    'record',
    'capture-date',
    'dateline-only',
    'unknown',
  ]),
});
const dateline = z
  .object({
    raw: z.string(),
    place: z.string().nullable(),
    month: z.number().nullable(),
    day: z.number().nullable(),
    agency: z.string().nullable(),
    damaged: z.boolean(),
  })
  .nullable();
const source = z.object({
  id: z.string().min(1),
  name: z.string(),
  language: z.string(),
  label: z.string(),
});
const version = z.object({
  seq: z.number().int().min(1),
  contentHash: z.string(),
  title: z.string().nullable(),
  paragraphs: z.array(z.string()),
  firstSeen: z.string(),
  lastSeen: z.string(),
  captureSha256: z.string(),
  locator: z.string(),
});
const listing = z.object({
  captureSha256: z.string(),
  position: z.number().int(),
  text: z.string(),
  dateline,
  published: date,
  link: z.string().nullable(),
});
const event = z.object({
  at: z.string(),
  kind: z.enum(['edit', 'deleted', 'restored']),
  versionSeq: z.number().int().nullable(),
  change: z.enum(['cosmetic', 'headline', 'body']).nullable(),
  editSize: z.number().int().nullable(),
  reason: z.string().nullable(),
  captureSha256: z.string().nullable(),
});
const articleRecord = z.object({
  wirewatch: z.literal('article'),
  format: z.literal(EXPORT_FORMAT),
  id: z.string().min(1),
  source,
  url: z.string().nullable(),
  title: z.string().nullable(),
  dateline,
  published: date,
  language: z.string().nullable(),
  teaser: z.string().nullable(),
  status: z.enum(['live', 'teaser', 'deleted']),
  storyId: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  flags: z.array(z.string()),
  versions: z.array(version),
  listings: z.array(listing),
  // absent in exports made before history was kept
  removedAt: z.string().nullable().default(null),
  events: z.array(event).default([]),
});
const sourceRecord = source.extend({
  wirewatch: z.literal('source'),
  format: z.literal(EXPORT_FORMAT),
});

export function isExportRecord(value: unknown): value is { wirewatch: string } {
  return typeof value === 'object' && value !== null && 'wirewatch' in value;
}

export function sourceToRecord(s: Source) {
  return { wirewatch: 'source', format: EXPORT_FORMAT, ...s };
}

export function articleToRecord(
  a: Article,
  s: Source,
  versions: Version[],
  listings: ListingEntry[],
  events: ArticleEvent[] = [],
) {
  return {
    wirewatch: 'article',
    format: EXPORT_FORMAT,
    id: a.id,
    source: s,
    url: a.url,
    title: a.title,
    dateline: a.dateline,
    published: a.published,
    language: a.language,
    teaser: a.teaser,
    status: a.status,
    storyId: a.storyId,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    flags: a.flags,
    versions: versions.map(({ articleId: _a, ...v }) => v),
    listings: listings.map(({ articleId: _a, sourceId: _s, ...l }) => l),
    removedAt: a.removedAt,
    events: events.map(({ articleId: _a, sourceId: _s, ...e }) => e),
  };
}

export async function importExportRecord(
  store: ArchiveStore,
  value: unknown,
  at: Provenance,
): Promise<{ articleOutcome: ApplyOutcome | null } | { error: string }> {
  const kind = (value as { wirewatch: unknown }).wirewatch;
  const parsed = kind === 'source' ? sourceRecord.safeParse(value) : articleRecord.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      error: `wirewatch ${String(kind)} record: field "${issue.path.join('.')}": ${issue.message}`,
    };
  }
  const r = parsed.data;
  if (r.wirewatch === 'source') {
    const { wirewatch: _w, format: _f, ...s } = r;
    await store.upsertSource(s);
    return { articleOutcome: null };
  }
  await store.upsertSource(r.source);
  const existing = await store.getArticle(r.id);
  const current = [...r.versions].sort((a, b) => a.seq - b.seq).at(-1);
  if (!existing) {
    await store.insertArticle({
      id: r.id,
      sourceId: r.source.id,
      url: r.url,
      title: r.title,
      dateline: r.dateline,
      published: r.published,
      language: r.language,
      paragraphs: current?.paragraphs ?? [],
      teaser: r.teaser,
      status: r.status,
      storyId: r.storyId,
      versionCount: r.versions.length,
      firstSeen: r.firstSeen,
      lastSeen: r.lastSeen,
      flags: r.flags,
      removedAt: r.removedAt,
      keys: computeKeys({
        title: current?.title ?? r.title,
        dateline: r.dateline,
        published: r.published,
        paragraphs: current?.paragraphs ?? [],
        teaser: r.teaser,
      }),
    });
    for (const v of r.versions) await store.insertVersion({ ...v, articleId: r.id });
    for (const l of r.listings)
      await store.insertListingEntry({ ...l, sourceId: r.source.id, articleId: r.id });
    // Restored history, attributed to this capture: it shows in changes, never in an alarm.
    for (const e of r.events)
      await store.insertEvent({
        ...e,
        articleId: r.id,
        sourceId: r.source.id,
        broughtBy: at.captureSha256,
      });
    return { articleOutcome: 'new' };
  }
  return { articleOutcome: await addVersions(store, existing, r, at) };
}

/**
 * An import only ever adds history. A record naming an article the archive already holds cannot
 * rewrite its text, status or dates, nor bring events (a forged removal would raise a purge alarm)
 * or listings: a text it lacks is applied like any other sighting of the article, a new version
 * whose provenance is this capture and line, not whatever the record claims.
 */
async function addVersions(
  store: ArchiveStore,
  existing: StoredArticle,
  r: z.infer<typeof articleRecord>,
  at: Provenance,
): Promise<ApplyOutcome> {
  const have = new Set((await store.getVersions(existing.id)).map((v) => v.contentHash));
  let outcome: ApplyOutcome = 'unchanged';
  let known = existing;
  for (const v of [...r.versions].sort((a, b) => a.seq - b.seq)) {
    // The record's own contentHash is a claim: the text is what is compared.
    const hash = contentHash(v.title, v.paragraphs);
    if (have.has(hash)) continue;
    const text: ExtractedArticle = {
      title: v.title,
      dateline: r.dateline,
      published: r.published,
      paragraphs: v.paragraphs,
      language: r.language,
      url: r.url,
      sourceLabel: null,
      complete: v.paragraphs.length > 0,
      flags: [],
    };
    const applied = await applyArticle(store, existing.sourceId, text, at, undefined, known);
    if (applied.outcome !== 'unchanged') outcome = applied.outcome;
    have.add(hash);
    known = (await store.getArticle(existing.id)) ?? known;
  }
  return outcome;
}
