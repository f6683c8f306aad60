/** Static assets: only the names the app knows are served; any other name is a 404, never a 500. */
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
});
