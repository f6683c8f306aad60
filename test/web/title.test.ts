/**
 * The page title is shown outside the page, in the tab, the window title and the history, where no
 * markup isolates it: a bidi override in an article's title (`gnp.exe` shown as `exe.png`) or a
 * control character must not reach it. The body shows the text as it is, escaped.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { freshArchive } from '../helpers/archive.js';
import { tempDir } from '../helpers/tmp.js';

const HOSTILE = '\x1b]0;pwned\x07\x1b[2J\r\nFAKE\u202egnp.exe\u2066x\u2069\x7f\x9b';
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/u;

const dir = tempDir();
let archive: ReturnType<typeof freshArchive>;
let app: ReturnType<typeof createApp>;
let id = '';

beforeAll(async () => {
  archive = freshArchive(dir.path);
  const file = join(dir.path, 'evil.jsonl');
  const record = {
    source: `Evil\u202e Wire (En)`,
    language: 'en',
    published: '2012-06-03',
    title: `Kim inspects ${HOSTILE} a farm`,
    url: 'http://evil.test/1',
    body: 'Pyongyang, June 3 (KCNA) -- Kim Jong Un inspected a farm today with the workers.',
  };
  writeFileSync(file, `${JSON.stringify(record)}\n`);
  await archive.import([file]);
  writeFileSync(file, `${JSON.stringify({ ...record, body: `${record.body} More.` })}\n`);
  await archive.import([file]);
  id = (await archive.store.findArticleByUrl(record.url))!.id;
  app = createApp({ store: archive.store, publicUrl: 'http://wirewatch.test' });
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

async function head(path: string): Promise<{ title: string; html: string }> {
  const html = await (await app.request(path)).text();
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
  expect(title, path).toBeDefined();
  return { title: title!, html };
}

describe('page titles carry no bidi or control characters', () => {
  it('article, diff, source and search pages', async () => {
    const source = (await archive.store.getArticle(id))!.sourceId;
    const pages = [
      `/articles/${id}`,
      `/articles/${id}/diff`,
      `/sources/${source}`,
      `/search?q=${encodeURIComponent(`farm ${HOSTILE}`)}`,
    ];
    for (const path of pages) {
      const { title, html } = await head(path);
      expect(title, path).not.toMatch(UNSAFE);
      // Feed links in the head are shown by the browser too.
      for (const m of html.matchAll(/<link rel="alternate"[^>]* title="([^"]*)"/g))
        expect(m[1], path).not.toMatch(UNSAFE);
    }
    const { title } = await head(`/articles/${id}`);
    expect(title).toBe('Kim inspects ]0;pwned[2J FAKEgnp.exex a farm · wirewatch');
  });
});
