/**
 * The latest changes across sources (edits, removals, re-appearances) as every surface shows them: the
 * /changes page, its feed, /api/v1/changes and `wirewatch changes` all read through `listChanges`, so
 * they agree on filters, order and totals.
 *
 * Edits archived before classification was stored carry `change: null` (store migration 4); they are
 * classified here, from their versions, when read. The store lets such an edit through any `changes`
 * filter (it cannot know its class), so when a filter could drop one of them this module reads the
 * filtered stream itself to keep `total` exact.
 */
import type { ArticleEventKind, EditKind } from '../model/types.js';
import type { ArchiveStore, ArticleEventView, EventQuery, Page } from '../store/types.js';
import { classifyChange } from './classify.js';

export const EDIT_KINDS: readonly EditKind[] = ['body', 'headline', 'cosmetic'];
export const EVENT_KINDS: readonly ArticleEventKind[] = ['edit', 'deleted', 'restored'];
/** What a reader sees unless asked for more: cosmetic edits (whitespace, typography) are noise to most. */
export const NOTABLE_CHANGES: readonly EditKind[] = ['body', 'headline'];

/** `body,headline` → the classes, or null when any part is not one. */
export function parseChanges(text: string): EditKind[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length || parts.some((p) => !(EDIT_KINDS as readonly string[]).includes(p)))
    return null;
  return EDIT_KINDS.filter((k) => parts.includes(k));
}

export function parseKind(text: string): ArticleEventKind | null {
  return (EVENT_KINDS as readonly string[]).includes(text) ? (text as ArticleEventKind) : null;
}

/** Events read per store call when the whole filtered stream has to be read. */
const SCAN = 500;

type Classified = { change: EditKind; editSize: number } | null;

/**
 * Classes worked out per store, kept for the process: a version's text never changes once stored, and
 * the default /changes view of an archive with old edits reads them all on every request.
 */
const classified = new WeakMap<ArchiveStore, Map<string, Classified>>();
const CACHE_LIMIT = 100_000;

/** Fills in the class and size of edits that have none, from the article's versions. */
export async function classifyEdits(
  store: ArchiveStore,
  events: ArticleEventView[],
): Promise<ArticleEventView[]> {
  if (!classified.has(store)) classified.set(store, new Map());
  const cache = classified.get(store)!;
  const versions = new Map<string, Awaited<ReturnType<ArchiveStore['getVersions']>>>();
  const out: ArticleEventView[] = [];
  for (const e of events) {
    if (e.kind !== 'edit' || e.change !== null || e.versionSeq === null) {
      out.push(e);
      continue;
    }
    const key = `${e.articleId}\u0000${e.versionSeq}\u0000${e.at}`;
    if (!cache.has(key)) {
      if (!versions.has(e.articleId))
        versions.set(e.articleId, await store.getVersions(e.articleId));
      const list = versions.get(e.articleId)!;
      const prev = list.find((v) => v.seq === e.versionSeq! - 1);
      const next = list.find((v) => v.seq === e.versionSeq);
      // A missing version (not stored yet, or gone in a reprocess) is not cached: it may come.
      if (!prev || !next) {
        out.push(e);
        continue;
      }
      const change = classifyChange(prev, next);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(
        key,
        change.kind !== 'first'
          ? { change: change.kind, editSize: change.wordsAdded + change.wordsRemoved }
          : null,
      );
    }
    const c = cache.get(key);
    out.push(c ? { ...e, ...c } : e);
  }
  return out;
}

/** The classes an event query asks for, in canonical order (all of them when it names none). */
function wantedChanges(q: EventQuery): EditKind[] {
  return q.changes?.length ? EDIT_KINDS.filter((k) => q.changes!.includes(k)) : [...EDIT_KINDS];
}

function keeps(wanted: readonly EditKind[], e: ArticleEventView): boolean {
  // An edit whose versions are gone stays unclassified: shown rather than silently dropped.
  return e.kind !== 'edit' || e.change === null || wanted.includes(e.change);
}

/** One page of changes, newest first, every edit classified; `total` counts every page. */
export async function listChanges(
  store: ArchiveStore,
  q: EventQuery,
): Promise<Page<ArticleEventView>> {
  const wanted = wantedChanges(q);
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const filtering =
    wanted.length < EDIT_KINDS.length && (!q.kinds?.length || q.kinds.includes('edit'));
  if (!filtering) {
    const page = await store.listEvents({ ...q, changes: undefined, limit, offset });
    return { items: await classifyEdits(store, page.items), total: page.total };
  }
  if ((await unclassifiedEdits(store, q, wanted)) === 0) {
    const page = await store.listEvents({ ...q, changes: wanted, limit, offset });
    return { items: page.items, total: page.total };
  }
  // Slow path, only for archives with edits from before classification: read and classify the stream.
  const items: ArticleEventView[] = [];
  let total = 0;
  for (let at = 0; ; at += SCAN) {
    const page = await store.listEvents({ ...q, changes: wanted, limit: SCAN, offset: at });
    for (const e of await classifyEdits(store, page.items)) {
      if (!keeps(wanted, e)) continue;
      if (total >= offset && items.length < limit) items.push(e);
      total++;
    }
    if (page.items.length < SCAN) break;
  }
  return { items, total };
}

/**
 * Unclassified edits matching the query, counted without reading them: the store passes them through
 * both the wanted classes and the others, so they are counted twice in the sum of those two totals.
 */
async function unclassifiedEdits(
  store: ArchiveStore,
  q: EventQuery,
  wanted: EditKind[],
): Promise<number> {
  const others = EDIT_KINDS.filter((k) => !wanted.includes(k));
  const base: EventQuery = { ...q, kinds: ['edit'], limit: 0, offset: 0 };
  const [all, a, b] = await Promise.all([
    store.listEvents({ ...base, changes: undefined }),
    store.listEvents({ ...base, changes: wanted }),
    store.listEvents({ ...base, changes: others }),
  ]);
  return a.total + b.total - all.total;
}

/** How a change reads in a list: `body edit, 12 words`, `removed`, `re-appeared`. */
export function changeLabel(e: Pick<ArticleEventView, 'kind' | 'change' | 'editSize'>): string {
  if (e.kind === 'deleted') return 'removed from the source';
  if (e.kind === 'restored') return 're-appeared at the source';
  if (e.change === null) return 'edit';
  if (e.change === 'cosmetic') return 'cosmetic edit';
  return `${e.change} edit${e.editSize !== null ? `, ${e.editSize} ${e.editSize === 1 ? 'word' : 'words'}` : ''}`;
}
