/**
 * "Cite this" on an article and on each version: the facts a citation needs, and the same citation
 * as plain text, BibTeX and CSL-JSON, each in a block a reader can select (and, with public/cite.js,
 * copy with one button). The print stylesheet keeps the block.
 */
import { assetHref } from '../../server/asset-versions.js';
import { articleLabel } from '../../model/label.js';
import type { Article, Source, Version } from '../../model/types.js';
import type { ArchiveStore } from '../../store/types.js';
import { BASIS_TEXT, httpUrl, shortTime } from '../format.js';
import { citationBibtex, citationCsl, citationText, type CitationFacts } from '../citation.js';
import { DateText } from '../components.js';

/** The version's permalink: `/articles/ID/versions/N`, absolute under `origin`. */
export function versionHref(articleId: string, seq: number): string {
  return `/articles/${encodeURIComponent(articleId)}/versions/${seq}`;
}

/**
 * The facts for one version (null: a teaser-only article, cited from the listing that showed it).
 * The capture's time is when the archive received those bytes (a crawl's fetch, a WARC record's
 * date), not when an import ran over them later.
 */
export async function citationFacts(
  store: ArchiveStore,
  article: Article,
  source: Source | null,
  version: Version | null,
  versions: number,
  origin: string,
  listingCapture: string | null,
): Promise<CitationFacts> {
  const sha256 = version?.captureSha256 ?? listingCapture;
  const capture = sha256 ? (await store.capturesOf(sha256))[0] : undefined;
  const label = articleLabel(version ? { ...article, ...version } : article);
  return {
    articleId: article.id,
    title: version ? version.title : article.title,
    label: label.text,
    publisher: source?.name ?? article.sourceId,
    sourceLabel: source?.label ?? article.sourceId,
    published: article.published,
    dateBasis: BASIS_TEXT[article.published.basis] ?? article.published.basis,
    url: article.url,
    language: article.language,
    permalink: `${origin}${version ? versionHref(article.id, version.seq) : `/articles/${encodeURIComponent(article.id)}`}`,
    version: version?.seq ?? 0,
    versions,
    capturedAt: capture?.capturedAt ?? null,
    captureSha256: capture?.sha256 ?? sha256 ?? null,
  };
}

export function CiteBlock(props: { facts: CitationFacts }) {
  const f = props.facts;
  const url = httpUrl(f.url);
  return (
    <section class="cite" id="cite" aria-labelledby="cite-heading">
      <h2 id="cite-heading">Cite this{f.version ? ` version` : ''}</h2>
      <dl class="facts">
        <dt>Permalink</dt>
        <dd>
          <a href={f.permalink} class="url">
            {f.permalink}
          </a>
          {f.version ? ` (version ${f.version} of ${f.versions})` : ' (teaser only)'}
        </dd>
        <dt>Title</dt>
        <dd>{f.title ?? `none printed (“${f.label}” is made from the opening words)`}</dd>
        <dt>Source</dt>
        <dd>
          {f.publisher} · {f.sourceLabel}
        </dd>
        <dt>Published</dt>
        <dd>
          <DateText date={f.published} /> — {f.dateBasis}
        </dd>
        <dt>Original URL</dt>
        <dd>{url ? <span class="url">{url}</span> : (f.url ?? 'not known')}</dd>
        <dt>Captured</dt>
        <dd>
          {f.capturedAt ? (
            <time datetime={f.capturedAt}>{shortTime(f.capturedAt)}</time>
          ) : (
            'not known (the capture is not in this archive)'
          )}
          {f.captureSha256 ? (
            <>
              {' · sha-256 '}
              <a
                href={`/captures/${f.captureSha256}`}
                title="the capture: headers, bytes, the page as captured"
              >
                <code class="sha">{f.captureSha256}</code>
              </a>
            </>
          ) : (
            ''
          )}
        </dd>
      </dl>
      <CiteFormat name="Plain text" id="cite-text" text={citationText(f)} />
      <CiteFormat name="BibTeX" id="cite-bibtex" text={citationBibtex(f)} />
      <CiteFormat name="CSL-JSON" id="cite-csl" text={JSON.stringify(citationCsl(f), null, 2)} />
      <script src={assetHref('cite.js')} defer></script>
    </section>
  );
}

function CiteFormat(props: { name: string; id: string; text: string }) {
  return (
    <figure class="cite-format">
      <figcaption id={`${props.id}-label`}>{props.name}</figcaption>
      <pre id={props.id} data-copy aria-labelledby={`${props.id}-label`}>
        {props.text}
      </pre>
    </figure>
  );
}
