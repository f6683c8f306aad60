/**
 * Static assets from the package's public/ folder (styles, scripts) — never a CDN. A name is checked
 * against a fixed pattern; nothing user-supplied picks a path outside public/. Pages link to them
 * with their content version (asset-versions.ts), and those URLs are cached as immutable.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { assetVersion, PUBLIC_DIR } from './asset-versions.js';

/** A versioned URL names one content: kept a year, never revalidated. Others: an hour. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=3600';

// Maps, not object literals: a name from the URL such as `__proto__` or `constructor` must find nothing.
const TYPES = new Map([
  ['.css', 'text/css; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
]);

export function assetRoutes(): Hono {
  const app = new Hono();
  const cache = new Map<string, Buffer>();
  const send = async (path: string, name: string, version: string | undefined) => {
    let body = cache.get(path);
    if (!body) {
      body = await readFile(path);
      cache.set(path, body);
    }
    const type = TYPES.get(name.slice(name.lastIndexOf('.'))) ?? 'application/octet-stream';
    const current = version !== undefined && version === assetVersion(name);
    return new Response(new Uint8Array(body), {
      headers: { 'Content-Type': type, 'Cache-Control': current ? IMMUTABLE : SHORT },
    });
  };
  app.get('/:name', async (c) => {
    const name = c.req.param('name');
    if (!/^[a-z0-9][a-z0-9.-]*\.(css|js|svg|png|ico)$/.test(name)) return c.notFound();
    try {
      return await send(join(PUBLIC_DIR, name), name, c.req.query('v'));
    } catch {
      return c.notFound();
    }
  });
  return app;
}
