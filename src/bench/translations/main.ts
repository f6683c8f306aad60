/**
 * `npm run bench -- --only translations`: one KCNA item across its editions. The 22k corpus's
 * English and Spanish stories are linked the way the pipeline driver links them (runs of a month, two
 * days either side: pipeline/derive-translations.ts), and the links are scored against the
 * hand-annotated set in ./judgements.json (its conventions in ./README.md): precision and recall of
 * the pairs on a random sample of Spanish stories, and how the Spanish stories with no English twin
 * fare. The peer, in the same run: the naive way, the same-window English story sharing the most
 * figures and capitalised words, linked when it shares at least three.
 *
 * Then the cost as the archive grows: the same linking over `--rounds` rounds of the corpus (the 10×
 * input of the import benchmarks, bench/scale.ts: round r moved r years later, its words varied), per
 * text, beside one varied round alone (the same kind of text at the 22k density). 0 skips it.
 *
 *   node dist/bench/translations/main.js [--json] [--corpus FILE] [--rounds N (default 10)]
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dayNumber, pairsOfRun, runsOf } from '../../pipeline/derive-translations.js';
import { anchorsOf, type TranslationText } from '../../reconcile/translations.js';
import { corpusPath, gzLines, type CorpusLine } from '../corpus.js';
import { variant, vocabularyOf } from '../scale.js';

interface Judgement {
  spanish: number;
  english: number | null;
  alsoEnglish: number[];
  sample: 'random' | 'hard';
}

const JUDGEMENTS = fileURLToPath(
  new URL('../../../src/bench/translations/judgements.json', import.meta.url),
);

function option(name: string): string | null {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? null) : null;
}

function textOf(r: CorpusLine, id: string): TranslationText | null {
  if (!r.published || !r.language) return null;
  return {
    id,
    language: r.language,
    day: dayNumber(r.published.slice(0, 10)),
    title: r.title ?? null,
    body: r.body ?? '',
  };
}

async function corpusTexts(file: string): Promise<TranslationText[]> {
  const out: TranslationText[] = [];
  let line = 0;
  for await (const raw of gzLines(file)) {
    const text = textOf(JSON.parse(raw) as CorpusLine, String(++line));
    if (text) out.push(text);
  }
  return out;
}

/** Rounds `from` to `to` - 1 of the scaled corpus (round 0 is the corpus itself). */
function scaledTexts(records: CorpusLine[], from: number, to: number): TranslationText[] {
  const vocab = vocabularyOf(records);
  const out: TranslationText[] = [];
  for (let round = from; round < to; round++)
    records.forEach((r, i) => {
      const text = textOf(variant(r, round, i, vocab), `${round}-${i + 1}`);
      if (text) out.push(text);
    });
  return out;
}

interface Growth {
  rounds: number;
  texts: number;
  ms: number;
  usPerText: number;
  oneRoundUsPerText: number;
}

/** Linking `rounds` rounds, and one varied round alone, timed. */
async function growth(file: string, rounds: number, baseMs: number, base: number) {
  const records: CorpusLine[] = [];
  for await (const raw of gzLines(file)) records.push(JSON.parse(raw) as CorpusLine);
  const timed = (texts: TranslationText[]) => {
    const t0 = performance.now();
    wirewatchLinks(texts);
    return performance.now() - t0;
  };
  const all = scaledTexts(records, 0, rounds);
  const ms = timed(all);
  const oneRound = rounds > 1 ? scaledTexts(records, 1, 2) : null;
  const oneMs = oneRound ? timed(oneRound) : baseMs;
  const perText = (t: number, n: number) => Math.round((t * 1000) / n);
  return {
    rounds,
    texts: all.length,
    ms: Math.round(ms),
    usPerText: perText(ms, all.length),
    oneRoundUsPerText: perText(oneMs, oneRound?.length ?? base),
  } satisfies Growth;
}

/** What the driver links: every run of days, each with its two days either side. */
function wirewatchLinks(texts: TranslationText[]): Map<string, string> {
  const days = [...new Set(texts.map((t) => t.day))].sort((a, b) => a - b);
  const iso = days.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
  const links = new Map<string, string>();
  const byDay = [...texts].sort((a, b) => a.day - b.day);
  let from = 0;
  for (const [first, last] of runsOf(iso)) {
    while (from < byDay.length && byDay[from]!.day < first - 2) from++;
    const window: TranslationText[] = [];
    for (let i = from; i < byDay.length && byDay[i]!.day <= last + 2; i++) window.push(byDay[i]!);
    for (const p of pairsOfRun(window, first, last)) {
      links.set(p.a, p.b);
      links.set(p.b, p.a);
    }
  }
  return links;
}

/** The naive peer: the most shared anchors within two days, at least three. */
function naiveLinks(texts: TranslationText[], spanish: Set<string>): Map<string, string> {
  const anchors = new Map(texts.map((t) => [t.id, anchorsOf(t.title, t.body)]));
  const english = texts.filter((t) => t.language === 'en');
  const links = new Map<string, string>();
  for (const t of texts) {
    if (!spanish.has(t.id)) continue;
    let best: string | null = null;
    let bestShared = 2;
    const mine = anchors.get(t.id)!;
    for (const e of english) {
      if (Math.abs(e.day - t.day) > 2) continue;
      let shared = 0;
      for (const a of anchors.get(e.id)!) if (mine.has(a)) shared++;
      if (shared > bestShared) {
        bestShared = shared;
        best = e.id;
      }
    }
    if (best) links.set(t.id, best);
  }
  return links;
}

interface Score {
  pairs: number;
  linked: number;
  correct: number;
  precision: number;
  recall: number;
  noTwin: number;
  noTwinLinked: number;
}

function score(links: Map<string, string>, judged: Judgement[]): Score {
  let linked = 0;
  let correct = 0;
  let pairs = 0;
  let noTwin = 0;
  let noTwinLinked = 0;
  for (const j of judged) {
    const got = links.get(String(j.spanish)) ?? null;
    const right = new Set([j.english, ...j.alsoEnglish].filter((x) => x !== null).map(String));
    if (j.english !== null) pairs++;
    else noTwin++;
    if (got !== null) {
      linked++;
      if (right.has(got)) correct++;
      if (j.english === null) noTwinLinked++;
    }
  }
  return {
    pairs,
    linked,
    correct,
    precision: linked ? correct / linked : 0,
    recall: pairs ? correct / pairs : 0,
    noTwin,
    noTwinLinked,
  };
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

async function main(): Promise<void> {
  const file = option('--corpus') ?? corpusPath();
  const judgements = JSON.parse(readFileSync(JUDGEMENTS, 'utf8')) as Judgement[];
  const texts = await corpusTexts(file);
  const t0 = performance.now();
  const ours = wirewatchLinks(texts);
  const ms = performance.now() - t0;
  const spanish = new Set(texts.filter((t) => t.language === 'es').map((t) => t.id));
  const naive = naiveLinks(texts, spanish);
  const random = judgements.filter((j) => j.sample === 'random');
  const all = judgements;
  const rounds = Number(option('--rounds') ?? 10);
  const grown = rounds > 0 ? await growth(file, rounds, ms, texts.length) : null;
  const report = {
    texts: texts.length,
    spanish: spanish.size,
    linkedSpanish: [...spanish].filter((id) => ours.has(id)).length,
    linkMs: Math.round(ms),
    random: { wirewatch: score(ours, random), naive: score(naive, random) },
    all: { wirewatch: score(ours, all), naive: score(naive, all) },
    growth: grown,
  };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const line = (name: string, s: Score) =>
    `${name.padEnd(30)} ${String(s.linked).padStart(6)} ${String(s.correct).padStart(8)}  ${pct(s.precision).padStart(8)}  ${pct(s.recall).padStart(8)}   ${s.noTwinLinked} of ${s.noTwin}\n`;
  process.stdout.write(
    `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores; Node ${process.version}; ${new Date().toISOString()}; load ${loadavg()[0]!.toFixed(2)}\n` +
      `${texts.length} corpus stories, ${spanish.size} Spanish; wirewatch links ${report.linkedSpanish} Spanish stories in ${report.linkMs} ms\n\n` +
      `judged Spanish stories           linked  correct  precision    recall   no-twin ones linked\n` +
      line(`random sample (${random.length}), wirewatch`, report.random.wirewatch) +
      line(`random sample, naive peer`, report.random.naive) +
      line(`all judged (${all.length}), wirewatch`, report.all.wirewatch) +
      line(`all judged, naive peer`, report.all.naive) +
      (grown
        ? `\nlinking ${grown.rounds} rounds (${grown.texts} texts): ${(grown.ms / 1000).toFixed(1)} s, ` +
          `${grown.usPerText} µs a text; one varied round alone ${grown.oneRoundUsPerText} µs a text; ` +
          `the corpus ${Math.round((ms * 1000) / texts.length)} µs a text\n`
        : ''),
  );
}

await main();
