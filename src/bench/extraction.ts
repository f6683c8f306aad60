/**
 * The generic-extraction benchmark: wirewatch's extractHtmlArticle against Readability.js on
 * linkedom and on jsdom, on the 181 pages of ../shared/bench/article-extraction, in one run.
 * Prints F1 / P / R / accuracy (the benchmark's own metric), pages/s (parse + extraction time,
 * measured alike for all three) and, for wirewatch, how often its date matches a date in the URL.
 *
 *   node dist/bench/extraction.js [--json] [--no-jsdom]
 */
import { pathToFileURL } from 'node:url';
import { dateFromUrl } from '../extract/page-dates.js';
import { scorePage, summarise, type PageScore, type Summary } from './extraction-metric.js';
import { loadPages, type BenchPage } from './extraction-pages.js';
import {
  readabilityJsdom,
  readabilityLinkedom,
  wirewatch,
  type Extractor,
  type Prediction,
} from './extraction-peers.js';
import { machine, type Machine } from './machine.js';

export interface ExtractorResult {
  name: string;
  all: Summary;
  dev: Summary;
  heldOut: Summary;
  seconds: number;
  pagesPerSecond: number;
  failures: number;
  /** The first exception, one line, when some page threw. */
  firstFailure: string | null;
  /** Pages that succeeded only on a second try (Readability/jsdom without styles). */
  retried: number;
}

export interface DateResult {
  /** Pages whose URL carries a full year/month/day. */
  withUrlDate: number;
  correct: number;
  wrong: number;
  missing: number;
  /** Of the correct ones, how many came from the page itself rather than from the URL. */
  correctFromPage: number;
}

export interface ExtractionReport {
  machine: Machine;
  pages: number;
  results: ExtractorResult[];
  dates: DateResult;
}

const WARMUP_PAGES = 10;

function runOne(
  ex: Extractor,
  pages: BenchPage[],
): { result: ExtractorResult; predictions: Prediction[] } {
  // A short warm-up, so that JIT compilation is not billed to the first pages.
  for (const p of pages.slice(0, WARMUP_PAGES)) {
    try {
      ex.extract(p.html, p.url);
    } catch {
      /* counted in the timed pass */
    }
  }
  const predictions: Prediction[] = [];
  const scores: PageScore[] = [];
  let ms = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  let retried = 0;
  for (const p of pages) {
    let prediction: Prediction = { text: '', published: null };
    const t = performance.now();
    try {
      prediction = ex.extract(p.html, p.url);
    } catch (error) {
      failures++;
      firstFailure ??= `${p.id.slice(0, 8)}: ${String(
        error instanceof Error ? error.message : error,
      )
        .split('\n')[0]!
        .slice(0, 160)}`;
    }
    ms += performance.now() - t;
    if (prediction.retried) retried++;
    predictions.push(prediction);
    scores.push(scorePage(prediction.text, p.truth));
  }
  const pick = (half: BenchPage['half']) =>
    summarise(scores.filter((_, i) => pages[i]!.half === half));
  const seconds = ms / 1000;
  return {
    result: {
      name: ex.name,
      all: summarise(scores),
      dev: pick('dev'),
      heldOut: pick('held-out'),
      seconds,
      pagesPerSecond: pages.length / seconds,
      failures,
      firstFailure,
      retried,
    },
    predictions,
  };
}

function scoreDates(pages: BenchPage[], predictions: Prediction[]): DateResult {
  const r: DateResult = { withUrlDate: 0, correct: 0, wrong: 0, missing: 0, correctFromPage: 0 };
  pages.forEach((p, i) => {
    const u = dateFromUrl(p.url);
    if (!u || u.month === null || u.day === null) return;
    r.withUrlDate++;
    const d = predictions[i]!.published;
    if (!d || d.year === null || d.day === null) r.missing++;
    else if (d.year === u.year && d.month === u.month && d.day === u.day) {
      r.correct++;
      if (d.basis !== 'url') r.correctFromPage++;
    } else r.wrong++;
  });
  return r;
}

export function runExtractionBench(
  options: { jsdom?: boolean; log?: (line: string) => void } = {},
): ExtractionReport {
  const log = options.log ?? (() => {});
  const info = machine();
  const pages = loadPages();
  const extractors = [
    wirewatch,
    readabilityLinkedom,
    ...(options.jsdom === false ? [] : [readabilityJsdom]),
  ];
  const results: ExtractorResult[] = [];
  let dates: DateResult | null = null;
  for (const ex of extractors) {
    log(`extraction: ${ex.name} over ${pages.length} pages…`);
    const { result, predictions } = runOne(ex, pages);
    results.push(result);
    if (ex === wirewatch) dates = scoreDates(pages, predictions);
  }
  return { machine: info, pages: pages.length, results, dates: dates! };
}

const f3 = (x: number) => x.toFixed(3);

export function formatExtraction(report: ExtractionReport): string {
  const m = report.machine;
  const lines = [
    `wirewatch generic-extraction benchmark — ${m.date}`,
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM; ${m.os}; Node ${m.node}; load average at start ${m.loadAverage1m}`,
    `pages: ${report.pages} (article-extraction-benchmark); dev half = ids 0–7…, held-out half = ids 8–f…`,
    '',
    '| extractor | F1 | P | R | accuracy | F1 dev | F1 held-out | pages/s | failures |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of report.results) {
    lines.push(
      `| ${r.name} | ${f3(r.all.f1)} | ${f3(r.all.precision)} | ${f3(r.all.recall)} | ${f3(r.all.accuracy)} | ` +
        `${f3(r.dev.f1)} | ${f3(r.heldOut.f1)} | ${r.pagesPerSecond.toFixed(1)} | ${r.failures} |`,
    );
  }
  for (const r of report.results) {
    if (r.firstFailure)
      lines.push(
        `${r.name}: ${r.failures} page(s) threw (scored as empty); first: ${r.firstFailure}`,
      );
    if (r.retried)
      lines.push(
        `${r.name}: ${r.retried} page(s) threw in jsdom's CSS parser and were read again without <style> elements and style attributes`,
      );
  }
  const d = report.dates;
  lines.push(
    '',
    `dates (wirewatch): ${d.withUrlDate} pages have a full date in the URL; ${d.correct} correct ` +
      `(${d.correctFromPage} from the page itself, ${d.correct - d.correctFromPage} from the URL), ${d.wrong} differ, ${d.missing} missing ` +
      `→ accuracy ${d.withUrlDate ? f3(d.correct / d.withUrlDate) : 'n/a'}; from the page alone ${d.withUrlDate ? f3(d.correctFromPage / d.withUrlDate) : 'n/a'}`,
  );
  lines.push(
    'pages/s = pages / summed time of the extract calls (parse included; decoding bytes excluded, done once for all).',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const unknown = argv.find((a) => a !== '--json' && a !== '--no-jsdom');
  if (unknown) {
    process.stderr.write(
      `${unknown === '--help' || unknown === '-h' ? '' : `unknown option ${unknown}\n`}usage: node dist/bench/extraction.js [--json] [--no-jsdom]\n`,
    );
    process.exit(unknown === '--help' || unknown === '-h' ? 0 : 2);
  }
  const report = runExtractionBench({
    jsdom: !argv.includes('--no-jsdom'),
    log: (l) => process.stderr.write(`${l}\n`),
  });
  process.stdout.write(
    argv.includes('--json')
      ? `${JSON.stringify(report, null, 2)}\n`
      : `${formatExtraction(report)}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
