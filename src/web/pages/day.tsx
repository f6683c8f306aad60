/** `/days/:yyyy-mm-dd`: everything published that day across sources, with the previous and next day that have articles. */
import type { Context } from 'hono';
import type { Article } from '../../model/types.js';
import type { ArchiveStore } from '../../store/types.js';
import { ArticleList, ExportLinks, sourceHref } from '../components.js';
import { addDays, parseDay, plural } from '../format.js';
import { fullDay } from '../../model/label.js';
import { Layout } from '../layout.js';
import { sendPage, sourcesById } from '../render.js';
import { notFoundPage } from './not-found.js';

/** Articles shown for one day (KCNA publishes a few dozen a day per edition). */
export const DAY_LIMIT = 500;

const LONG = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

export async function dayPage(c: Context, store: ArchiveStore) {
  const day = parseDay(c.req.param('day') ?? '');
  if (!day)
    return notFoundPage(
      c,
      'No such day',
      'Days are written YYYY-MM-DD, for example /days/2011-12-19.',
    );
  const [list, before, after] = await Promise.all([
    store.listArticles({ from: day, to: day, order: 'oldest', limit: DAY_LIMIT }),
    store.listArticles({ to: addDays(day, -1), order: 'newest', limit: 1 }),
    store.listArticles({ from: addDays(day, 1), order: 'oldest', limit: 1 }),
  ]);
  const prev = before.items[0] ? fullDay(before.items[0].published) : null;
  const next = after.items[0] ? fullDay(after.items[0].published) : null;
  const groups = new Map<string, Article[]>();
  for (const a of list.items) groups.set(a.sourceId, [...(groups.get(a.sourceId) ?? []), a]);
  const sources = await sourcesById(store, groups.keys());
  const title = LONG.format(new Date(`${day}T00:00:00Z`));
  const nav = (
    <nav class="pager" aria-label="Other days">
      {prev ? (
        <a href={`/days/${prev}`} rel="prev">
          ← <span class="visually-hidden">previous day with articles, </span>
          {prev}
        </a>
      ) : (
        <span class="disabled">← no earlier day</span>
      )}
      {next ? (
        <a href={`/days/${next}`} rel="next">
          <span class="visually-hidden">next day with articles, </span>
          {next} →
        </a>
      ) : (
        <span class="disabled">no later day →</span>
      )}
    </nav>
  );
  return sendPage(
    c,
    <Layout title={day}>
      <h1>Published on {title}</h1>
      <p class="meta">
        {plural(list.total, 'article')} across {plural(groups.size, 'source')}
        {list.total > list.items.length ? `; the first ${list.items.length} are listed` : ''}.
        Articles whose year is unknown are not on any day.
        {list.total ? (
          <>
            {' '}
            <ExportLinks query={`date:${day}`} what={`the articles of ${day}`} />
          </>
        ) : (
          ''
        )}
      </p>
      {nav}
      {list.items.length === 0 ? <p>Nothing in the archive was published on this day.</p> : ''}
      {[...groups].map(([sourceId, articles]) => (
        <section aria-labelledby={`day-${sourceId}`}>
          <h2 id={`day-${sourceId}`}>
            <a href={sourceHref(sourceId)}>{sources.get(sourceId)?.label ?? sourceId}</a>{' '}
            <span class="meta">({articles.length})</span>
          </h2>
          <ArticleList articles={articles} teasers />
        </section>
      ))}
      {list.items.length > 10 ? nav : ''}
    </Layout>,
  );
}
