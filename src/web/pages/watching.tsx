/**
 * `/account/watching`: a signed-in user's saved searches and follows, each with how much is new since
 * they last looked, its private Atom feed, and forms to look, mark as seen and stop watching. The
 * pages the archive caches for everyone (article, source, person) only link here
 * (`/account/follow?kind=&target=`): a form with a user's CSRF token must never be in a shared page.
 */
import type { Context } from 'hono';
import { actorOf, principalOf } from '../../accounts/principal.js';
import {
  feedTokenOf,
  follow,
  followNews,
  mySavedSearch,
  newHits,
  removeSavedSearch,
  saveSearch,
  type FollowNews,
} from '../../accounts/watch.js';
import { Problem } from '../../errors.js';
import type { ArchiveStore, Follow, SavedSearch, User } from '../../store/types.js';
import { articleHref, sourceHref } from '../components.js';
import { CsrfField } from '../csrf.js';
import { shortTime } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';
import { idParam, requireSignedIn } from '../signed-in.js';
import { safeNext } from './login.js';
import { Hit } from './search.js';

type Now = () => Date;

const userOf = (c: Context): User => requireSignedIn(c, 'keep searches and follows');

async function form(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

function followHref(f: Follow): string {
  if (f.kind === 'article') return articleHref(f.target);
  if (f.kind === 'source') return sourceHref(f.target);
  return `/people/${encodeURIComponent(f.target)}`;
}

function searchHref(s: SavedSearch): string {
  return `/search?${new URLSearchParams({ q: s.query, sort: s.sort })}`;
}

function SeenButton(props: { request: Request; action: string }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField request={props.request} />
      <button type="submit">Mark as seen</button>
    </form>
  );
}

function StopButton(props: { request: Request; action: string; what: string }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField request={props.request} />
      <button type="submit">
        Stop<span class="visually-hidden"> {props.what}</span>
      </button>
    </form>
  );
}

function WatchingView(props: {
  request: Request;
  feedBase: string;
  searches: Array<{ saved: SavedSearch; fresh: number }>;
  follows: FollowNews[];
}) {
  const { request } = props;
  return (
    <Layout title="Watching" searchBox={true}>
      <h1>Watching</h1>
      <p>
        What is new since you last looked: the articles the archive received since, and for an
        article you follow its edits and removals. Each has a private Atom feed; its address is a
        secret, like a password. <a href="/account/alerts">Alerts</a> send the news to a webhook or
        an email address.
      </p>
      <h2>Saved searches</h2>
      {props.searches.length === 0 ? (
        <p class="meta">None yet: save one from the search page.</p>
      ) : (
        <ul class="watch-list">
          {props.searches.map(({ saved, fresh }) => (
            <li>
              <a href={searchHref(saved)}>{saved.name}</a> <code>{saved.query}</code>
              {' · '}
              <a href={`/account/searches/${saved.id}`}>
                {fresh === 0 ? 'nothing new' : `${fresh.toLocaleString('en-US')} new`}
              </a>{' '}
              <span class="meta">since {shortTime(saved.lastSeenAt)}</span>
              {' · '}
              <a href={`${props.feedBase}/searches/${saved.id}`}>Atom</a>
              <StopButton
                request={request}
                action={`/account/searches/${saved.id}/remove`}
                what={`saving ${saved.name}`}
              />
            </li>
          ))}
        </ul>
      )}
      <h2>Following</h2>
      {props.follows.length === 0 ? (
        <p class="meta">Nothing yet: follow an article, a person or a source from its page.</p>
      ) : (
        <ul class="watch-list">
          {props.follows.map(({ follow: f, count }) => (
            <li>
              {f.kind} <a href={followHref(f)}>{f.label}</a>
              {' · '}
              <a href={`/account/follows/${f.id}`}>
                {count === 0 ? 'nothing new' : `${count.toLocaleString('en-US')} new`}
              </a>{' '}
              <span class="meta">since {shortTime(f.lastSeenAt)}</span>
              {' · '}
              <a href={`${props.feedBase}/follows/${f.id}`}>Atom</a>
              <StopButton
                request={request}
                action={`/account/follows/${f.id}/remove`}
                what={`following ${f.label}`}
              />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export async function watchingPage(c: Context, store: ArchiveStore): Promise<Response> {
  const user = userOf(c);
  const token = await feedTokenOf(store, user);
  const saved = await store.watch.listSavedSearches(user.id);
  const searches = [];
  for (const s of saved)
    searches.push({ saved: s, fresh: (await newHits(store, s, { limit: 1 })).total });
  const follows = [];
  for (const f of await store.watch.listFollows(user.id))
    follows.push(await followNews(store, f, 1));
  return sendPage(
    c,
    <WatchingView
      request={c.req.raw}
      feedBase={`/feeds/private/${token}`}
      searches={searches}
      follows={follows}
    />,
  );
}

/** `GET /account/searches/:id`: the hits received since the user last looked. */
export async function savedSearchNewsPage(c: Context, store: ArchiveStore): Promise<Response> {
  const user = userOf(c);
  const saved = await mySavedSearch(store, user, idParam(c));
  const found = await newHits(store, saved, { limit: 100 });
  const sources = new Map((await store.listSources()).map((s) => [s.id, s]));
  return sendPage(
    c,
    <Layout title={`New: ${saved.name}`} searchBox={true}>
      <h1>New in “{saved.name}”</h1>
      <p>
        <code>{saved.query}</code>: {found.total.toLocaleString('en-US')} received since{' '}
        {shortTime(saved.lastSeenAt)}
        {found.total > found.hits.length ? ` (the first ${found.hits.length} shown)` : ''}.{' '}
        <a href={searchHref(saved)}>Every hit</a>
      </p>
      <SeenButton request={c.req.raw} action={`/account/searches/${saved.id}/seen`} />
      <ol class="hits">
        {found.hits.map((h) => (
          <Hit hit={h} sources={sources} />
        ))}
      </ol>
    </Layout>,
  );
}

/** `GET /account/follows/:id`: what happened since the user last looked. */
export async function followNewsPage(c: Context, store: ArchiveStore): Promise<Response> {
  const user = userOf(c);
  const id = idParam(c);
  const f = (await store.watch.listFollows(user.id)).find((x) => x.id === id);
  if (!f) throw new Problem(404, 'not_found', `you follow nothing numbered ${id}`);
  const news = await followNews(store, f, 100);
  const sources = new Map((await store.listSources()).map((s) => [s.id, s]));
  return sendPage(
    c,
    <Layout title={`New: ${f.label}`} searchBox={true}>
      <h1>
        New for {f.kind} <a href={followHref(f)}>{f.label}</a>
      </h1>
      <p>
        {news.count.toLocaleString('en-US')} since {shortTime(f.lastSeenAt)}.
      </p>
      <SeenButton request={c.req.raw} action={`/account/follows/${f.id}/seen`} />
      {news.events ? (
        <ul class="changes">
          {news.events.map((e) => (
            <li>
              {shortTime(e.at)}: {e.kind === 'edit' ? `edited (${e.change ?? 'edit'})` : e.kind}
              {e.reason ? ` — ${e.reason}` : ''}
              {e.kind === 'edit' && e.versionSeq !== null && e.versionSeq > 1 ? (
                <>
                  {' · '}
                  <a
                    href={`${articleHref(e.articleId)}/diff?from=${e.versionSeq - 1}&to=${e.versionSeq}`}
                  >
                    what changed
                  </a>
                </>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      ) : (
        <ol class="hits">
          {news.articles!.hits.map((h) => (
            <Hit hit={h} sources={sources} />
          ))}
        </ol>
      )}
    </Layout>,
  );
}

/** `GET /account/follow?kind=&target=`: asks to confirm (the shared pages only link here). */
export async function followConfirmPage(c: Context, store: ArchiveStore): Promise<Response> {
  const user = userOf(c);
  const kind = c.req.query('kind') ?? '';
  const target = c.req.query('target') ?? '';
  const known = (await store.watch.listFollows(user.id)).find(
    (f) => f.kind === kind && f.target === target,
  );
  if (known) return c.redirect(`/account/follows/${known.id}`, 303);
  return sendPage(
    c,
    <Layout title="Follow" searchBox={true}>
      <h1>Follow this {kind}?</h1>
      <p>
        You will see on your <a href="/account/watching">Watching</a> page what is new for it, and
        can read it as an Atom feed.
      </p>
      <form method="post" action="/account/follows">
        <CsrfField request={c.req.raw} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="target" value={target} />
        <button type="submit">Follow</button>
      </form>
    </Layout>,
  );
}

export async function watchPost(
  c: Context,
  store: ArchiveStore,
  now: Now,
  action: 'save' | 'unsave' | 'seen-search' | 'follow' | 'unfollow' | 'seen-follow',
): Promise<Response> {
  const user = userOf(c);
  const at = now();
  const fields = await form(c);
  switch (action) {
    case 'save': {
      const saved = await saveSearch(
        store,
        user,
        { name: fields['name'], query: fields['q'] ?? '', sort: fields['sort'] },
        at,
      );
      return c.redirect(`/account/searches/${saved.id}`, 303);
    }
    case 'unsave':
      await removeSavedSearch(store, actorOf(principalOf(c.req.raw)), user, idParam(c), at);
      break;
    case 'seen-search':
      if (!(await store.watch.markSavedSearchSeen(idParam(c), user.id, at.toISOString())))
        throw new Problem(404, 'not_found', 'you have no such saved search');
      break;
    case 'follow': {
      const f = await follow(store, user, fields['kind'] ?? '', fields['target'] ?? '', at);
      return c.redirect(safeNext(fields['next'] ?? `/account/follows/${f.id}`), 303);
    }
    case 'unfollow':
      if (!(await store.watch.removeFollow(idParam(c), user.id)))
        throw new Problem(404, 'not_found', 'you follow no such thing');
      break;
    case 'seen-follow':
      if (!(await store.watch.markFollowSeen(idParam(c), user.id, at.toISOString())))
        throw new Problem(404, 'not_found', 'you follow no such thing');
      break;
  }
  return c.redirect('/account/watching', 303);
}
