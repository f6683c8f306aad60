/**
 * One article with several versions whose texts share little: what a crawler's re-fetches of the
 * article's own URL give (the URL is the evidence they are one article). An import of such texts
 * gives separate articles (docs/data-model.md), so tests of long diffs build them through the
 * reconciler the way the crawled-page step does, each text from a capture of its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureFile } from '../../src/capture/capture-file.js';
import { extractJsonlRecord } from '../../src/extract/jsonl-record.js';
import { resolveSource } from '../../src/model/sources.js';
import { applyArticle } from '../../src/reconcile/apply.js';
import type { ArchiveStore, StoredArticle } from '../../src/store/types.js';

export async function articleWithVersions(
  store: ArchiveStore,
  dir: string,
  record: { source: string; language: string } & Record<string, string>,
  bodies: string[],
): Promise<string> {
  const source = resolveSource(record.source, record.language)!;
  await store.upsertSource(source);
  let known: StoredArticle | null = null;
  for (const [i, body] of bodies.entries()) {
    const path = join(dir, `version-${Date.now()}-${i}.jsonl`);
    writeFileSync(path, `${JSON.stringify({ ...record, body })}\n`);
    const captured = await captureFile(store, path, {
      format: 'auto',
      options: {},
      capturedAt: `2026-11-2${i}T00:00:00.000Z`,
    });
    if ('error' in captured) throw new Error(captured.error);
    const extracted = extractJsonlRecord({ ...record, body });
    if ('error' in extracted) throw new Error(extracted.error);
    const at = {
      captureSha256: captured.capture.sha256,
      locator: 'line 1',
      seenAt: captured.capture.capturedAt,
    };
    const { articleId } = await applyArticle(
      store,
      source.id,
      extracted.article,
      at,
      undefined,
      known,
    );
    await store.finishCapture(captured.capture, null, { processedAt: at.seenAt, errors: [] });
    known = await store.getArticle(articleId);
  }
  await store.search.refresh();
  return known!.id;
}
