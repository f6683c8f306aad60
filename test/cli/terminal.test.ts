/**
 * Terminal injection: titles, URLs, bodies, source labels and file names come from untrusted pages and
 * folders. Printed raw, `ESC ] 0 ; … BEL` retitles the user's terminal window, `ESC [ 2 J` clears it,
 * a CR overwrites the start of the line, and U+202E turns `gnp.exe` into `exe.png`. Every human-readable
 * output shows them as visible escapes (`\x1b`); `--json` keeps the exact text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const OSC = '\x1b]0;pwned\x07';
const CLEAR = '\x1b[2J';
const RLO = '\u202e';
const HOSTILE = `${OSC}${CLEAR}\rFAKE${RLO}gnp.exe`;

// Raw controls a terminal acts on: C0 but tab and newline, DEL, C1, and bidi embeddings, overrides
// and isolates.
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/u;

const dir = tempDir();
const db = join(dir.path, 't.db');
const title = `Kim inspects ${HOSTILE} a farm`;
const url = `http://evil.test/${encodeURIComponent(OSC)}/${HOSTILE}`;
let id = '';

function record(body: string) {
  return JSON.stringify({
    source: `Evil${CLEAR} Wire${RLO} (En)`,
    language: 'en',
    published: '2012-06-03',
    title,
    url,
    body,
  });
}

beforeAll(() => {
  const body = `Pyongyang, June 3 (KCNA) -- Kim Jong Un inspected a farm today with the workers.\n\nSecond ${HOSTILE} paragraph: a tractor.`;
  const first = join(dir.path, 'v1.jsonl');
  const second = join(dir.path, 'v2.jsonl');
  writeFileSync(first, `${record(body)}\n`);
  writeFileSync(second, `${record(body.replace('a tractor', `a combine ${OSC}`))}\n`);
  for (const f of [first, second]) expect(run(['import', f, '--db', db]).code).toBe(0);
  id = run(['list', '--db', db, '--json']).json().items[0].id;
});

afterAll(() => dir.cleanup());

function expectSafe(r: CliResult, what: string) {
  expect(r.stdout + r.stderr, what).not.toMatch(UNSAFE);
  expect(r.stdout + r.stderr, what).not.toContain('\r');
}

describe('human-readable output escapes terminal controls', () => {
  it('list, show, search, changes, stats, diff', () => {
    const outputs: Array<[string, CliResult]> = [
      ['list', run(['list', '--db', db])],
      ['show', run(['show', id, '--db', db])],
      ['show by URL', run(['show', url, '--db', db])],
      ['search', run(['search', 'tractor OR combine', '--db', db])],
      ['search with facets', run(['search', 'Kim', '--facets', '--db', db])],
      ['changes', run(['changes', '--db', db])],
      ['stats', run(['stats', '--db', db])],
      ['diff', run(['diff', id, '--db', db])],
      ['show, no such article', run(['show', `http://x/${HOSTILE}`, '--db', db])],
    ];
    for (const [what, r] of outputs) {
      expectSafe(r, what);
      expect(r.stdout.length + r.stderr.length, what).toBeGreaterThan(0);
    }
    const [, list] = outputs[0]!;
    expect(list.code).toBe(0);
    // Visible, and each one-line field stays on its line.
    expect(list.stdout).toContain(
      'Kim inspects \\x1b]0;pwned\\x07\\x1b[2J FAKE\\u202egnp.exe a farm',
    );
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
    const [, show] = outputs[1]!;
    expect(show.stdout).toContain('url:       http://evil.test/');
    expect(show.stdout).toContain('Second \\x1b]0;pwned\\x07');
    const [, diff] = outputs[7]!;
    expect(diff.stdout).toContain('a [-tractor-]{+combine \\x1b]0;pwned\\x07+}.');
  });

  it('import: file names, and errors that quote the input', () => {
    const folder = join(dir.path, `in-${RLO}`);
    mkdirSync(folder);
    const badName = join(folder, `evil-${OSC}${CLEAR}\r-${RLO}gnp.jsonl`);
    writeFileSync(badName, `{"title": "${OSC}\n`);
    writeFileSync(join(folder, `empty-${OSC}.txt`), `\n\n${HOSTILE}\n`);
    const r = run(['import', folder, '--db', join(dir.path, 'i.db')]);
    expect(r.code).toBe(1);
    expectSafe(r, 'import');
    expect(r.stderr).toContain('evil-\\x1b]0;pwned\\x07\\x1b[2J -\\u202egnp.jsonl');
  });

  it('--json keeps the exact text', () => {
    // Escaped as JSON (`\u001b`, and `\u202e` too, which JSON.stringify would leave raw), parsed exact.
    const list = run(['list', '--db', db, '--json']);
    expect(list.stdout).not.toMatch(UNSAFE);
    // The extractor reads the CR in a title as a space; every other control is kept, and exact here.
    expect(list.json().items[0].title).toBe(title.replace('\r', ' '));
    const show = run(['show', id, '--db', db, '--json']).json();
    expect(show.article.url).toBe(url);
    expect(show.source.label).toBe(`Evil${CLEAR} Wire${RLO} (En)`);
  });
});
