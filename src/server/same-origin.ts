/** Whether a form was posted from this site's own pages (its Origin, else its Referer, names this host). */
import type { Context } from 'hono';

export function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin') ?? c.req.header('referer');
  if (!origin || !URL.canParse(origin)) return false;
  return new URL(origin).host === new URL(c.req.url).host;
}
