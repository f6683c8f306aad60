/**
 * `/articles/:id/versions/:seq`: one version of an article's text as the archive first captured it —
 * the permalink a citation of that version points to — with what came before and after it and how
 * to cite it. All text is the source's, untrusted: JSX escapes it.
 */
import type { Context } from 'hono';
import { articleLabel } from '../../model/label.js';
import type { ArchiveStore } from '../../store/types.js';
import { linkOrigin } from '../../server/hosts.js';
import { articleHref, sourceHref } from '../components.js';
import { langOf, shortTime } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';
import { citationFacts, CiteBlock, versionHref } from './article-cite.js';
import { notFoundPage } from './not-found.js';

export async function versionPage(c: Context, store: ArchiveStore, publicUrl?: string) {
  const id = c.req.param('id') ?? '';
  const seqText = c.req.param('seq') ?? '';
  const article = await store.getArticle(id);
  if (!article)
    return notFoundPage(c, 'No such article', `The archive has no article with the id “${id}”.`);
  const versions = await store.getVersions(article.id);
  const seq = /^[1-9]\d{0,5}$/.test(seqText) ? Number(seqText) : NaN;
  const version = versions.find((v) => v.seq === seq);
  if (!version)
    return notFoundPage(
      c,
      'No such version',
      `The article “${id}” has ${versions.length} version(s); there is no version “${seqText}”.`,
    );
  const source = await store.getSource(article.sourceId);
  const facts = await citationFacts(
    store,
    article,
    source,
    version,
    versions.length,
    linkOrigin(c.req.url, publicUrl),
    null,
  );
  const label = articleLabel({ ...article, ...version });
  const latest = version.seq === versions.length;
  return sendPage(
    c,
    <Layout title={`${label.text} (version ${version.seq})`} wide={false}>
      <article class="story" aria-labelledby="headline">
        <header>
          <p class="kicker">
            <a href={sourceHref(article.sourceId)} class="source-label">
              {source?.label ?? article.sourceId}
            </a>
          </p>
          <h1
            id="headline"
            class={label.derived ? 'derived' : undefined}
            lang={langOf(article.language)}
          >
            {label.text}
          </h1>
          <p class="note version-note">
            Version {version.seq} of {versions.length} of{' '}
            <a href={articleHref(article.id)}>this article</a>, first seen{' '}
            {shortTime(version.firstSeen)}, last seen {shortTime(version.lastSeen)}
            {latest ? ' — the current text.' : '. A later version replaced it.'}
          </p>
          <nav class="version-nav" aria-label="Versions">
            {version.seq > 1 ? (
              <>
                <a href={versionHref(article.id, version.seq - 1)}>← version {version.seq - 1}</a>
                {' · '}
                <a
                  href={`${articleHref(article.id)}/diff?from=${version.seq - 1}&to=${version.seq}`}
                >
                  what changed from version {version.seq - 1}
                </a>
              </>
            ) : (
              <span>the first version</span>
            )}
            {latest ? (
              ''
            ) : (
              <>
                {' · '}
                <a href={versionHref(article.id, version.seq + 1)}>version {version.seq + 1} →</a>
              </>
            )}
          </nav>
        </header>
        <div class="body" lang={langOf(article.language)}>
          {version.paragraphs.map((p) => (
            <p>{p}</p>
          ))}
        </div>
        <CiteBlock facts={facts} />
      </article>
    </Layout>,
  );
}
