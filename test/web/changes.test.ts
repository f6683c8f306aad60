/**
 * The reader's history surfaces over an archive with edits, removals and a purge
 * (test/helpers/changes-archive.ts): the /changes page (filters, cosmetic edits hidden by default,
 * escaping), the removal banner and event list on an article, the coverage monitor on Sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesArchive, HOSTILE_REASON, SPIKE_DAY } from '../helpers/changes-archive.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof changesArchive>>;

beforeAll(async () => {
  archive = await changesArchive(dir.path);
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

async function get(path: string) {
  const res = await archive.app.request(path);
  return { status: res.status, html: await res.text() };
}

function rows(html: string): string[] {
  const list = /<ol class="changes">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return list.split('<li>').slice(1);
}

function noRawPayload(html: string): void {
  for (const raw of ['<script>alert', '<svg onload', '<img src=x'])
    expect(html, raw).not.toContain(raw);
  expect(html.match(/<script\b[^>]*>/g)?.every((tag) => /src="\/assets\//.test(tag)) ?? true).toBe(
    true,
  );
}

describe('/changes', () => {
  it('lists the changes newest first, cosmetic edits hidden by default, and links each to its article and diff', async () => {
    const { status, html } = await get('/changes');
    expect(status).toBe(200);
    expect(html).toContain('<a href="/changes" aria-current="page">Changes</a>');
    expect(html).toContain('9 changes, cosmetic edits hidden');
    expect(html).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Changes (Atom)" href="/feeds/changes?change=body%2Cheadline"/>',
    );
    const list = rows(html);
    expect(list).toHaveLength(9);
    expect(html).not.toContain('cosmetic edit<');
    // the hostile removal first: title and reason escaped
    expect(list[0]).toContain(
      `<a href="/articles/${archive.hostile.id}">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot; ]]&gt; end</a>`,
    );
    expect(list[0]).toContain(
      '<span class="change change-deleted">removed from the source</span><span class="reason"> (gone from its listing http://hostile.test/list?&lt;script&gt;alert(9)&lt;/script&gt;)</span>',
    );
    expect(list[0]).toContain(
      '<time datetime="2026-12-10T03:00:00.000Z">2026-12-10 03:00 UTC</time>',
    );
    // the edit archived before classification, classified at read, with its diff link
    const legacy = list.find((r) => r.includes('change-body') && r.includes(archive.hostile.id))!;
    expect(legacy).toContain('<span class="change change-body">body edit, 4 words</span>');
    expect(legacy).toContain(`href="/articles/${archive.hostile.id}/diff?from=1&amp;to=2"`);
    expect(legacy).toContain('since removed');
    expect(list.find((r) => r.includes('change-restored'))).toContain(
      're-appeared at the source</span><span class="reason"> (HTTP 200)</span>',
    );
    noRawPayload(html);
  });

  it('includes cosmetic edits when asked, and filters by source and kind', async () => {
    const all = await get('/changes?cosmetic=1');
    expect(rows(all.html)).toHaveLength(10);
    expect(all.html).toContain('<input type="checkbox" name="cosmetic" value="1" checked=""/>');
    const cosmetic = rows(all.html).find((r) => r.includes('change-cosmetic'))!;
    expect(cosmetic).toContain('cosmetic edit</span>');
    expect(cosmetic).toContain(`href="/articles/${archive.seed.id}/diff?from=2&amp;to=3"`);

    const removals = await get('/changes?source=kcna-co-jp-en&kind=deleted');
    expect(rows(removals.html)).toHaveLength(5);
    expect(
      rows(removals.html).every((r) => r.includes('(HTTP 404)') && r.includes('KCNA.co.jp (En)')),
    ).toBe(true);
    expect(removals.html).toContain(
      '<option value="kcna-co-jp-en" selected="">KCNA.co.jp (En)</option>',
    );
    expect(removals.html).toContain('<option value="deleted" selected="">Removals</option>');
    expect(rows((await get('/changes?kind=restored')).html)).toHaveLength(1);
    expect(
      rows((await get('/changes?kind=edit')).html).every((r) => /change-(body|headline)/.test(r)),
    ).toBe(true);
  });

  it('ignores unknown filter values and pages past the end quietly', async () => {
    expect(rows((await get('/changes?source=nowhere&kind=gone')).html)).toHaveLength(9);
    const far = await get('/changes?page=99');
    expect(far.status).toBe(200);
    expect(far.html).toContain('No changes on this page.');
  });
});

describe('a removed article', () => {
  it('shows a banner with the time and reason, the text still, and its events in the history', async () => {
    const { html } = await get(`/articles/${archive.hostile.id}`);
    expect(html).toContain(
      '<p class="removed-banner" role="note"><strong>Removed from the source on <time datetime="2026-12-10T03:00:00.000Z">2026-12-10 03:00 UTC</time></strong> (gone from its listing http://hostile.test/list?&lt;script&gt;alert(9)&lt;/script&gt;)',
    );
    expect(html).toContain('Second &lt;svg onload=alert(2)&gt; paragraph');
    const events = /<ol class="events"[^>]*>([\s\S]*?)<\/ol>/.exec(html)![1]!;
    expect(
      events
        .split('<li>')
        .slice(1)
        .map((li) => li.replace(/<[^>]+>/g, '')),
    ).toEqual([
      '2026-12-07 09:00 UTC: body edit, 4 words (version 2)',
      `2026-12-10 03:00 UTC: removed from the source (${HOSTILE_REASON.replace(/</g, '&lt;').replace(/>/g, '&gt;')})`,
    ]);
    noRawPayload(html);
  });

  it('a re-appeared article has no banner, and its history says it was removed and came back', async () => {
    const { html } = await get(`/articles/${archive.restored.id}`);
    expect(html).not.toContain('removed-banner');
    expect(html).toContain('<h3 id="history-heading">History</h3>');
    expect(html).toMatch(
      /2026-12-09 00:15 UTC<\/time>: <span class="change change-deleted">removed from the source<\/span><span class="reason"> \(HTTP 404\)/,
    );
    expect(html).toMatch(
      /2026-12-10 02:00 UTC<\/time>: <span class="change change-restored">re-appeared at the source<\/span><span class="reason"> \(HTTP 200\)/,
    );
  });
});

describe('/sources: the coverage monitor', () => {
  it('shows the deletion spike prominently, removed counts, and 30 days per source', async () => {
    const { html } = await get('/sources');
    const warnings = html.slice(
      html.indexOf('<section class="coverage-flags"'),
      html.indexOf('</section>', html.indexOf('coverage-flags')),
    );
    expect(warnings).toMatch(
      new RegExp(
        `⚠ <a href="#coverage-kcna-co-jp-en">KCNA.co.jp \\(En\\)</a>: deletion spike on ${SPIKE_DAY}: 5 articles removed from the source, 0 on a normal day \\(\\d+% of its \\d+\\)`,
      ),
    );
    expect(html.indexOf('coverage-flags')).toBeLessThan(html.indexOf('<table class="sources">'));
    // removed articles per source: four of the five purged are still gone
    expect(html).toContain('<a href="/changes?source=kcna-co-jp-en&amp;kind=deleted">4</a>');
    const row =
      /<tr id="coverage-kcna-co-jp-en">([\s\S]*?)<\/tr>\s*<tr id=/.exec(html)?.[1] ??
      /<tr id="coverage-kcna-co-jp-en">([\s\S]*)/.exec(html)![1]!;
    expect(row).toContain('<svg class="bars"');
    expect(row).toContain(`<title>${SPIKE_DAY}: 0 published, 5 removed</title>`);
    expect(row).toContain(
      `<th scope="row">${SPIKE_DAY}</th><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">5</td><td class="num">0</td>`,
    );
    expect(row).toContain(`⚠ deletion spike ${SPIKE_DAY}`);
    expect(html).toContain('Coverage, 2026-11-11 to 2026-12-10');
  });
});
