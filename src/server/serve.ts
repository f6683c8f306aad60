/** Serves the app over HTTP with @hono/node-server; resolves once listening. */
import { serve, type ServerType } from '@hono/node-server';
import type { ArchiveStore } from '../store/types.js';
import { createApp, type AppOptions } from './app.js';
import { defaultAllowedHosts } from './hosts.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(
  store: ArchiveStore,
  opts: { host: string; port: number; app?: Omit<AppOptions, 'store'> },
): Promise<RunningServer> {
  const app = createApp({
    ...opts.app,
    store,
    allowedHosts: opts.app?.allowedHosts ?? defaultAllowedHosts(opts.host),
  });
  // A client that hangs up leaves its request running: closing waits for those too, so the store is
  // never closed under a request still reading it.
  let running = 0;
  let settled: (() => void) | null = null;
  const fetch = async (request: Request, env: unknown): Promise<Response> => {
    running++;
    try {
      return await app.fetch(request, env);
    } finally {
      if (--running === 0) settled?.();
    }
  };
  const finished = () =>
    new Promise<void>((done) => {
      if (running === 0) return done();
      settled = done;
    });
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch, hostname: opts.host, port: opts.port }, (info) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          close: async () => {
            await new Promise<void>((done) => server.close(() => done()));
            await finished();
          },
        });
      });
      server.on('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
