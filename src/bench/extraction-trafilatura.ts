/**
 * The second generic-extraction set (issue 14, item 4): the 945 pages of trafilatura's evaluation
 * data in ../shared/bench/trafilatura-eval, with its own metric (its README): each `with` segment
 * found in the output is a true positive, each `without` segment found a false positive; P, R and F1
 * summed over the whole set. wirewatch's extractHtmlArticle beside Readability.js on linkedom, in one
 * run. Pages whose file starts with 0–7 (or a letter a–m, for named files) are the dev half.
 *
 *   node dist/bench/extraction-trafilatura.js [--json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeText } from '../capture/decode.js';
import { sharedDir } from './corpus.js';
import { readabilityLinkedom, wirewatch, type Extractor } from './extraction-peers.js';

interface EvalEntry {
  file: string;
  with: string[];
  without: string[];
}

interface Page {
  url: string;
  file: string;
  html: string;
  with: string[];
  without: string[];
  half: 'dev' | 'held-out';
}

export interface SegmentScore {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** One page's segments against one output, as trafilatura's evaluation counts them. */
export function scoreSegments(output: string, withSegments: string[], without: string[]) {
  const text = squash(output);
  const s: SegmentScore = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const seg of withSegments) {
    if (text && text.includes(squash(seg))) s.tp++;
    else s.fn++;
  }
  for (const seg of without) {
    if (text && text.includes(squash(seg))) s.fp++;
    else s.tn++;
  }
  return s;
}

function totals(scores: SegmentScore[]) {
  const t = scores.reduce(
    (a, s) => ({ tp: a.tp + s.tp, fn: a.fn + s.fn, fp: a.fp + s.fp, tn: a.tn + s.tn }),
    { tp: 0, fn: 0, fp: 0, tn: 0 },
  );
  const precision = t.tp / (t.tp + t.fp || 1);
  const recall = t.tp / (t.tp + t.fn || 1);
  const f1 = (2 * t.tp) / (2 * t.tp + t.fp + t.fn || 1);
  const accuracy = (t.tp + t.tn) / (t.tp + t.tn + t.fp + t.fn || 1);
  return { ...t, precision, recall, f1, accuracy };
}

function loadPages(): Page[] {
  const dir = join(sharedDir(), 'bench', 'trafilatura-eval');
  if (!existsSync(join(dir, 'evaldata.json')))
    throw new Error(`trafilatura evaluation set not found at ${dir}`);
  const data = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<
    string,
    EvalEntry
  >;
  const pages: Page[] = [];
  for (const [url, entry] of Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const path = join(dir, 'html', `${entry.file}.gz`);
    if (!existsSync(path)) continue;
    pages.push({
      url,
      file: entry.file,
      html: decodeText(gunzipSync(readFileSync(path))).text,
      with: entry.with,
      without: entry.without,
      half: /^[0-7a-m]/i.test(entry.file) ? 'dev' : 'held-out',
    });
  }
  return pages;
}

function run(ex: Extractor, pages: Page[]) {
  const all: SegmentScore[] = [];
  const dev: SegmentScore[] = [];
  const heldOut: SegmentScore[] = [];
  let failures = 0;
  const started = performance.now();
  for (const p of pages) {
    let text = '';
    try {
      text = ex.extract(p.html, p.url).text;
    } catch {
      failures++;
    }
    const s = scoreSegments(text, p.with, p.without);
    all.push(s);
    (p.half === 'dev' ? dev : heldOut).push(s);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    name: ex.name,
    all: totals(all),
    dev: totals(dev),
    heldOut: totals(heldOut),
    failures,
    pagesPerSecond: pages.length / seconds,
  };
}

async function main(): Promise<void> {
  const pages = loadPages();
  const results = [wirewatch, readabilityLinkedom].map((ex) => run(ex, pages));
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ pages: pages.length, results }, null, 2)}\n`);
    return;
  }
  const f = (v: number) => v.toFixed(3);
  process.stdout.write(
    `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores; Node ${process.version}; ${new Date().toISOString()}; load ${loadavg()[0]!.toFixed(2)}\n` +
      `trafilatura evaluation set: ${pages.length} pages (trafilatura's metric: segments found)\n\n` +
      `extractor               F1      P      R   accuracy  F1 dev  F1 held-out  failures  pages/s\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${r.name.padEnd(22)} ${f(r.all.f1)}  ${f(r.all.precision)}  ${f(r.all.recall)}  ${f(r.all.accuracy)}    ${f(r.dev.f1)}  ${f(r.heldOut.f1)}       ${String(r.failures).padStart(3)}   ${r.pagesPerSecond.toFixed(1)}\n`,
    );
  }
  process.stdout.write(
    'published (990 pages): trafilatura 2.2.0 F1 0.924, readability-lxml 0.826\n',
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
