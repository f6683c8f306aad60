/**
 * A reader archive for the web tests: the demo data (the seed page and ~300 KCNA stories) plus one
 * JSONL file whose every field is an XSS payload — titles, bodies, source labels, URLs — and two copies
 * of one story in two hostile sources. Every payload would set `window.__xss` or the title if it ran.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshArchive } from './archive.js';

export const DEMO = new URL('../../demo/', import.meta.url).pathname;

export const PAYLOAD = {
  sourceScript: '<script>window.__xss = "source"</script> (En)',
  sourceSvg: '"><svg onload="window.__xss = \'source2\'"> (En)',
  title: '<img src=x onerror="window.__xss = \'title\'">Zanzibarite Headline</b>',
  body: '<script>document.title = "pwned"; window.__xss = "body"</script>',
  bodyAttr: '"><svg onload="window.__xss = \'attr\'">',
  jsUrl: 'javascript:window.__xss = "url"',
  httpUrlWithQuote: 'https://example.org/story?x="><script>window.__xss="href"</script>',
  query: '<script>window.__xss = "query"</script>',
  brokenQuery: '"><img src=x onerror="window.__xss = \'q\'">',
} as const;

/** Words every hostile article contains, to find them by search. */
export const MARKER = 'zanzibarite';

const BODY = [
  `Pyongyang, May 1 (KCNA) -- The ${MARKER} delegation arrived here ${PAYLOAD.body} on Tuesday to attend celebrations of the day.`,
  `Members of the delegation ${PAYLOAD.bodyAttr} were greeted at the airport by officials of the ministry and laid a wreath at the monument in the capital city.`,
].join('\n\n');

function records(): object[] {
  return [
    {
      source: PAYLOAD.sourceScript,
      language: 'en',
      published: '2012-05-01',
      title: PAYLOAD.title,
      body: BODY,
      url: PAYLOAD.jsUrl,
    },
    {
      source: PAYLOAD.sourceSvg,
      language: 'en',
      published: '2012-05-02',
      title: `${MARKER} copy ${PAYLOAD.bodyAttr}`,
      body: BODY,
      url: PAYLOAD.httpUrlWithQuote,
    },
    {
      source: PAYLOAD.sourceScript,
      language: 'en',
      published: '2012-05-03',
      title: null,
      body: `${PAYLOAD.bodyAttr} ${MARKER} untitled text opens with markup and goes on for a while so that a label is derived from it.`,
      url: 'data:text/html,<script>window.__xss=1</script>',
    },
  ];
}

/** Builds the archive in `dir`; the caller closes `store`. */
export async function readerArchive(dir: string) {
  const archive = freshArchive(dir);
  const hostile = join(dir, 'hostile.jsonl');
  writeFileSync(
    hostile,
    records()
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  const report = await archive.import([DEMO, hostile]);
  if (report.rejected > 0) throw new Error(`reader archive: ${report.errors.join('; ')}`);
  const sources = await archive.store.listSources();
  const find = (label: string) => {
    const s = sources.find(
      (x) => x.label === label || x.label.startsWith(label.replace(/ \(En\)$/, '')),
    );
    if (!s)
      throw new Error(`no source labelled ${label}: ${sources.map((x) => x.label).join(', ')}`);
    return s;
  };
  const seed = (
    await archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'live' })
  ).items.find((a) => a.published.year === null);
  if (!seed) throw new Error('the seed article is missing');
  return {
    ...archive,
    seed,
    scriptSource: find(PAYLOAD.sourceScript),
    svgSource: find(PAYLOAD.sourceSvg),
  };
}
