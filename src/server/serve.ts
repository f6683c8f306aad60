/**
 * Serves the app over HTTP with @hono/node-server; resolves once listening. A GET whose page is kept
 * is answered from node:http without the app (server/fast-lane.ts).
 */
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import type { ArchiveStore } from '../store/types.js';
import { createWeb, type AppOptions } from './app.js';
import type { FastLane } from './fast-lane.js';
import { defaultAllowedHosts } from './hosts.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(
  store: ArchiveStore,
  opts: { host: string; port: number; app?: Omit<AppOptions, 'store'> },
): Promise<RunningServer> {
  const { app, fastLane } = createWeb({
    ...opts.app,
    store,
    allowedHosts: opts.app?.allowedHosts ?? defaultAllowedHosts(opts.host),
  });
  // A client that hangs up leaves its request running: closing waits for those too, so the store is
  // never closed under a request still reading it. Every request is counted here, around the lane
  // and the app's listener (which returns once the app's answer is written).
  let running = 0;
  let settled: (() => void) | null = null;
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    running++;
    try {
      return await work();
    } finally {
      if (--running === 0) settled?.();
    }
  };
  const finished = () =>
    new Promise<void>((done) => {
      if (running === 0) return done();
      settled = done;
    });
  const withFastLane = (options: ServerOptions, appListener: RequestListener) =>
    createServer(options, (req, res) => {
      void counted(() => answer(fastLane, appListener, req, res));
    });
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve(
        {
          fetch: app.fetch,
          hostname: opts.host,
          port: opts.port,
          createServer: withFastLane as typeof createServer,
        },
        (info) => {
          const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
          resolve({
            url: `http://${host}:${info.port}`,
            close: async () => {
              await new Promise<void>((done) => server.close(() => done()));
              await finished();
            },
          });
        },
      );
      server.on('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}

async function answer(
  fastLane: FastLane,
  appListener: RequestListener,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // A failure here (a lost database) is the app's to answer, as a 503.
  const kept = await fastLane(req).catch(() => null);
  if (!kept) return void (await appListener(req, res));
  // A name given twice (Vary) is one header with both values, as a Response's Headers make it.
  const headers: Record<string, string> = {};
  for (const [name, value] of kept.headers)
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  res.writeHead(kept.status, headers);
  res.end(kept.body ?? undefined);
}
