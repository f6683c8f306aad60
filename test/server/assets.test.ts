/**
 * Static assets: only the names the app knows are served; any other name is a 404, never a 500. Pages
 * link to them by content version, and only a URL of the current content is cached as immutable.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { ArchiveStore } from '../../src/store/types.js';

// Assets never reach the archive.
const app = createApp({ store: {} as ArchiveStore });

describe('/assets', () => {
  it('serves public/ files with their types', async () => {
    const script = await app.request('/assets/site.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await app.request('/assets/site.css')).status).toBe(200);
  });

  it.each([
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__defineGetter__',
    'isPrototypeOf',
  ])('answers the name %s with 404, under /assets and /assets/lib', async (name) => {
    for (const path of [`/assets/lib/${name}`, `/assets/${name}`, `/assets/${name}.js`]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
    }
  });

  it('links pages to versioned URLs, cached as immutable only while they name the current content', async () => {
    // The sign-in page reads nothing but whether the archive has users (once per change token).
    const store = {
      changeToken: async () => '1',
      accounts: { countUsers: async () => 0 },
    } as unknown as ArchiveStore;
    const login = await createApp({ store }).request('/login');
    expect(login.status).toBe(200);
    const page = await login.text();
    for (const name of ['site.css', 'site.js']) {
      const bytes = readFileSync(new URL(`../../public/${name}`, import.meta.url));
      const version = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
      expect(page).toContain(`/assets/${name}?v=${version}"`);
      const current = await app.request(`/assets/${name}?v=${version}`);
      expect(current.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(Buffer.from(await current.arrayBuffer()).equals(bytes)).toBe(true);
      // An old version's URL, or none, may change under it: an hour, then ask again.
      for (const path of [`/assets/${name}?v=000000000000`, `/assets/${name}`])
        expect((await app.request(path)).headers.get('cache-control'), path).toBe(
          'public, max-age=3600',
        );
    }
  });
});
