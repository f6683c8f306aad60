/**
 * `/new`: what's new in the archive since yesterday or since a day — the texts it received (whatever
 * their publication date), the edits, removals and re-appearances it saw, and the coverage flags of
 * those days — for all sources or one, with its Atom feed (`/feeds/new`, one entry per day).
 */
import type { Context } from 'hono';
import { archiveDigest, DIGEST_ITEMS, type Digest, type DigestList } from '../../history/digest.js';
import { changeLabel } from '../../history/changes.js';
import { flagText, utcToday } from '../../history/coverage-report.js';
import { Problem } from '../../errors.js';
import type { ArchiveStore, ArticleEventView } from '../../store/types.js';
import { articleHref, ExportLinks, sourceHref } from '../components.js';
import { plural, shortTime } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';

/** `/new` with these bounds (defaults left out). */
export function whatsNewHref(f: { since?: string; until?: string; source?: string }): string {
  const p = new URLSearchParams();
  if (f.source) p.set('source', f.source);
  if (f.since) p.set('since', f.since);
  if (f.until) p.set('until', f.until);
  const q = p.toString();
  return q ? `/new?${q}` : '/new';
}

export function feedOfNew(source: string): string {
  return source ? `/feeds/new?source=${encodeURIComponent(source)}` : '/feeds/new';
}

export async function whatsNewPage(c: Context, store: ArchiveStore, today = utcToday) {
  const sources = await store.listSources();
  const asked = c.req.query('source') ?? '';
  // An unknown source is ignored (shown as "all"), like a stale bookmark would want.
  const source = sources.some((s) => s.id === asked) ? asked : '';
  let digest: Digest;
  try {
    digest = await archiveDigest(store, {
      sourceId: source || undefined,
      since: c.req.query('since') || undefined,
      until: c.req.query('until') || undefined,
      today: today(),
    });
  } catch (error) {
    if (!(error instanceof Problem) || error.status !== 400) throw error;
    return sendPage(
      c,
      <Layout title="What's new" section="new">
        <h1>What's new</h1>
        <p class="error">{error.message}. Days are written YYYY-MM-DD.</p>
        <p>
          <a href="/new">Since yesterday</a>
        </p>
      </Layout>,
      400,
    );
  }
  const labels = new Map(sources.map((s) => [s.id, s.label]));
  const span = digest.since === digest.until ? digest.since : `${digest.since} to ${digest.until}`;
  return sendPage(
    c,
    <Layout
      title={`What's new, ${span}`}
      section="new"
      wide
      feeds={[{ title: "What's new, day by day (Atom)", href: feedOfNew(source) }]}
    >
      <h1>What's new: {span}</h1>
      <form class="filters" method="get" action="/new" aria-label="Choose the days and source">
        <label>
          Source{' '}
          <select name="source">
            <option value="" selected={source === ''}>
              All sources
            </option>
            {sources.map((s) => (
              <option value={s.id} selected={source === s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Since <input type="date" name="since" value={digest.since} />
        </label>{' '}
        <label>
          Until <input type="date" name="until" value={digest.until} />
        </label>{' '}
        <button type="submit">Show</button>
      </form>
      <p class="meta">
        Days in UTC; a text counts on the day the archive first received it ·{' '}
        <a href={feedOfNew(source)}>Atom feed, one entry a day</a>
      </p>
      <Flags digest={digest} labels={labels} />
      <section aria-labelledby="received-heading">
        <h2 id="received-heading">Received: {plural(digest.received.total, 'text')}</h2>
        {digest.received.total ? (
          <p class="meta">
            <a href={`/search?${new URLSearchParams({ q: digest.query, sort: 'newest' })}`}>
              all of them as a search
            </a>{' '}
            · <ExportLinks query={digest.query} what={`the texts received ${span}`} />
          </p>
        ) : (
          ''
        )}
        <ul class="digest">
          {digest.received.items.map((h) => (
            <li>
              <a href={articleHref(h.id)}>
                {h.title.derived ? '[no title] ' : ''}
                {h.title.segments.map((s) => s.text).join('')}
              </a>
              <span class="meta">
                {' '}
                {labels.get(h.sourceId) ?? h.sourceId} · published {h.date}
                {h.status === 'teaser' ? ' · teaser only' : ''}
              </span>
            </li>
          ))}
        </ul>
        <More list={digest.received} />
      </section>
      <Events title="Edited" id="edits" list={digest.edits} labels={labels} />
      <Events
        title="Removed from their sources"
        id="removals"
        list={digest.removals}
        labels={labels}
      />
      <Events
        title="Back at their sources"
        id="restorations"
        list={digest.restorations}
        labels={labels}
      />
    </Layout>,
  );
}

function Flags(props: { digest: Digest; labels: Map<string, string> }) {
  if (!props.digest.flags.length) return <p>No coverage flags on these days.</p>;
  return (
    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">Coverage flags</h2>
      <ul class="flags">
        {props.digest.flags.map((f) => (
          <li class="flag">
            ⚠ <a href={sourceHref(f.sourceId)}>{props.labels.get(f.sourceId) ?? f.sourceId}</a>:{' '}
            {flagText(f)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Events(props: {
  title: string;
  id: string;
  list: DigestList<ArticleEventView>;
  labels: Map<string, string>;
}) {
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>
        {props.title}: {props.list.total}
      </h2>
      <ul class="digest">
        {props.list.items.map((e) => (
          <li>
            <a href={articleHref(e.articleId)}>{e.title ?? `article ${e.articleId}`}</a>
            <span class="meta">
              {' '}
              {props.labels.get(e.sourceId) ?? e.sourceId} · {changeLabel(e)}
              {e.reason ? ` (${e.reason})` : ''} · {shortTime(e.at)}
              {e.kind === 'edit' && e.versionSeq !== null && e.versionSeq > 1 ? (
                <>
                  {' · '}
                  <a
                    href={`${articleHref(e.articleId)}/diff?from=${e.versionSeq - 1}&to=${e.versionSeq}`}
                  >
                    diff
                  </a>
                </>
              ) : (
                ''
              )}
            </span>
          </li>
        ))}
      </ul>
      <More list={props.list} />
    </section>
  );
}

function More(props: { list: DigestList<unknown> }) {
  return props.list.total > DIGEST_ITEMS ? (
    <p class="meta">
      The first {DIGEST_ITEMS} of {props.list.total} are listed.
    </p>
  ) : (
    ''
  );
}
