/**
 * The demo's recorded crawl history (issue 15.6): the bundled WARC is what the recorder makes, and
 * imported as `npm start` imports it, it shows every kind of change the monitor watches for — edits of
 * each class, a retitle, removals with their evidence, a restoration and a deletion-spike flag.
 * `RECORD_DEMO=1 npx vitest run test/demo` records the bundled file again.
 */
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageReport } from '../../src/history/coverage-report.js';
import { DEMO_SOURCE_ID } from '../../src/model/sources.js';
import { importPaths } from '../../src/pipeline/import.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { tempDir } from '../helpers/tmp.js';
import { DEMO_PORT, recordDemo } from './record-demo.js';

const BUNDLED = fileURLToPath(new URL('../../demo/demo-recording.warc.gz', import.meta.url));

/** What a reader of /changes sees, without the port the recording ran on. */
async function history(store: ArchiveStore) {
  const events = await store.listEvents({ sourceId: DEMO_SOURCE_ID, limit: 500 });
  return events.items
    .map((e) => ({
      kind: e.kind,
      change: e.change ?? null,
      day: e.at.slice(0, 10),
      title: e.title,
      reason: (e.reason ?? '').replace(/:\d+\//g, '/'),
    }))
    .sort((a, b) => `${a.day}${a.kind}${a.title}`.localeCompare(`${b.day}${b.kind}${b.title}`));
}

describe('the demo recording', () => {
  const tmp = tempDir('wirewatch-demo-rec-');
  let recorded: ArchiveStore;
  let bundled: ArchiveStore;
  let log: string[];

  beforeAll(async () => {
    const rec = await recordDemo(tmp.path, process.env.RECORD_DEMO ? DEMO_PORT : 0);
    log = rec.log;
    if (process.env.RECORD_DEMO) copyFileSync(rec.warc, BUNDLED);
    recorded = new SqliteStore(`${tmp.path}/recorded.db`);
    bundled = new SqliteStore(`${tmp.path}/bundled.db`);
    for (const [store, file] of [
      [recorded, rec.warc],
      [bundled, BUNDLED],
    ] as const) {
      const report = await importPaths(store, [file], { format: 'auto' });
      expect(report.rejected, report.errors.join('\n')).toBe(0);
    }
  }, 240_000);
  afterAll(async () => {
    await recorded?.close();
    await bundled?.close();
    tmp.cleanup();
  });

  it('imports to the history the recorder makes today', async () => {
    expect(log).toHaveLength(22);
    expect(await history(bundled)).toEqual(await history(recorded));
  });

  it('holds edits of every class, a retitle, removals with evidence and a restoration', async () => {
    const events = await history(bundled);
    const edits = events.filter((e) => e.kind === 'edit');
    expect(new Set(edits.map((e) => e.change))).toEqual(new Set(['cosmetic', 'headline', 'body']));
    const reasons = events.filter((e) => e.kind === 'deleted').map((e) => e.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'HTTP 404',
        'HTTP 410',
        expect.stringMatching(/^gone from its listing /),
      ]),
    );
    expect(events.some((e) => e.kind === 'restored')).toBe(true);
    const stats = await bundled.stats();
    expect(stats.articles).toBe(66);
  });

  it('raises a deletion-spike flag on the purge day and no flag on the first crawl', async () => {
    const report = await coverageReport(bundled, {
      sourceId: DEMO_SOURCE_ID,
      from: '2026-11-09',
      to: '2026-11-30',
      today: '2026-12-05',
    });
    expect(report.flags.map((f) => [f.kind, f.day])).toEqual([['deletion-spike', '2026-11-24']]);
  });
});
