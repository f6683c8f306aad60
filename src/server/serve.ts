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
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, (info) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          close: () => new Promise((done) => server.close(() => done())),
        });
      });
      server.on('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
