/**
 * One archive for the reader tests (API and feeds): the first 400 corpus stories, the seed page with its
 * teaser list, an edited seed (a second version), a republished copy of the first story under another
 * source (a near-duplicate story), and hostile titles and bodies (test/fixtures/jsonl/hostile.jsonl).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../src/server/app.js';
import { CORPUS_SLICE, SEED, freshArchive } from './archive.js';

export const HOSTILE = new URL('../fixtures/jsonl/hostile.jsonl', import.meta.url).pathname;

export async function readerArchive(dir: string) {
  const a = freshArchive(dir);
  const record = JSON.parse(readFileSync(CORPUS_SLICE, 'utf8').split('\n')[0]!);
  const copy = join(dir, 'copy.jsonl');
  writeFileSync(
    copy,
    `${JSON.stringify({ ...record, source: 'Naenara (En)', body: `${record.body.replace('great socio-economic', 'big socio-economic')}\n\nKCNA` })}\n`,
  );
  const edited = join(dir, 'seed-edited.txt');
  writeFileSync(
    edited,
    readFileSync(SEED, 'utf8').replace(
      'launch a dynamic joint struggle',
      'launch a vigorous joint struggle',
    ),
  );
  await a.import([CORPUS_SLICE, copy, SEED, HOSTILE]);
  await a.import([edited]);
  const app = createApp({ store: a.store, publicUrl: 'http://wirewatch.test' });
  return { ...a, app, firstTitle: record.title as string };
}
