/**
 * `/articles/:id`: one article as the source published it — headline (or a derived label, marked),
 * dateline, date with its evidence, body, translations in other editions, original URL, captures and
 * versions, copies in other sources,
 * and "More From <source>": that source's articles published around this one, with their teasers, as
 * the aggregator showed (its newest when the article has no full date; article-more.tsx).
 */
import type { Context } from 'hono';
import { DemoArticleNotice } from '../demo-notice.js';
import { articleLabel, formatArticleDate, fullDay } from '../../model/label.js';
import type { Article, ListingEntry, Source, Version } from '../../model/types.js';
import type { ArchiveStore } from '../../store/types.js';
import { ArticleLink, DateText, sourceHref, FollowLink } from '../components.js';
import { BASIS_TEXT, httpUrl, langOf, plural, shortTime } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage, sourcesById } from '../render.js';
import { classifyEdits } from '../../history/changes.js';
import type { ArticleEventView } from '../../store/types.js';
import { EVENTS_SHOWN, History, RemovedBanner } from './article-history.js';
import { personMarker, PeoplePanel } from './article-people.js';
import { notFoundPage } from './not-found.js';
import { MoreFrom, moreFromSource } from './article-more.js';
import { Paragraph } from './article-paragraph.js';
import { AlsoIn, TranslationsPanel } from './article-translations.js';
import { citationFacts, CiteBlock } from './article-cite.js';
import { linkOrigin } from '../../server/hosts.js';

const EXTERNAL_REL = 'noopener noreferrer nofollow';

export async function articlePage(c: Context, store: ArchiveStore, publicUrl?: string) {
  const id = c.req.param('id') ?? '';
  const article = await store.getArticle(id);
  if (!article)
    return notFoundPage(c, 'No such article', `The archive has no article with the id “${id}”.`);
  const [source, versions, listings, story, more, history, people, translations] =
    await Promise.all([
      store.getSource(article.sourceId),
      store.getVersions(article.id),
      store.listListingEntries({ articleId: article.id }),
      store.listArticles({ storyId: article.storyId, order: 'oldest', limit: 100 }),
      moreFromSource(store, article),
      store.listEvents({ articleId: article.id, limit: EVENTS_SHOWN }),
      store.people.articlePeople(article.id),
      store.translations.of(article.id),
    ]);
  const byPrinted = new Map(people.mentions.map((m) => [m.printed, m.personId]));
  const events = await classifyEdits(store, history.items);
  const copies = story.items.filter((a) => a.id !== article.id);
  const copySources = await sourcesById(
    store,
    copies.map((a) => a.sourceId),
  );
  const sourceLabel = source?.label ?? article.sourceId;
  const label = articleLabel(article);
  const cite = await citationFacts(
    store,
    article,
    source,
    versions.at(-1) ?? null,
    versions.length,
    linkOrigin(c.req.url, publicUrl),
    listings[0]?.captureSha256 ?? null,
  );
  return sendPage(
    c,
    <Layout title={label.text} wide={false}>
      <article class="story" aria-labelledby="headline">
        <header>
          <p class="kicker">
            <a href={sourceHref(article.sourceId)} class="source-label">
              {sourceLabel}
            </a>
          </p>
          {label.derived ? (
            <>
              <h1 id="headline" class="derived" lang={langOf(article.language)}>
                {label.text}
              </h1>
              <p class="note derived-note">
                The source page shows no headline: this label is made from the article’s opening
                words.
              </p>
            </>
          ) : (
            <h1 id="headline" lang={langOf(article.language)}>
              {label.text}
            </h1>
          )}
          <AlsoIn translations={translations} />
          <Dateline article={article} />
          <DemoArticleNotice sourceId={article.sourceId} />
        </header>
        <RemovedBanner article={article} events={events} />
        {article.status === 'teaser' ? (
          <TeaserOnly article={article} listings={listings} />
        ) : (
          <Body article={article} persons={byPrinted} />
        )}
        <PeoplePanel mentions={people.mentions} activities={people.activities} />
        <TranslationsPanel article={article} translations={translations} />
        <Provenance article={article} versions={versions} listings={listings} events={events} />
        <CiteBlock facts={cite} />
        <FollowLink kind="article" target={article.id} />
      </article>
      <Copies copies={copies} sources={copySources} />
      <MoreFrom source={source} sourceId={article.sourceId} more={more} />
    </Layout>,
  );
}

function Dateline(props: { article: Article }) {
  const a = props.article;
  const iso = fullDay(a.published);
  return (
    <dl class="facts">
      {a.dateline ? (
        <>
          <dt>Dateline</dt>
          <dd>{a.dateline.raw}</dd>
        </>
      ) : (
        ''
      )}
      <dt>Date</dt>
      <dd>
        {iso ? (
          <a href={`/days/${iso}`}>
            <time datetime={iso}>{iso}</time>
          </a>
        ) : (
          <strong class="date-partial">{formatArticleDate(a.published)}</strong>
        )}
        <span class="basis"> — {BASIS_TEXT[a.published.basis] ?? a.published.basis}</span>
      </dd>
    </dl>
  );
}

function Body(props: { article: Article; persons: Map<string, string> }) {
  const mark = personMarker(props.persons);
  return (
    <div class="body" lang={langOf(props.article.language)}>
      {props.article.paragraphs.map((p) => (
        <Paragraph text={p} mark={mark} />
      ))}
    </div>
  );
}

function TeaserOnly(props: { article: Article; listings: ListingEntry[] }) {
  const target =
    props.listings.map((l) => httpUrl(l.link)).find(Boolean) ?? httpUrl(props.article.url);
  return (
    <div class="teaser-only">
      <p class="note">
        <strong>Teaser only.</strong> The archive has not captured this article’s full text yet; a
        listing showed only the opening below, cut off by the site.
      </p>
      <blockquote class="teaser" lang={langOf(props.article.language)}>
        <p>{props.article.teaser ?? ''}</p>
      </blockquote>
      {target ? (
        <p>
          The full text is expected at{' '}
          <a href={target} rel={EXTERNAL_REL}>
            {target}
          </a>
          .
        </p>
      ) : (
        <p>
          The listing gave no link to the full text
          {props.listings.length ? ` (seen in ${plural(props.listings.length, 'listing')})` : ''}.
        </p>
      )}
    </div>
  );
}

function Provenance(props: {
  article: Article;
  versions: Version[];
  listings: ListingEntry[];
  events: ArticleEventView[];
}) {
  const a = props.article;
  const url = httpUrl(a.url);
  const captures = new Set([
    ...props.versions.map((v) => v.captureSha256),
    ...props.listings.map((l) => l.captureSha256),
  ]);
  return (
    <section class="provenance" aria-labelledby="provenance-heading">
      <h2 id="provenance-heading">Where this text comes from</h2>
      <dl class="facts">
        <dt>Original URL</dt>
        <dd>
          {url ? (
            <a href={url} rel={EXTERNAL_REL} class="url">
              {url}
            </a>
          ) : a.url ? (
            <span class="url">
              {a.url} <span class="muted">(not a web address; not linked)</span>
            </span>
          ) : (
            'not known'
          )}
        </dd>
        <dt>Captures</dt>
        <dd>
          {plural(captures.size, 'capture')}
          {props.listings.length
            ? `, ${plural(props.listings.length, 'listing entry', 'listing entries')}`
            : ''}
        </dd>
        <dt>Versions</dt>
        <dd>
          {plural(props.versions.length, 'version')} · first seen {shortTime(a.firstSeen)} · last
          seen {shortTime(a.lastSeen)}
        </dd>
        <dt>Id</dt>
        <dd>
          <code>{a.id}</code>
        </dd>
      </dl>
      <History article={a} versions={props.versions} events={props.events} />
    </section>
  );
}

function Copies(props: { copies: Article[]; sources: Map<string, Source> }) {
  if (props.copies.length === 0) return '';
  return (
    <section id="copies" class="copies" aria-labelledby="copies-heading">
      <h2 id="copies-heading">Copies of this story ({props.copies.length})</h2>
      <p class="muted">
        The same text, republished by another source or edition (grouped as near-duplicates at
        import).
      </p>
      <ul>
        {props.copies.map((a) => (
          <li>
            <a href={sourceHref(a.sourceId)} class="source-label">
              {props.sources.get(a.sourceId)?.label ?? a.sourceId}
            </a>
            : <ArticleLink article={a} />
            <span class="meta">
              {' '}
              <DateText date={a.published} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
