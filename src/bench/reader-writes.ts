/**
 * Writes to the served archive while the reader benchmark loads it, as a crawl's re-checks do: every
 * `everyMs`, one article is marked checked now (`markChecked`, what a re-fetch answered with 200 or 304
 * records). Each write moves the archive's change token, so the server's kept pages and figures start
 * again; what the pages over the whole archive cost then is what a watched, live archive serves.
 */
import { openStore } from '../cli/open-store.js';

export interface Writes {
  /** Stops writing once the write under way has finished; how many were made. */
  stop(): Promise<number>;
}

export async function startWrites(db: string, articleId: string, everyMs: number): Promise<Writes> {
  const store = await openStore({ db });
  let made = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await store.markChecked(articleId, new Date().toISOString());
      made++;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      try {
        await loop;
      } finally {
        await store.close();
      }
      return made;
    },
  };
}
