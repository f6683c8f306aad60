/**
 * `extractHtmlArticle`: the article of a web page that has no site template — title, publication
 * date with its basis, body paragraphs, language. Pure and total: any string in, a result out,
 * with problems reported as warnings rather than thrown.
 *
 * @example
 *   const a = extractHtmlArticle(html, 'https://example.org/2019/03/24/story.html');
 *   a.title; a.published; // { year: 2019, month: 3, day: 24, basis: 'page' }
 *   a.paragraphs.join('\n\n');
 */
import { parseDocument } from 'htmlparser2';
import type { Document, Element } from 'domhandler';
import type { PublishedDate } from '../types.js';
import { collectBlocks } from './blocks.js';
import { removeFurniture } from './clean.js';
import { articleBlocks } from './content.js';
import { findPublished } from './dates.js';
import { capDepth, elements } from './dom.js';
import { firstTag, readMeta, type PageMeta } from './meta.js';
import { filterBlocks } from './output-filter.js';
import { findTitle } from './title.js';

export interface HtmlArticle {
  title: string | null;
  /** Null when the page gives no date at all; `year: null` when only month and day are known. */
  published: PublishedDate | null;
  paragraphs: string[];
  /** BCP 47 primary language subtag (`en`), when the page declares one. */
  language?: string;
  warnings: string[];
}

// Far deeper than any real page (browsers' own limit is 512 open elements).
const MAX_DEPTH = 400;

function languageOf(meta: PageMeta): string | undefined {
  const declared =
    meta.lang ?? firstTag(meta, ['og:locale', 'content-language', 'language', 'dc.language']);
  const m = /^\s*([a-z]{2,3})(?:[-_]|\s*$)/i.exec(declared ?? '');
  return m ? m[1]!.toLowerCase() : undefined;
}

function bodyOf(doc: Document): Element | null {
  for (const el of elements(doc)) if (el.name === 'body') return el;
  return null;
}

export function extractHtmlArticle(html: string, url?: string): HtmlArticle {
  const warnings: string[] = [];
  try {
    const doc = parseDocument(typeof html === 'string' ? html : '', { decodeEntities: true });
    capDepth(doc, MAX_DEPTH);
    const meta = readMeta(doc);
    const title = findTitle(doc, meta, url);
    removeFurniture(doc);
    const root =
      bodyOf(doc) ??
      ({
        type: 'tag',
        name: 'body',
        attribs: {},
        children: doc.children,
        parent: null,
      } as unknown as Element);
    const blocks = collectBlocks(root);
    const body = articleBlocks(blocks);
    const paragraphs = body ? filterBlocks(body, title) : [];
    if (!body) warnings.push('no article text found');
    const date = findPublished(meta, url, paragraphs[0]);
    warnings.push(...date.warnings);
    if (!title) warnings.push('no title found');
    const language = languageOf(meta);
    return {
      title,
      published: date.published,
      paragraphs,
      ...(language ? { language } : {}),
      warnings,
    };
  } catch (error) {
    // Defensive: the parts above are written not to throw, but a page must never stop an import.
    return {
      title: null,
      published: null,
      paragraphs: [],
      warnings: [`extraction failed: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
}
