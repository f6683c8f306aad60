import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MIN_ITEMS, nameList, type NameList } from './name-list.js';

/** Members of the 2011 funeral committee, as KCNA spelled them. */
const NAMES = [
  'Kim Jong Un',
  'Kim Yong Nam',
  'Choe Yong Rim',
  'Ri Yong Ho',
  'Kim Yong Chun',
  'Jon Pyong Ho',
  'Kim Kuk Thae',
  'Kim Ki Nam',
  'Choe Thae Bok',
  'Yang Hyong Sop',
  'Kang Sok Ju',
  'Pyon Yong Rip',
  'Ri Yong Mu',
  'Kim Kyong Hui',
  'Kim Yang Gon',
  'Kim Yong Il',
  'Pak To Chun',
  'Choe Ryong Hae',
  'Jang Song Thaek',
  'Ju Kyu Chang',
];

/** The pieces put together: what the page shows, in order. */
const joined = (l: NameList) => l.intro + l.items.map((i) => i.text + i.sep).join('') + l.outro;

function list(text: string): NameList {
  const l = nameList(text);
  expect(l, text).not.toBeNull();
  expect(joined(l!)).toBe(text);
  return l!;
}

describe('nameList', () => {
  it('splits a committee after its introduction, which stays text', () => {
    const text = `The funeral committee is composed of: ${NAMES.join(', ')}.`;
    const l = list(text);
    expect(l.intro).toBe('The funeral committee is composed of: ');
    expect(l.items.map((i) => i.text)).toEqual([...NAMES.slice(0, -1), `${NAMES.at(-1)}.`]);
    expect(l.items.slice(0, -1).every((i) => i.sep === ', ')).toBe(true);
    expect(l.items.at(-1)!.sep).toBe('');
    expect(l.outro).toBe('');
  });

  it('keeps a dateline in the introduction and the closing "and" with the last name', () => {
    const text = `Pyongyang, December 19 (KCNA) -- The national funeral committee is composed of ${NAMES.slice(0, -1).join(', ')}, and ${NAMES.at(-1)}.`;
    const l = list(text);
    expect(l.intro).toBe(
      'Pyongyang, December 19 (KCNA) -- The national funeral committee is composed of ',
    );
    expect(l.items).toHaveLength(NAMES.length);
    expect(l.items.at(-1)).toEqual({ text: `and ${NAMES.at(-1)}.`, sep: '' });
  });

  it('ends the list where the names end: a closing phrase, a last pair, a new sentence', () => {
    const others = list(`Present there were ${NAMES.join(', ')} and other officials.`);
    expect(others.intro).toBe('Present there were ');
    expect(others.items.at(-1)).toEqual({ text: NAMES.at(-1), sep: ' ' });
    expect(others.outro).toBe('and other officials.');

    const pair = list(
      `Present there were ${NAMES.slice(0, -1).join(', ')} and ${NAMES.at(-1)}. They laid wreaths.`,
    );
    expect(pair.items.slice(-2)).toEqual([
      { text: NAMES.at(-2), sep: ' ' },
      { text: `and ${NAMES.at(-1)}.`, sep: ' ' },
    ]);
    expect(pair.outro).toBe('They laid wreaths.');

    const closing = list(`Present there were ${NAMES.join(', ')}, and others.`);
    expect(closing.items.at(-1)).toEqual({ text: 'and others.', sep: '' });

    const sentence = list(`${NAMES.join(', ')}, Kim Rak Hui. The committee met on Monday.`);
    expect(sentence.items.at(-1)).toEqual({ text: 'Kim Rak Hui.', sep: ' ' });
    expect(sentence.outro).toBe('The committee met on Monday.');
  });

  it(`needs at least ${MIN_ITEMS} names`, () => {
    const few = NAMES.slice(0, MIN_ITEMS - 2);
    expect(nameList(`Present were ${few.join(', ')} and ${NAMES[MIN_ITEMS - 2]}.`)).toBeNull();
    expect(nameList(`Present were ${NAMES.slice(0, MIN_ITEMS - 1).join(', ')}`)).toBeNull();
    expect(list(`${NAMES.slice(0, MIN_ITEMS).join(', ')}`).items).toHaveLength(MIN_ITEMS);
  });

  it('accepts initials, particles, titles in brackets and names of scripts without case', () => {
    const western = [
      'J. R. Smith',
      'Ludwig van Beethoven',
      'Charles de Gaulle',
      'Pak Pong Ju (Premier)',
      "O'Neill",
      'Al-Assad',
      'Thae Jong-su',
      'Ri Su Yong',
      'Vladimir Putin',
      'Xi Jinping',
      'Fidel Castro',
      'Ho Chi Minh',
    ];
    expect(list(`Messages came from ${western.join(', ')}.`).items).toHaveLength(western.length);
    const korean = ['김정은', '김영남', '최영림', '리영호', '김영춘', '전병호', '김국태', '김기남'];
    const all = [...korean, '최태복', '양형섭', '강석주', '변영립', '리용무'];
    expect(list(`장의위원회는 다음과 같다. ${all.join(', ')}`).items).toHaveLength(all.length);
  });

  it('leaves prose alone, however many commas it has', () => {
    const prose = [
      'The Korean people are pleased that the fraternal people of your country are defending the socialist idea',
      'bolstering the state might as a whole',
      'and sincerely wish them better achievements',
    ];
    expect(nameList(Array.from({ length: 6 }, () => prose.join(', ')).join(', '))).toBeNull();
    // Many short clauses, but lowercase words and figures are no names.
    const figures = Array.from({ length: 15 }, (_, i) => `${i + 1},000 tons in area ${i}`);
    expect(nameList(`Output rose: ${figures.join(', ')}.`)).toBeNull();
    const clauses = Array.from({ length: 15 }, (_, i) => `they worked hard ${'x'.repeat(i + 1)}`);
    expect(nameList(clauses.join(', '))).toBeNull();
    // Long Chinese clauses between commas are not short caseless names.
    expect(
      nameList(Array.from({ length: 14 }, () => '朝鲜人民正在建设社会主义强国').join('，')),
    ).toBeNull();
  });

  it('does not call a paragraph a list when the names are only a small part of it', () => {
    const long =
      'The meeting discussed the tasks of the party organizations in detail and at length. '.repeat(
        12,
      );
    expect(nameList(`${long}Present were ${NAMES.slice(0, 13).join(', ')}.`)).toBeNull();
    expect(
      list(`${long.slice(0, 200)} Present were ${NAMES.join(', ')}.`).items.length,
    ).toBeGreaterThanOrEqual(NAMES.length);
  });

  it('puts the text back together exactly, whatever it is', () => {
    const piece = fc.oneof(
      fc.constantFrom(...NAMES, 'and others', 'and Kim Ki Nam.', 'the people', 'Mr. X.', 'O'),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        'the funeral committee is composed of: Kim Jong Un',
        'Ri Yong Ho and other officials.',
        'Kim Ki Nam. The next day',
      ),
    );
    const sep = fc.constantFrom(', ', ',  ', ', \u00a0', '，', '、 ', ' and ', ' ');
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, sep), { minLength: 0, maxLength: 40 }), (parts) => {
        const text = parts
          .map(([p, s]) => p + s)
          .join('')
          .trim();
        const l = nameList(text);
        if (l) {
          expect(joined(l)).toBe(text);
          expect(l.items.length).toBeGreaterThanOrEqual(MIN_ITEMS);
          expect(l.items.every((i) => i.text.length > 0)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
