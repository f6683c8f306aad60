/**
 * The fuzz suite: every parser that reads untrusted input (text pages, JSONL records, WARC, HTML with
 * the generic extractor and each site profile, search queries) fed the hostile corpus kept beside
 * this file (corpus/<target>/, one file per input, README.md says what each is) and inputs fast-check
 * builds from each format's own tokens. Each target runs in a worker thread with a capped heap, so
 * an input that allocates without bound fails its target instead of the machine; each input must end
 * within a time budget loose enough for a busy machine (a hang or quadratic blow-up is far beyond
 * it) and fail, if it fails, only as its callers expect (./targets.mjs).
 *
 * The seed is fixed so that a finding reproduces; FUZZ_SEED and FUZZ_RUNS explore further.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const HERE = import.meta.dirname;
const BUDGET_MS = 2000;
const HEAP_MIB = 256;
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

const pieces = (tokens: string[], maxLength = 300) =>
  fc
    .array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 8 })), { maxLength })
    .map((parts) => parts.join(''));

const TEXT_TOKENS = [
  '\n',
  '\n\n',
  ' ',
  '  ',
  '|',
  ' | ',
  'Date: 19/11/2019 | Source: KCNA.kp (En) | Read original version at source',
  'Pyongyang, November 19 (KCNA) -- ',
  'Pyongyang, Nov',
  '-0-',
  '[…]',
  'More From KCNA.kp (En)',
  'https://kcnawatch.org/newstream/1574145062-356811741/x/',
  'Kim Jong Un',
  'KimJongUn',
  'Juche108',
  'Copyright (C) KOREA NEWS SERVICE(KNS) All Rights Reserved.',
  '\u202e',
  '\u0000',
  '\r',
];

const jsonValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  pieces(TEXT_TOKENS, 40),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
);
const JSONL = fc
  .dictionary(
    fc.constantFrom(
      'title',
      'body',
      'date',
      'url',
      'source',
      'language',
      'teasers',
      'id',
      'versions',
      '__proto__',
    ),
    jsonValue,
  )
  .map((o) => JSON.stringify(o));

const WARC_TOKENS = [
  'WARC/1.1\r\n',
  'WARC/1.0\r\n',
  'WARC-Type: response\r\n',
  'WARC-Type: request\r\n',
  'WARC-Type: metadata\r\n',
  'WARC-Target-URI: http://www.kcna.kp/en/article/detail/x\r\n',
  'Content-Type: application/http; msgtype=response\r\n',
  'Content-Length: 0\r\n',
  'Content-Length: 12\r\n',
  'Content-Length: 99999999\r\n',
  'Content-Length: -1\r\n',
  '\r\n',
  '\r\n\r\n',
  'HTTP/1.1 200 OK\r\n',
  'Transfer-Encoding: chunked\r\n',
  'Content-Encoding: gzip\r\n',
  '<p>x</p>',
  '\x1f\x8b\x08\x00',
];

const HTML_TOKENS = [
  '<html>',
  '<body>',
  '<div>',
  '</div>',
  '<p>',
  '</p>',
  '<h1>',
  '</h1>',
  '<article>',
  '<script>',
  '</script>',
  '<!--',
  '-->',
  '<meta property="article:published_time" content="2024-01-02">',
  '<div class="article-content">',
  '<div class="article-main-title">',
  '<span class="publish-time">',
  '<div class="ListNewsLineContainer"><div class="ListNewsLineTitleW"><a href="javascript:article_open(\'index.php?strPageID=SF01_02_01&newsID=2022-03-11-0004\')">',
  '<a href="/en/article/detail/aaaa">',
  '<nobr>[2026.9.8.]</nobr>',
  'var page_cnt = 36;',
  '알수 없는 주소',
  '&amp;',
  '&#x110000;',
  'Pyongyang, March 24 (KCNA) -- ',
  ' -0-',
];

const QUERY_TOKENS = [
  ' ',
  '"',
  '(',
  ')',
  '-',
  '*',
  'OR',
  'AND',
  'NOT',
  'date:',
  'date:2013-12',
  'date:2013..2014',
  'before:',
  'after:2021-13-40',
  'version:any',
  'source:kcna',
  'lang:es',
  'title:',
  'Kim',
  'a*',
  '김정은',
];

interface Target {
  name: string;
  arbitrary: fc.Arbitrary<string>;
  /** How the corpus files are read: WARC bytes travel as latin1 strings. */
  encoding: BufferEncoding;
}

const TARGETS: Target[] = [
  { name: 'text', arbitrary: pieces(TEXT_TOKENS), encoding: 'utf8' },
  { name: 'jsonl', arbitrary: JSONL, encoding: 'utf8' },
  { name: 'warc', arbitrary: pieces(WARC_TOKENS, 60), encoding: 'latin1' },
  { name: 'html', arbitrary: pieces(HTML_TOKENS), encoding: 'utf8' },
  { name: 'query', arbitrary: pieces(QUERY_TOKENS, 60), encoding: 'utf8' },
];

interface Outcome {
  failures: Array<{ index: number; error: string }>;
  slowest: { ms: number; index: number };
}

function runTarget(target: string, inputs: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(HERE, 'worker.mjs'), {
      workerData: { target, inputs },
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MIB },
    });
    worker.once('message', (m: Outcome) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the ${target} worker exited with code ${code}`));
    });
  });
}

describe('fuzzing the parsers of untrusted input', () => {
  it('a runaway allocation ends its worker at the heap cap, not the suite', async () => {
    await expect(runTarget('runaway-allocation', ['x'])).rejects.toThrow(/memory|exited/i);
  });

  for (const target of TARGETS) {
    it(`${target.name}: the hostile corpus and ${RUNS} generated inputs, each within ${BUDGET_MS} ms and ${HEAP_MIB} MiB`, async () => {
      const dir = join(HERE, 'corpus', target.name);
      const files = readdirSync(dir).sort();
      const names = [...files, ...Array.from({ length: RUNS }, (_, i) => `generated #${i}`)];
      const inputs = [
        ...files.map((f) => readFileSync(join(dir, f)).toString(target.encoding)),
        ...fc.sample(target.arbitrary, { seed: SEED, numRuns: RUNS }),
      ];
      expect(files.length).toBeGreaterThan(3);
      const outcome = await runTarget(target.name, inputs);
      const failed = outcome.failures.map((f) => `${names[f.index]}: ${f.error.split('\n')[0]}`);
      expect(failed).toEqual([]);
      expect(outcome.slowest.ms, `slowest input: ${names[outcome.slowest.index]}`).toBeLessThan(
        BUDGET_MS,
      );
    });
  }
});
