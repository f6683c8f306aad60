/**
 * The match candidates of a batch of texts, read in one statement instead of one round trip each.
 *
 * An import asks for each text's candidates, then writes (a new article, a changed one), then asks
 * for the next text's. Read ahead, a text's answer stays true until the batch writes an article that
 * could have been among them, so every write of the transaction is noted and an answer is served only
 * when none of the writes since it was read could change it; otherwise the text is asked again. The
 * test is a superset of the lookup's own conditions (a cut headline is any title key the text's key
 * starts with): a doubt costs one round trip, never a wrong answer. Dates are compared as the lookup
 * compares them: wire copy repeats its leads from day to day (a lead key is a lead's first words). Nothing
 * outside the transaction can write meanwhile: writers hold the archive's writer lock (index.ts).
 *
 * It also keeps the ids the batch's new articles would take that no article holds: such an insert
 * cannot collide, so it may wait and go with others (article-batch.ts). An id stops being free once
 * this transaction writes an article under it.
 */
import type { ArticleDate } from '../../model/types.js';
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
  date: ArticleDate;
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
  private readonly free = new Set<string>();

  /** How many writes were noted: the point a read sent now sees the archive at. */
  mark(): number {
    return this.written.length;
  }

  /** Notes ids no article held when read at `since` (`mark`), less those written under since. */
  keepFree(ids: Iterable<string>, since = this.mark()): void {
    const later = new Set(this.written.slice(since).map((w) => w.id));
    for (const id of ids) if (!later.has(id)) this.free.add(id);
  }

  /** True once for an id kept free and not written since: the caller is about to insert under it. */
  takeFree(id: string): boolean {
    return this.free.delete(id);
  }

  /** Keeps answers read at `since` (`mark`: by default now, after the writes noted so far). */
  keep(requests: MatchRequest[], results: MatchCandidates[], since = this.mark()): void {
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
        since,
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
    this.free.delete(article.id);
    this.written.push({
      id: article.id,
      sourceId: article.sourceId,
      leadKey: article.keys.leadKey,
      titleKey: article.keys.titleKey,
      bodyHash: article.keys.bodyHash,
      bands: bandValues(article.keys.signature),
      date: article.published,
    });
  }
}

function mayChange(w: Written, answer: Answer): boolean {
  const r = answer.request;
  if (answer.ids.has(w.id)) return true;
  if (w.sourceId === r.sourceId && datesCompatible(w.date, r.date)) {
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

/** match-candidates.ts: DATE_COMPATIBLE. An unknown part on either side is no contradiction. */
function datesCompatible(a: ArticleDate, b: ArticleDate): boolean {
  const agree = (x: number | null, y: number | null) => x === null || y === null || x === y;
  return agree(a.year, b.year) && agree(a.month, b.month) && agree(a.day, b.day);
}
