import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from './terminal-safe.js';

const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/u;

describe('terminalSafe', () => {
  it('shows controls as visible escapes and neutralises bidi controls', () => {
    expect(terminalSafe('a\x1b]0;pwned\x07b\x1b[2J\x7f\x9b')).toBe(
      'a\\x1b]0;pwned\\x07b\\x1b[2J\\x7f\\x9b',
    );
    expect(terminalSafe('\u202egnp.exe \u2066x\u2069 \u200fok')).toBe(
      '\\u202egnp.exe \\u2066x\\u2069 \u200fok',
    );
    expect(terminalSafe('\x00\x08\x0b\x0c\x1f')).toBe('\\x00\\x08\\x0b\\x0c\\x1f');
  });

  it('flattens line breaks and tabs in one-line fields; keeps them as LF in blocks', () => {
    expect(terminalSafe('one\r\ntwo\rthree\n\nfour\u2028five\ttab')).toBe(
      'one two three four five tab',
    );
    expect(terminalSafe('one\r\ntwo\rthree\n\nfour\u2029five\ttab', 'block')).toBe(
      'one\ntwo\nthree\n\nfour\nfive\ttab',
    );
  });

  it('leaves ordinary text alone, Korean, Arabic and emoji included', () => {
    for (const s of [
      'Kim Jong Un',
      '김정은 동지',
      'بيونغ يانغ',
      '“quoted” — dash…',
      '🇰🇵 \\x1b literal',
    ])
      expect(terminalSafe(s)).toBe(s);
  });

  it('never lets a raw control through, and is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.constantFrom('line' as const, 'block' as const),
        (s, mode) => {
          const safe = terminalSafe(s, mode);
          expect(safe).not.toMatch(UNSAFE);
          expect(safe).not.toContain('\r');
          if (mode === 'line') expect(safe).not.toMatch(/[\n\t\u2028\u2029]/);
          expect(terminalSafe(safe, mode)).toBe(safe);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
