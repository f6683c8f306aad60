/**
 * A user's private feeds, opened by the secret in their URL (a feed reader sends no cookie and no
 * token): `/feeds/private/<secret>/searches/<id>`, the newest hits of a saved search, and
 * `/feeds/private/<secret>/follows/<id>`, what happened to a followed article or the newest articles of
 * a followed person or source. An unknown secret, or a search or follow of another user, is 404 alike.
 */
import type { Context, Hono } from 'hono';
import { followNews, newHits } from '../accounts/watch.js';
import type { AppOptions } from '../server/app.js';
import { linkOrigin } from '../server/hosts.js';
import type { Article } from '../model/types.js';
import type { User } from '../store/types.js';
import type { AtomEntry } from './atom.js';
import { changeEntry, send } from './history-feeds.js';
import { entryOf } from './routes.js';

const ENTRIES = 50;
/** A feed reader's view of the whole archive: everything since the epoch. */
const ALWAYS = '1970-01-01T00:00:00.000Z';

export function privateFeedRoutes(app: Hono, { store, publicUrl }: AppOptions): void {
  const originOf = (c: Context) => linkOrigin(c.req.url, publicUrl);
  const notFound = (c: Context) => c.text('no such feed', 404);
  const ownerOf = (c: Context): Promise<User | null> =>
    store.watch.userOfFeedToken(c.req.param('token') ?? '');
  const entriesOf = async (ids: string[], origin: string): Promise<AtomEntry[]> =>
    (await Promise.all(ids.map((id) => store.getArticle(id))))
      .filter((a): a is NonNullable<typeof a> => a !== null)
      .map((a: Article) => entryOf(a, origin));

  app.get('/private/:token/searches/:id', async (c) => {
    const user = await ownerOf(c);
    const saved = user ? await store.watch.getSavedSearch(Number(c.req.param('id'))) : null;
    if (!user || !saved || saved.userId !== user.id) return notFound(c);
    const origin = originOf(c);
    const found = await newHits(
      store,
      { ...saved, sort: 'newest' },
      { since: ALWAYS, limit: ENTRIES },
    );
    return send(c, {
      id: `urn:wirewatch:feed:saved-search:${saved.id}`,
      title: `${saved.name} · wirewatch`,
      selfLink: `${origin}${c.req.path}`,
      alternateLink: `${origin}/search?q=${encodeURIComponent(saved.query)}&sort=${saved.sort}`,
      entries: await entriesOf(
        found.hits.map((h) => h.id),
        origin,
      ),
    });
  });

  app.get('/private/:token/follows/:id', async (c) => {
    const user = await ownerOf(c);
    const id = Number(c.req.param('id'));
    const followed = user
      ? (await store.watch.listFollows(user.id)).find((f) => f.id === id)
      : null;
    if (!followed) return notFound(c);
    const origin = originOf(c);
    const news = await followNews(store, { ...followed, lastSeenAt: ALWAYS }, ENTRIES);
    const entries = news.events
      ? news.events.map((e) => changeEntry(e, origin, e.sourceId))
      : await entriesOf(
          news.articles!.hits.map((h) => h.id),
          origin,
        );
    return send(c, {
      id: `urn:wirewatch:feed:follow:${followed.id}`,
      title: `${followed.label} · wirewatch`,
      selfLink: `${origin}${c.req.path}`,
      alternateLink: `${origin}/account/follows/${followed.id}`,
      entries,
    });
  });
}
