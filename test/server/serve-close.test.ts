/**
 * Closing the server (server/serve.ts) waits for the requests still running, even those whose client
 * hung up: the store is closed after them, never under them (a search cut off mid-read by a shutdown
 * printed a stack trace).
 */
import { request } from 'node:http';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startServer } from '../../src/server/serve.js';
import { freshArchive } from '../helpers/archive.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('closing the server', () => {
  it('waits for a request whose client hung up before it resolves', async () => {
    const archive = freshArchive(dir.path);
    let release = () => {};
    let reached = () => {};
    const arrived = new Promise<void>((done) => (reached = done));
    const held = new Promise<void>((done) => (release = done));
    const original = archive.store.getArticle.bind(archive.store);
    let finishedReading = false;
    vi.spyOn(archive.store, 'getArticle').mockImplementation(async (id) => {
      reached();
      await held;
      const article = await original(id);
      finishedReading = true;
      return article;
    });
    const server = await startServer(archive.store, { host: '127.0.0.1', port: 0 });
    const hungUp = new Promise<void>((done) => {
      const req = request(`${server.url}/articles/0123456789abcdef`);
      req.on('error', () => done());
      req.end();
      void arrived.then(() => req.destroy());
    });
    await hungUp;
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await new Promise((done) => setTimeout(done, 100));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(finishedReading).toBe(true);
    await archive.store.close();
  });
});
