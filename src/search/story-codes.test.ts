import { describe, expect, it } from 'vitest';
import { StoryCodes } from './story-codes.js';

describe('StoryCodes', () => {
  it('gives each distinct id one code, in the order first seen, hex ids and others alike', () => {
    const codes = new StoryCodes();
    const ids = ['a794a094aa423958', 'ffffffffffffffff', 'imported-story-7', '0000000000000000'];
    expect(ids.map((id) => codes.code(id))).toEqual([0, 1, 2, 3]);
    expect(ids.map((id) => codes.code(id))).toEqual([0, 1, 2, 3]);
    // Upper-case hex is another string, so another story.
    expect(codes.code('A794A094AA423958')).toBe(4);
    expect(codes.size).toBe(5);
  });

  it('keeps every code through many growths of its table, against a Map of the same ids', () => {
    const codes = new StoryCodes();
    const expected = new Map<string, number>();
    let seed = 1;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const ids: string[] = [];
    for (let i = 0; i < 50_000; i++) ids.push(`${hex(next())}${hex(next())}`);
    // Ids that share a half, and repeats, collide on purpose.
    for (let i = 0; i < 1_000; i++) ids.push(`${hex(i)}00000000`, `00000000${hex(i)}`, ids[i * 7]!);
    for (const id of ids) {
      if (!expected.has(id)) expected.set(id, expected.size);
      expect(codes.code(id)).toBe(expected.get(id));
    }
    expect(codes.size).toBe(expected.size);
    for (const [id, code] of expected) expect(codes.code(id)).toBe(code);
  });
});
