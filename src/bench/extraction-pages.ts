/**
 * The article-extraction benchmark's pages (../shared/bench/article-extraction): 181 real news
 * pages with hand-made ground truth. Bytes are decoded here, once and the same way for every
 * extractor, so that decoding is not part of any extractor's measured time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeText } from '../capture/decode.js';
import { sharedDir } from './corpus.js';

export interface BenchPage {
  id: string;
  url: string;
  html: string;
  truth: string;
  /** Development half (id starts with 0–7) or held-out half (8–f); tuning looked at `dev` only. */
  half: 'dev' | 'held-out';
}

export function extractionDir(): string {
  const dir = join(sharedDir(), 'bench', 'article-extraction');
  if (!existsSync(join(dir, 'ground-truth.json'))) {
    throw new Error(
      `article-extraction benchmark not found at ${dir} (set WIREWATCH_SHARED to the shared folder)`,
    );
  }
  return dir;
}

export function loadPages(dir = extractionDir()): BenchPage[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  return Object.keys(truth)
    .sort()
    .map((id) => ({
      id,
      url: truth[id]!.url,
      html: decodeText(gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`)))).text,
      truth: truth[id]!.articleBody,
      half: /^[0-7]/.test(id) ? 'dev' : 'held-out',
    }));
}
