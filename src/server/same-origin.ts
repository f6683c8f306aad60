/**
 * Whether a form was posted from this site's own pages. The browser's `Sec-Fetch-Site` says so where it
 * is sent (every current browser); else the Origin, else the Referer, must name this host. Our pages
 * send no referrer, so a browser's Origin on their forms is the opaque `null`: that alone proves nothing
 * either way, and only Sec-Fetch-Site can vouch for it.
 */
import type { Context } from 'hono';

export function sameOrigin(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = c.req.header('origin') ?? c.req.header('referer');
  if (!origin || origin === 'null' || !URL.canParse(origin)) return false;
  return new URL(origin).host === new URL(c.req.url).host;
}
