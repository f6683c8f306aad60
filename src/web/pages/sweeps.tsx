/**
 * Sweeps in the reader: the crawler's state per crawl source and the recent sweeps (a section of the
 * Sources page), the form that starts a sweep of one source, and `/sweeps/:id`, one sweep's progress.
 * Starting a sweep is the one thing a reader's page may ask of the archive: it is refused for a form
 * posted from another site.
 */
import type { Context } from 'hono';
import { Problem } from '../../errors.js';
import { sameOrigin } from '../../server/same-origin.js';
import type { SweepPlanner } from '../../server/sweep-planner.js';
import type { ArchiveStore, FrontierCounts, Sweep } from '../../store/types.js';
import { shortTime } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';
import { CsrfField } from '../csrf.js';
import { principalOf } from '../../accounts/principal.js';
import { auditSweep } from '../../accounts/audit.js';

const OUTCOMES = [
  ['edited', 'edited'],
  ['removed', 'removed'],
  ['restored', 'restored'],
  ['new', 'first text'],
  ['unchanged', 'unchanged'],
  ['unreachable', 'unreachable'],
  ['failed', 'failed'],
  ['walked', 'lists walked'],
] as const;

function scopeText(s: Sweep): string {
  const parts = [
    s.scope.sourceId ?? (s.scope.crawlSources.join(', ') || 'every source'),
    s.scope.published ? `published ${s.scope.published.from} to ${s.scope.published.to}` : '',
    s.scope.query ? `search “${s.scope.query}”` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

export function SweepSummary(props: { sweep: Sweep }) {
  const s = props.sweep;
  const checked = s.total - s.counts.pending;
  return (
    <span class="sweep-summary">
      <a href={`/sweeps/${s.id}`}>Sweep {s.id}</a> of {scopeText(s)}, asked by {s.requestedBy}{' '}
      {shortTime(s.createdAt)}: {checked.toLocaleString('en')} of {s.total.toLocaleString('en')}{' '}
      checked
      {s.finishedAt ? `, finished ${shortTime(s.finishedAt)}` : ', running'}
      {OUTCOMES.filter(([k]) => s.counts[k] > 0 && k !== 'unchanged').map(
        ([k, label]) => `; ${s.counts[k].toLocaleString('en')} ${label}`,
      )}
    </span>
  );
}

/** The Sources page's section: what the crawler watches, the recent sweeps, and the sweep form. */
export function Watching(props: {
  counts: FrontierCounts[];
  sweeps: Sweep[];
  sweepable: Array<{ id: string; label: string }>;
  request: Request;
}) {
  if (!props.counts.length && !props.sweeps.length && !props.sweepable.length) return '';
  return (
    <section class="watching" aria-labelledby="watching-title">
      <h2 id="watching-title">Watching</h2>
      {props.counts.length > 0 && (
        <table class="frontier">
          <caption>What the crawler watches, per crawl source</caption>
          <thead>
            <tr>
              <th scope="col">Crawl source</th>
              <th scope="col">Kind</th>
              <th scope="col" class="num">
                URLs
              </th>
              <th scope="col" class="num">
                Due now
              </th>
              <th scope="col" class="num">
                Failing
              </th>
            </tr>
          </thead>
          <tbody>
            {props.counts.map((c) => (
              <tr>
                <th scope="row">
                  <code>{c.crawlSource}</code>
                </th>
                <td>{c.kind === 'list' ? 'list pages' : 'articles'}</td>
                <td class="num">{c.total.toLocaleString('en')}</td>
                <td class="num">{c.due.toLocaleString('en')}</td>
                <td class="num">{c.failing.toLocaleString('en')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.sweeps.length > 0 && (
        <>
          <h3>Recent sweeps</h3>
          <ul class="sweeps">
            {props.sweeps.map((s) => (
              <li>
                <SweepSummary sweep={s} />
                {s.reason ? <span class="meta"> — {s.reason}</span> : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.sweepable.length > 0 && (
        <>
          <h3>Re-check a source now</h3>
          <p class="meta">
            Fetches every article of the source again and walks its lists to the last page; the
            crawler workers of this archive carry it out at the source's politeness delay.
          </p>
          {props.sweepable.map((s) => (
            <form
              method="post"
              action={`/sources/${encodeURIComponent(s.id)}/sweep`}
              class="sweep-form"
            >
              <CsrfField request={props.request} />
              <button type="submit">Re-check every article of {s.label}</button>
            </form>
          ))}
        </>
      )}
    </section>
  );
}

/** `POST /sources/:id/sweep`: starts (or goes on with) the sweep of one source, then shows it. */
export async function sweepSource(
  c: Context,
  store: ArchiveStore,
  planner: SweepPlanner | undefined,
): Promise<Response> {
  if (!sameOrigin(c))
    throw new Problem(400, 'bad_request', 'a sweep can only be started from this site’s own pages');
  if (!planner)
    throw new Problem(400, 'bad_request', 'this server cannot start sweeps (no sources file)');
  const { sweep, resumed } = await planner.plan({
    source: c.req.param('id'),
    requestedBy: 'web',
  });
  if (!resumed) await auditSweep(store, principalOf(c.req.raw), sweep);
  return c.redirect(`/sweeps/${sweep.id}`, 303);
}

/** `/sweeps/:id`: one sweep's progress (reload to follow it). */
export async function sweepPage(c: Context, store: ArchiveStore): Promise<Response> {
  const id = Number(c.req.param('id'));
  const sweep = Number.isInteger(id) && id > 0 ? await store.frontier.getSweep(id) : null;
  if (!sweep) throw new Problem(404, 'not_found', `no sweep ${c.req.param('id')}`);
  return sendPage(
    c,
    <Layout title={`Sweep ${sweep.id}`} section="sources">
      <h1>Sweep {sweep.id}</h1>
      <p>
        <SweepSummary sweep={sweep} />
      </p>
      {sweep.reason && <p class="meta">Why: {sweep.reason}</p>}
      <table class="sweep-counts">
        <caption>Items by outcome</caption>
        <tbody>
          {OUTCOMES.map(([k, label]) => (
            <tr>
              <th scope="row">{label}</th>
              <td class="num">{sweep.counts[k].toLocaleString('en')}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">pending</th>
            <td class="num">{sweep.counts.pending.toLocaleString('en')}</td>
          </tr>
        </tbody>
      </table>
      <p>
        <a href="/changes">What changed</a> · <a href="/sources">Sources</a> · the same as JSON at{' '}
        <a href={`/api/v1/sweeps/${sweep.id}`}>/api/v1/sweeps/{sweep.id}</a>
      </p>
    </Layout>,
  );
}
