/**
 * `/people/:id`: one person across the archive — mentions over time, titles with when each was first
 * and last printed, appearances beside the leader with everyone in printed order, who appears with
 * the person, the place in that order over time, names removed by later edits, and how long since
 * last seen against the person's own rhythm. Every figure links to the texts it comes from.
 */
import type { Context } from 'hono';
import { APPEARANCE_COLUMNS, appearanceRows } from '../../analyse/appearance-rows.js';
import type { PersonProfile } from '../../analyse/profile.js';
import { personReport } from '../../history/people.js';
import type { ActivityView, ArchiveStore, RemovalView } from '../../store/types.js';
import { ExportLinks, articleHref, FollowLink } from '../components.js';
import { csvText } from '../../export/csv.js';
import { plural } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';
import { notFoundPage } from './not-found.js';
import { personHref } from './people.js';
import { MonthBars } from './person-chart.js';

export async function personPage(c: Context, store: ArchiveStore) {
  const id = c.req.param('id') ?? '';
  const report = await personReport(store, id);
  if (!report)
    return notFoundPage(c, 'No such person', `No one with the id “${id}” in this archive.`);
  const { summary, activities, profile, absence, end, gazetteer: entry } = report;
  const name = summary.name;
  const removals = await store.people.removals({ personId: id, limit: 200 });
  const query = `person:"${name.replace(/\s*\[.*\]$/, '')}"`;
  return sendPage(
    c,
    <Layout
      title={name}
      section="people"
      wide
      feeds={[
        {
          title: `Names removed: ${name} (Atom)`,
          href: `/feeds/people/removed?person=${encodeURIComponent(id)}`,
        },
      ]}
    >
      <h1>{name}</h1>
      <FollowLink kind="person" target={id} />
      <p class="meta">
        {entry?.hangul ? <span lang="ko">{entry.hangul}</span> : ''}
        {entry?.hangul ? ' · ' : ''}
        {entry ? 'in the gazetteer' : 'not in the gazetteer: known by this spelling only'}
        {entry?.variants?.length ? ` · also written ${entry.variants.join(', ')}` : ''}
      </p>
      <p>
        {plural(summary.articles ?? 0, 'article')}, {plural(summary.mentions ?? 0, 'mention')},{' '}
        {plural(profile.appearances, 'appearance')} beside the leader ·{' '}
        <a href={`/search?${new URLSearchParams({ q: query })}`}>search these articles</a> ·{' '}
        <a href={`${personHref(id)}/appearances.csv`}>appearances as CSV</a> · articles:{' '}
        <ExportLinks query={query} what={`the articles naming ${name}`} />
      </p>
      {absence ? (
        <p class={absence.flagged ? 'flag' : 'meta'}>
          Last seen <time datetime={absence.lastSeen}>{absence.lastSeen}</time> — absent for{' '}
          {plural(absence.days, 'day')} at the archive's end ({end})
          {absence.usualGap !== null
            ? `, against a usual gap of ${plural(absence.usualGap, 'day')}${absence.flagged ? ': far beyond it' : ''}`
            : ', too few sightings to know a usual gap'}
          .
        </p>
      ) : (
        ''
      )}
      {profile.rankDrop ? (
        <p class="flag">
          Protocol rank fell: the latest appearances list this person well below the earlier ones.
        </p>
      ) : (
        ''
      )}
      <Removals removals={removals.items} total={removals.total} />
      <MonthBars months={profile.months} />
      <Titles profile={profile} />
      <Appearances activities={activities} personId={id} />
      <Together profile={profile} />
      <Rank profile={profile} />
    </Layout>,
  );
}

function Removals(props: { removals: RemovalView[]; total: number }) {
  if (!props.total) return <></>;
  return (
    <section aria-labelledby="removed-heading">
      <h2 id="removed-heading">Name removed from {plural(props.total, 'article')}</h2>
      <p class="muted">A later version of each of these texts no longer names this person.</p>
      <ul>
        {props.removals.map((r) => (
          <li>
            <time datetime={r.at}>{r.at.slice(0, 10)}</time>:{' '}
            <a href={`${articleHref(r.articleId)}/diff?from=${r.seq - 1}&to=${r.seq}`}>
              {r.title ?? r.articleId}
            </a>{' '}
            (version {r.seq})
          </li>
        ))}
      </ul>
    </section>
  );
}

function Titles(props: { profile: PersonProfile }) {
  if (!props.profile.titles.length) return <></>;
  return (
    <section aria-labelledby="titles-heading">
      <h2 id="titles-heading">Titles as printed</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">First seen</th>
              <th scope="col">Last seen</th>
              <th scope="col" class="num">
                Articles
              </th>
            </tr>
          </thead>
          <tbody>
            {props.profile.titles.slice(0, 100).map((t) => (
              <tr>
                <td>{t.title}</td>
                <td>{t.first ?? '—'}</td>
                <td>{t.last ?? '—'}</td>
                <td class="num">{t.articles}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Appearances(props: { activities: ActivityView[]; personId: string }) {
  if (!props.activities.length) return <></>;
  const shown = [...props.activities].reverse().slice(0, 200);
  return (
    <section aria-labelledby="appearances-heading">
      <h2 id="appearances-heading">Appearances, newest first</h2>
      <div class="table-scroll">
        <table class="appearances">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Activity</th>
              <th scope="col">With, in the order printed</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr>
                <td>{a.pubDate ?? '—'}</td>
                <td>
                  <a href={articleHref(a.articleId)}>{a.title ?? a.articleId}</a>
                  <br />
                  <span class="muted">
                    {a.leader} · {a.kind}
                    {a.flash ? ' · flash, counted with its full story' : ''}
                  </span>
                </td>
                <td>
                  <ol class="companions">
                    {a.companions.map((p) => (
                      <li>
                        {p.personId === props.personId ? (
                          <strong>{p.name}</strong>
                        ) : (
                          <a href={personHref(p.personId)}>{p.name}</a>
                        )}
                      </li>
                    ))}
                  </ol>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Together(props: { profile: PersonProfile }) {
  const top = props.profile.coAppearances.slice(0, 30);
  if (!top.length) return <></>;
  return (
    <section aria-labelledby="together-heading">
      <h2 id="together-heading">Appears with</h2>
      <ol class="together">
        {top.map((p) => (
          <li>
            <a href={personHref(p.personId)}>{p.name}</a> ({p.count})
          </li>
        ))}
      </ol>
    </section>
  );
}

function Rank(props: { profile: PersonProfile }) {
  const points = props.profile.rank;
  if (!points.length) return <></>;
  return (
    <section aria-labelledby="rank-heading">
      <h2 id="rank-heading">Place among the companions</h2>
      <p class="muted">
        Where the person stands in each printed list of the leader's companions (1 is first).
      </p>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col" class="num">
                Place
              </th>
              <th scope="col" class="num">
                Of
              </th>
            </tr>
          </thead>
          <tbody>
            {[...points]
              .reverse()
              .slice(0, 100)
              .map((p) => (
                <tr>
                  <td>
                    <a href={articleHref(p.articleId)}>{p.date ?? 'undated'}</a>
                  </td>
                  <td class="num">{p.rank}</td>
                  <td class="num">{p.of}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** `/people/:id/appearances.csv`: every appearance with its companions and sentence. */
export async function personAppearancesCsv(c: Context, store: ArchiveStore) {
  const id = c.req.param('id') ?? '';
  const activities = await store.people.activitiesOf(id);
  const body = csvText(APPEARANCE_COLUMNS, appearanceRows(id, activities));
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${id.replace(/[^a-z0-9-]/gi, '_')}-appearances.csv"`,
  });
}
