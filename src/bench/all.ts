/**
 * `npm run bench`: every benchmark, each in its own process, one after another — import (with the
 * search index), generic extraction, search at 22k/220k/1M, the reader under load, people (accuracy and import cost), and PostgreSQL
 * drained by one worker and by two, exporting every article of a 22k/220k/1M archive, and the health
 * check's latency while hostile searches run (22k/220k), the alert check of 10,000 saved searches, Korean search and translation links against hand judgements.
 *
 *   npm run bench [-- --only import|extraction|extraction-trafilatura|search|reader|crawl|people|postgres|export|health|alerts|korean|translations|cold-start|serve-memory] [--quick] [--json]
 *
 * --quick keeps each to its smallest case (import, search, export and health at 22k only). With --only, any further
 * options go to that benchmark as they are (see each one's --help).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = {
  import: { script: 'main.js', args: ['--only', 'import'], quick: ['--quick'] },
  extraction: { script: 'main.js', args: ['--only', 'extraction'], quick: [] },
  'extraction-trafilatura': { script: 'extraction-trafilatura.js', args: [], quick: [] },
  search: { script: 'search/main.js', args: [], quick: ['--scales', '22k'] },
  reader: { script: 'reader.js', args: [], quick: ['--duration', '5'] },
  crawl: { script: 'crawl.js', args: [], quick: ['--quick'] },
  people: { script: 'people.js', args: [], quick: [] },
  postgres: {
    script: 'main.js',
    args: ['--only', 'postgres', '--pg-scale', '220k'],
    quick: ['--pg-scale', '22k'],
  },
  export: { script: 'export.js', args: [], quick: ['--scales', '22k'] },
  health: { script: 'health.js', args: [], quick: ['--scales', '22k'] },
  alerts: { script: 'alerts.js', args: [], quick: ['--searches', '2000'] },
  korean: { script: 'korean/main.js', args: [], quick: [] },
  translations: { script: 'translations/main.js', args: [], quick: ['--rounds', '0'] },
  'cold-start': { script: 'cold-start.js', args: [], quick: ['--scales', '22k'] },
  'serve-memory': { script: 'serve-memory.js', args: [], quick: ['--scales', '22k'] },
} as const;
type Name = keyof typeof BENCHES;

const argv = process.argv.slice(2);
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
if (argv.includes('--help') || (onlyAt >= 0 && !(only && only in BENCHES))) {
  process.stderr.write(
    'usage: npm run bench [-- --only import|extraction|extraction-trafilatura|search|reader|crawl|people|postgres|export|health|alerts|korean|translations|cold-start|serve-memory] [--quick] [--json] [options of that benchmark]\n',
  );
  process.exit(argv.includes('--help') ? 0 : 2);
}
if (!only && argv.includes('--json')) {
  process.stderr.write('--json needs --only: each benchmark prints its own JSON document\n');
  process.exit(2);
}
const rest = argv.filter((a, i) => i !== onlyAt && i !== onlyAt + 1 && a !== '--quick');
const quick = argv.includes('--quick');
const names: Name[] = only ? [only as Name] : (Object.keys(BENCHES) as Name[]);
let failed = false;
for (const name of names) {
  const bench = BENCHES[name];
  const script = fileURLToPath(new URL(`./${bench.script}`, import.meta.url));
  const passed = only ? rest : [];
  const r = spawnSync(
    process.execPath,
    [script, ...bench.args, ...(quick ? bench.quick : []), ...passed],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) {
    process.stderr.write(`benchmark ${name} failed (exit ${r.status})\n`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
