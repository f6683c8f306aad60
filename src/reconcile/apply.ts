/**
 * Applies extracted texts to the archive: a new article, another sighting of a known text, a new
 * version of a changed text, or a teaser completed by its full text. Nothing is overwritten.
 */
import type { ArticleDate, ListingEntry, Version } from '../model/types.js';
import type { ExtractedArticle, ExtractedTeaser } from '../extract/types.js';
import type {
  ArchiveStore,
  ArticleKeys,
  FirstVersion,
  MatchRequest,
  StoredArticle,
} from '../store/types.js';
import {
  computeIdentity,
  computeKeys,
  deriveArticleId,
  improvesTitle,
  pickMatch,
  titleSilent,
  truncatedTitleWords,
  truncationKeyFloor,
  worseTitle,
  type IdentityInput,
  type Lead,
} from './identity.js';
import { contentHash } from './normalise.js';
import { findStory } from './story.js';
import { recordEdit } from '../history/events.js';
import { fullDay } from '../model/label.js';
import { sourceFromUrl } from '../model/sources.js';
import { defaultResolver } from '../analyse/resolver.js';
import { versionPeople, type VersionPeople } from '../analyse/version-people.js';

/** Where a text was seen: the capture, the place inside it, and when. */
export interface Provenance {
  captureSha256: string;
  locator: string;
  seenAt: string;
}

export type ApplyOutcome =
  'new' | 'unchanged' | 'new-version' | 'completed-teaser' | 'teaser-new' | 'teaser-known';

/** The CPU-bound part of applying a text (no I/O), so it can run ahead on another thread. */
export interface PreparedText {
  keys: ArticleKeys;
  lead: Lead;
  hash: string;
  /** The people of the text, read ahead (null for a headline only): kept if it becomes a version. */
  people: VersionPeople | null;
}

export function prepareText(ex: ExtractedArticle): PreparedText {
  const { keys, lead } = computeIdentity({
    title: ex.title,
    dateline: ex.dateline,
    published: ex.published,
    paragraphs: ex.paragraphs,
  });
  const people = ex.paragraphs.length
    ? versionPeople(
        { title: ex.title, paragraphs: ex.paragraphs, date: fullDay(ex.published) },
        defaultResolver(),
      )
    : null;
  return { keys, lead, hash: contentHash(ex.title, ex.paragraphs), people };
}

/** What a text's candidates are looked up by (`store.findMatchCandidates`). */
export function matchRequest(
  sourceId: string,
  ex: ExtractedArticle,
  { keys, lead }: Pick<PreparedText, 'keys' | 'lead'>,
): MatchRequest {
  return {
    sourceId,
    leadKey: keys.leadKey,
    titleKey: keys.titleKey,
    date: ex.published,
    // A headline cut short ("…") is stored under a key of its own, a prefix of this whole title's.
    prefixFloor: truncatedTitleWords(ex.title) ? null : truncationKeyFloor(keys.titleKey),
    story: ex.paragraphs.length ? keys : null,
    newId: deriveArticleId(sourceId, ex.published, keys, lead.words),
  };
}

/**
 * `known`: the article this text is already known to be, whatever its words (a crawled page fetched
 * again from the same URL: an edit there may change every key the text would be matched on).
 */
export async function applyArticle(
  store: ArchiveStore,
  sourceId: string,
  ex: ExtractedArticle,
  at: Provenance,
  prepared: PreparedText = prepareText(ex),
  known: StoredArticle | null = null,
): Promise<{ articleId: string; outcome: ApplyOutcome }> {
  const input: IdentityInput = {
    title: ex.title,
    dateline: ex.dateline,
    published: ex.published,
    paragraphs: ex.paragraphs,
  };
  const { keys, lead, hash } = prepared;
  // Asked at once: a new article needs all three lookups, and a server answers them in one round trip.
  const found = known
    ? null
    : await store.findMatchCandidates(matchRequest(sourceId, ex, prepared));
  let match = known ?? pickMatch(input, keys, found!.byKeys, lead);
  if (!match && found) match = pickMatch(input, keys, found.byTitlePrefix, lead);

  if (!match) {
    const story = ex.paragraphs.length
      ? await findStory(store, { keys, language: ex.language }, found?.story)
      : null;
    const inserted = await insertNew(
      store,
      sourceId,
      input,
      keys,
      lead.words,
      (articleId) => ({
        id: articleId,
        sourceId,
        url: ex.url,
        title: ex.title,
        dateline: ex.dateline,
        published: ex.published,
        language: ex.language,
        paragraphs: ex.paragraphs,
        teaser: null,
        status: ex.paragraphs.length ? 'live' : 'teaser',
        storyId: story ?? articleId,
        versionCount: ex.paragraphs.length ? 1 : 0,
        firstSeen: at.seenAt,
        lastSeen: at.seenAt,
        removedAt: null,
        flags: ex.flags,
        keys,
      }),
      ex.paragraphs.length ? hash : null,
      ex.paragraphs.length
        ? (articleId) => ({
            version: versionOf(articleId, 1, hash, ex, at),
            people: prepared.people,
          })
        : undefined,
    );
    if (!inserted.same) return { articleId: inserted.id, outcome: 'new' };
    match = inserted.same;
  }

  const merged: StoredArticle = {
    ...match,
    ...improvedBy(match, ex.title, ex.url),
    dateline: match.dateline ?? ex.dateline,
    published: betterDate(match.published, ex.published),
    language: match.language ?? ex.language,
    firstSeen: minIso(match.firstSeen, at.seenAt),
    lastSeen: maxIso(match.lastSeen, at.seenAt),
    flags: [...new Set([...match.flags, ...ex.flags])],
  };
  if (!ex.paragraphs.length) {
    // A headline-only record of a known article adds a sighting and, perhaps, a date; never a version.
    await store.updateArticle(merged);
    return { articleId: match.id, outcome: 'unchanged' };
  }
  const versions = await store.getVersions(match.id);
  // A page that shows no title (or a placeholder, or one cut short) is no evidence the title changed:
  // compare its text with each version's.
  const textOnly = contentHash(null, ex.paragraphs);
  const same = versions.find(
    (v) =>
      v.contentHash === hash ||
      (titleSilent(ex.title, v.title) && contentHash(null, v.paragraphs) === textOnly),
  );
  if (same) {
    await store.updateVersionSeen(
      match.id,
      same.seq,
      minIso(same.firstSeen, at.seenAt),
      maxIso(same.lastSeen, at.seenAt),
    );
    await store.updateArticle(merged);
    return { articleId: match.id, outcome: 'unchanged' };
  }
  const seq = versions.length + 1;
  const added = await insertVersion(store, match.id, seq, hash, ex, at, prepared.people);
  const wasTeaser = match.status === 'teaser';
  // The new version's title, unless it says less than the one shown (none, a placeholder, a cut of it).
  const title = ex.title === null || worseTitle(merged.title, ex.title) ? merged.title : ex.title;
  const current: StoredArticle = {
    ...merged,
    title,
    paragraphs: ex.paragraphs,
    status: wasTeaser ? 'live' : match.status,
    versionCount: seq,
    keys: {
      ...computeKeys({ ...input, title }),
      leadKey: match.keys.leadKey ?? keys.leadKey,
    },
  };
  if (wasTeaser) current.storyId = (await findStory(store, current)) ?? current.id;
  await store.updateArticle(current);
  const previous = versions.at(-1);
  if (previous) await recordEdit(store, current, previous, added);
  return { articleId: match.id, outcome: wasTeaser ? 'completed-teaser' : 'new-version' };
}

/**
 * The title and URL of `a` as a later record of it improves them; nothing else changes, and the
 * versions keep the titles they were seen with. A title improves when it says more (see
 * identity.ts: improvesTitle), and takes the key it is matched on. A URL improves on none, and a URL
 * on the source's own site on one elsewhere (an aggregator's copy); a later worse record changes neither.
 */
export function improvedBy(
  a: StoredArticle,
  title: string | null,
  url: string | null,
): Pick<StoredArticle, 'title' | 'url' | 'keys'> {
  const own = (u: string) => sourceFromUrl(u, a.language)?.id === a.sourceId;
  const better = url !== null && (a.url === null || (!own(a.url) && own(url)));
  const kept = { title: a.title, url: better ? url : a.url, keys: a.keys };
  if (!improvesTitle(a.title, title)) return kept;
  const { titleKey } = computeKeys({
    title,
    dateline: null,
    published: a.published,
    paragraphs: [],
  });
  return { ...kept, title, keys: { ...a.keys, titleKey } };
}

/** Records a teaser as a listing entry, pointing at its article (a teaser-only one when none is known). */
export async function applyTeaser(
  store: ArchiveStore,
  sourceId: string,
  t: ExtractedTeaser,
  language: string | null,
  at: Provenance,
): Promise<{ articleId: string; outcome: ApplyOutcome }> {
  const input: IdentityInput = {
    title: null,
    dateline: t.dateline,
    published: t.published,
    paragraphs: [],
    teaser: t.text,
  };
  const { keys, lead } = computeIdentity(input);
  const match = pickMatch(
    input,
    keys,
    await store.findArticlesByKeys(sourceId, keys.leadKey, null, t.published),
    lead,
  );
  let articleId: string;
  let outcome: ApplyOutcome;
  if (match) {
    await store.updateArticle({
      ...match,
      teaser: match.teaser ?? t.text,
      published: betterDate(match.published, t.published),
      lastSeen: maxIso(match.lastSeen, at.seenAt),
    });
    articleId = match.id;
    outcome = 'teaser-known';
  } else {
    const inserted = await insertNew(store, sourceId, input, keys, lead.words, (id) => ({
      id,
      sourceId,
      url: t.link,
      title: null,
      dateline: t.dateline,
      published: t.published,
      language,
      paragraphs: [],
      teaser: t.text,
      status: 'teaser',
      storyId: id,
      versionCount: 0,
      firstSeen: at.seenAt,
      lastSeen: at.seenAt,
      removedAt: null,
      flags: [],
      keys,
    }));
    articleId = inserted.id;
    outcome = 'teaser-new';
  }
  const entry: ListingEntry = {
    sourceId,
    captureSha256: at.captureSha256,
    position: t.position,
    text: t.text,
    dateline: t.dateline,
    published: t.published,
    link: t.link,
    articleId,
  };
  await store.insertListingEntry(entry);
  return { articleId, outcome };
}

/**
 * Inserts under the derived id, or the next one when two distinct articles derive the same. An
 * article already under a derived id with exactly this text (`hash`) is this text: a text with no
 * words to look it up by (a bare dateline) is found that way, once, instead of being added again
 * under one more attempt each time it is applied.
 */
async function insertNew(
  store: ArchiveStore,
  sourceId: string,
  input: IdentityInput,
  keys: ArticleKeys,
  lead: string[],
  build: (id: string) => StoredArticle,
  hash: string | null = null,
  first?: (id: string) => FirstVersion,
): Promise<{ id: string; same: StoredArticle | null }> {
  for (let attempt = 0; ; attempt++) {
    const id = deriveArticleId(sourceId, input.published, keys, lead, attempt);
    if (await store.insertArticle(build(id), first?.(id))) return { id, same: null };
    if (!hash) continue;
    const there = await store.getArticle(id);
    if (there && (await store.getVersions(id)).some((v) => v.contentHash === hash))
      return { id, same: there };
  }
}

function versionOf(
  articleId: string,
  seq: number,
  hash: string,
  ex: ExtractedArticle,
  at: Provenance,
): Version {
  return {
    articleId,
    seq,
    contentHash: hash,
    title: ex.title,
    paragraphs: ex.paragraphs,
    firstSeen: at.seenAt,
    lastSeen: at.seenAt,
    captureSha256: at.captureSha256,
    locator: at.locator,
  };
}

async function insertVersion(
  store: ArchiveStore,
  articleId: string,
  seq: number,
  hash: string,
  ex: ExtractedArticle,
  at: Provenance,
  people: VersionPeople | null,
): Promise<Version> {
  const version = versionOf(articleId, seq, hash, ex, at);
  await store.insertVersion(version);
  // Read ahead with the text; otherwise the drain derives them from the queue.
  if (people) await store.people.putVersionPeople(articleId, seq, people, at.seenAt);
  return version;
}

/** Keeps the date with the stronger evidence: a known year beats an unknown one; never guesses. */
const BASIS_RANK: Record<ArticleDate['basis'], number> = {
  unknown: 0,
  'dateline-only': 1,
  'capture-date': 2,
  listing: 3,
  url: 4,
  record: 5,
  page: 6,
  'import-option': 7,
};
export function betterDate(current: ArticleDate, offered: ArticleDate): ArticleDate {
  const known = (d: ArticleDate) =>
    (d.year !== null ? 2 : 0) + (d.month !== null && d.day !== null ? 1 : 0);
  if (known(offered) !== known(current)) return known(offered) > known(current) ? offered : current;
  return BASIS_RANK[offered.basis] > BASIS_RANK[current.basis] ? offered : current;
}

const minIso = (a: string, b: string) => (a <= b ? a : b);
const maxIso = (a: string, b: string) => (a >= b ? a : b);
