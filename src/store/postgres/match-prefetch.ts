/**
 * The match candidates of a batch of texts, read in one statement instead of one round trip each.
 *
 * An import asks for each text's candidates, then writes (a new article, a changed one), then asks
 * for the next text's. Read ahead, a text's answer stays true until the batch writes an article that
 * could have been among them, so every write of the transaction is noted and an answer is served only
 * when none of the writes since it was read could change it; otherwise the text is asked again. The
 * test is a superset of the lookup's own conditions (dates are not compared, a cut headline is any
 * title key the text's key starts with): a doubt costs one round trip, never a wrong answer. Nothing
 * outside the transaction can write meanwhile: writers hold the archive's writer lock (index.ts).
 */
import type { MatchCandidates, MatchRequest, StoredArticle } from '../types.js';
import { bandValues, matchCandidatesValues } from './match-candidates.js';

/** What of a written article can make it a candidate. */
interface Written {
  id: string;
  sourceId: string;
  leadKey: string | null;
  titleKey: string | null;
  bodyHash: string | null;
  bands: number[];
}

interface Answer {
  request: MatchRequest;
  bands: Set<number>;
  result: MatchCandidates;
  /** The ids of every article the answer holds. */
  ids: Set<string>;
  /** How many writes had been noted when it was read. */
  since: number;
}

/**
 * A request's identity: the values the statement is given (what its answer depends on), and whether
 * story candidates were asked for at all (null when not, a list when asked).
 */
const requestKey = (r: MatchRequest) =>
  JSON.stringify([matchCandidatesValues(r), r.story !== null]);

export class MatchPrefetch {
  private readonly answers = new Map<string, Answer>();
  private readonly written: Written[] = [];

  /** Keeps answers read now (after the writes noted so far). */
  keep(requests: MatchRequest[], results: MatchCandidates[]): void {
    requests.forEach((request, i) => {
      const result = results[i]!;
      const ids = new Set(
        [...result.byKeys, ...result.byTitlePrefix, ...(result.story ?? [])].map((a) => a.id),
      );
      const bands = new Set(request.story ? bandValues(request.story.signature) : []);
      this.answers.set(requestKey(request), {
        request,
        bands,
        result,
        ids,
        since: this.written.length,
      });
    });
  }

  /** The kept answer to `request` if nothing written since could change it (used once), else null. */
  take(request: MatchRequest): MatchCandidates | null {
    const key = requestKey(request);
    const answer = this.answers.get(key);
    if (!answer) return null;
    this.answers.delete(key);
    for (let i = answer.since; i < this.written.length; i++)
      if (mayChange(this.written[i]!, answer)) return null;
    return answer.result;
  }

  /** Notes an article inserted or updated in this transaction. */
  wrote(article: StoredArticle): void {
    this.written.push({
      id: article.id,
      sourceId: article.sourceId,
      leadKey: article.keys.leadKey,
      titleKey: article.keys.titleKey,
      bodyHash: article.keys.bodyHash,
      bands: bandValues(article.keys.signature),
    });
  }
}

function mayChange(w: Written, answer: Answer): boolean {
  const r = answer.request;
  if (answer.ids.has(w.id)) return true;
  if (w.sourceId === r.sourceId) {
    if (r.leadKey !== null && w.leadKey === r.leadKey) return true;
    if (r.titleKey && w.titleKey) {
      if (w.titleKey === r.titleKey) return true;
      if (r.prefixFloor !== null && r.titleKey.startsWith(w.titleKey)) return true;
    }
  }
  if (!r.story) return false;
  if (r.story.bodyHash !== null && w.bodyHash === r.story.bodyHash) return true;
  return w.bands.some((band) => answer.bands.has(band));
}
