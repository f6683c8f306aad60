import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/import.js';
import { searchArchive } from '../../src/search/search.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { FOLD_EVERY, migrations } from '../../src/store/postgres/migrations.js';
import type { MatchCandidates, MatchRequest, StoredArticle } from '../../src/store/types.js';
import { matchRequest } from '../../src/reconcile/apply.js';
import { prepareLine } from '../../src/ingest/prepare-line.js';
import { DEFAULT_LIMITS } from '../../src/config.js';
import {
  dropAll,
  freshPgStore,
  freshSchema,
  PG_URL,
  requirePostgres,
  withClient,
} from '../helpers/pg.js';
import { CORPUS_SLICE } from '../helpers/archive.js';
import { tempDir } from '../helpers/tmp.js';
import { dies, HALF_WRITTEN } from '../helpers/half-written.js';
import { storeContract } from './contract.js';
import { frontierContract } from './frontier-contract.js';
import { peopleContract } from './people-contract.js';
import { accountsContract } from './accounts-contract.js';

const tmp = tempDir();
beforeAll(requirePostgres);
afterAll(async () => {
  tmp.cleanup();
  await dropAll();
});

storeContract('postgres', freshPgStore);
frontierContract('postgres', freshPgStore);
peopleContract('postgres', freshPgStore);
accountsContract('postgres', freshPgStore);

const source = { id: 'kcna-kp-en', name: 'KCNA.kp', language: 'en', label: 'KCNA.kp (En)' };

function article(id: string, title = `Title ${id}`): StoredArticle {
  return {
    id,
    sourceId: source.id,
    url: null,
    title,
    dateline: null,
    published: { year: 2012, month: 3, day: 1, basis: 'record' },
    language: 'en',
    paragraphs: [],
    teaser: null,
    status: 'live',
    storyId: id,
    versionCount: 0,
    firstSeen: '2026-01-01T00:00:00.000Z',
    lastSeen: '2026-01-01T00:00:00.000Z',
    removedAt: null,
    flags: [],
    keys: {
      leadKey: `lead ${id}`,
      titleKey: `title ${id}`,
      bodyHash: `body-${id}`,
      signature: Buffer.alloc(256, 3),
    },
  };
}

const capture = {
  sha256: 'd'.repeat(64),
  origin: 'z.txt',
  capturedAt: '2026-01-01T00:00:00.000Z',
  mediaType: 'text/plain',
  kind: 'text-page' as const,
  size: 6,
  storedEncoding: 'identity' as const,
  options: {},
  processedAt: null,
  errors: [],
};

async function* slowChunks(...parts: string[]) {
  for (const p of parts) {
    await new Promise((r) => setTimeout(r, 20));
    yield Buffer.from(p);
  }
}

/** Two stores (two pools, as two workers have) on one fresh schema, closed after `fn`. */
async function withTwoStores(
  fn: (a: PostgresStore, b: PostgresStore) => Promise<void>,
): Promise<void> {
  const schema = freshSchema();
  const [a, b] = await Promise.all([
    PostgresStore.open(PG_URL, { schema }),
    PostgresStore.open(PG_URL, { schema }),
  ]);
  try {
    await fn(a, b);
  } finally {
    await a.close();
    await b.close();
  }
}

describe('postgres engine', () => {
  it('looks up the candidates of many texts in one statement as it does one by one', async () => {
    const store = await freshPgStore();
    try {
      await importPaths(store, [CORPUS_SLICE], { format: 'auto' });
      // The slice's lines again, and each once more with a headline cut short, a new lead and no date:
      // every kind of candidate (by key, by cut headline, by story) is asked for.
      const lines = readFileSync(CORPUS_SLICE, 'utf8').trim().split('\n');
      const requests: MatchRequest[] = [];
      const defaults = { sourceLabel: null, language: null, limits: DEFAULT_LIMITS.import };
      const { sourceId } = (await store.listArticles({ limit: 1 })).items[0]!;
      lines.forEach((text, i) => {
        const line = prepareLine(i + 1, Buffer.from(text), true, defaults);
        if (line.kind !== 'record') return;
        const request = matchRequest(sourceId, line.article, line.prepared);
        requests.push(request, {
          ...request,
          leadKey: `${request.leadKey} again`,
          date: { year: null, month: null, day: null, basis: 'unknown' },
          titleKey: `${request.titleKey} and more words`,
          prefixFloor: 5,
        });
      });
      // Headlines cut short, as aggregators show them, for the first 50.
      for (const [i, r] of requests.slice(0, 100).entries())
        if (i % 2 === 0 && r.titleKey)
          await store.insertArticle({
            ...article(`cut-${i}`, 'A headline cut short…'),
            sourceId,
            keys: {
              leadKey: null,
              titleKey: r.titleKey.slice(0, 20),
              bodyHash: null,
              signature: null,
            },
          });
      const many = await store.findMatchCandidatesMany(requests);
      const one: MatchCandidates[] = [];
      for (const r of requests) one.push(await store.findMatchCandidates(r));
      expect(many).toEqual(one);
      const found = (kind: 'byKeys' | 'byTitlePrefix') => one.filter((c) => c[kind].length).length;
      expect(found('byKeys')).toBeGreaterThan(300);
      expect(found('byTitlePrefix')).toBeGreaterThan(40);
      expect(one.filter((c) => c.story?.length).length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('keeps the new articles of a write transaction back and inserts them together before its next statement', async () => {
    const store = await freshPgStore();
    try {
      await store.upsertSource(source);
      await store.insertArticle(article('held'));
      const ask = (id: string): MatchRequest => ({
        sourceId: source.id,
        leadKey: `lead ${id}`,
        titleKey: `title ${id}`,
        date: article(id).published,
        prefixFloor: null,
        story: null,
        newId: id,
      });
      const version = (id: string) => ({
        articleId: id,
        seq: 1,
        contentHash: `hash ${id}`,
        title: `Title ${id}`,
        paragraphs: ['One.', 'Two.'],
        firstSeen: '2026-01-01T00:00:00.000Z',
        lastSeen: '2026-01-01T00:00:00.000Z',
        captureSha256: 'c'.repeat(64),
        locator: 'line 1',
      });
      await store.transaction(async () => {
        await store.prefetchMatchCandidates([ask('n1'), ask('n2'), ask('held')]);
        expect(
          await store.insertArticle(
            { ...article('n1'), versionCount: 1 },
            {
              version: version('n1'),
              people: null,
            },
          ),
        ).toBe(true);
        expect(await store.insertArticle(article('n2'))).toBe(true);
        // Read free, but taken since: the id is asked of the server again.
        expect(await store.insertArticle(article('n2'))).toBe(false);
        // Taken when read: not kept back, and found taken.
        expect(await store.insertArticle(article('held'))).toBe(false);
        expect((await store.getArticle('n1'))?.title).toBe('Title n1');
      });
      expect((await store.getVersions('n1')).map((v) => v.paragraphs)).toEqual([['One.', 'Two.']]);
      expect(await store.people.pendingCount()).toBe(1);
      const story = await store.findStoryCandidates(null, Buffer.alloc(256, 3));
      expect(story.map((c) => c.id).sort()).toEqual(['held', 'n1', 'n2']);
      // A kept-back insert that fails fails its transaction: nothing of it stays.
      const orphan = { ...article('n3'), sourceId: 'no-such-source' };
      await expect(
        store.transaction(async () => {
          await store.prefetchMatchCandidates([ask('n3'), ask('n4')]);
          expect(await store.insertArticle(orphan)).toBe(true);
        }),
      ).rejects.toThrow(/foreign key/);
      expect(await store.getArticle('n3')).toBeNull();
      expect((await store.stats()).articles).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('keeps the vocabulary equal to the words of the stored vectors, through edits and texts past the last position', async () => {
    const schema = freshSchema();
    const store = await PostgresStore.open(PG_URL, { schema });
    const vocabulary = () =>
      withClient(async (c) => {
        const sql = (from: string) => `SELECT term, docs, cnt FROM (${from}) v ORDER BY term`;
        const kept = await c.query(sql(`SELECT term, docs, cnt FROM ${schema}.search_vocab`));
        const counted = await c.query(
          sql(`SELECT u.lexeme AS term, count(*)::int AS docs,
            sum(coalesce(array_length(u.positions, 1), 1))::int AS cnt
            FROM ${schema}.search_docs d, unnest(d.tsv) u GROUP BY u.lexeme`),
        );
        return { kept: kept.rows, counted: counted.rows };
      });
    try {
      // A body past position 16383 whose last words repeat: the server merges their last positions.
      const filler = Array.from({ length: 16_400 }, (_, i) => `w${i}`).join(' ');
      const words = `${filler} tail end tail end tail`;
      const record = (body: string) =>
        JSON.stringify({
          source: 'KCNA (kcna.co.jp)',
          published: '2011-12-05',
          title: 'Long',
          body,
        });
      const long = join(tmp.path, 'long.jsonl');
      writeFileSync(long, `${record(words)}\n`);
      await importPaths(store, [CORPUS_SLICE, long], { format: 'auto' });
      const first = await vocabulary();
      expect(first.kept.length).toBeGreaterThan(1000);
      expect(first.kept).toEqual(first.counted);
      // A new version of the long text takes its old words out of the counts and its new ones in.
      const edited = join(tmp.path, 'edited.jsonl');
      writeFileSync(edited, `${record(`${words} and one more sentence`)}\n`);
      await importPaths(store, [edited], { format: 'auto' });
      const second = await vocabulary();
      expect(second.kept).toEqual(second.counted);
      expect(second.kept).not.toEqual(first.kept);
    } finally {
      await store.close();
    }
  });

  it('applies records repeated in the next prepared batch once, the second time as known', async () => {
    const store = await freshPgStore();
    try {
      // Lines 257–300 repeat lines 201–244: the second prepared batch (lines 257 on) is asked for
      // before the first is applied.
      const lines = readFileSync(CORPUS_SLICE, 'utf8').trim().split('\n').slice(0, 256);
      const path = join(tmp.path, 'repeats.jsonl');
      writeFileSync(path, `${[...lines, ...lines.slice(200, 244)].join('\n')}\n`);
      const report = await importPaths(store, [path], { format: 'auto' });
      expect(report.rejected).toBe(0);
      expect(report.articles.new + report.articles.unchanged).toBe(300);
      expect(report.articles.unchanged).toBeGreaterThanOrEqual(44);
      expect((await store.stats()).articles).toBe(report.articles.new);
    } finally {
      await store.close();
    }
  });

  it('weighs an article kept back while a read was on its way against that read', async () => {
    const store = await freshPgStore();
    try {
      await store.upsertSource(source);
      const ask = (id: string): MatchRequest => ({
        sourceId: source.id,
        leadKey: `lead ${id}`,
        titleKey: `title ${id}`,
        date: article(id).published,
        prefixFloor: null,
        story: null,
        newId: id,
      });
      await store.transaction(async () => {
        await store.prefetchMatchCandidates([ask('x1'), ask('x2')]);
        const onItsWay = store.prefetchMatchCandidates([ask('n1'), ask('n2')]);
        // Kept back (its id was read free), so the server inserts it after that read.
        const x1 = article('x1');
        expect(await store.insertArticle({ ...x1, keys: { ...x1.keys, leadKey: 'lead n1' } })).toBe(
          true,
        );
        await onItsWay;
        const found = await store.findMatchCandidates(ask('n1'));
        expect(found.byKeys.map((a) => a.id)).toEqual(['x1']);
      });
    } finally {
      await store.close();
    }
  });

  it('drops a capture left half-written once no session writes it', async () => {
    const store = await freshPgStore();
    await expect(store.putCapture(HALF_WRITTEN, dies())).rejects.toThrow('killed');
    expect((await store.stats()).unprocessedCaptures).toBe(1);
    expect(await store.dropAbandonedCaptures()).toBe(1);
    expect(await store.getCapture(HALF_WRITTEN)).toBeNull();
    expect((await store.stats()).unprocessedCaptures).toBe(0);
    await store.close();
  });

  it('two stores (two pools) inserting the same article at once: one wins, no error, one band set', async () => {
    await withTwoStores(async (a, b) => {
      await a.upsertSource(source);
      await b.upsertSource(source);
      const results = await Promise.all([
        a.insertArticle(article('x1', 'from a')),
        b.insertArticle(article('x1', 'from b')),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results[0] ? 'from a' : 'from b';
      expect((await b.getArticle('x1'))?.title).toBe(winner);
      expect((await a.findStoryCandidates(null, Buffer.alloc(256, 3))).map((c) => c.id)).toEqual([
        'x1',
      ]);
      expect((await a.stats()).articles).toBe(1);
    });
  });

  it('two stores (two workers) linking the same days at once take turns: no duplicate key', async () => {
    await withTwoStores(async (a, b) => {
      await a.upsertSource(source);
      await a.insertArticle(article('en1', 'Factory fulfils its plan'));
      await a.insertArticle({ ...article('es1', 'Fábrica cumple su plan'), language: 'es' });
      const link = { articleId: 'es1', otherId: 'en1', score: 0.9, onlyHere: [], onlyThere: [] };
      const replace = (store: PostgresStore) =>
        store.translations.replace('2012-03-01', '2012-03-01', [link]);
      // A writes its links and holds its transaction open a while (as over a month of days); B links
      // the same days meanwhile, and must not insert beside A's rows it cannot see yet.
      await Promise.all([
        a.transaction(async () => {
          await replace(a);
          await new Promise((r) => setTimeout(r, 300));
        }),
        new Promise((r) => setTimeout(r, 50)).then(() => replace(b)),
      ]);
      await Promise.all([replace(a), replace(b)]);
      expect((await b.translations.of('es1')).map((t) => t.otherId)).toEqual(['en1']);
      expect((await a.translations.of('en1')).map((t) => t.otherId)).toEqual(['es1']);
    });
  });

  it('two stores writing the same capture at once store it once, complete', async () => {
    await withTwoStores(async (a, b) => {
      await Promise.all([
        a.putCapture(capture, slowChunks('abc', 'def')),
        b.putCapture(capture, slowChunks('abc', 'def')),
      ]);
      const read: Buffer[] = [];
      for await (const c of b.readCaptureChunks(capture)) read.push(Buffer.from(c));
      expect(Buffer.concat(read).toString()).toBe('abcdef');
      expect(await a.getCapture(capture)).toMatchObject({ bytesComplete: true });
      expect((await a.stats()).captures).toBe(1);
    });
  });

  it('two stores writing one source at once do not wait for each other’s commit, and its figures add up', async () => {
    await withTwoStores(async (a, b) => {
      await a.upsertSource(source);
      // B writes articles of the same source while A holds a transaction that wrote some: a figure
      // kept in one row a source would hold B until A commits.
      let resolveB!: () => void;
      const bDone = new Promise<'b done'>((r) => {
        resolveB = () => r('b done');
      });
      const inA = a.transaction(async () => {
        for (let i = 0; i < FOLD_EVERY; i++) await a.insertArticle(article(`a${i}`));
        // A read sends the inserts kept back for the batch (article-batch.ts).
        expect(await a.getArticle('a0')).not.toBeNull();
        const waited = new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), 5000));
        return Promise.race([bDone, waited]);
      });
      await new Promise((r) => setTimeout(r, 100));
      for (let i = 0; i < FOLD_EVERY; i++) await b.insertArticle(article(`b${i}`));
      resolveB();
      expect(await inA).toBe('b done');
      expect((await a.listSources())[0]).toMatchObject({ articles: 2 * FOLD_EVERY });
      expect((await b.listSources())[0]).toMatchObject({ articles: 2 * FOLD_EVERY });
    });
  });

  it('folds the figures’ deltas as it goes: a few rows a source, however many writes', async () => {
    const schema = freshSchema();
    const store = await PostgresStore.open(PG_URL, { schema });
    try {
      await store.upsertSource(source);
      for (let i = 0; i < 5 * FOLD_EVERY; i++) await store.insertArticle(article(`f${i}`));
      const rows = await withClient(
        async (c) =>
          (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.source_figures`))
            .rows[0]!.n,
      );
      expect(rows).toBeLessThanOrEqual(FOLD_EVERY + 1);
      expect((await store.listSources())[0]).toMatchObject({ articles: 5 * FOLD_EVERY });
    } finally {
      await store.close();
    }
  });

  it('a transaction pins its own client: a concurrent caller outside it does not see its writes, nor joins it', async () => {
    const store = await freshPgStore();
    try {
      await store.upsertSource(source);
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let inside!: () => void;
      const started = new Promise<void>((r) => {
        inside = r;
      });
      const tx = store.transaction(async () => {
        await store.insertArticle(article('t1'));
        // Nested calls join: this sees the uncommitted row.
        await store.transaction(async () => expect(await store.getArticle('t1')).not.toBeNull());
        inside();
        await gate;
        throw new Error('boom');
      });
      await started;
      // Outside the transaction: its uncommitted row is invisible, and a write here commits on its own.
      expect(await store.getArticle('t1')).toBeNull();
      await store.insertListingEntry({
        sourceId: source.id,
        captureSha256: 'c'.repeat(64),
        position: 0,
        text: 'outside',
        dateline: null,
        published: { year: 2025, month: 1, day: 22, basis: 'listing' },
        link: null,
        articleId: 'zz',
      });
      release();
      await expect(tx).rejects.toThrow('boom');
      expect(await store.getArticle('t1')).toBeNull();
      expect((await store.stats()).listingEntries).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('keeps its data on reopen and runs no migration; records the schema version', async () => {
    const schema = freshSchema();
    const first = await PostgresStore.open(PG_URL, { schema });
    expect(first.migrated).toBe(migrations.length);
    await first.upsertSource(source);
    await first.insertArticle(article('r1'));
    await first.close();
    const again = await PostgresStore.open(PG_URL, { schema });
    try {
      expect(again.migrated).toBe(0);
      expect((await again.getArticle('r1'))?.title).toBe('Title r1');
      const { rows } = await withClient((c) =>
        c.query(`SELECT version FROM ${schema}.schema_version`),
      );
      expect(rows).toEqual([{ version: migrations.length }]);
    } finally {
      await again.close();
    }
  });

  it('indexes the articles of an archive from before search (schema 1) on the first refresh after upgrading', async () => {
    const schema = freshSchema();
    await withClient(async (c) => {
      await c.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`);
      await c.query(migrations[0]!);
      await c.query(`CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);
        INSERT INTO sources VALUES ('kcna-kp-en', 'KCNA.kp', 'en', 'KCNA.kp (En)');
        INSERT INTO articles (id, source_id, title, date_basis, status, story_id, first_seen, last_seen)
        VALUES ('old1', 'kcna-kp-en', 'Grain Harvest Report', 'unknown', 'live', 'old1', 'T', 'T'),
               ('old2', 'kcna-kp-en', 'Fishing Season Opens', 'unknown', 'live', 'old2', 'T', 'T')`);
    });
    const store = await PostgresStore.open(PG_URL, { schema });
    try {
      expect(store.migrated).toBe(migrations.length - 1);
      const first = await store.search.refresh();
      expect(first.changed).toHaveLength(2);
      expect((await store.search.match({ kind: 'any', tokens: ['harvest'] })).ids).toHaveLength(1);
      expect(await store.search.vocabulary('season', 10)).toEqual(['season']);

      // Only the columns search uses queue an article again: a new last-seen time does not.
      const old1 = (await store.getArticle('old1'))!;
      await store.updateArticle({ ...old1, lastSeen: '2026-01-02T00:00:00.000Z' });
      expect(await store.search.refresh()).toEqual({ generation: first.generation, changed: [] });
      await store.updateArticle({ ...old1, title: 'Maize Harvest Report' });
      const second = await store.search.refresh();
      expect(second).toEqual({ generation: first.generation + 1, changed: [first.changed[0]] });
      expect(await store.search.vocabulary('grain', 10)).toEqual([]);
      expect(
        (await store.search.match({ kind: 'title', expr: { kind: 'any', tokens: ['maize'] } })).ids,
      ).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('a search in one store while another imports waits its turn, and ends with what the import indexed', async () => {
    const schema = freshSchema();
    const [writer, reader] = await Promise.all([
      PostgresStore.open(PG_URL, { schema }),
      PostgresStore.open(PG_URL, { schema }),
    ]);
    try {
      // Three renamed copies of the slice: an import long enough to search while it runs.
      const records = readFileSync(CORPUS_SLICE, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const file = join(tmp.path, 'three.jsonl');
      writeFileSync(
        file,
        [0, 1, 2]
          .flatMap((k) =>
            records.map((r) =>
              JSON.stringify({ ...r, title: `[${k}] ${r.title}`, body: `Item ${k}. ${r.body}` }),
            ),
          )
          .join('\n') + '\n',
      );
      let importing = true;
      const imported = importPaths(writer, [file], {
        format: 'auto',
        now: () => '2026-11-28T00:00:00.000Z',
      }).finally(() => {
        importing = false;
      });
      const seen: number[] = [];
      while (importing) {
        seen.push((await searchArchive(reader, { query: 'Korea' })).total);
        await new Promise((r) => setTimeout(r, 25));
      }
      await imported;
      const final = (await searchArchive(reader, { query: 'Korea' })).total;
      expect(final).toBe((await searchArchive(writer, { query: 'Korea' })).total);
      expect(final).toBeGreaterThan(0);
      // Every search saw the index as some commit left it: never more than at the end, never less than before.
      expect(seen).toEqual([...seen].sort((x, y) => x - y));
      expect(seen.every((n) => n <= final)).toBe(true);
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it('analyzes the tables an import grew, whether autovacuum runs or not: lookups are planned from statistics', async () => {
    const schema = freshSchema();
    const store = await PostgresStore.open(PG_URL, { schema });
    const analyzed = () =>
      withClient(
        async (c) =>
          (
            await c.query<{ relname: string; reltuples: number }>(
              `SELECT relname, reltuples FROM pg_class WHERE relnamespace = $1::regnamespace AND relname IN ('articles', 'story_bands', 'versions')
       ORDER BY relname`,
              [schema],
            )
          ).rows,
      );
    try {
      // Never analyzed before the import (-1; an index built on the empty table leaves 0).
      expect((await analyzed()).every((r) => r.reltuples <= 0)).toBe(true);
      // Two halves, two captures, two commits: the second doubles no table, and may come within the
      // second after the first, so only the drain's end analyzes what it wrote.
      const lines = readFileSync(CORPUS_SLICE, 'utf8').trimEnd().split('\n');
      const dir = join(tmp.path, 'analyze');
      mkdirSync(dir);
      const halves = [lines.slice(0, 200), lines.slice(200)].map((half, i) => {
        const file = join(dir, `half-${i}.jsonl`);
        writeFileSync(file, half.join('\n') + '\n');
        return file;
      });
      await importPaths(store, halves, {
        format: 'auto',
        now: () => '2026-11-28T00:00:00.000Z',
      });
      const tables = await analyzed();
      expect(tables.map((r) => r.relname)).toEqual(['articles', 'story_bands', 'versions']);
      expect(tables.find((r) => r.relname === 'articles')!.reltuples).toBeGreaterThan(300);
      expect(tables.find((r) => r.relname === 'story_bands')!.reltuples).toBeGreaterThan(1000);
      expect(tables.find((r) => r.relname === 'versions')!.reltuples).toBeGreaterThan(300);
    } finally {
      await store.close();
    }
  });

  it('vacuums after a drain what autovacuum leaves alone: the folded figures’ dead rows', async () => {
    const schema = freshSchema();
    const store = await PostgresStore.open(PG_URL, { schema });
    const figures = async (sql: string) =>
      withClient(
        async (c) =>
          (await c.query<{ n: number }>(`SELECT (${sql})::int AS n`, [`${schema}.source_figures`]))
            .rows[0]!.n,
      );
    try {
      await store.upsertSource(source);
      // As on a server with autovacuum off (this machine's), whatever the server's setting.
      await withClient((c) =>
        c.query(`ALTER TABLE ${schema}.source_figures SET (autovacuum_enabled = false)`),
      );
      for (let i = 0; i < 4 * FOLD_EVERY; i++) await store.insertArticle(article(`v${i}`));
      expect(await figures('pg_stat_get_vacuum_count($1::regclass)')).toBe(0);
      await store.refreshStatistics();
      expect(await figures('pg_stat_get_vacuum_count($1::regclass)')).toBe(1);
      expect(await figures('pg_stat_get_dead_tuples($1::regclass)')).toBe(0);
      expect((await store.listSources())[0]).toMatchObject({ articles: 4 * FOLD_EVERY });
      // Nothing left to clear: the next drain's end vacuums nothing.
      await store.refreshStatistics();
      expect(await figures('pg_stat_get_vacuum_count($1::regclass)')).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('refuses a schema from a newer wirewatch with a clear message', async () => {
    const schema = freshSchema();
    await withClient((c) =>
      c.query(`CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}.schema_version (version INTEGER NOT NULL); INSERT INTO ${schema}.schema_version VALUES (999);`),
    );
    await expect(PostgresStore.open(PG_URL, { schema })).rejects.toThrow(
      /schema 999, newer than this wirewatch \(\d+\): upgrade wirewatch/,
    );
  });

  it('says where it failed when the server cannot be reached, without the password', async () => {
    await expect(PostgresStore.open('postgres://me:secret@127.0.0.1:1/none')).rejects.toThrow(
      /PostgreSQL postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/none/,
    );
  });
});
