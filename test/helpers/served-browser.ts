/**
 * The set-up every reader test in Chromium shares: an archive built in a temp folder, served on
 * 127.0.0.1, and one browser for the file. The fields are filled in `beforeAll` and closed in `afterAll`.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { AppOptions } from '../../src/server/app.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { launchChromium } from './browser.js';
import { tempDir } from './tmp.js';

export interface Served<A> {
  archive: A;
  server: RunningServer;
  browser: Browser;
  /** An absolute URL on the server. */
  url(path: string): string;
}

export function servedInBrowser<A extends { store: ArchiveStore }>(
  build: (dir: string) => Promise<A>,
  app: Omit<AppOptions, 'store'> = {},
): Served<A> {
  const dir = tempDir();
  const served = {
    url: (path: string) => `${served.server.url}${path}`,
  } as Served<A>;
  beforeAll(async () => {
    served.archive = await build(dir.path);
    served.server = await startServer(served.archive.store, { host: '127.0.0.1', port: 0, app });
    served.browser = await launchChromium();
  });
  afterAll(async () => {
    await served.browser?.close();
    await served.server?.close();
    await served.archive?.store.close();
    dir.cleanup();
  });
  return served;
}
