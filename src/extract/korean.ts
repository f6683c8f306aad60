import type { Dateline } from './types.js';
import { type CalendarDate } from './page-dates.js';
import { isPlausibleDay, isValidDate, parseDigits } from './months.js';

/**
 * Korean wire copy as the DPRK agencies print it (../shared/fixtures/korean, SOURCES.md):
 * the dateline `(평양 8월 21일발 조선중앙통신)`, the end mark `(끝)`, Juche dates
 * `주체112(2023)년 1월 1일`, Rodong's page line `2024.10.8. 《로동신문》 5면`, the closing credit
 * `【조선중앙통신】` and the bylines of Rodong's own writers. Each reader accepts one documented form;
 * digits may be full-width (`１１４`), as Rodong prints them. Every pattern is bounded and has no two
 * quantifiers competing for the same characters, so hostile lines are read in linear time.
 */

const D = '[0-9\uff10-\uff19]';
const SP = '[ \\t\\u00a0\\u3000]';
const HANGUL = '\\p{Script=Hangul}';

// `(평양 8월 21일발 조선중앙통신)`: place, month, day, `발` ("sent from"), agency. The place may be a
// few words (`뉴욕 유엔`); each word is Hangul only, so it cannot eat the month's digits.
const DATELINE = new RegExp(
  `\\(${SP}{0,3}(?<place>${HANGUL}{1,12}(?:${SP}${HANGUL}{1,12}){0,2})${SP}{1,3}` +
    `(?<month>${D}{1,2})${SP}{0,2}월${SP}{0,2}(?<day>${D}{1,2})${SP}{0,2}일(?<sent>발?)` +
    `${SP}{0,3}(?<agency>${HANGUL}{2,12})${SP}{0,3}\\)`,
  'uy',
);

/** A Korean dateline starting exactly at `pos`, with the offset just after it; null when none. */
export function matchKoreanDateline(
  text: string,
  pos: number,
): { dateline: Dateline; end: number } | null {
  if (text.charCodeAt(pos) !== 0x28 /* ( */) return null;
  DATELINE.lastIndex = pos;
  const m = DATELINE.exec(text);
  if (!m?.groups) return null;
  const month = parseDigits(m.groups.month!);
  const dayNumber = parseDigits(m.groups.day!);
  const monthOk = month >= 1 && month <= 12;
  const day = monthOk && isPlausibleDay(month, dayNumber) ? dayNumber : null;
  return {
    dateline: {
      raw: m[0],
      place: m.groups.place!.replace(/\s+/gu, ' '),
      month: monthOk ? month : null,
      day,
      agency: m.groups.agency!,
      // Without `발` or with an impossible date some part was lost; the rest is still read.
      damaged: !monthOk || day === null || m.groups.sent === '',
    },
    end: pos + m[0].length,
  };
}

/**
 * `(끝)`, the agency's end of story, at the end of a line (alone or glued to the last sentence).
 * The text before it is returned without it.
 */
export function cutKoreanEndMark(line: string): { text: string; ended: boolean } {
  const m = /\(\s?끝\s?\)\s*$/u.exec(line);
  if (!m) return { text: line, ended: false };
  return { text: line.slice(0, m.index).trimEnd(), ended: true };
}

// `주체112(2023)년 1월 1일` (also without the Juche year, `2024년 12월 22일`). The Juche year is the
// Gregorian year − 1911; when both are printed they must agree.
const KOREAN_DATE = new RegExp(
  `(?:주체${SP}{0,2}(?<juche>${D}{1,3})${SP}{0,2}\\(${SP}{0,2}(?<inJuche>${D}{4})${SP}{0,2}\\)` +
    `|(?<year>${D}{4}))${SP}{0,2}년${SP}{0,3}(?<month>${D}{1,2})${SP}{0,2}월${SP}{0,3}` +
    `(?<day>${D}{1,2})${SP}{0,2}일`,
  'u',
);

/** The first `주체112(2023)년 1월 1일` or `2024년 12월 22일` in `text`, else null. */
export function parseKoreanDate(text: string): CalendarDate | null {
  const m = KOREAN_DATE.exec(text);
  if (!m?.groups) return null;
  let year: number;
  if (m.groups.juche !== undefined) {
    const juche = parseDigits(m.groups.juche);
    year = parseDigits(m.groups.inJuche!);
    if (juche + 1911 !== year) return null;
  } else year = parseDigits(m.groups.year!);
  const month = parseDigits(m.groups.month!);
  const day = parseDigits(m.groups.day!);
  return isValidDate(year, month, day) ? { year, month, day } : null;
}

/** What a header line of a Korean page is, when it is page chrome rather than the title. */
export type KoreanHeaderLine =
  /** `주체112(2023)년 1월 1일 《우리 민족끼리》`, `주체111(2022)년 7월 23일 조선중앙통신`: the issue's date. */
  | { kind: 'issue-date'; date: CalendarDate; publication: string | null }
  /** Rodong's `2024.10.8. 《로동신문》 5면`: the issue's date and page. */
  | { kind: 'page-line'; date: CalendarDate; publication: string; page: number }
  /** Rodong's `2024년 12월 22일 일요일`: the day the page was shown, not the article's date. */
  | { kind: 'today' }
  /** Mastheads and section labels (`로동신문`, `/ 보 도`). */
  | { kind: 'masthead' };

const WEEKDAY = '[월화수목금토일]요일';
const PUBLICATION = `(?:《(?<quoted>[^《》\\n]{1,30})》|(?<bare>${HANGUL}{2,12}))`;
const ISSUE_DATE = new RegExp(
  `^(?<date>(?:주체${SP}{0,2}${D}{1,3}${SP}{0,2}\\(${SP}{0,2}${D}{4}${SP}{0,2}\\)|${D}{4})` +
    `${SP}{0,2}년${SP}{0,3}${D}{1,2}${SP}{0,2}월${SP}{0,3}${D}{1,2}${SP}{0,2}일)` +
    `(?:${SP}{1,4}${PUBLICATION})?$`,
  'u',
);
const TODAY = new RegExp(
  `^${D}{4}년${SP}{0,2}${D}{1,2}월${SP}{0,2}${D}{1,2}일${SP}{1,3}${WEEKDAY}$`,
  'u',
);
const PAGE_LINE = new RegExp(
  `^(?<y>${D}{4})\\.${SP}{0,2}(?<m>${D}{1,2})\\.${SP}{0,2}(?<d>${D}{1,2})\\.?${SP}{1,4}` +
    `《(?<publication>[^《》\\n]{1,30})》${SP}{1,4}(?<page>${D}{1,2})${SP}{0,2}면$`,
  'u',
);
const MASTHEADS = new Set(['로동신문', '민주조선', '조선중앙통신', '우리 민족끼리', '통일신보']);
// VOK's section labels, letter-spaced: `/ 보 도`, `/ 특 집`.
const SECTION_LABEL = new RegExp(`^/${SP}{0,3}${HANGUL}(?:${SP}{1,3}${HANGUL}){0,5}$`, 'u');

export function classifyKoreanHeaderLine(line: string): KoreanHeaderLine | null {
  const text = line.trim();
  if (text.length > 80) return null;
  if (TODAY.test(text)) return { kind: 'today' };
  const page = PAGE_LINE.exec(text);
  if (page?.groups) {
    const date = calendar(page.groups.y!, page.groups.m!, page.groups.d!);
    if (date)
      return {
        kind: 'page-line',
        date,
        publication: page.groups.publication!,
        page: parseDigits(page.groups.page!),
      };
  }
  const issue = ISSUE_DATE.exec(text);
  if (issue?.groups) {
    const date = parseKoreanDate(issue.groups.date!);
    const publication = issue.groups.quoted ?? issue.groups.bare ?? null;
    if (date) return { kind: 'issue-date', date, publication };
  }
  if (MASTHEADS.has(text) || SECTION_LABEL.test(text)) return { kind: 'masthead' };
  return null;
}

function calendar(y: string, m: string, d: string): CalendarDate | null {
  const year = parseDigits(y);
  const month = parseDigits(m);
  const day = parseDigits(d);
  return isValidDate(year, month, day) ? { year, month, day } : null;
}

/** kcna.kp's publish-time line under the story: `www.kcna.kp (2025.12.17.)`, `(Juche114.12.17.)`. */
export function parsePublishTimeLine(line: string): CalendarDate | null {
  const m = new RegExp(
    `^www\\.kcna\\.kp${SP}{0,3}\\((?:Juche${SP}{0,2}(?<juche>${D}{2,3})|(?<year>${D}{4}))\\.` +
      `(?<m>${D}{1,2})\\.(?<d>${D}{1,2})\\.?\\)$`,
    'u',
  ).exec(line.trim());
  if (!m?.groups) return null;
  const year =
    m.groups.juche !== undefined ? parseDigits(m.groups.juche) + 1911 : parseDigits(m.groups.year!);
  return calendar(String(year), m.groups.m!, m.groups.d!);
}

/** `【조선중앙통신】`: Rodong's credit for an item the agency wrote; it ends the story. */
export function isKoreanCreditLine(line: string): boolean {
  return new RegExp(`^${SP}*【${SP}{0,2}${HANGUL}{2,12}${SP}{0,2}】${SP}*$`, 'u').test(line);
}

// Rodong's own writers sign the last line: `본사기자 리영민`, `로농통신원 정영희`, `특파기자 …`, or the
// bare name (`두진명`). A name is a surname and one to three syllables; the role words are the paper's.
const ROLE = '(?:본사기자|특파기자|기자|로농통신원|통신원|본사정치보도반)';
const WITH_ROLE = new RegExp(`^${ROLE}(?:${SP}{1,3}${HANGUL}{2,4})?$`, 'u');
const BARE_NAME = new RegExp(`^${HANGUL}{2,4}$`, 'u');
// The commonest surnames in DPRK spelling (리, 림, 류, 로, 량 where the South writes 이, 임, 유, 노, 양):
// a bare line of two to four syllables is a byline only when it starts with one of them.
const SURNAMES = new Set([
  ...'김리박최정강조윤장림한오서신권황안송류전홍고문량손배백허남심로하곽성차주우구라민진지엄채원천방공현함변염려추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상시갈',
]);

/**
 * A byline on the last line of a story (Rodong's writers, Uriminzokkiri's `본사기자`). A bare name
 * counts only after a finished sentence and with a known surname, so a last line cut short by a
 * scrape (`실로`, "truly") is not taken for one.
 */
export function isKoreanByline(line: string, previous: string): boolean {
  const text = line.trim();
  if (WITH_ROLE.test(text)) return true;
  return (
    BARE_NAME.test(text) &&
    SURNAMES.has(text.charAt(0)) &&
    !text.endsWith('다') &&
    /[.!?》]$/u.test(previous.trim())
  );
}

/** The page-title prefix kcna.kp puts before every headline: `조선중앙통신 | `. */
export function stripKoreanTitlePrefix(title: string): string {
  const m = new RegExp(`^조선중앙통신${SP}*[|｜]${SP}*`, 'u').exec(title);
  return m ? title.slice(m[0].length) : title;
}

/** Share of Hangul among the letters of `text` (0 when it has none), from at most 2,000 letters. */
export function hangulShare(text: string): number {
  let letters = 0;
  let hangul = 0;
  for (const ch of text) {
    if (letters >= 2000) break;
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (/\p{Script=Hangul}/u.test(ch)) hangul++;
    }
  }
  return letters === 0 ? 0 : hangul / letters;
}

/**
 * A paragraph ending on `경애하는` ("respected") lost the leader's name that follows it on the page:
 * DPRK sites set the name in its own markup, which some scrapers drop. The text is kept as found and
 * flagged, so no one quotes it as what the agency printed.
 */
export function hasMissingLeaderName(paragraph: string): boolean {
  return /경애하는\s*$/u.test(paragraph);
}
