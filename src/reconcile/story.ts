/**
 * Near-duplicate grouping: republished copies (inside a source or across sources) share a story id.
 * Copies are grouped, never dropped: each stays an article of its own source.
 */
import type { ArchiveStore, ArticleKeys, StoryCandidate } from '../store/types.js';
import { estimatedJaccard, SAME_STORY_JACCARD, signatureFromBytes } from './minhash.js';

/**
 * The story of the first earlier copy of this text, or null when it is the first of its story.
 * `candidates`: the store's story candidates for these keys when already fetched.
 */
export async function findStory(
  store: ArchiveStore,
  text: { id?: string; keys: ArticleKeys; language: string | null },
  candidates?: StoryCandidate[] | null,
): Promise<string | null> {
  const { bodyHash, signature } = text.keys;
  if (!bodyHash && !signature) return null;
  const mine = signature ? signatureFromBytes(signature) : null;
  for (const c of candidates ?? (await store.findStoryCandidates(bodyHash, signature))) {
    if (c.id === text.id) continue;
    if (c.sameBody) return c.storyId;
    if (!mine || !c.signature || c.language !== text.language) continue;
    if (estimatedJaccard(mine, signatureFromBytes(c.signature)) >= SAME_STORY_JACCARD)
      return c.storyId;
  }
  return null;
}
