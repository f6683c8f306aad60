/**
 * `/sources`: every source with its counts (removed articles too), first and last article, last
 * capture; then the coverage monitor: warnings first, the last 30 days per source (coverage.tsx).
 */
import type { Context } from 'hono';
import { DemoNotice, demoSource } from '../demo-notice.js';
import { coverageReport, utcToday } from '../../history/coverage-report.js';
import { templateHealth } from '../../ingest/template-health.js';
import type { ArchiveStore, SourceSummary, Sweep } from '../../store/types.js';
import { sourceHref } from '../components.js';
import { httpUrl, shortTime } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';
import { CoverageFlags, CoverageTable, flagKey } from './coverage.js';
import { Watching } from './sweeps.js';
import type { CoverageFlag } from '../../history/coverage.js';
import type { SweepPlanner } from '../../server/sweep-planner.js';
import { FailedCaptures } from './failed-captures.js';

export async function sourcesPage(
  c: Context,
  store: ArchiveStore,
  today: () => string = utcToday,
  planner?: SweepPlanner,
) {
  const sources = await store.listSources();
  const [report, removed] = await Promise.all([
    // `?to=YYYY-MM-DD` moves the monitor's 30 days back (coverageReport refuses a bad day: 400).
    coverageReport(store, { today: today(), to: c.req.query('to') || undefined }),
    Promise.all(
      sources.map(
        async (s) =>
          (await store.listArticles({ sourceId: s.id, status: 'deleted', limit: 1 })).total,
      ),
    ),
  ]);
  const labels = new Map(sources.map((s) => [s.id, s.label]));
  const broken = [...(await templateHealth(store)).values()].filter(
    (h) => h.status === 'template broken',
  );
  const failed = await store.listCaptures({ state: 'failed', limit: 10 });
  const watching = await watchingOf(store, sources, report.flags, today(), planner);
  return sendPage(
    c,
    <Layout title="Sources" section="sources" wide>
      <h1>Sources</h1>
      <p>
        Each source is one edition of one publisher. Dates are publication dates where the full date
        is known.
      </p>
      <DemoNotice source={demoSource(sources)} />
      <CoverageFlags flags={report.flags} labels={labels} escalations={watching.escalations} />
      {broken.length > 0 && (
        <section class="template-health" aria-labelledby="template-health-title">
          <h2 id="template-health-title">Template broken</h2>
          <p>
            The newest crawled page of these sources did not match their template; nothing was
            stored from it and its capture is kept for <code>wirewatch reprocess</code>.
          </p>
          <ul>
            {broken.map((h) => (
              <li>
                <code>{h.sourceId}</code>: template broken at <PageLink url={h.url} /> (
                {shortTime(h.checkedAt)})
              </li>
            ))}
          </ul>
        </section>
      )}
      <FailedCaptures failed={failed} />
      <Watching
        counts={watching.counts}
        sweeps={watching.sweeps}
        sweepable={watching.sweepable}
        request={c.req.raw}
      />
      <div class="table-scroll" role="region" aria-labelledby="sources-caption" tabindex={0}>
        <table class="sources">
          <caption id="sources-caption">{sources.length} sources in the archive</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Id</th>
              <th scope="col">Language</th>
              <th scope="col" class="num">
                Articles
              </th>
              <th scope="col" class="num">
                Teaser only
              </th>
              <th scope="col" class="num">
                Removed
              </th>
              <th scope="col">First article</th>
              <th scope="col">Last article</th>
              <th scope="col">Last capture</th>
              <th scope="col">Feed</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s, i) => (
              <tr>
                <th scope="row">
                  <a href={sourceHref(s.id)}>{s.label}</a>
                </th>
                <td>
                  <code>{s.id}</code>
                </td>
                <td>{s.language}</td>
                <td class="num">{s.articles.toLocaleString('en')}</td>
                <td class="num">{s.teasers.toLocaleString('en')}</td>
                <td class="num">
                  {removed[i]! ? (
                    <a href={`/changes?source=${encodeURIComponent(s.id)}&kind=deleted`}>
                      {removed[i]!.toLocaleString('en')}
                    </a>
                  ) : (
                    '0'
                  )}
                </td>
                <td>
                  {s.firstPublished ? (
                    <a href={`/days/${s.firstPublished}`}>{s.firstPublished}</a>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {s.lastPublished ? (
                    <a href={`/days/${s.lastPublished}`}>{s.lastPublished}</a>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{shortTime(s.lastCapture)}</td>
                <td>
                  <a href={`/feeds/sources/${encodeURIComponent(s.id)}`}>
                    Atom<span class="visually-hidden"> feed of {s.label}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CoverageTable report={report} sources={sources} />
    </Layout>,
  );
}

/** The crawler's side of the page: frontier counts, recent sweeps, the escalations of flags. */
async function watchingOf(
  store: ArchiveStore,
  sources: SourceSummary[],
  flags: CoverageFlag[],
  today: string,
  planner: SweepPlanner | undefined,
) {
  const [counts, recent] = await Promise.all([
    store.frontier.counts(new Date().toISOString()),
    store.frontier.listSweeps({ limit: 5 }),
  ]);
  const escalations = new Map<string, Sweep>();
  for (const f of flags.filter((f) => f.kind === 'deletion-spike')) {
    const [sweep] = (
      await store.frontier.listSweeps({
        sourceId: f.sourceId,
        requestedBy: 'deletion-spike',
        since: `${f.day}T00:00:00.000Z`,
        limit: 1,
      })
    ).items;
    if (sweep && sweep.createdAt.slice(0, 10) <= today) escalations.set(flagKey(f), sweep);
  }
  const sweepable = [];
  if (planner) {
    for (const s of sources) {
      if ((await planner.crawlSourcesOf(s.id)).length) sweepable.push({ id: s.id, label: s.label });
    }
  }
  return { counts, sweeps: recent.items, sweepable, escalations };
}

/** The page that failed: a link only when it is an http(s) address (a capture's URL is the site's word). */
function PageLink(props: { url: string | null }) {
  const href = httpUrl(props.url);
  if (!href) return <>{props.url ?? 'an unknown page'}</>;
  return (
    <a href={href} rel="noopener noreferrer nofollow">
      {props.url}
    </a>
  );
}
