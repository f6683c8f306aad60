import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { articleToRecord, sourceToRecord } from '../../ingest/export-format.js';
import type { ArchiveStore } from '../../store/types.js';
import { printJson } from '../output.js';
import { withStore, type GlobalFlags } from '../open-store.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the whole archive as JSONL: sources, then articles with every version and listing entry')
    .option('--out <file>', 'write to this file instead of standard output')
    .addHelpText('after', `
The export is lossless: \`wirewatch import\` of it into an empty archive gives the same articles (same ids)
and versions. With --json and --out, a summary {"sources", "articles", "versions", "out"} is printed.`)
    .action(async (_flags: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as GlobalFlags & { out?: string };
      const out: Writable = f.out ? createWriteStream(f.out) : process.stdout;
      const counts = await withStore(f, (store) => exportArchive(store, out));
      if (f.out) {
        out.end();
        await once(out, 'finish');
        if (f.json) printJson({ ...counts, out: f.out });
        else process.stderr.write(`exported ${counts.articles} articles (${counts.versions} versions) of ${counts.sources} sources to ${f.out}\n`);
      }
    });
}

export async function exportArchive(store: ArchiveStore, out: Writable): Promise<{ sources: number; articles: number; versions: number }> {
  const write = async (value: unknown) => {
    if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
  };
  const sources = await store.listSources();
  for (const s of sources) await write(sourceToRecord({ id: s.id, name: s.name, language: s.language, label: s.label }));
  const byId = new Map(sources.map((s) => [s.id, { id: s.id, name: s.name, language: s.language, label: s.label }]));
  let articles = 0;
  let versions = 0;
  for await (const a of store.iterateArticles()) {
    const v = await store.getVersions(a.id);
    const listings = await store.listListingEntries({ articleId: a.id });
    const events = (await store.listEvents({ articleId: a.id, limit: 100_000 })).items.reverse()
      .map(({ title: _t, url: _u, status: _s, ...e }) => e);
    await write(articleToRecord(a, byId.get(a.sourceId)!, v, listings, events));
    articles++;
    versions += v.length;
  }
  return { sources: sources.length, articles, versions };
}
