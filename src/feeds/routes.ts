/** Atom feeds: per source (more to come: per day, per search). */
import { Hono } from 'hono';
import { articleLabel } from '../model/label.js';
import type { Article } from '../model/types.js';
import type { AppOptions } from '../server/app.js';
import { renderAtom, type AtomEntry } from './atom.js';

const ENTRIES = 50;

export function entryOf(a: Article, origin: string): AtomEntry {
  const label = articleLabel(a);
  const d = a.published;
  const published = d.year !== null && d.month !== null && d.day !== null
    ? `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}T00:00:00Z` : undefined;
  return {
    id: `urn:wirewatch:article:${a.id}`, title: label.text, updated: a.lastSeen, published,
    link: `${origin}/articles/${a.id}`, summary: (a.paragraphs.join('\n\n') || a.teaser || '').slice(0, 2000), categories: [a.sourceId],
  };
}

export function feedRoutes({ store, publicUrl }: AppOptions): Hono {
  const app = new Hono();
  app.get('/sources/:id', async (c) => {
    const origin = publicUrl ?? new URL(c.req.url).origin;
    const source = await store.getSource(c.req.param('id'));
    if (!source) return c.text(`no source "${c.req.param('id')}"`, 404);
    const page = await store.listArticles({ sourceId: source.id, limit: ENTRIES });
    const entries = page.items.map((a) => entryOf(a, origin));
    const xml = renderAtom({
      id: `urn:wirewatch:feed:source:${source.id}`, title: `${source.label} · wirewatch`,
      selfLink: `${origin}/feeds/sources/${encodeURIComponent(source.id)}`, alternateLink: `${origin}/sources/${encodeURIComponent(source.id)}`,
      updated: entries.reduce((max, e) => (e.updated > max ? e.updated : max), '1970-01-01T00:00:00Z'), entries,
    });
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  });
  return app;
}
