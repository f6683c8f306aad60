/**
 * Near-duplicate grouping: republished copies (inside a source or across sources) share a story id.
 * Copies are grouped, never dropped: each stays an article of its own source.
 */
import type { ArchiveStore, StoredArticle } from '../store/types.js';
import { estimatedJaccard, SAME_STORY_JACCARD, signatureFromBytes } from './minhash.js';

export async function findStory(store: ArchiveStore, article: StoredArticle): Promise<string> {
  const { bodyHash, signature } = article.keys;
  if (!bodyHash && !signature) return article.id;
  const mine = signature ? signatureFromBytes(signature) : null;
  for (const c of await store.findStoryCandidates(bodyHash, signature)) {
    if (c.id === article.id) continue;
    if (c.sameBody) return c.storyId;
    if (!mine || !c.signature || c.language !== article.language) continue;
    if (estimatedJaccard(mine, signatureFromBytes(c.signature)) >= SAME_STORY_JACCARD) return c.storyId;
  }
  return article.id;
}
