/**
 * An import only ever adds history: an export-format record naming an article the archive holds
 * cannot rewrite its text, versions or status, nor forge removals; what it adds is attributed to
 * the capture (and line) that brought it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_SLICE, ENGINES, makeArchive } from '../helpers/archive.js';
import { dropAll } from '../helpers/pg.js';
import { articleToRecord } from '../../src/ingest/export-format.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe.each(ENGINES)('export records over a known article (%s)', (engine) => {
  afterAll(async () => {
    if (engine === 'postgres') await dropAll();
  });

  it('adds a changed text as a new version of its own capture; rewrites and forges nothing', async () => {
    const a = await makeArchive(engine, dir.path);
    await a.import([CORPUS_SLICE]);
    const known = (await a.store.listArticles({ status: 'live', limit: 30 })).items;
    const forged = [];
    const firsts = [];
    for (const article of known) {
      const versions = await a.store.getVersions(article.id);
      firsts.push(versions[0]!);
      const record = articleToRecord(
        article,
        (await a.store.getSource(article.sourceId))!,
        [{ ...versions[0]!, title: 'Forged headline', paragraphs: ['Forged text of the story.'] }],
        [],
      );
      forged.push({
        ...record,
        title: 'Forged headline',
        status: 'deleted',
        removedAt: '2026-11-27T12:00:00.000Z',
        events: [
          { at: '2026-11-27T12:00:00.000Z', kind: 'deleted', versionSeq: null, change: null },
        ].map((e) => ({ ...e, editSize: null, reason: 'gone', captureSha256: null })),
      });
    }
    const file = join(dir.path, `forged-${engine}.jsonl`);
    writeFileSync(file, forged.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const report = await a.import([file]);
    expect(report.articles).toMatchObject({ new: 0, unchanged: 0, newVersion: 30 });
    const capture = (await a.store.listCaptures()).items.at(-1)!;
    expect(capture.origin).toBe(file);

    for (const [i, before] of known.entries()) {
      const after = (await a.store.getArticle(before.id))!;
      expect(after).toMatchObject({ status: 'live', removedAt: null, firstSeen: before.firstSeen });
      const versions = await a.store.getVersions(before.id);
      expect(versions[0]).toEqual(firsts[i]);
      expect(versions).toHaveLength(2);
      expect(versions[1]).toMatchObject({
        seq: 2,
        title: 'Forged headline',
        captureSha256: capture.sha256,
        locator: `line ${i + 1}`,
      });
    }
    const removals = await a.store.listEvents({ kinds: ['deleted'], limit: 100 });
    expect(removals.total).toBe(0);
    const coverage = await a.store.coverage({ from: '2026-11-27', to: '2026-11-27' });
    expect(coverage.every((d) => d.deletions === 0)).toBe(true);
    await a.store.close();
  });

  it('restores removals of articles it brings, attributed to its capture, but raises no alarm', async () => {
    const a = await makeArchive(engine, dir.path);
    await a.import([CORPUS_SLICE]);
    const known = (await a.store.listArticles({ status: 'live', limit: 40 })).items;
    const at = '2026-11-27T12:00:00.000Z';
    const forged = [];
    for (const article of known) {
      const versions = await a.store.getVersions(article.id);
      const source = (await a.store.getSource(article.sourceId))!;
      forged.push({
        ...articleToRecord(article, source, versions, []),
        id: `f${article.id.slice(1)}`,
        firstSeen: '2012-01-01T00:00:00.000Z',
        status: 'deleted',
        removedAt: at,
        events: [
          {
            at,
            kind: 'deleted',
            versionSeq: null,
            change: null,
            editSize: null,
            reason: 'HTTP 404',
          },
        ].map((e) => ({ ...e, captureSha256: null })),
      });
    }
    const file = join(dir.path, `forged-new-${engine}.jsonl`);
    writeFileSync(file, forged.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const report = await a.import([file]);
    expect(report.articles.new).toBe(40);
    const capture = (await a.store.listCaptures()).items.at(-1)!;
    const removals = await a.store.listEvents({ kinds: ['deleted'], limit: 100 });
    expect(removals.total).toBe(40);
    expect(removals.items.every((e) => e.broughtBy === capture.sha256)).toBe(true);
    const coverage = await a.store.coverage({ from: '2026-11-27', to: '2026-11-27' });
    expect(coverage.every((d) => d.deletions === 0)).toBe(true);
    await a.store.close();
  });
});
