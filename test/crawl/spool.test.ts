/**
 * A database error mid-crawl loses no response (issue 18): the exchange the archive would not take is
 * spooled to a `.warc.gz` beside it with its provenance, the fetch counts as failed (and stays due),
 * and the next crawl imports the spool first — the capture is back, with its profile and source.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl } from '../../src/crawl/crawler.js';
import type { FetcherOptions } from '../../src/crawl/fetch/fetcher.js';
import { sourceConfigSchema } from '../../src/crawl/sources/config.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { freshArchive } from '../helpers/archive.js';
import { HISTORY_LIST, startHistorySite, type HistorySite } from '../helpers/history-site.js';
import { tempDir } from '../helpers/tmp.js';

const fetcher: FetcherOptions = {
  connectTimeoutMs: 1_000,
  limits: { headersTimeoutMs: 1_000, bodyIdleTimeoutMs: 1_000, totalTimeoutMs: 3_000 },
  retry: { max: 0 },
};
const LOST = '2'.repeat(32);

/** The archive, except that storing the first capture of one URL fails as a lost connection would. */
function failingOnce(store: ArchiveStore, url: string): ArchiveStore {
  let failed = false;
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'putCapture') {
        return async (
          capture: Parameters<ArchiveStore['putCapture']>[0],
          chunks: AsyncIterable<Uint8Array>,
        ) => {
          if (!failed && capture.origin === url) {
            failed = true;
            throw new Error('Connection terminated unexpectedly');
          }
          return target.putCapture(capture, chunks);
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('the spool', () => {
  const tmp = tempDir();
  let site: HistorySite;
  beforeAll(async () => {
    site = await startHistorySite(
      ['1', '2', '3'].map((n) => ({
        hash: n.repeat(32),
        title: `Report ${n} on the Harvest`,
        date: `2026.10.${n}.`,
        paragraphs: [`The harvest report ${n} was published by the ministry today in Pyongyang.`],
        listed: true,
        page: 'ok' as const,
      })),
    );
  });
  afterAll(async () => {
    await site.close();
    tmp.cleanup();
  });

  it('keeps what the archive would not take, and the next crawl imports it', async () => {
    const archive = freshArchive(tmp.path);
    const spoolDir = join(tmp.path, 'spool');
    const source = sourceConfigSchema.parse({
      id: 'kcna',
      profile: 'kcna-en',
      baseUrl: site.baseUrl,
      lists: [HISTORY_LIST],
      delayMs: 0,
      allowPrivate: true,
    });
    const first = await crawl(failingOnce(archive.store, site.url(LOST)), [source], {
      fetcher,
      spoolDir,
    });
    expect(first.sources[0]!.errors.join('\n')).toMatch(
      /could not be crawled \(Connection terminated unexpectedly\)/,
    );
    expect(readdirSync(spoolDir)).toEqual([`spool-${process.pid}.warc.gz`]);
    const spooledAt = (await archive.store.frontier.get(site.url(LOST)))!;
    expect(spooledAt).toMatchObject({ failures: 1, lastOutcome: 'error' });
    expect(
      (await archive.store.listCaptures()).items.some((c) => c.origin === site.url(LOST)),
    ).toBe(false);

    await crawl(archive.store, [source], { fetcher, spoolDir });
    expect(existsSync(join(spoolDir, `spool-${process.pid}.warc.gz`))).toBe(false);
    const kept = (await archive.store.listCaptures()).items.filter(
      (c) => c.kind === 'warc' && c.origin === site.url(LOST),
    );
    expect(kept).toHaveLength(1);
    expect(kept[0]!.options).toMatchObject({ profile: 'kcna-en', status: 200, purpose: 'page' });
    expect(await archive.store.findArticleByUrl(site.url(LOST))).toMatchObject({
      status: 'live',
      versionCount: 1,
    });
    await archive.store.close();
  });
});
