/**
 * Version history on the reader: the article page lists versions with their classification and links
 * to diffs; the diff page shows inline and side-by-side word diffs, escaped, with no inline script.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerArchive, HOSTILE } from '../helpers/reader-archive.js';
import { articleWithVersions } from '../helpers/versions.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof readerArchive>>;

beforeAll(async () => {
  archive = await readerArchive(dir.path);
  // The hostile article edited (same title, so the same article): a payload added to its body.
  const edited = join(dir.path, 'hostile-edited.jsonl');
  const first = readFileSync(HOSTILE, 'utf8').split('\n')[0]!;
  const record = JSON.parse(first);
  writeFileSync(
    edited,
    `${JSON.stringify({ ...record, body: record.body.replace('Second paragraph', 'Second <svg onload=alert(2)> paragraph') })}\n`,
  );
  await archive.import([edited]);
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

async function get(path: string) {
  const res = await archive.app.request(path);
  return { status: res.status, html: await res.text() };
}

describe('reader: version history and diffs', () => {
  it('the article page lists versions with their classification and a link to each diff', async () => {
    const seed = (await archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'live' }))
      .items[0]!;
    const { html } = await get(`/articles/${seed.id}`);
    expect(html).toContain('<h3 id="history-heading">History</h3>');
    // Each version links to its own page (its permalink).
    expect(html).toContain(
      `<a href="/articles/${seed.id}/versions/1">Version 1</a>: <span class="change change-first">first version</span>`,
    );
    expect(html).toMatch(
      /Version 2<\/a>: <span class="change change-body">body edited: \+1 −1 words \(\d+\.\d%\)<\/span>/,
    );
    expect(html).toContain(`href="/articles/${seed.id}/diff?from=1&amp;to=2"`);
  });

  it('the diff page shows the change inline and side by side', async () => {
    const seed = (await archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'live' }))
      .items[0]!;
    const { status, html } = await get(`/articles/${seed.id}/diff?from=1&to=2`);
    expect(status).toBe(200);
    expect(html).toContain('Version 1 → version 2 of 2');
    expect(html).toContain('launch a <del>dynamic</del><ins>vigorous</ins> joint struggle');
    const old = html.slice(html.indexOf('class="diff-old"'), html.indexOf('class="diff-new"'));
    const neu = html.slice(html.indexOf('class="diff-new"'));
    expect(old).toContain('<del>dynamic</del>');
    expect(old).not.toContain('vigorous');
    expect(neu).toContain('<ins>vigorous</ins>');
    expect(neu).not.toContain('dynamic');
    expect((await get(`/articles/${seed.id}/diff`)).html).toContain(
      'launch a <del>dynamic</del><ins>vigorous</ins>',
    );
  });

  it('search with version:any notes the older version that matched and links to what changed since', async () => {
    const seed = (await archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'live' }))
      .items[0]!;
    expect((await get('/search?q=dynamic+source%3Akcna-kp-en+status%3Alive')).html).toContain(
      'Nothing matches this query.',
    );
    const { status, html } = await get(
      '/search?q=version%3Aany+dynamic+source%3Akcna-kp-en+status%3Alive',
    );
    expect(status).toBe(200);
    expect(html).toContain(
      `Matched in version 1 of 2: <a href="/articles/${seed.id}/diff?from=1&amp;to=2">what changed since</a>`,
    );
    expect(html).toContain('<mark>dynamic</mark>');
    expect(
      (await get('/search?q=version%3Aany+vigorous+source%3Akcna-kp-en+status%3Alive')).html,
    ).not.toContain('Matched in version');
  });

  it('answers 404 for an unknown article or version and bad numbers', async () => {
    const seed = (await archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'live' }))
      .items[0]!;
    for (const path of [
      '/articles/0000000000000000/diff',
      `/articles/${seed.id}/diff?from=9`,
      `/articles/${seed.id}/diff?to=banana`,
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('escapes hostile text in the history and the diff; no inline script', async () => {
    const hostile = (await archive.store.listArticles({ limit: 1000 })).items.find(
      (a) => a.versionCount === 2 && a.title?.includes('<script>'),
    )!;
    expect(hostile).toBeDefined();
    const page = await get(`/articles/${hostile.id}`);
    expect(page.html).toMatch(/change-body">body edited: \+\d+ −0 words/);
    const { status, html } = await get(`/articles/${hostile.id}/diff?from=1&to=2`);
    expect(status).toBe(200);
    expect(html).toContain('Second <ins>&lt;svg onload=alert(2)&gt; </ins>paragraph');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    for (const raw of ['<script>alert', '<svg onload', '<img src=x'])
      expect(html, raw).not.toContain(raw);
    expect(
      html.match(/<script\b[^>]*>/g)?.every((tag) => /src="\/assets\//.test(tag)) ?? true,
    ).toBe(true);
  });
});

/** About 100 KB of prose, different for each seed, after the same opening words (so one article). */
function longBody(seed: number, words: readonly string[]): string {
  let x = seed;
  const out: string[] = [
    'Pyongyang, June 2 (KCNA) -- The delegation of the party arrived here today for talks.',
  ];
  for (let n = 0; n < 100_000;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const word = words[x % words.length]!;
    out.push(word);
    n += word.length + 1;
  }
  return out.join(' ');
}

describe('reader: versions too large to diff word by word', () => {
  let id = '';
  beforeAll(async () => {
    const record = {
      source: 'Long Wire (En)',
      language: 'en',
      published: '2012-06-02',
      title: 'A very long story',
      url: 'http://long.test/1',
    };
    id = await articleWithVersions(archive.store, dir.path, record, [
      longBody(1, ['army', 'people', 'work', 'great']),
      longBody(2, ['talks', 'ties', 'visit', 'sides']),
    ]);
    expect((await archive.store.getVersions(id)).length).toBe(2);
  });

  it('the diff page says so, still classifies the change and shows both texts', async () => {
    const start = performance.now();
    const { status, html } = await get(`/articles/${id}/diff?from=1&to=2`);
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(status).toBe(200);
    expect(html).toContain('too large to diff word by word');
    expect(html).toMatch(/body edited: \+\d+ −\d+ words/);
    expect(html).not.toContain('<del>');
    expect(html).not.toContain('<ins>');
    const old = html.slice(html.indexOf('class="diff-old"'), html.indexOf('class="diff-new"'));
    const neu = html.slice(html.indexOf('class="diff-new"'));
    expect(old).toContain('army');
    expect(old).not.toContain('talks ');
    expect(neu).toContain('talks');
    expect(neu).not.toContain('army');
  });

  it('the article page classifies its history', async () => {
    const { status, html } = await get(`/articles/${id}`);
    expect(status).toBe(200);
    expect(html).toMatch(
      /Version 2<\/a>: <span class="change change-body">body edited: \+\d+ −\d+ words/,
    );
  });

  it('the API marks the diff too large; its parts still give the old and the new text', async () => {
    const res = await archive.app.request(`/api/v1/articles/${id}/diff`);
    expect(res.status).toBe(200);
    const diff = (await res.json()) as {
      tooLarge: unknown;
      body: Array<{ op: string; text: string }>;
      change: { kind: string };
    };
    expect(diff.tooLarge).toEqual({ title: false, body: true });
    expect(diff.change.kind).toBe('body');
    const [v1, v2] = await archive.store.getVersions(id);
    expect(
      diff.body
        .filter((p) => p.op !== 'insert')
        .map((p) => p.text)
        .join(''),
    ).toBe(v1!.paragraphs.join('\n\n'));
    expect(
      diff.body
        .filter((p) => p.op !== 'delete')
        .map((p) => p.text)
        .join(''),
    ).toBe(v2!.paragraphs.join('\n\n'));
  });
});
