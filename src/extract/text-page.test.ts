import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGLISH_MONTHS } from './months.js';
import { extractTextPage } from './text-page.js';

const DL = 'Pyongyang, March 24 (KCNA) --';

function only(text: string, ctx = {}) {
  const page = extractTextPage(text, ctx);
  expect(page.articles).toHaveLength(1);
  return page.articles[0]!;
}

describe('extractTextPage: body and chrome', () => {
  it('one paragraph per line when the page uses single newlines', () => {
    const a = only(`Title\n\n${DL} First sentence.\nSecond paragraph.\nThird paragraph. -0-`);
    expect(a.paragraphs).toEqual([
      `${DL} First sentence.`,
      'Second paragraph.',
      'Third paragraph.',
    ]);
    expect(a.title).toBe('Title');
    expect(a.complete).toBe(true);
  });

  it('re-joins hard-wrapped lines, keeping a hyphen at a line break', () => {
    const a = only(
      `${DL} Kim Jong Un met the delegation of the\nRussian Federation and the DPRK-\nRussia relations were discussed at\nlength.\nHe had a talk.`,
    );
    expect(a.paragraphs).toEqual([
      `${DL} Kim Jong Un met the delegation of the Russian Federation and the DPRK-Russia relations were discussed at length.`,
      'He had a talk.',
    ]);
    expect(a.complete).toBe(false);
  });

  it('in Korean, joins a line the page broke before a title in its own markup, not a heading', () => {
    // The first two lines end in particles (`의`, `와`): the sentence goes on in the next line. The
    // headings below end in nouns and a whole sentence: each stays a line of its own, as on a list.
    const wrapped = only(
      [
        '정각 0시 새해를 알리는 제야의 종소리에 이어 영생불멸의 혁명송가들인 평양의',
        '《김일성장군의 노래》와',
        '《김정일장군의 노래》의 선률이 수도의 하늘가로 메아리쳐갔다.',
        '국기게양식이 성대히 진행되였다.',
      ].join('\n'),
    );
    expect(wrapped.paragraphs).toEqual([
      '정각 0시 새해를 알리는 제야의 종소리에 이어 영생불멸의 혁명송가들인 평양의 《김일성장군의 노래》와 《김정일장군의 노래》의 선률이 수도의 하늘가로 메아리쳐갔다.',
      '국기게양식이 성대히 진행되였다.',
    ]);
    const headings = [
      '미국이야말로 유럽이 직면한 중대위협이다',
      '외무성 대외정책실장 담화',
      '최근 미국무장관은 협력을 무근거하게 헐뜯으면서 이를 유럽에 대한 위협으로 매도하는 정치적도발을 감행하였다.',
      '[일화] :: 달라진 설계안',
      '친근한 어버이',
      '우리의 국기',
    ];
    expect(only(headings.join('\n')).paragraphs).toEqual(headings);
  });

  it('joins a dateline alone on its line with the next line', () => {
    const a = only(`${DL}\n\nKim Jong Un sent a message.\n\nMore text.`);
    expect(a.paragraphs).toEqual([`${DL} Kim Jong Un sent a message.`, 'More text.']);
    expect(a.dateline?.raw).toBe(DL);
  });

  it('repairs the dash glued to the first word and the glued leader names, and flags it', () => {
    const a = only(
      'Pyongyang, August 4 (KCNA) --Kim Jong Un sent support toKim Jong Unthat day. -0-',
    );
    expect(a.paragraphs).toEqual([
      'Pyongyang, August 4 (KCNA) -- Kim Jong Un sent support to Kim Jong Un that day.',
    ]);
    expect(a.dateline?.raw).toBe('Pyongyang, August 4 (KCNA) --');
    expect(a.flags).toContain('glued-words-repaired');
  });

  it('strips the kcna.co.jp chrome and reads its calendar date', () => {
    const a = only(
      `http://kcna.co.jp/item/2019/201905/news27/20190527-01ee.html\ncalendar>>May 27. 2019 Juche 108 |\nA Title\n|\n|\nPyongyang, May 27 (KCNA) -- Body text, Juche 106 (2017). |\nCopyright (C) KOREA NEWS SERVICE(KNS) All Rights Reserved.\n|\n`,
    );
    expect(a.title).toBe('A Title');
    expect(a.paragraphs).toEqual(['Pyongyang, May 27 (KCNA) -- Body text, Juche 106 (2017).']);
    expect(a.published).toEqual({ year: 2019, month: 5, day: 27, basis: 'page' });
    expect(a.complete).toBe(true);
  });

  it('marks an excerpt cut with […] as incomplete', () => {
    const a = only(`Title\n\n${DL} The start of the story [\u2026]`);
    expect(a.paragraphs).toEqual([`${DL} The start of the story`]);
    expect(a.flags).toContain('excerpt');
    expect(a.complete).toBe(false);
  });

  it("keeps a […] inside a quotation, which is the author's", () => {
    const a = only(`${DL} He said "we [\u2026] will win".\nLast line. -0-`);
    expect(a.paragraphs[0]).toContain('[\u2026]');
    expect(a.flags).not.toContain('excerpt');
  });

  it('drops promo lines and warns about text after the end mark', () => {
    const page = extractTextPage(
      `${DL} One.\nNK News is hiring: join us\nTwo. -0-\nSomething else entirely.`,
    );
    expect(page.articles[0]!.paragraphs).toEqual([`${DL} One.`, 'Two.']);
    expect(page.warnings).toContain('ignored 1 line(s) after the end of the story');
  });

  it('returns no article, with a warning, when the page has no body text', () => {
    const page = extractTextPage(
      'https://kcnawatch.org/newstream/1-2/x/\nA Title\nDate: 19/11/2019 | Source: KCNA.kp (En) | Read original version at source\n',
    );
    expect(page.articles).toEqual([]);
    expect(page.warnings).toEqual(['no body text found: no article extracted']);
    expect(extractTextPage('').articles).toEqual([]);
  });

  it('never derives a title when nothing marks one', () => {
    expect(only(`${DL} Body.`).title).toBeNull();
    const a = only('Just some text.\nMore text.');
    expect(a.title).toBeNull();
    expect(a.flags).toEqual(['no-dateline']);
    expect(a.published.basis).toBe('unknown');
  });
});

describe('extractTextPage: labels and language', () => {
  const page = (label: string) =>
    `Title\nDate: 19/11/2019 | Source: ${label} | Read original version at source\n${DL} x.`;
  it('takes the language from the label, then the URL, and ctx over both', () => {
    expect(only(page('KCNA.kp (Es)')).language).toBe('es');
    expect(only(page('KCNA.kp (Cn)')).language).toBe('zh');
    expect(only(`http://www.kcna.kp/ru/article/q/abc.kcmsf\n${DL} x.`).language).toBe('ru');
    expect(only(page('KCNA.kp (Es)'), { language: 'en' }).language).toBe('en');
    expect(only(`${DL} x.`).language).toBeNull();
  });
  it('takes the source label from Source:, then More From, then ctx', () => {
    expect(only(page('Rodong Sinmun (En)'), { sourceLabel: 'Other' }).sourceLabel).toBe(
      'Rodong Sinmun (En)',
    );
    expect(only(`${DL} x. -0-\nMore From KCNA.kp (En)`, { sourceLabel: 'Other' }).sourceLabel).toBe(
      'KCNA.kp (En)',
    );
    expect(only(`${DL} x.`, { sourceLabel: 'KCNA.kp (En)' }).sourceLabel).toBe('KCNA.kp (En)');
  });
  it('prefers ctx.url over the URL on line 1', () => {
    expect(only(`http://a.example/1\n${DL} x.`, { url: 'http://b.example/2' }).url).toBe(
      'http://b.example/2',
    );
  });
});

const SENTENCE_WORDS = [
  'the',
  'delegation',
  'of',
  'Korea',
  'visited',
  'a',
  'factory',
  'and',
  'people',
  'greeted',
  'it',
];
const sentence = fc
  .array(fc.constantFrom(...SENTENCE_WORDS), { minLength: 2, maxLength: 12 })
  .map((words) => `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(' '));
const datelineParts = fc.record({
  place: fc.constantFrom('Pyongyang', 'Moscow', 'Phnom Penh'),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  dash: fc.constantFrom('--', '\u2013', '\u2014'),
});
const teaser = fc.record({ day: fc.integer({ min: 1, max: 28 }), body: sentence });

describe('extractTextPage properties', () => {
  it('returns exactly the generated paragraphs and teasers', () => {
    fc.assert(
      fc.property(
        fc.option(
          fc.constantFrom('Kim Jong Un Inspects Factory', 'Press Review', 'Statement of Spokesman'),
          { nil: null },
        ),
        datelineParts,
        fc.array(paragraph, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.option(fc.uniqueArray(teaser, { maxLength: 6, selector: (t) => t.body }), { nil: null }),
        (title, d, paras, blankLines, teasers) => {
          const raw = `${d.place}, ${ENGLISH_MONTHS[d.month - 1]} ${d.day} (KCNA) ${d.dash}`;
          const expected = [`${raw} ${paras[0]}`, ...paras.slice(1)];
          const sep = blankLines ? '\n\n' : '\n';
          const lines = [...(title ? [title, ''] : []), expected.join(sep) + ' -0-'];
          const teaserTexts = (teasers ?? []).map(
            (t) => `Pyongyang, May ${t.day} (KCNA) -- ${t.body}`,
          );
          if (teasers) {
            lines.push('', 'More From KCNA.kp (En)');
            teasers.forEach((t, i) =>
              lines.push(teaserTexts[i]!, `May ${t.day}, 2025`, teaserTexts[i]!),
            );
            lines.push('More Articles');
          }
          const page = extractTextPage(lines.join('\n'));
          const a = page.articles[0]!;
          expect(a.paragraphs).toEqual(expected);
          expect(a.title).toBe(title);
          expect(a.dateline).toEqual({
            raw,
            place: d.place,
            month: d.month,
            day: d.day,
            agency: 'KCNA',
            damaged: false,
          });
          expect(a.complete).toBe(true);
          expect(page.teasers.map((t) => t.text)).toEqual(teaserTexts);
          expect(page.teasers.map((t) => t.published)).toEqual(
            (teasers ?? []).map((t) => ({ year: 2025, month: 5, day: t.day, basis: 'listing' })),
          );
          expect(page.listingSourceLabel).toBe(teasers ? 'KCNA.kp (En)' : null);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws and always returns a well-formed result, on any string', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 400 }),
      fc
        .array(
          fc.constantFrom(
            DL,
            'More From X',
            'More Articles',
            'January 22, 2025',
            '-0-',
            '|',
            '[\u2026]',
            '\ud800',
            'Date: 19/11/2019 | Source: KCNA.kp (En)',
            'calendar>>May 27. 2019',
            'toKim Jong Unthat',
            '',
            'http://x.kp/en/a',
          ),
          { maxLength: 40 },
        )
        .map((l) => l.join('\n')),
    );
    fc.assert(
      fc.property(
        anyText,
        fc.option(fc.date({ noInvalidDate: false }), { nil: null }),
        (text, fetchedAt) => {
          const page = extractTextPage(text, { fetchedAt });
          expect(page.warnings.every((w) => !w.startsWith('extraction failed'))).toBe(true);
          expect(page.articles.length).toBeLessThanOrEqual(1);
          for (const a of page.articles) {
            expect(a.paragraphs.length).toBeGreaterThan(0);
            expect(a.paragraphs.every((p) => p === p.trim() && p !== '')).toBe(true);
          }
          page.teasers.forEach((t, i) => expect(t.position).toBe(i));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('copes with a huge single line', () => {
    const page = extractTextPage(`${DL} ${'word '.repeat(400_000)}`);
    expect(page.articles[0]!.paragraphs).toHaveLength(1);
  });
});
