/**
 * Atom feeds: per source, per published day, and for any search (newest first); history-feeds.ts adds
 * the feeds of changes and coverage flags. Entry ids are
 * `urn:wirewatch:article:<id>`, the same in every feed, so a reader never shows an article twice.
 * Ids are the archive's word (an import may bring any string), so they are percent-encoded in
 * links and URNs alike: an id must not break out of its path segment or make an invalid IRI.
 * Errors are text/plain: feed readers show the body, if anything.
 */
import { Hono, type Context } from 'hono';
import { articleLabel } from '../model/label.js';
import type { Article } from '../model/types.js';
import { Problem } from '../errors.js';
import { calendarDay } from '../history/coverage-report.js';
import { searchArchive } from '../search/search.js';
import type { AppOptions } from '../server/app.js';
import { searchBounds } from '../server/bounds.js';
import { linkOrigin } from '../server/hosts.js';
import { renderAtom, type AtomEntry, type AtomFeed } from './atom.js';
import { historyFeedRoutes } from './history-feeds.js';
import { peopleFeedRoutes } from './people-feeds.js';
import { privateFeedRoutes } from './private-feeds.js';

/** Entries in a source or search feed; a day feed holds the whole day up to DAY_ENTRIES. */
const ENTRIES = 50;
const DAY_ENTRIES = 500;

export function entryOf(a: Article, origin: string): AtomEntry {
  const label = articleLabel(a);
  const d = a.published;
  const published =
    d.year !== null && d.month !== null && d.day !== null
      ? `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}T00:00:00Z`
      : undefined;
  return {
    id: `urn:wirewatch:article:${encodeURIComponent(a.id)}`,
    title: label.text,
    updated: a.lastSeen,
    published,
    link: `${origin}/articles/${encodeURIComponent(a.id)}`,
    summary: (a.paragraphs.join('\n\n') || a.teaser || '').slice(0, 2000),
    categories: [a.sourceId],
  };
}

function atom(
  c: Context,
  feed: Omit<AtomFeed, 'updated' | 'entries'>,
  articles: Article[],
  origin: string,
): Response {
  const entries = articles.map((a) => entryOf(a, origin));
  const updated = entries.reduce(
    (max, e) => (e.updated > max ? e.updated : max),
    '1970-01-01T00:00:00Z',
  );
  return c.body(renderAtom({ ...feed, updated, entries }), 200, {
    'Content-Type': 'application/atom+xml; charset=utf-8',
  });
}

export function feedRoutes(options: AppOptions): Hono {
  const { store, publicUrl } = options;
  const app = new Hono();
  historyFeedRoutes(app, options);
  peopleFeedRoutes(app, options);
  privateFeedRoutes(app, options);
  const originOf = (c: Context) => linkOrigin(c.req.url, publicUrl);

  app.get('/sources/:id', async (c) => {
    const origin = originOf(c);
    const source = await store.getSource(c.req.param('id'));
    if (!source) return c.text(`no source "${c.req.param('id')}"`, 404);
    const page = await store.listArticles({ sourceId: source.id, limit: ENTRIES });
    return atom(
      c,
      {
        id: `urn:wirewatch:feed:source:${encodeURIComponent(source.id)}`,
        title: `${source.label} · wirewatch`,
        selfLink: `${origin}/feeds/sources/${encodeURIComponent(source.id)}`,
        alternateLink: `${origin}/sources/${encodeURIComponent(source.id)}`,
      },
      page.items,
      origin,
    );
  });

  app.get('/days/:day', async (c) => {
    const origin = originOf(c);
    const day = calendarDay(c.req.param('day'));
    if (!day) return c.text(`not a day: "${c.req.param('day')}" (expected YYYY-MM-DD)`, 400);
    const page = await store.listArticles({ from: day, to: day, limit: DAY_ENTRIES });
    return atom(
      c,
      {
        id: `urn:wirewatch:feed:day:${day}`,
        title: `Published ${day} · wirewatch`,
        selfLink: `${origin}/feeds/days/${day}`,
        alternateLink: `${origin}/days/${day}`,
      },
      page.items,
      origin,
    );
  });

  app.get('/search', async (c) => {
    const origin = originOf(c);
    const q = c.req.query('q');
    if (q === undefined || q.trim() === '')
      return c.text('q: a search query is required, e.g. /feeds/search?q=nuclear', 400);
    let result;
    try {
      result = await searchArchive(store, {
        query: q,
        sort: 'newest',
        limit: ENTRIES,
        ...searchBounds(options),
      });
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      if (error.retryAfterSeconds !== null)
        c.header('Retry-After', String(error.retryAfterSeconds));
      return c.text(
        error.position !== null ? `${error.message} (query: ${q})` : error.message,
        error.status,
      );
    }
    const articles = (await Promise.all(result.hits.map((h) => store.getArticle(h.id)))).filter(
      (a): a is NonNullable<typeof a> => a !== null,
    );
    const query = encodeURIComponent(result.query);
    return atom(
      c,
      {
        id: `urn:wirewatch:feed:search:${query}`,
        title: `Search: ${result.query} · wirewatch`,
        selfLink: `${origin}/feeds/search?q=${query}`,
        alternateLink: `${origin}/search?q=${query}`,
      },
      articles,
      origin,
    );
  });

  return app;
}
