/**
 * The three extractors compared, each as `(html, url) → { text, date }`. Each call parses the page
 * itself, so the measured time is parse + extraction for all three alike. Readability's output is
 * its `textContent`, as in the published scores.
 */
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { extractHtmlArticle } from '../extract/html/index.js';
import type { PublishedDate } from '../extract/types.js';

export interface Prediction {
  text: string;
  published: PublishedDate | null;
  /** The peer threw on the page as served and succeeded on a second try (see readabilityJsdom). */
  retried?: boolean;
}

export interface Extractor {
  name: string;
  extract: (html: string, url: string) => Prediction;
}

function readability(document: Document): string {
  return new Readability(document).parse()?.textContent ?? '';
}

export const wirewatch: Extractor = {
  name: 'wirewatch',
  extract: (html, url) => {
    const a = extractHtmlArticle(html, url);
    return { text: a.paragraphs.join('\n\n'), published: a.published };
  },
};

export const readabilityLinkedom: Extractor = {
  name: 'Readability/linkedom',
  extract: (html) => ({
    text: readability(parseHTML(html).document as unknown as Document),
    published: null,
  }),
};

// jsdom reports CSS it cannot parse on its console; that is noise here.
const quiet = new VirtualConsole();

function jsdomReadability(html: string, url: string): string {
  const dom = new JSDOM(html, { url, virtualConsole: quiet });
  try {
    return readability(dom.window.document);
  } finally {
    dom.window.close();
  }
}

const STYLES = /<style\b[^>]*>[\s\S]*?<\/style\s*>|\sstyle\s*=\s*(?:"[^"]*"|'[^']*')/gi;

/**
 * jsdom's CSS parser throws on some inline styles (`border: inherit` → "Cannot create property
 * 'border-width' on string 'inherit'"), which would score the page as empty. To give the peer its
 * best, such a page is tried again without <style> elements and style attributes; both tries count
 * in its time.
 */
export const readabilityJsdom: Extractor = {
  name: 'Readability/jsdom',
  extract: (html, url) => {
    try {
      return { text: jsdomReadability(html, url), published: null };
    } catch {
      return {
        text: jsdomReadability(html.replace(STYLES, ''), url),
        published: null,
        retried: true,
      };
    }
  },
};
