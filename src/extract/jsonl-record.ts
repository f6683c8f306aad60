/**
 * One JSONL record (the fields of ../shared/corpus: source, language, published, title, body, url,
 * index_url) → an extracted article. Pure; a record of the wrong shape gets a one-line reason.
 */
import { z } from 'zod';
import type { ExtractedArticle, PublishedDate } from './types.js';
import { matchDatelineAtStart } from './dateline.js';
import { classifyChrome, cutEndMark, isSignatureLine } from './chrome.js';
import { stripKoreanTitlePrefix } from './korean.js';
import { languageFromScript } from './language.js';

const optionalText = z.string().nullish();

export const corpusRecordSchema = z.object({
  source: optionalText,
  language: optionalText,
  published: optionalText,
  title: optionalText,
  body: optionalText,
  url: optionalText,
  index_url: optionalText,
  // Other scrapers' names for the same fields (bicheondev/nkarchive's `date` and `sourceName`).
  date: optionalText,
  sourceName: optionalText,
});

export type CorpusRecord = z.infer<typeof corpusRecordSchema>;

/**
 * `sourceLabel`: the record's `source`, else the import's `--source`. `sourceUrl`: the page whose site
 * may name the source when neither does (the record's own, else the list page it was found on).
 */
export type RecordResult =
  | { article: ExtractedArticle; sourceLabel: string | null; sourceUrl: string | null }
  | { error: string };

/** Parses a record that is already JSON-decoded. `defaults` are the import's `--source`/`--language`. */
export function extractJsonlRecord(
  value: unknown,
  defaults: { sourceLabel?: string | null; language?: string | null } = {},
): RecordResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      error: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
    };
  }
  const parsed = corpusRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `field "${issue.path.join('.')}": ${issue.message}` };
  }
  const r = parsed.data;
  const title = stripKoreanTitlePrefix(r.title?.replace(/\s+/g, ' ').trim() ?? '') || null;
  const { paragraphs, ended } = cleanBody(splitParagraphs(r.body ?? ''), title);
  if (!title && paragraphs.length === 0) return { error: 'record has neither a title nor a body' };
  const published = parsePublished(r.published ?? r.date, r.published ? 'published' : 'date');
  if ('error' in published) return published;
  const sourceLabel =
    r.source?.trim() || r.sourceName?.trim() || defaults.sourceLabel?.trim() || null;
  const language =
    r.language?.trim().toLowerCase() ||
    defaults.language ||
    languageFromScript(`${title ?? ''} ${paragraphs.join(' ')}`);
  return {
    sourceLabel,
    sourceUrl: r.url?.trim() || r.index_url?.trim() || null,
    article: {
      title,
      dateline: paragraphs[0] ? (matchDatelineAtStart(paragraphs[0])?.dateline ?? null) : null,
      published: published.date,
      paragraphs,
      language,
      // `index_url` is the day's list page, shared by every story of the day: an article's url must be
      // its own page, since a URL is taken as identity (a crawler's re-fetch, a listing's link).
      // The list page stays on record in the captured line, which the version points at.
      url: r.url || null,
      sourceLabel,
      complete: paragraphs.length > 0 || ended,
      flags: paragraphs.length ? [] : ['headline-only'],
    },
  };
}

/**
 * What a scraper left around the story: the headline printed again above it (one to three lines), a
 * dateline alone in its paragraph (joined to the next, as on text pages), and at the end the agency's
 * end mark, Rodong's credit `【조선중앙통신】` and links back to the list (`목록으로`).
 */
function cleanBody(
  paragraphs: string[],
  title: string | null,
): { paragraphs: string[]; ended: boolean } {
  let out = paragraphs;
  for (let lines = 1; title && lines <= Math.min(3, out.length - 1); lines++) {
    if (out.slice(0, lines).join(' ') === title) {
      out = out.slice(lines);
      break;
    }
  }
  const first = out[0] === undefined ? null : matchDatelineAtStart(out[0]);
  if (first && first.end === out[0]!.length && out.length > 1)
    out = [`${out[0]} ${out[1]}`, ...out.slice(2)];
  let ended = false;
  while (out.length > 0) {
    const last = out.at(-1)!;
    const kind = classifyChrome(last)?.kind;
    if (kind === 'navigation' || kind === 'noise') out = out.slice(0, -1);
    else if (isSignatureLine(last)) {
      out = out.slice(0, -1);
      ended = true;
    } else break;
  }
  const mark = out.length ? cutEndMark(out.at(-1)!) : null;
  if (mark?.ended) {
    out = mark.text ? [...out.slice(0, -1), mark.text] : out.slice(0, -1);
    ended = true;
  }
  return { paragraphs: out, ended };
}

/** Blank lines separate paragraphs; inside one, line breaks are only wrapping. */
export function splitParagraphs(body: string): string[] {
  const blocks = /\n\s*\n/.test(body) ? body.split(/\n\s*\n/) : body.split('\n');
  const paragraphs: string[] = [];
  for (const block of blocks) {
    let p = block.trim();
    if (!p) continue;
    // The regex replace is the costliest step of a record import: only run it where it changes something.
    if (/\s\s|[\t\n\r\f\v\u00a0]/.test(p)) p = p.replace(/\s+/g, ' ');
    paragraphs.push(p);
  }
  return paragraphs;
}

function parsePublished(
  text: string | null | undefined,
  field: string,
): { date: PublishedDate } | { error: string } {
  if (!text) return { date: { year: null, month: null, day: null, basis: 'unknown' } };
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(text.trim());
  if (!m)
    return {
      error: `field "${field}": expected YYYY-MM-DD, got ${JSON.stringify(text.slice(0, 40))}`,
    };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] ? Number(m[3]) : null;
  if (month < 1 || month > 12 || (day !== null && (day < 1 || day > daysIn(year, month)))) {
    return { error: `field "${field}": no such date ${JSON.stringify(text.slice(0, 40))}` };
  }
  return { date: { year, month, day, basis: 'record' } };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
