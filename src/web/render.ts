/** Page plumbing: a document string with its doctype, and the sources a list of articles names. */
import type { Context } from 'hono';
import type { Source } from '../model/types.js';
import type { ArchiveStore } from '../store/types.js';

/** Sends a rendered JSX tree as an HTML document. */
export function sendPage(
  c: Context,
  node: { toString(): string | Promise<string> },
  status: 200 | 400 | 401 | 403 | 404 | 421 | 429 | 503 = 200,
): Response | Promise<Response> {
  const body = node.toString();
  return typeof body === 'string'
    ? c.html(`<!doctype html>${body}`, status)
    : body.then((text) => c.html(`<!doctype html>${text}`, status));
}

/** The sources of the given ids (each looked up once). */
export async function sourcesById(
  store: ArchiveStore,
  ids: Iterable<string>,
): Promise<Map<string, Source>> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => store.getSource(id)));
  const map = new Map<string, Source>();
  for (const s of found) if (s) map.set(s.id, s);
  return map;
}
