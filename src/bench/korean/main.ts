/**
 * `npm run bench -- --only korean`: does Korean search find a word inside its inflected forms and
 * compounds, and only there? The paragraphs of the two CC0 New Year texts of ../shared/fixtures/korean
 * are imported as JSONL into a fresh wirewatch archive and into two FTS5 peers built the usual way
 * (`unicode61`: whole words, and the same with a prefix query `word*`, the common workaround), then
 * each query of ./judgements.ts is run on all three and scored against the hand judgements.
 *
 *   node dist/bench/korean/main.js [--json] [--fixtures DIR]
 */
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPaths } from '../../pipeline/import.js';
import { searchArchive } from '../../search/search.js';
import { SqliteStore } from '../../store/sqlite/index.js';
import { KOREAN_QUERIES } from './judgements.js';

const DEFAULT_FIXTURES = fileURLToPath(
  new URL('../../../../shared/fixtures/korean/', import.meta.url),
);
const SPEECH_2019 =
  'speech-newyear__e9t-north-korea-new-years-speechs__2019-kim-jong-un-address.txt';
const EDITORIAL_2002 =
  'speech-newyear__e9t-north-korea-new-years-speechs__2002-joint-editorial.txt';

interface Paragraph {
  id: string;
  text: string;
}

function option(name: string): string | null {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? null) : null;
}

/** The documents: paragraphs of the 2019 address, and of the 2002 editorial from `원 문` on. */
function paragraphs(dir: string): Paragraph[] {
  const address = readFileSync(join(dir, SPEECH_2019), 'utf8');
  const editorial = readFileSync(join(dir, EDITORIAL_2002), 'utf8').split('원 문')[1] ?? '';
  const out: Paragraph[] = [];
  for (const [name, text] of [
    ['2019', address],
    ['2002', editorial],
  ] as const) {
    text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .forEach((p, i) => out.push({ id: `${name}-${i + 1}`, text: p }));
  }
  return out;
}

const HANGUL_WORD = /[\uac00-\ud7af]+/gu;

/** The relevant paragraphs of a query: one of its words holds the query and is not a listed non-form. */
function relevant(docs: Paragraph[], query: string, notForms: readonly string[]): Set<string> {
  const excluded = new Set(notForms);
  return new Set(
    docs
      .filter((d) =>
        (d.text.match(HANGUL_WORD) ?? []).some((w) => w.includes(query) && !excluded.has(w)),
      )
      .map((d) => d.id),
  );
}

interface Score {
  hits: number;
  truePositives: number;
  precision: number | null;
  recall: number | null;
}

function score(found: Set<string>, wanted: Set<string>): Score {
  const tp = [...found].filter((id) => wanted.has(id)).length;
  return {
    hits: found.size,
    truePositives: tp,
    precision: found.size ? tp / found.size : null,
    recall: wanted.size ? tp / wanted.size : null,
  };
}

async function wirewatchEngine(dir: string, docs: Paragraph[]) {
  const file = join(dir, 'paragraphs.jsonl');
  writeFileSync(
    file,
    docs
      .map((d) =>
        JSON.stringify({
          source: 'New Year texts (Ko)',
          language: 'ko',
          title: d.id,
          body: d.text,
          url: `https://example.org/newyear/${d.id}`,
        }),
      )
      .join('\n'),
  );
  const store = new SqliteStore(join(dir, 'archive.db'));
  await importPaths(store, [file], { format: 'auto', now: () => '2026-12-06T00:00:00.000Z' });
  return {
    store,
    search: async (query: string): Promise<Set<string>> => {
      const found = new Set<string>();
      for (let offset = 0; ; offset += 100) {
        const page = await searchArchive(store, { query, limit: 100, offset, snippets: false });
        for (const hit of page.hits) found.add(hit.url?.split('/').pop() ?? '');
        if (page.hits.length < 100) return found;
      }
    },
  };
}

function ftsEngine(docs: Paragraph[]) {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize = 'unicode61')`);
  const insert = db.prepare('INSERT INTO docs (id, body) VALUES (?, ?)');
  for (const d of docs) insert.run(d.id, d.text);
  const select = db.prepare('SELECT id FROM docs WHERE docs MATCH ?');
  const run = (match: string) =>
    new Set((select.all(match) as Array<{ id: string }>).map((r) => r.id));
  return {
    word: (query: string) => run(`"${query}"`),
    prefix: (query: string) => run(`"${query}"*`),
    close: () => db.close(),
  };
}

interface Row {
  query: string;
  meaning: string;
  relevant: number;
  wirewatch: Score;
  ftsWord: Score;
  ftsPrefix: Score;
}

function macro(rows: Row[], engine: 'wirewatch' | 'ftsWord' | 'ftsPrefix') {
  const tp = rows.reduce((s, r) => s + r[engine].truePositives, 0);
  const hits = rows.reduce((s, r) => s + r[engine].hits, 0);
  const wanted = rows.reduce((s, r) => s + r.relevant, 0);
  const precision = hits ? tp / hits : 0;
  const recall = wanted ? tp / wanted : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

const pct = (v: number | null) => (v === null ? '  —  ' : `${(v * 100).toFixed(0).padStart(3)} %`);

async function main(): Promise<void> {
  const fixtures = option('--fixtures') ?? DEFAULT_FIXTURES;
  const docs = paragraphs(fixtures);
  const dir = await mkdtemp(join(tmpdir(), 'ww-bench-korean-'));
  try {
    const ours = await wirewatchEngine(dir, docs);
    const fts = ftsEngine(docs);
    const rows: Row[] = [];
    for (const q of KOREAN_QUERIES) {
      const wanted = relevant(docs, q.query, q.notForms);
      rows.push({
        query: q.query,
        meaning: q.meaning,
        relevant: wanted.size,
        wirewatch: score(await ours.search(q.query), wanted),
        ftsWord: score(fts.word(q.query), wanted),
        ftsPrefix: score(fts.prefix(q.query), wanted),
      });
    }
    fts.close();
    await ours.store.close();
    const totals = {
      wirewatch: macro(rows, 'wirewatch'),
      ftsWord: macro(rows, 'ftsWord'),
      ftsPrefix: macro(rows, 'ftsPrefix'),
    };
    const report = { documents: docs.length, queries: rows.length, rows, totals };
    if (process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(
      `machine: ${cpu}, ${cpus().length} cores; Node ${process.version}; ${new Date().toISOString()}; load ${loadavg()[0]!.toFixed(2)}\n` +
        `Korean search: ${docs.length} paragraphs of the 2019 and 2002 New Year texts, ${rows.length} judged queries\n\n` +
        `query      relevant   wirewatch P / R     FTS5 word P / R    FTS5 prefix P / R\n`,
    );
    for (const r of rows) {
      process.stdout.write(
        `${r.query.padEnd(8, '\u3000')} ${String(r.relevant).padStart(5)}      ` +
          `${pct(r.wirewatch.precision)} / ${pct(r.wirewatch.recall)}     ` +
          `${pct(r.ftsWord.precision)} / ${pct(r.ftsWord.recall)}     ` +
          `${pct(r.ftsPrefix.precision)} / ${pct(r.ftsPrefix.recall)}\n`,
      );
    }
    process.stdout.write('\nall queries (micro)   precision  recall  F1\n');
    for (const [name, t] of Object.entries(totals)) {
      process.stdout.write(
        `${name.padEnd(20)}  ${pct(t.precision)}    ${pct(t.recall)}  ${t.f1.toFixed(3)}\n`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
