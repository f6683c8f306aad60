/**
 * docs/architecture.md kept true: one diagram, every source path it names exists, every folder of
 * src/ is described (there and in the README's layout), and the rule it states holds in the code —
 * one driver: only pipeline/driver.ts calls processCapture, and only the drivers (crawl, cli, bench)
 * import the pipeline.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const SRC = join(ROOT, 'src');
const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = files(SRC).map((f) => ({ path: relative(SRC, f), text: readFileSync(f, 'utf8') }));
const folders = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory());

describe('docs/architecture.md', () => {
  it('has one diagram', () => {
    expect(doc.match(/```mermaid/g)).toHaveLength(1);
  });

  it('names only source files that exist', () => {
    const named = new Set<string>();
    for (const m of doc.matchAll(/([A-Za-z0-9_./-]+\/[A-Za-z0-9_.-]+\.tsx?)\b/g)) named.add(m[1]!.replace(/^src\//, ''));
    expect(named.size).toBeGreaterThan(40);
    const missing = [...named].filter((p) => !(p.startsWith('test/') ? existsSync(join(ROOT, p))
      : sources.some((s) => s.path === p || s.path.endsWith(`/${p}`))));
    expect(missing).toEqual([]);
  });

  it('describes every folder of src/, as the README layout lists it', () => {
    for (const folder of folders) {
      expect(doc, folder).toMatch(new RegExp(`src/${folder}/`));
      expect(readme, folder).toMatch(new RegExp(`^src/${folder}\\s`, 'm'));
    }
  });

  it('holds in the code: one driver calls processCapture, and only drivers import the pipeline', () => {
    const callers = sources.filter((s) => /\bprocessCapture\(/.test(s.text)).map((s) => s.path).sort();
    expect(callers).toEqual(['ingest/process-capture.ts', 'pipeline/driver.ts']);
    const importers = sources.filter((s) => /from '\.\.\/(\.\.\/)?pipeline\//.test(s.text)).map((s) => s.path.split('/')[0]);
    expect([...new Set(importers)].sort()).toEqual(['bench', 'cli', 'crawl']);
  });
});
