/**
 * `/people`: everyone the archive's texts name, by appearances beside the leader, by mentions or by
 * when last seen, with a name box that finds any spelling the gazetteer knows. Names come from the
 * texts and are untrusted: JSX escapes them.
 */
import type { Context } from 'hono';
import { personIdsFor } from '../../analyse/resolver.js';
import type { ArchiveStore, PeopleOrder, PersonSummary } from '../../store/types.js';
import { Pager } from '../components.js';
import { pageParam, plural } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';

export const PEOPLE_PER_PAGE = 50;

const ORDERS: { value: PeopleOrder; text: string }[] = [
  { value: 'appearances', text: 'appearances' },
  { value: 'mentions', text: 'mentions' },
  { value: 'last-seen', text: 'last seen' },
  { value: 'name', text: 'name' },
];

export function personHref(id: string): string {
  return `/people/${encodeURIComponent(id)}`;
}

export function parseOrder(text: string | undefined): PeopleOrder {
  return ORDERS.find((o) => o.value === text)?.value ?? 'appearances';
}

function peopleHref(order: PeopleOrder, name: string, page = 1): string {
  const p = new URLSearchParams();
  if (order !== 'appearances') p.set('order', order);
  if (name) p.set('name', name);
  if (page > 1) p.set('page', String(page));
  const q = p.toString();
  return q ? `/people?${q}` : '/people';
}

export async function peoplePage(c: Context, store: ArchiveStore) {
  const order = parseOrder(c.req.query('order'));
  const name = (c.req.query('name') ?? '').trim().slice(0, 200);
  const page = pageParam(c.req.query('page'));
  const result = await store.people.listPeople({
    order,
    ids: name ? personIdsFor(name) : undefined,
    limit: PEOPLE_PER_PAGE,
    offset: (page - 1) * PEOPLE_PER_PAGE,
  });
  const pages = Math.max(1, Math.ceil(result.total / PEOPLE_PER_PAGE));
  return sendPage(
    c,
    <Layout
      title="People"
      section="people"
      wide
      feeds={[
        { title: 'Names removed from articles (Atom)', href: '/feeds/people/removed' },
        { title: 'Absences and falls in rank (Atom)', href: '/feeds/people/flags' },
      ]}
    >
      <h1>People</h1>
      <p>
        Everyone the archived texts name, read from the wire copy itself: appearances count the
        leader's public activities a person led or accompanied (flashes not counted twice), mentions
        count every naming in the current version of each text.
      </p>
      <form class="filters" method="get" action="/people" aria-label="Find a person">
        <label>
          Name <input type="search" name="name" value={name} placeholder="Jang Song-thaek" />
        </label>{' '}
        <label>
          Order by{' '}
          <select name="order">
            {ORDERS.map((o) => (
              <option value={o.value} selected={o.value === order}>
                {o.text}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">Show</button>
      </form>
      <p class="meta">
        {plural(result.total, 'person', 'people')} ·{' '}
        <a href="/feeds/people/removed">names removed (Atom)</a> ·{' '}
        <a href="/feeds/people/flags">absences and falls in rank (Atom)</a>
      </p>
      {result.items.length === 0 ? (
        <p>
          No one {name ? `named “${name}”` : 'yet'}: people are read from every version as it is
          archived.
        </p>
      ) : (
        <div class="table-scroll">
          <PeopleTable people={result.items} />
        </div>
      )}
      <Pager
        page={Math.min(page, pages)}
        pages={pages}
        href={(n) => peopleHref(order, name, n)}
        label="Pages of people"
      />
    </Layout>,
  );
}

function PeopleTable(props: { people: PersonSummary[] }) {
  return (
    <table class="people">
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col" class="num">
            Appearances
          </th>
          <th scope="col" class="num">
            Articles
          </th>
          <th scope="col" class="num">
            Mentions
          </th>
          <th scope="col">First seen</th>
          <th scope="col">Last seen</th>
          <th scope="col" class="num">
            Names removed
          </th>
        </tr>
      </thead>
      <tbody>
        {props.people.map((p) => (
          <tr>
            <th scope="row">
              <a href={personHref(p.personId)}>{p.name}</a>
            </th>
            <td class="num">{p.appearances.toLocaleString('en')}</td>
            <td class="num">{p.articles.toLocaleString('en')}</td>
            <td class="num">{p.mentions.toLocaleString('en')}</td>
            <td>{p.firstSeen ?? '—'}</td>
            <td>{p.lastSeen ?? '—'}</td>
            <td class="num">{p.removals ? <strong>{p.removals}</strong> : '0'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
