/**
 * The reader archive (reader-archive.ts) with a history, written through the real import and store API:
 *
 * - the seed article edited three times: a body edit (from the reader archive), a cosmetic edit;
 * - the hostile article (`<script>` title) edited in its body, that edit turned into one archived before
 *   classification was stored (change null, as store migration 4 leaves them), then removed from its
 *   source for a hostile reason;
 * - a purge: five kcna-co-jp-en articles removed on the day before TODAY (a deletion spike), one of
 *   them re-appearing on TODAY.
 *
 * Ten events in all. The corpus slice's flash and the full story after it ("Kim Jong Il Commands
 * Flying Exercises …") are two articles, not an edit (docs/data-model.md, "Flash and full story").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createApp } from '../../src/server/app.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { SEED } from './archive.js';
import { HOSTILE, readerArchive } from './reader-archive.js';

export const TODAY = '2026-12-10';
export const SPIKE_DAY = '2026-12-09';
export const HOSTILE_REASON =
  'gone from its listing http://hostile.test/list?<script>alert(9)</script>';

async function remove(store: ArchiveStore, id: string, at: string, reason: string): Promise<void> {
  const a = (await store.getArticle(id))!;
  await store.updateArticle({ ...a, status: 'deleted', removedAt: at });
  await store.insertEvent({
    articleId: id,
    sourceId: a.sourceId,
    at,
    kind: 'deleted',
    versionSeq: null,
    change: null,
    editSize: null,
    reason,
    captureSha256: null,
  });
}

export async function changesArchive(dir: string) {
  const archive = await readerArchive(dir);
  const { store } = archive;

  const cosmetic = join(dir, 'seed-cosmetic.txt');
  writeFileSync(
    cosmetic,
    readFileSync(SEED, 'utf8').replace(
      'launch a dynamic joint struggle',
      'launch a vigorous  joint struggle,',
    ),
  );
  await archive.import([cosmetic], { now: () => '2026-12-08T06:00:00.000Z' });

  const [first] = readFileSync(HOSTILE, 'utf8').split('\n');
  const record = JSON.parse(first!);
  const edited = join(dir, 'hostile-edited.jsonl');
  writeFileSync(
    edited,
    `${JSON.stringify({ ...record, body: record.body.replace('Second paragraph', 'Second <svg onload=alert(2)> paragraph') })}\n`,
  );
  await archive.import([edited], { now: () => '2026-12-07T09:00:00.000Z' });
  const hostile = (await store.listArticles({ limit: 1000 })).items.find(
    (a) => a.versionCount === 2 && a.title?.includes('<script>'),
  )!;
  // What migration 4 leaves for an edit archived before events: no class, no size.
  const db = new Database(archive.path);
  db.prepare(
    'UPDATE article_events SET change = NULL, edit_size = NULL WHERE article_id = ? AND kind = ?',
  ).run(hostile.id, 'edit');
  db.close();
  await remove(store, hostile.id, `${TODAY}T03:00:00.000Z`, HOSTILE_REASON);

  const purged = (await store.listArticles({ sourceId: 'kcna-co-jp-en', limit: 5 })).items;
  for (const [i, a] of purged.entries())
    await remove(store, a.id, `${SPIKE_DAY}T0${i}:15:00.000Z`, 'HTTP 404');
  const back = (await store.getArticle(purged[0]!.id))!;
  await store.updateArticle({ ...back, status: 'live', removedAt: null });
  await store.insertEvent({
    articleId: back.id,
    sourceId: back.sourceId,
    at: `${TODAY}T02:00:00.000Z`,
    kind: 'restored',
    versionSeq: null,
    change: null,
    editSize: null,
    reason: 'HTTP 200',
    captureSha256: null,
  });

  const seed = (await store.listArticles({ sourceId: 'kcna-kp-en', status: 'live' })).items[0]!;
  const app = createApp({ store, publicUrl: 'http://wirewatch.test', today: () => TODAY });
  return { ...archive, app, seed, hostile, purged, restored: back };
}
