/**
 * `/changes`: the latest edits, removals and re-appearances across sources, newest first, filtered by
 * source and kind; cosmetic edits (whitespace, typography) only when asked, since readers skip them.
 * Titles and reasons come from the sources and are untrusted: JSX escapes them.
 */
import type { Context } from 'hono';
import { DemoNotice, demoSource } from '../demo-notice.js';
import {
  changeLabel,
  EDIT_KINDS,
  listChanges,
  NOTABLE_CHANGES,
  parseKind,
} from '../../history/changes.js';
import type { ArticleEventKind } from '../../model/types.js';
import type { ArchiveStore, ArticleEventView } from '../../store/types.js';
import { articleHref, Pager, sourceHref } from '../components.js';
import { pageParam, plural, shortTime } from '../format.js';
import { Layout } from '../layout.js';
import { personHref } from './people.js';
import { sendPage } from '../render.js';

export const CHANGES_PER_PAGE = 50;

const KIND_OPTIONS: { value: '' | ArticleEventKind; text: string }[] = [
  { value: '', text: 'Everything' },
  { value: 'edit', text: 'Edits' },
  { value: 'deleted', text: 'Removals' },
  { value: 'restored', text: 'Re-appearances' },
];

export interface ChangeFilters {
  source: string;
  kind: ArticleEventKind | null;
  cosmetic: boolean;
}

export function changesHref(f: ChangeFilters, page = 1): string {
  const p = new URLSearchParams();
  if (f.source) p.set('source', f.source);
  if (f.kind) p.set('kind', f.kind);
  if (f.cosmetic) p.set('cosmetic', '1');
  if (page > 1) p.set('page', String(page));
  const q = p.toString();
  return q ? `/changes?${q}` : '/changes';
}

function filterParams(f: ChangeFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.source) p.set('source', f.source);
  if (f.kind) p.set('kind', f.kind);
  p.set('change', (f.cosmetic ? EDIT_KINDS : NOTABLE_CHANGES).join(','));
  return p;
}

function feedHref(f: ChangeFilters): string {
  return `/feeds/changes?${filterParams(f)}`;
}

/** Every change of these filters as a download (the API's export). */
function exportHref(f: ChangeFilters, format: 'csv' | 'jsonl'): string {
  const p = filterParams(f);
  p.set('format', format);
  return `/api/v1/changes?${p}`;
}

export async function changesPage(c: Context, store: ArchiveStore) {
  const sources = await store.listSources();
  const source = c.req.query('source') ?? '';
  const filters: ChangeFilters = {
    // An unknown source or kind is ignored (shown as "all"), like a stale bookmark would want.
    source: sources.some((s) => s.id === source) ? source : '',
    kind: parseKind(c.req.query('kind') ?? ''),
    cosmetic: c.req.query('cosmetic') === '1',
  };
  const page = pageParam(c.req.query('page'));
  const result = await listChanges(store, {
    sourceId: filters.source || undefined,
    kinds: filters.kind ? [filters.kind] : undefined,
    changes: filters.cosmetic ? undefined : [...NOTABLE_CHANGES],
    limit: CHANGES_PER_PAGE,
    offset: (page - 1) * CHANGES_PER_PAGE,
  });
  const removed = page === 1 ? await namesRemoved(store, filters.source) : [];
  const labels = new Map(sources.map((s) => [s.id, s.label]));
  const pages = Math.max(1, Math.ceil(result.total / CHANGES_PER_PAGE));
  return sendPage(
    c,
    <Layout
      title="Changes"
      section="changes"
      wide
      feeds={[{ title: 'Changes (Atom)', href: feedHref(filters) }]}
    >
      <h1>Changes at the sources</h1>
      <DemoNotice source={demoSource(sources)} />
      <p>
        Articles the sources edited, removed or put back after wirewatch archived them, newest
        first. Every version stays in the archive.
      </p>
      <form class="filters" method="get" action="/changes" aria-label="Filter changes">
        <label>
          Source{' '}
          <select name="source">
            <option value="" selected={filters.source === ''}>
              All sources
            </option>
            {sources.map((s) => (
              <option value={s.id} selected={filters.source === s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Kind{' '}
          <select name="kind">
            {KIND_OPTIONS.map((k) => (
              <option value={k.value} selected={(filters.kind ?? '') === k.value}>
                {k.text}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          <input type="checkbox" name="cosmetic" value="1" checked={filters.cosmetic} /> Include
          cosmetic edits
        </label>{' '}
        <button type="submit">Show</button>
      </form>
      <p class="meta">
        {plural(result.total, 'change')}
        {filters.cosmetic ? '' : ', cosmetic edits hidden'} ·{' '}
        <a href={feedHref(filters)}>
          Atom feed<span class="visually-hidden"> of these changes</span>
        </a>
        {result.total ? (
          <>
            {' · download all as '}
            <a href={exportHref(filters, 'csv')} download>
              CSV<span class="visually-hidden"> of these changes</span>
            </a>
            {' · '}
            <a href={exportHref(filters, 'jsonl')} download>
              JSONL<span class="visually-hidden"> of these changes</span>
            </a>
          </>
        ) : (
          ''
        )}
      </p>
      <NamesRemoved removed={removed} />
      {result.items.length === 0 ? (
        <p>No changes {page > 1 ? 'on this page' : 'match these filters'}.</p>
      ) : (
        <ol class="changes">
          {result.items.map((e) => (
            <ChangeRow event={e} sourceLabel={labels.get(e.sourceId) ?? e.sourceId} />
          ))}
        </ol>
      )}
      <Pager
        page={Math.min(page, pages)}
        pages={pages}
        href={(n) => changesHref(filters, n)}
        label="Pages of changes"
      />
    </Layout>,
  );
}

interface NameRemoved {
  personId: string;
  name: string;
  articles: number;
  last: string;
}

/** The persons later edits removed, by how many articles lost the name: a purge shows as a cluster. */
async function namesRemoved(store: ArchiveStore, sourceId: string): Promise<NameRemoved[]> {
  const recent = await store.people.removals({ limit: 1000 });
  const by = new Map<string, NameRemoved>();
  for (const r of recent.items) {
    if (sourceId && r.sourceId !== sourceId) continue;
    const n = by.get(r.personId) ?? { personId: r.personId, name: r.name, articles: 0, last: r.at };
    n.articles++;
    by.set(r.personId, n);
  }
  return [...by.values()].sort((a, b) => b.articles - a.articles || b.last.localeCompare(a.last));
}

function NamesRemoved(props: { removed: NameRemoved[] }) {
  if (!props.removed.length) return <></>;
  return (
    <section class="names-removed" aria-labelledby="names-removed-heading">
      <h2 id="names-removed-heading">Names removed by edits</h2>
      <ul>
        {props.removed.slice(0, 20).map((n) => (
          <li>
            <a href={personHref(n.personId)}>{n.name}</a>: removed from{' '}
            {plural(n.articles, 'article')}, latest{' '}
            <time datetime={n.last}>{shortTime(n.last)}</time>
          </li>
        ))}
      </ul>
      <p class="meta">
        <a href="/feeds/people/removed">Atom feed of names removed</a>
      </p>
    </section>
  );
}

function ChangeRow(props: { event: ArticleEventView; sourceLabel: string }) {
  const e = props.event;
  const href = articleHref(e.articleId);
  const kindClass =
    e.kind === 'edit' ? `change change-${e.change ?? 'unknown'}` : `change change-${e.kind}`;
  return (
    <li>
      <span class="meta">
        <time datetime={e.at}>{shortTime(e.at)}</time> ·{' '}
        <a href={sourceHref(e.sourceId)} class="source-label">
          {props.sourceLabel}
        </a>
      </span>
      <br />
      {e.title ? (
        <a href={href}>{e.title}</a>
      ) : (
        <a href={href} class="derived">
          Article {e.articleId} (no headline)
        </a>
      )}
      {' — '}
      <span class={kindClass}>{changeLabel(e)}</span>
      {e.kind === 'edit' && e.versionSeq !== null && e.versionSeq > 1 ? (
        <>
          {' '}
          ·{' '}
          <a href={`${href}/diff?from=${e.versionSeq - 1}&to=${e.versionSeq}`}>
            what changed<span class="visually-hidden"> in version {e.versionSeq}</span>
          </a>
        </>
      ) : (
        ''
      )}
      {e.kind !== 'edit' && e.reason ? <span class="reason"> ({e.reason})</span> : ''}
      {e.kind === 'edit' && e.status === 'deleted' ? (
        <>
          {' '}
          · <span class="badge">since removed</span>
        </>
      ) : (
        ''
      )}
    </li>
  );
}
