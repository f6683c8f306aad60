/**
 * Atom feeds of people: names removed from archived texts by later edits (the signal of a purge),
 * all or one person's, and the flags of absences and falls in protocol rank.
 */
import type { Hono } from 'hono';
import { currentPeopleFlags } from '../history/people.js';
import type { AppOptions } from '../server/app.js';
import { linkOrigin } from '../server/hosts.js';
import { send } from './history-feeds.js';

const ENTRIES = 50;

export function peopleFeedRoutes(app: Hono, { store, publicUrl }: AppOptions): void {
  app.get('/people/removed', async (c) => {
    const origin = linkOrigin(c.req.url, publicUrl);
    const person = c.req.query('person') || undefined;
    const page = await store.people.removals({ personId: person, limit: ENTRIES });
    const query = person ? `?person=${encodeURIComponent(person)}` : '';
    return send(c, {
      id: `urn:wirewatch:feed:people-removed:${person ?? ''}`,
      title: `Names removed from archived texts${person ? `: ${page.items[0]?.name ?? person}` : ''} · wirewatch`,
      selfLink: `${origin}/feeds/people/removed${query}`,
      alternateLink: person ? `${origin}/people/${encodeURIComponent(person)}` : `${origin}/people`,
      entries: page.items.map((r) => ({
        id: `urn:wirewatch:name-removed:${encodeURIComponent(r.articleId)}:${r.seq}:${encodeURIComponent(r.personId)}`,
        title: `${r.name} removed from “${r.title ?? r.articleId}”`,
        updated: r.at,
        link: `${origin}/articles/${encodeURIComponent(r.articleId)}/diff?from=${r.seq - 1}&to=${r.seq}`,
        summary: `Version ${r.seq} of this ${r.sourceId} text${r.pubDate ? ` of ${r.pubDate}` : ''} no longer names ${r.name}; version ${r.seq - 1} did.`,
        categories: [r.sourceId, 'name-removed'],
      })),
    });
  });

  app.get('/people/flags', async (c) => {
    const origin = linkOrigin(c.req.url, publicUrl);
    const flags = (await currentPeopleFlags(store)).slice(0, ENTRIES);
    return send(c, {
      id: 'urn:wirewatch:feed:people-flags',
      title: 'Absences and falls in protocol rank · wirewatch',
      selfLink: `${origin}/feeds/people/flags`,
      alternateLink: `${origin}/people`,
      entries: flags.map((f) => ({
        id: `urn:wirewatch:person-flag:${encodeURIComponent(f.personId)}:${f.kind}:${f.day}`,
        title: `⚠ ${f.kind === 'absence' ? 'Absent' : 'Lower in rank'}: ${f.name}`,
        updated: `${f.day}T00:00:00Z`,
        link: `${origin}/people/${encodeURIComponent(f.personId)}`,
        summary: f.text,
        categories: [f.kind],
      })),
    });
  });
}
