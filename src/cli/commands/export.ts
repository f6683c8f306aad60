import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { articleToRecord, sourceToRecord } from '../../ingest/export-format.js';
import type { ArchiveStore } from '../../store/types.js';
import { articleHistory } from '../../export/export-articles.js';
import { exportWarc, type WarcExportCounts } from '../../capture/export-warc.js';
import { printJson, printText, UsageError } from '../output.js';
import { withStore, type GlobalFlags } from '../open-store.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'write the whole archive as JSONL (sources, then articles with every version and listing entry), or its crawled exchanges as WARC',
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .option(
      '--warc <file>',
      'write every crawled or imported HTTP exchange as WARC/1.1 records to this .warc.gz file',
    )
    .addHelpText(
      'after',
      `
The export is lossless: \`wirewatch import\` of it into an empty archive gives the same articles (same ids)
and versions. With --json and --out, a summary {"sources", "articles", "versions", "out"} is printed.

--warc writes the stored WARC records of every exchange, oldest first, each capture preceded by a
metadata record with its time and options; \`wirewatch import FILE.warc.gz\` gives back the same captures,
hence the same articles. With --json, a summary {"file", "captures", "records", "bytes"} is printed.`,
    )
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as GlobalFlags & { out?: string; warc?: string };
      if (f.warc !== undefined) {
        await exportWarcFile(f, f.warc);
        return;
      }
      const out: Writable = f.out ? createWriteStream(f.out) : process.stdout;
      const counts = await withStore(f, (store) => exportArchive(store, out));
      if (f.out) {
        out.end();
        await once(out, 'finish');
        if (f.json) printJson({ ...counts, out: f.out });
        else
          printText(
            `exported ${counts.articles} articles (${counts.versions} versions) of ${counts.sources} sources to ${f.out}\n`,
            process.stderr,
          );
      }
    });
}

/**
 * Writes beside the target and renames when complete, so a failed or interrupted export never leaves a
 * file that looks whole (a `.warc.gz` cut between two gzip members would read as a valid, shorter WARC).
 */
async function exportWarcFile(f: GlobalFlags & { out?: string }, file: string): Promise<void> {
  if (f.out !== undefined)
    throw new UsageError('--warc and --out are two different exports; give one of them');
  if (file === '' || file === '-')
    throw new UsageError(
      '--warc needs a file name (standard output is not supported: the file is written whole, then renamed)',
    );
  const partial = `${file}.part`;
  const out = createWriteStream(partial);
  let counts: WarcExportCounts;
  try {
    await once(out, 'open');
    counts = await withStore(f, (store) => exportWarc(store, out));
    out.end();
    await once(out, 'finish');
    await rename(partial, file);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  if (f.json) printJson({ file, ...counts });
  else
    printText(
      `exported ${counts.captures} exchange(s), ${counts.records} WARC record(s), ${counts.bytes} bytes to ${file}\n`,
      process.stderr,
    );
}

export async function exportArchive(
  store: ArchiveStore,
  out: Writable,
): Promise<{ sources: number; articles: number; versions: number }> {
  const write = async (value: unknown) => {
    if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
  };
  const sources = await store.listSources();
  for (const s of sources)
    await write(sourceToRecord({ id: s.id, name: s.name, language: s.language, label: s.label }));
  const byId = new Map(
    sources.map((s) => [s.id, { id: s.id, name: s.name, language: s.language, label: s.label }]),
  );
  let articles = 0;
  let versions = 0;
  for await (const a of store.iterateArticles()) {
    const history = await articleHistory(store, a.id);
    const v = history.versions;
    await write(articleToRecord(a, byId.get(a.sourceId)!, v, history.listings, history.events));
    articles++;
    versions += v.length;
  }
  return { sources: sources.length, articles, versions };
}
