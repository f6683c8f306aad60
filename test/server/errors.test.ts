/**
 * A Problem (src/errors.ts) is answered with its own status on every surface — a page, a feed, the
 * API — and Retry-After when it has one; anything else is a 500 that shows no internals.
 */
import { describe, expect, it } from 'vitest';
import { Problem } from '../../src/errors.js';
import { createApp } from '../../src/server/app.js';
import type { ArchiveStore } from '../../src/store/types.js';

/** An archive whose every read fails with `error`. */
function failingApp(error: Error) {
  // Every member, and every member of a member (store.accounts.countUsers), is a failing read.
  const failing: object = new Proxy(() => Promise.reject(error), { get: () => failing });
  const store = failing as ArchiveStore;
  return createApp({ store });
}

async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as never;
  try {
    return await fn();
  } finally {
    process.stderr.write = write;
  }
}

describe('errors on every surface', () => {
  it('a Problem keeps its status and Retry-After', async () => {
    const app = failingApp(
      new Problem(503, 'search_timeout', 'busy <now>', { retryAfterSeconds: 7 }),
    );
    const page = await app.request('/');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('7');
    const html = await page.text();
    expect(html).toContain('busy &lt;now&gt;');
    const feed = await app.request('/feeds/sources/kcna-kp-en');
    expect(feed.status).toBe(503);
    expect(feed.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await feed.text()).toBe('busy <now>');
    const api = await app.request('/api/v1/stats');
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('7');
    expect(await api.json()).toEqual({ error: { code: 'search_timeout', message: 'busy <now>' } });
  });

  it('anything else is a 500 that says nothing of it', async () => {
    const app = failingApp(new Error('SQLITE_CORRUPT: /var/secret.db'));
    for (const path of ['/', '/feeds/sources/kcna-kp-en', '/api/v1/stats']) {
      const res = await quietly(async () => app.request(path));
      expect(res.status, path).toBe(500);
      expect(await res.text(), path).not.toContain('SQLITE');
    }
  });
});
