/** `wirewatch search` keeps the query-size limits of the config (a usage error naming the limit) and has no time budget. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CORPUS_SLICE } from '../helpers/archive.js';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
const db = join(dir.path, 'search.db');
afterAll(() => dir.cleanup());
beforeAll(() => {
  expect(run(['import', CORPUS_SLICE, '--db', db]).code).toBe(0);
});

describe('wirewatch search: limits', () => {
  it('refuses 300 × a* with one line naming the limit, exit code 2', () => {
    const r = run(['search', Array.from({ length: 300 }, () => 'a*').join(' '), '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'wirewatch: the query has 300 prefixes; at most 16 (limits.search.maxPrefixes)\n',
    );
  });

  it('takes limits from WIREWATCH_LIMITS, and refuses a malformed one', () => {
    const narrow = run(['search', 'a*', '--db', db], {
      WIREWATCH_LIMITS: '{"search": {"maxPrefixWords": 10}}',
    });
    expect(narrow.code).toBe(2);
    expect(narrow.stderr).toMatch(
      /^wirewatch: a\* stands for more than 10 indexed words; give more of the word .*\(limits\.search\.maxPrefixWords\)\n$/,
    );
    expect(run(['search', 'a*', '--db', db, '--json']).code).toBe(0);
    const bad = run(['search', 'a*', '--db', db], {
      WIREWATCH_LIMITS: '{"search": {"maxTerms": 0}}',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^wirewatch: config: WIREWATCH_LIMITS: limits\.search\.maxTerms: /);
  });
});
