import type { ExtractContext, ExtractedArticle, PageExtract } from './types.js';
import {
  classifyChrome,
  classifyHeaderChrome,
  isSignatureLine,
  readEndMark,
  stripTrailingPipes,
} from './chrome.js';
import { matchDatelineAtStart } from './dateline.js';
import { repairLeaderNameSpacing, separateAfterDateline } from './glued-words.js';
import { detectLanguage } from './language.js';
import type { CalendarDate } from './page-dates.js';
import { splitPage } from './page-layout.js';
import { buildParagraphs } from './paragraphs.js';
import { resolvePublishedDate } from './published-date.js';
import { parseTeasers } from './teasers.js';
import { hasMissingLeaderName, isKoreanByline, stripKoreanTitlePrefix } from './korean.js';

/**
 * One scraped page's text → at most one article plus the page's teaser list. Pure: the same text
 * and context always give the same result, so stored captures can be re-extracted later.
 */

interface Header {
  title: string | null;
  pageDate: CalendarDate | null;
  sourceLabel: string | null;
}

function readHeader(lines: readonly string[]): Header {
  const titleLines: string[] = [];
  let pageDate: CalendarDate | null = null;
  let sourceLabel: string | null = null;
  for (const line of lines) {
    const chrome = classifyHeaderChrome(line);
    if (chrome?.kind === 'aggregator-date') {
      pageDate ??= chrome.date;
      sourceLabel ??= chrome.sourceLabel;
    } else if (chrome?.kind === 'calendar' || chrome?.kind === 'page-line') {
      pageDate ??= chrome.date;
    } else if (chrome === null) {
      const text = stripTrailingPipes(line)
        .replace(/[ \t]+/g, ' ')
        .trim();
      if (text) titleLines.push(text);
    }
  }
  // KCNA Watch names the source above the title (`KCNA Tongil Sinbo`) as its `Source:` cell says it.
  const titled = titleLines.filter(
    (l) => !(sourceLabel && l.length <= 60 && l.endsWith(` ${sourceLabel}`)),
  );
  const title = titled.length ? stripKoreanTitlePrefix(titled.join(' ')) : null;
  return { title: title || null, pageDate, sourceLabel };
}

interface Body {
  lines: string[];
  /** Ended by `-0-`, a footer or a signature line. */
  ended: boolean;
  excerpt: boolean;
  warnings: string[];
}

function lastKept(kept: readonly string[]): string {
  for (let i = kept.length - 1; i >= 0; i--) if (kept[i]!.trim()) return kept[i]!;
  return '';
}

function readBody(lines: readonly string[]): Body {
  const kept: string[] = [];
  const warnings: string[] = [];
  let ended = false;
  let excerpt = false;
  const lastContent = lines.reduce(
    (last, l, i) => (l.trim() && classifyChrome(l) === null ? i : last),
    -1,
  );
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const chrome = classifyChrome(line);
    if (
      chrome?.kind === 'footer' ||
      chrome?.kind === 'more-articles' ||
      chrome?.kind === 'navigation' ||
      chrome?.kind === 'read-more'
    ) {
      ended = chrome.kind === 'footer';
      excerpt = chrome.kind === 'read-more';
      break;
    }
    if (chrome) continue;
    if (i === lastContent && isSignatureLine(line)) {
      ended = true;
      break;
    }
    // A Rodong writer's byline is the paper's own last line: kept, and the story is whole.
    if (i === lastContent && kept.length > 0 && isKoreanByline(line, lastKept(kept))) {
      kept.push('', line);
      ended = true;
      break;
    }
    const mark = readEndMark(line);
    // `[…]` inside a quotation is the author's; only at the very end is it the republisher's cut.
    if (mark.excerpt && i === lastContent) excerpt = true;
    const text = mark.excerpt && i !== lastContent ? stripTrailingPipes(line) : mark.text;
    kept.push(text);
    if (mark.ended) {
      ended = true;
      break;
    }
  }
  const after = lines.slice(i + 1).filter((l) => l.trim() && classifyChrome(l) === null);
  if (after.length) warnings.push(`ignored ${after.length} line(s) after the end of the story`);
  return { lines: kept, ended, excerpt, warnings };
}

/** Leader-name spacing repairs over title and paragraphs, and the dash glued to the dateline. */
function repair(title: string | null, paragraphs: string[], flags: Set<string>) {
  const fix = (text: string) => {
    const r = repairLeaderNameSpacing(text);
    if (r.glued) flags.add('glued-words-repaired');
    if (r.spacing) flags.add('name-spacing-repaired');
    return r.text;
  };
  const fixed = paragraphs.map(fix);
  const match = fixed[0] !== undefined ? matchDatelineAtStart(fixed[0]) : null;
  if (match) {
    const separated = separateAfterDateline(fixed[0]!, match.end);
    if (separated.changed) flags.add('glued-words-repaired');
    fixed[0] = separated.text;
  }
  return {
    title: title === null ? null : fix(title),
    paragraphs: fixed,
    dateline: match?.dateline ?? null,
  };
}

function extract(text: string, ctx: ExtractContext): PageExtract {
  const layout = splitPage(text);
  const header = readHeader(layout.header);
  const body = readBody(layout.body);
  const teasers = parseTeasers(layout.teaserLines);
  const warnings = [...body.warnings];
  const flags = new Set<string>();

  const repaired = repair(header.title, buildParagraphs(body.lines), flags);
  const { dateline, paragraphs } = repaired;
  const url = (typeof ctx.url === 'string' && ctx.url.trim()) || layout.url;
  const sourceLabel =
    header.sourceLabel ??
    layout.listingSourceLabel ??
    (typeof ctx.sourceLabel === 'string' && ctx.sourceLabel.trim() ? ctx.sourceLabel.trim() : null);

  if (paragraphs.length === 0) {
    warnings.push('no body text found: no article extracted');
    return { articles: [], teasers, listingSourceLabel: layout.listingSourceLabel, warnings };
  }

  const publishTime = layout.body
    .map((l) => classifyChrome(l))
    .find((c) => c?.kind === 'publish-time');
  const pageDate =
    header.pageDate ?? (publishTime?.kind === 'publish-time' ? publishTime.date : null);
  const resolved = resolvePublishedDate({ pageDate, dateline, url, ctx });
  resolved.flags.forEach((f) => flags.add(f));
  if (dateline === null) flags.add('no-dateline');
  if (dateline?.damaged) flags.add('dateline-damaged');
  if (body.excerpt) flags.add('excerpt');
  if (body.lines.some(hasMissingLeaderName)) flags.add('leader-name-missing');
  if (resolved.published.basis === 'dateline-only')
    warnings.push('year unknown: only the dateline dates this story');
  if (resolved.published.basis === 'unknown') warnings.push('no publication date found');

  const article: ExtractedArticle = {
    title: repaired.title,
    dateline,
    published: resolved.published,
    paragraphs,
    language: detectLanguage(ctx, [sourceLabel, layout.listingSourceLabel], url, paragraphs),
    url,
    sourceLabel,
    complete: body.ended && !body.excerpt,
    flags: [...flags].sort(),
  };
  return { articles: [article], teasers, listingSourceLabel: layout.listingSourceLabel, warnings };
}

/** Never throws: a page that breaks the extractor is still kept, with a warning saying so. */
export function extractTextPage(text: string, ctx: ExtractContext = {}): PageExtract {
  try {
    return extract(typeof text === 'string' ? text : '', ctx ?? {});
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      articles: [],
      teasers: [],
      listingSourceLabel: null,
      warnings: [`extraction failed: ${message}`],
    };
  }
}
