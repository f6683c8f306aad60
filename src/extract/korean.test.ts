import { describe, expect, it } from 'vitest';
import {
  classifyKoreanHeaderLine,
  cutKoreanEndMark,
  hangulShare,
  hasMissingLeaderName,
  isKoreanByline,
  isKoreanCreditLine,
  matchKoreanDateline,
  parseKoreanDate,
  parsePublishTimeLine,
  stripKoreanTitlePrefix,
} from './korean.js';
import { findDateline, matchDatelineAtStart } from './dateline.js';
import { cutEndMark } from './chrome.js';

describe('Korean datelines', () => {
  it('reads place, month, day and agency, also from foreign bureaus', () => {
    expect(matchKoreanDateline('(평양 8월 21일발 조선중앙통신)', 0)?.dateline).toEqual({
      raw: '(평양 8월 21일발 조선중앙통신)',
      place: '평양',
      month: 8,
      day: 21,
      agency: '조선중앙통신',
      damaged: false,
    });
    const moscow = matchDatelineAtStart('(모스크바 8월 20일발 조선중앙통신) 로씨야…');
    expect(moscow?.dateline).toMatchObject({ place: '모스크바', month: 8, day: 20 });
    expect(moscow?.end).toBe('(모스크바 8월 20일발 조선중앙통신)'.length);
  });

  it('reads full-width digits and flags a dateline that lost 발 or has no such day', () => {
    expect(matchKoreanDateline('(평양 ８월 ２１일발 조선중앙통신)', 0)?.dateline).toMatchObject({
      month: 8,
      day: 21,
      damaged: false,
    });
    expect(matchKoreanDateline('(평양 8월 21일 조선중앙통신)', 0)?.dateline.damaged).toBe(true);
    expect(matchKoreanDateline('(평양 2월 31일발 조선중앙통신)', 0)?.dateline).toMatchObject({
      day: null,
      damaged: true,
    });
  });

  it('finds a dateline glued to the body and one run into a headline', () => {
    const glued = '(평양 7월 6일발 조선중앙통신)각지에서 교육조건과 환경을';
    expect(matchDatelineAtStart(glued)?.end).toBe('(평양 7월 6일발 조선중앙통신)'.length);
    const runIn = '절세의 애국자의 현지지도장정 (평양 12월 7일발 조선중앙통신) 해마다';
    expect(findDateline(runIn)?.dateline.day).toBe(7);
  });

  it('is not fooled by a parenthesis of the body', () => {
    expect(matchKoreanDateline('(당시)을 찾으시였다.', 0)).toBeNull();
    expect(matchKoreanDateline('(2022년 준공)', 0)).toBeNull();
  });
});

describe('end marks, credits and bylines', () => {
  it('cuts (끝) alone or glued to the last sentence, through the one end-mark rule', () => {
    expect(cutKoreanEndMark('강화되고있다.(끝)')).toEqual({ text: '강화되고있다.', ended: true });
    expect(cutEndMark('(끝)')).toEqual({ text: '', ended: true });
    expect(cutEndMark('끝까지 싸울것이다.')).toEqual({ text: '끝까지 싸울것이다.', ended: false });
  });

  it('knows Rodong’s credit line and its writers’ bylines', () => {
    expect(isKoreanCreditLine('【조선중앙통신】')).toBe(true);
    expect(isKoreanCreditLine('【조선중앙통신】 보도')).toBe(false);
    expect(isKoreanByline('본사기자 리영민', '…이룩하였다.')).toBe(true);
    expect(isKoreanByline('로농통신원 정영희', '…지켜가고있다.')).toBe(true);
    expect(isKoreanByline('본사기자', '《새해를 축하합니다!》')).toBe(true);
    expect(isKoreanByline('두진명', '…대책들이 취해지고있다.')).toBe(true);
    // A last line cut short by a scrape, or a short sentence, is no byline.
    expect(isKoreanByline('실로', '…길을 이어가신')).toBe(false);
    expect(isKoreanByline('김광명', '…길을 이어가신')).toBe(false);
    expect(isKoreanByline('끝났다', '…하였다.')).toBe(false);
  });
});

describe('dates', () => {
  it('reads Juche dates only when both years agree', () => {
    expect(parseKoreanDate('주체112(2023)년 1월 1일')).toEqual({ year: 2023, month: 1, day: 1 });
    expect(parseKoreanDate('주체１１２(２０２３)년 １월 １일')).toEqual({
      year: 2023,
      month: 1,
      day: 1,
    });
    expect(parseKoreanDate('주체112(2024)년 1월 1일')).toBeNull();
    expect(parseKoreanDate('2024년 2월 30일')).toBeNull();
  });

  it('tells the issue date, the page line and the day shown apart', () => {
    expect(classifyKoreanHeaderLine('주체112(2023)년 1월 1일 《우리 민족끼리》')).toEqual({
      kind: 'issue-date',
      date: { year: 2023, month: 1, day: 1 },
      publication: '우리 민족끼리',
    });
    expect(classifyKoreanHeaderLine('주체111(2022)년 7월 23일 조선중앙통신')).toMatchObject({
      kind: 'issue-date',
      publication: '조선중앙통신',
    });
    expect(classifyKoreanHeaderLine('2024.10.8. 《로동신문》 5면')).toEqual({
      kind: 'page-line',
      date: { year: 2024, month: 10, day: 8 },
      publication: '로동신문',
      page: 5,
    });
    expect(classifyKoreanHeaderLine('2024년 12월 22일 일요일')).toEqual({ kind: 'today' });
    expect(classifyKoreanHeaderLine('/ 보 도')).toEqual({ kind: 'masthead' });
    // A sentence that starts with a date is the story's.
    expect(
      classifyKoreanHeaderLine('주체112(2023)년 1월 1일 국기게양식이 성대히 진행되였다.'),
    ).toBeNull();
  });

  it('reads kcna.kp’s publish-time line in both forms', () => {
    expect(parsePublishTimeLine('www.kcna.kp (2025.12.17.)')).toEqual({
      year: 2025,
      month: 12,
      day: 17,
    });
    expect(parsePublishTimeLine('www.kcna.kp (Juche108.12.10.)')).toEqual({
      year: 2019,
      month: 12,
      day: 10,
    });
  });
});

describe('titles, language and lost names', () => {
  it('drops kcna.kp’s page-title prefix only at the start', () => {
    expect(stripKoreanTitlePrefix('조선중앙통신 | 2026년 8월 21일 신문개관')).toBe(
      '2026년 8월 21일 신문개관',
    );
    expect(stripKoreanTitlePrefix('조선중앙통신사 보도')).toBe('조선중앙통신사 보도');
  });

  it('measures the share of Hangul among letters', () => {
    expect(hangulShare('교육중시기풍을 철저히 세우자')).toBe(1);
    expect(hangulShare('KCNA 보도')).toBeCloseTo(2 / 6);
    expect(hangulShare('2024')).toBe(0);
  });

  it('flags a line that lost the leader’s name after 경애하는', () => {
    expect(hasMissingLeaderName('6월 29일은 경애하는')).toBe(true);
    expect(hasMissingLeaderName('경애하는 김정은동지께서는')).toBe(false);
  });
});

describe('hostile input', () => {
  it('reads long runs of spaces, digits and Hangul in linear time', () => {
    const inputs = [
      `(${'평'.repeat(50_000)}`,
      `(평양${' '.repeat(50_000)}8월`,
      `주체${'1'.repeat(50_000)}`,
      `${'('.repeat(50_000)}평양 8월`,
      `${'본사기자 '.repeat(20_000)}`,
    ];
    const started = performance.now();
    for (const text of inputs) {
      findDateline(text);
      parseKoreanDate(text);
      classifyKoreanHeaderLine(text);
      cutKoreanEndMark(text);
      isKoreanByline(text, '.');
    }
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
