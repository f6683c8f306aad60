/**
 * The people benchmark (issue 13): accuracy on the hand-annotated set beside `compromise` (the
 * well-kept English NLP library) on the same stories, what the 2012 corpus gives for Kim Jong Un's
 * companions beside the Ministry of Unification's published counts, and what deriving people adds
 * to the 22k import.
 *
 *   node dist/bench/people.js [--json] [--skip-import]
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import nlp from 'compromise';
import { COMPANION_CUE } from '../analyse/activities.js';
import { analysePeople } from '../analyse/analyse.js';
import { defaultResolver } from '../analyse/resolver.js';
import { versionPeople, type VersionText } from '../analyse/version-people.js';
import { importPaths } from '../pipeline/import.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { corpusPath, repoRoot } from './corpus.js';
import {
  emptyScore,
  f1,
  scoreStory,
  type GoldStory,
  type Predicted,
  type Score,
} from './people-metric.js';

const GOALS = { personF1: 0.95, companionsExact: 0.9, importShare: 0.15 };
/** Ministry of Unification, Kim Jong Un's companions in 2012 (../shared/docs/people.md). */
const MINISTRY_2012 = [
  ['Jang Song Thaek', 106],
  ['Choe Ryong Hae', 85],
  ['Kim Ki Nam', 60],
] as const;

const resolver = defaultResolver();

/**
 * `annotated`: the set the rules were developed against (their figures flatter them);
 * `heldout`: annotated apart and measured without any change made after reading it.
 */
const SETS = ['annotated', 'heldout'] as const;

function loadGold(set: (typeof SETS)[number]): GoldStory[] {
  const path = join(repoRoot, `test/fixtures/people/${set}.jsonl`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as GoldStory);
}

const paragraphsOf = (body: string) => body.split(/\n+/).filter((p) => p.trim());

function ours(story: GoldStory): Predicted {
  const a = analysePeople(
    { title: story.title, paragraphs: paragraphsOf(story.body), date: story.published },
    resolver,
  );
  return {
    persons: [...new Set(a.mentions.map((m) => m.personId))],
    titles: a.mentions.flatMap((m) => m.titles.map((title) => ({ personId: m.personId, title }))),
    activities: a.activities.map((x) => ({
      leaderId: x.leaderId,
      companions: x.companions.map((c) => c.id),
    })),
  };
}

/** compromise's people(), tidied, as identities through the same gazetteer. */
function peopleOf(text: string, date: string): string[] {
  const names = (nlp(text).people().out('array') as string[])
    .map((n) =>
      n
        .replace(/['’]s\b/g, '')
        .replace(/[^\p{L}\s'-]/gu, '')
        .trim(),
    )
    .filter(Boolean);
  return names.map((n) => resolver.resolve(n, { titles: [], date }).id);
}

/** The peer has no activity detection: it gets the annotated leaders, and its names after the cue. */
function peer(story: GoldStory): Predicted {
  const persons = [...new Set(peopleOf(`${story.title}\n\n${story.body}`, story.published))];
  const cued = paragraphsOf(story.body).flatMap((p) => {
    const m = COMPANION_CUE.exec(p);
    return m ? [p.slice(m.index + m[0].length)] : [];
  });
  const companions = [...new Set(cued.flatMap((t) => peopleOf(t, story.published)))];
  return {
    persons,
    titles: [],
    activities: story.activities.map((g) => ({
      leaderId: resolver.resolve(g.leader, { titles: [], date: story.published }).id,
      companions: companions.filter(
        (c) => c !== resolver.resolve(g.leader, { titles: [], date: story.published }).id,
      ),
    })),
  };
}

function run(gold: GoldStory[], system: (s: GoldStory) => Predicted, detects: boolean) {
  const score: Score = emptyScore();
  const started = performance.now();
  const predicted = gold.map(system);
  const seconds = (performance.now() - started) / 1000;
  gold.forEach((g, i) => scoreStory(score, g, predicted[i]!, resolver, detects));
  return { score, storiesPerSecond: gold.length / seconds };
}

function summary(r: ReturnType<typeof run>, detects: boolean) {
  const s = r.score;
  return {
    personF1: f1(s.persons),
    titleF1: s.titles.tp + s.titles.fp ? f1(s.titles) : null,
    activityF1: detects ? f1(s.activities) : null,
    companionsExact: s.companionsExact / Math.max(1, s.goldActivities),
    companionsExactWithList: s.companionsExactWithList / Math.max(1, s.goldWithCompanions),
    goldActivities: s.goldActivities,
    goldWithCompanions: s.goldWithCompanions,
    storiesPerSecond: Math.round(r.storiesPerSecond),
  };
}

/**
 * What deriving people adds to the 22k import, bounded from above without a switch to turn it off:
 * the main thread's time writing people rows (timed inside the import) plus the whole analysis
 * time as if it were not overlapped at all (it runs on the import's worker thread, ahead of the
 * writes), against the import's wall time without both.
 */
async function importCase() {
  const dir = await mkdtemp(join(tmpdir(), 'wirewatch-people-'));
  const store = new SqliteStore(join(dir, 'archive.sqlite'));
  try {
    let writing = 0;
    const put = store.people.putVersionPeople.bind(store.people);
    store.people.putVersionPeople = async (...args) => {
      const t = performance.now();
      await put(...args);
      writing += performance.now() - t;
    };
    const started = performance.now();
    await importPaths(store, [corpusPath()], {
      format: 'auto',
      now: () => '2026-01-01T00:00:00.000Z',
    });
    const importSeconds = (performance.now() - started) / 1000;
    const texts = await corpusTexts();
    const analysing = performance.now();
    for (const t of texts) versionPeople(t, resolver);
    const analysisSeconds = (performance.now() - analysing) / 1000;
    const added = writing / 1000 + analysisSeconds;
    const activities = await store.people.activitiesOf('kim-jong-un');
    const counts = new Map<string, number>();
    let appearances = 0;
    for (const a of activities) {
      if (a.flash || !a.pubDate?.startsWith('2012') || a.leaderId !== 'kim-jong-un') continue;
      appearances++;
      for (const c of a.companions) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10);
    return {
      importSeconds,
      writeSeconds: writing / 1000,
      analysisSeconds,
      versions: texts.length,
      share: added / Math.max(1e-9, importSeconds - added),
      kimJongUn2012: { appearances, top },
    };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const CHILD = fileURLToPath(new URL('./people-import/child.js', import.meta.url));
const STUB_HOOKS = fileURLToPath(new URL('./people-import/register.js', import.meta.url));

/**
 * The import with people against the same import whose analysis module is a stub (hooks.ts: no
 * switch in the product), each in a fresh process, alternating, RUNS times: medians.
 */
function importAB(runs = 5): { withPeople: number[]; without: number[] } {
  const once = (args: string[]) => {
    const r = spawnSync(process.execPath, [...args, CHILD], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`import child failed: ${r.stderr}`);
    return (JSON.parse(r.stdout) as { seconds: number }).seconds;
  };
  const withPeople: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < runs; i++) {
    withPeople.push(once([]));
    without.push(once(['--import', STUB_HOOKS]));
  }
  return { withPeople, without };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The corpus's texts as the analysis reads them. */
async function corpusTexts(): Promise<VersionText[]> {
  const out: VersionText[] = [];
  const lines = createInterface({ input: createReadStream(corpusPath()).pipe(createGunzip()) });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { title?: string; body?: string; published?: string };
    if (!r.body) continue;
    out.push({
      title: r.title ?? null,
      paragraphs: paragraphsOf(r.body),
      date: r.published ?? null,
    });
  }
  return out;
}

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const sets = SETS.map((set) => {
    const gold = loadGold(set);
    return {
      set,
      stories: gold.length,
      wirewatch: summary(run(gold, ours, true), true),
      compromise: summary(run(gold, peer, false), false),
    };
  });
  const imported = argv.includes('--skip-import') ? null : await importCase();
  const ab = argv.includes('--skip-import') ? null : importAB();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}`;
  if (argv.includes('--json')) {
    process.stdout.write(
      `${JSON.stringify({ goals: GOALS, sets, import: imported, machine }, null, 2)}\n`,
    );
    return;
  }
  const row = (name: string, s: ReturnType<typeof summary>) =>
    `| ${name} | ${pct(s.personF1.f1)} (P ${pct(s.personF1.precision)}, R ${pct(s.personF1.recall)}) | ${pct(s.titleF1?.f1)} | ${pct(s.activityF1?.f1)} | ${pct(s.companionsExact)} (${pct(s.companionsExactWithList)} of ${s.goldWithCompanions} lists) | ${s.storiesPerSecond} |`;
  const out = [`People, ${machine}`];
  for (const s of sets) {
    out.push(
      '',
      `${s.set}: ${s.stories} hand-annotated stories, ${s.wirewatch.goldActivities} activities`,
      '',
      '| system | person F1 | title F1 | activity F1 | companions exact order | stories/s |',
      '|---|---|---|---|---|---|',
      row('wirewatch', s.wirewatch),
      row('compromise (activities given)', s.compromise),
    );
  }
  out.push(
    '',
    `goals: person F1 ≥ ${pct(GOALS.personF1)}, companions exact ≥ ${pct(GOALS.companionsExact)}, import share ≤ ${pct(GOALS.importShare)}`,
  );
  if (imported) {
    out.push(
      '',
      `22k import ${imported.importSeconds.toFixed(1)} s with people; writing their rows ${imported.writeSeconds.toFixed(2)} s, analysing ${imported.versions} texts ${imported.analysisSeconds.toFixed(2)} s (on the worker thread): at most +${pct(imported.share)} on the import without them`,
      ...(ab
        ? [
            `22k import A/B, fresh processes, alternating: with people ${ab.withPeople.map((x) => x.toFixed(2)).join(', ')} s; analysis stubbed ${ab.without.map((x) => x.toFixed(2)).join(', ')} s: +${pct(median(ab.withPeople) / median(ab.without) - 1)} (medians)`,
          ]
        : []),
      '',
      `Kim Jong Un's companions in 2012 (${imported.kimJongUn2012.appearances} appearances in this corpus) beside the Ministry of Unification:`,
      ...imported.kimJongUn2012.top.map(([name, n]) => {
        const ministry = MINISTRY_2012.find(([m]) => m === name)?.[1];
        return `  ${name}: ${n}${ministry ? ` (Ministry: ${ministry})` : ''}`;
      }),
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
