/**
 * "More From <source>" under an article: the source's articles published around the article's date —
 * a few before and a few after it, the article itself left out — so a reader sees what else the source
 * said that week. An article without a full date has no place in that order: the list is then the
 * source's newest articles, and says so.
 */
import { articleLabel, fullDay } from '../../model/label.js';
import type { Article, Source } from '../../model/types.js';
import type { ArchiveStore } from '../../store/types.js';
import { DateText, articleHref, sourceHref } from '../components.js';
import { plural, teaserText } from '../format.js';

/** Teasers in the "More From" block, as on the aggregator's page. */
export const MORE_FROM = 20;

export interface MoreFromList {
  /**
   * `around`: published around `day` (newest first, `later` of them after the article's place);
   * `undated`: the article has no full date, so the source's newest; `no-neighbours`: no other article
   * of the source has a full date, so its newest.
   */
  kind: 'around' | 'undated' | 'no-neighbours';
  day: string | null;
  articles: Article[];
  /** Of `articles`, how many come after the article (the first ones, newest first). */
  later: number;
  /** The source's articles in all. */
  total: number;
}

/**
 * Picks `n` of `before` and `after` (both oldest first, the article between them) around the article:
 * half on each side, the other side making up for a short one. Newest first.
 */
export function aroundWindow<T>(
  before: readonly T[],
  after: readonly T[],
  n: number,
): { items: T[]; later: number } {
  const half = Math.floor(n / 2);
  const earlier = Math.min(before.length, Math.max(half, n - after.length));
  const later = Math.min(after.length, n - earlier);
  return {
    items: [...after.slice(0, later).reverse(), ...before.slice(before.length - earlier).reverse()],
    later,
  };
}

/** The list for `article`: its neighbours in the source's order and the source's count. */
export async function moreFromSource(
  store: ArchiveStore,
  article: Article,
  n = MORE_FROM,
): Promise<MoreFromList> {
  const sourceId = article.sourceId;
  const day = fullDay(article.published);
  if (day) {
    const [around, all] = await Promise.all([
      store.articlesAround(article.id, n),
      store.listArticles({ sourceId, limit: 0 }),
    ]);
    const window = aroundWindow([...around.before].reverse(), around.after, n);
    if (window.items.length)
      return { kind: 'around', day, articles: window.items, later: window.later, total: all.total };
  }
  const newest = await store.listArticles({ sourceId, order: 'newest', limit: n + 1 });
  return {
    kind: day ? 'no-neighbours' : 'undated',
    day,
    articles: newest.items.filter((a) => a.id !== article.id).slice(0, n),
    later: 0,
    total: newest.total,
  };
}

export function MoreFrom(props: { source: Source | null; sourceId: string; more: MoreFromList }) {
  const { more } = props;
  if (more.articles.length === 0) return '';
  const label = props.source?.label ?? props.sourceId;
  const earlier = more.articles.length - more.later;
  return (
    <section class="more-from" aria-labelledby="more-from-heading">
      <h2 id="more-from-heading">More From {label}</h2>
      <p class="muted more-from-note">
        {more.kind === 'around' ? (
          <>
            Published around this article’s date,{' '}
            <time datetime={more.day ?? undefined}>{more.day}</time>, newest first:{' '}
            {plural(more.later, 'later article')} and {plural(earlier, 'earlier one')}.
          </>
        ) : more.kind === 'undated' ? (
          'This article’s full date is not known, so these are the source’s newest articles.'
        ) : (
          'No other article of this source has a full date, so these are its newest articles.'
        )}
      </p>
      <ul>
        {more.articles.map((a) => (
          <li>
            <a href={articleHref(a.id)}>{teaserText(a) || articleLabel(a).text}</a>
            <span class="meta">
              <DateText date={a.published} />
              {a.status === 'teaser' ? ' · teaser only' : ''}
            </span>
          </li>
        ))}
      </ul>
      <p>
        <a href={sourceHref(props.sourceId)} class="more">
          More Articles<span class="visually-hidden"> from {label}</span>
        </a>{' '}
        <span class="meta">({plural(more.total, 'article')} in all)</span>
        {more.kind === 'around' && more.day ? (
          <>
            {' · '}
            <a href={`/days/${more.day}`}>everything published on {more.day}</a>
          </>
        ) : (
          ''
        )}
      </p>
    </section>
  );
}
