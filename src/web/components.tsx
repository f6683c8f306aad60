/**
 * Pieces several pages share: an article's link (a derived label is marked as such), its date, a list
 * of articles, a pager. Every value is interpolated through hono/jsx, which escapes it.
 */
import { articleLabel, formatArticleDate, fullDay } from '../model/label.js';
import type { Article, ArticleDate, Source } from '../model/types.js';
import { teaserText } from './format.js';
import { exportHref } from './pages/search-href.js';
import type { Sort } from '../search/rank.js';

export function articleHref(id: string): string {
  return `/articles/${encodeURIComponent(id)}`;
}

export function sourceHref(id: string): string {
  return `/sources/${encodeURIComponent(id)}`;
}

/** The headline, or the derived label in italics with a note for screen readers and a tooltip. */
export function ArticleLink(props: {
  article: Pick<Article, 'id' | 'title' | 'paragraphs' | 'teaser' | 'dateline'>;
}) {
  const label = articleLabel(props.article);
  return label.derived ? (
    <a
      href={articleHref(props.article.id)}
      class="derived"
      title="No headline on the source page: label made from the opening words"
    >
      {label.text}
      <span class="visually-hidden"> (no headline: label from the opening words)</span>
    </a>
  ) : (
    <a href={articleHref(props.article.id)}>{label.text}</a>
  );
}

/** `2011-12-01` as a <time>, or `March 24 (year unknown)` as plain text. */
export function DateText(props: { date: ArticleDate }) {
  const iso = fullDay(props.date);
  return iso ? (
    <time datetime={iso}>{iso}</time>
  ) : (
    <span class="date-partial">{formatArticleDate(props.date)}</span>
  );
}

export interface ArticleListProps {
  articles: Article[];
  sources?: Map<string, Source>;
  /** Show the teaser or opening words under each link. */
  teasers?: boolean;
  /** Link each full date to its day page. */
  linkDays?: boolean;
  class?: string;
}

/** Download links for every match of a query: the page's list, whole, for a spreadsheet or a script. */
export function ExportLinks(props: { query: string; sort?: Sort; what: string }) {
  const hidden = <span class="visually-hidden"> of {props.what}</span>;
  return (
    <span class="export-links">
      download all as{' '}
      <a href={exportHref(props.query, 'csv', props.sort)} download>
        CSV{hidden}
      </a>{' '}
      ·{' '}
      <a href={exportHref(props.query, 'jsonl', props.sort)} download>
        JSONL{hidden}
      </a>
    </span>
  );
}

export function ArticleList(props: ArticleListProps) {
  return (
    <ol class={props.class ?? 'articles'}>
      {props.articles.map((a) => {
        const source = props.sources?.get(a.sourceId);
        return (
          <li>
            <ArticleLink article={a} />
            {props.teasers && (a.title || a.teaser) ? (
              <p class="teaser">{teaserText(a, 200)}</p>
            ) : (
              ''
            )}
            <span class="meta">
              {props.linkDays && fullDay(a.published) ? (
                <a href={`/days/${fullDay(a.published)}`}>
                  <DateText date={a.published} />
                </a>
              ) : (
                <DateText date={a.published} />
              )}
              {source ? (
                <>
                  {' '}
                  ·{' '}
                  <a href={sourceHref(source.id)} class="source-label">
                    {source.label}
                  </a>
                </>
              ) : (
                ''
              )}
              {a.status === 'teaser' ? (
                <>
                  {' '}
                  · <span class="badge">teaser only</span>
                </>
              ) : (
                ''
              )}
              {a.status === 'deleted' ? (
                <>
                  {' '}
                  · <span class="badge">deleted at source</span>
                </>
              ) : (
                ''
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** Previous / next links and "page N of M"; `href(n)` builds each page's address. */
export function Pager(props: {
  page: number;
  pages: number;
  href: (n: number) => string;
  label?: string;
}) {
  if (props.pages <= 1) return '';
  return (
    <nav class="pager" aria-label={props.label ?? 'Pages'}>
      {props.page > 1 ? (
        <a href={props.href(props.page - 1)} rel="prev">
          ← Newer
        </a>
      ) : (
        <span class="disabled">← Newer</span>
      )}
      <span>
        Page {props.page} of {props.pages}
      </span>
      {props.page < props.pages ? (
        <a href={props.href(props.page + 1)} rel="next">
          Older →
        </a>
      ) : (
        <span class="disabled">Older →</span>
      )}
    </nav>
  );
}

/**
 * A link to follow an article, a person or a source. Only a link: these pages are cached for every
 * reader, so the form (with its user's CSRF token) is on the page it leads to.
 */
export function FollowLink(props: { kind: 'article' | 'person' | 'source'; target: string }) {
  const href = `/account/follow?${new URLSearchParams({ kind: props.kind, target: props.target })}`;
  return (
    <p class="follow">
      <a href={href}>Follow this {props.kind}</a>
    </p>
  );
}
