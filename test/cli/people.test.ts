/**
 * `wirewatch people` and `wirewatch person` over the first 400 stories of the real corpus: lists
 * with their stable JSON shape, one person with titles and appearances, the CSV of appearances read
 * back by Python's csv module, and clear errors for what a user gets wrong.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_SLICE } from '../helpers/archive.js';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { pythonCsv } from '../helpers/python-csv.js';

const dir = tempDir();
const db = join(dir.path, 'people.db');
beforeAll(() => {
  expect(run(['import', CORPUS_SLICE, '--db', db]).code).toBe(0);
});
afterAll(() => dir.cleanup());

describe('wirewatch people', () => {
  it('has --help and --json', () => {
    for (const cmd of ['people', 'person']) {
      const r = run([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toMatch(/--json/);
    }
  });

  it('lists people by appearances beside the leader, as {items, total}', () => {
    const r = run(['people', '--db', db, '--json', '--limit', '5']);
    expect(r.code).toBe(0);
    const list = r.json();
    expect(list.total).toBeGreaterThan(100);
    expect(list.items).toHaveLength(5);
    expect(list.items[0]).toMatchObject({ personId: 'kim-jong-il', name: 'Kim Jong Il' });
    expect(list.items.map((p: { personId: string }) => p.personId)).toContain('kim-jong-un');
  });

  it('finds a person by a South Korean spelling', () => {
    const r = run(['people', '--db', db, '--json', '--name', 'Jang Song-thaek']);
    expect(r.json().items.map((p: { personId: string }) => p.personId)).toEqual([
      'jang-song-thaek',
    ]);
  });

  it('shows one person, with titles as printed and appearances in order', () => {
    const r = run(['person', 'Jang Song Taek', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const p = r.json();
    expect(p.personId).toBe('jang-song-thaek');
    expect(p.gazetteer.hangul).toBe('장성택');
    expect(p.profile.titles.map((t: { title: string }) => t.title)).toContain(
      'vice-chairman of the NDC',
    );
    expect(p.profile.appearances).toBeGreaterThan(2);
    expect(p.profile.coAppearances[0].name).toMatch(/Kim Jong (Il|Un)/);
    const text = run(['person', 'Jang Song Thaek', '--db', db]);
    expect(text.stdout).toMatch(/^Jang Song Thaek {2}\(jang-song-thaek\) {2}장성택$/m);
  });

  it('exports appearances with companions in order and the sentence, as CSV', () => {
    const r = run(['person', 'Ri Yong Ho', '--db', db, '--csv']);
    expect(r.code).toBe(0);
    const [header, ...rows] = pythonCsv({ text: r.stdout });
    expect(header).toContain('companions');
    const at = (name: string) => header!.indexOf(name);
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) {
      expect(row[at('role')]).toBe('companion');
      expect(row[at('companions')]!.split('; ')[Number(row[at('place_in_order')]) - 1]).toBe(
        'Ri Yong Ho [military]',
      );
      expect(row[at('sentence')]).toMatch(/Kim Jong Il/);
    }
  });

  it('says why it cannot answer, with the right exit code', () => {
    const unknown = run(['person', 'Nobody Here', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no one named "Nobody Here"/);
    const usage = run(['people', '--db', db, '--order', 'height']);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
    expect(run(['person', 'Kim Jong Il', '--db', db, '--csv', '--json']).code).toBe(2);
  });

  it('derives every version again on --reanalyse, to the same people', () => {
    const before = run(['people', '--db', db, '--json', '--limit', '1000']).json();
    const r = run(['people', '--db', db, '--reanalyse', '--json']);
    expect(r.code).toBe(0);
    expect(r.json().derived).toBeGreaterThan(300);
    expect(run(['people', '--db', db, '--json', '--limit', '1000']).json()).toEqual(before);
  });
});

describe('a reader that stops early', () => {
  it('closes the pipe without a stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('../helpers/cli.js');
    const child = spawn(process.execPath, [CLI, 'people', '--db', db, '--limit', '1000']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Gone before the first line, as `| head -0` or a reader that quits at once.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  });
});
