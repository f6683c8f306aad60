/**
 * The parsers the fuzz suite feeds, as the built product runs them (dist/): each takes one input
 * (a string, or bytes for WARC) and either returns or fails the way its callers expect. Anything
 * else it throws is a finding. Plain JS so that a worker thread can load it without a compiler.
 */
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { extractTextPage } from '../../dist/extract/text-page.js';
import { extractJsonlRecord } from '../../dist/extract/jsonl-record.js';
import { iterWarcRecords } from '../../dist/capture/warc.js';
import { extractHtmlArticle } from '../../dist/extract/html/index.js';
import { PROFILES } from '../../dist/extract/sites/index.js';
import { parseQuery } from '../../dist/search/query/parser.js';
import { QuerySyntaxError } from '../../dist/search/query/ast.js';

export const TARGETS = {
  /** Not a parser: allocates without end, to show the worker's heap cap holds (parsers.test.ts). */
  'runaway-allocation': () => {
    const kept = [];
    for (;;) kept.push(new Array(1_000_000).fill(kept.length));
  },
  text: (input) => {
    const page = extractTextPage(input);
    if (!Array.isArray(page.articles)) throw new Error('no articles array');
  },
  jsonl: (input) => {
    let value;
    try {
      value = JSON.parse(input);
    } catch {
      return; // the importer reports the line as not JSON; nothing of ours ran
    }
    const result = extractJsonlRecord(value);
    if (!('error' in result) && !result.article) throw new Error('neither an article nor an error');
  },
  warc: async (input) => {
    const bytes = Buffer.from(input, 'latin1');
    try {
      for await (const record of iterWarcRecords(Readable.from([bytes]))) void record.type;
    } catch (error) {
      // A malformed file is rejected with a message the import prints; a TypeError is our bug.
      if (!(error instanceof Error) || error instanceof TypeError || error instanceof RangeError)
        throw error;
    }
  },
  html: (input) => {
    const article = extractHtmlArticle(input, 'http://example.org/2024/01/02/story.html');
    if (!Array.isArray(article.paragraphs)) throw new Error('no paragraphs array');
    for (const profile of PROFILES) {
      const page = profile.parse(input, 'http://www.kcna.kp/en/article/detail/x');
      if (!Array.isArray(page.problems)) throw new Error(`${profile.id}: no problems array`);
    }
  },
  query: (input) => {
    try {
      parseQuery(input);
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
    }
  },
};
