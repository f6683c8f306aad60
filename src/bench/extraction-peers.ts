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
  extract: (html) => ({ text: readability(parseHTML(html).document as unknown as Document), published: null }),
};

// jsdom reports CSS it cannot parse on its console; that is noise here.
const quiet = new VirtualConsole();

export const readabilityJsdom: Extractor = {
  name: 'Readability/jsdom',
  extract: (html, url) => {
    const dom = new JSDOM(html, { url, virtualConsole: quiet });
    try {
      return { text: readability(dom.window.document), published: null };
    } finally {
      dom.window.close();
    }
  },
};
