/**
 * `/captures/:sha256`: the capture that gave a text — when and how the archive received it, a
 * crawled exchange's WARC records with the request and response headers, the bytes as text — and
 * `/captures/:sha256/render`, the page rendered inert on a path of its own under a `sandbox` CSP,
 * and `/captures/:sha256/download`, its bytes (a crawled exchange as a `.warc.gz` that
 * `wirewatch import` reads back into the same capture). Everything shown is untrusted: JSX escapes
 * it on the inspection page, inert-html.ts rebuilds the rendered one from an allow-list.
 */
import type { Context } from 'hono';
import { readCaptureView, type CaptureView } from '../../capture/capture-view.js';
import { captureContent } from '../../capture/open-capture.js';
import { gzipMember } from '../../capture/warc.js';
import { sidecarRecord } from '../../capture/warc-sidecar.js';
import type { ArchiveStore, CaptureRecord } from '../../store/types.js';
import { articleHref } from '../components.js';
import { plural, shortTime } from '../format.js';
import { inertHtml, pageLinks } from '../inert-html.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';
import { notFoundPage } from './not-found.js';
import { pullStream } from '../../server/stream-body.js';

const SHA256 = /^[0-9a-f]{64}$/;
/** Links of a rendered page looked up in the archive at most; the rest point nowhere. */
const MAX_LINKS = 1000;

/**
 * No script, no form, no plugin, an opaque origin, and nothing fetched from anywhere (images
 * included): only the inline style of the banner this page adds.
 */
export const INERT_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function captureHref(sha256: string): string {
  return `/captures/${sha256}`;
}

async function capturesFor(c: Context, store: ArchiveStore): Promise<CaptureRecord[]> {
  const sha = c.req.param('sha') ?? '';
  return SHA256.test(sha) ? store.capturesOf(sha) : [];
}

function missing(c: Context) {
  return notFoundPage(
    c,
    'No such capture',
    'The archive holds no capture with this sha-256 (a version imported from an export may name one kept elsewhere).',
  );
}

export async function capturePage(c: Context, store: ArchiveStore) {
  const captures = await capturesFor(c, store);
  if (!captures.length) return missing(c);
  const views = await Promise.all(captures.map((k) => readCaptureView(store, k)));
  const sha = captures[0]!.sha256;
  return sendPage(
    c,
    <Layout title={`Capture ${sha.slice(0, 12)}`} wide={false}>
      <h1>
        Capture <code class="sha">{sha}</code>
      </h1>
      {captures.map((capture, i) => (
        <CaptureSection capture={capture} view={views[i]!} />
      ))}
    </Layout>,
  );
}

function CaptureSection(props: { capture: CaptureRecord; view: CaptureView }) {
  const { capture: k, view } = props;
  const base = `${captureHref(k.sha256)}`;
  const kind = `?kind=${k.kind}`;
  return (
    <section class="capture" aria-label={`${k.kind} capture`}>
      <dl class="facts">
        <dt>Received</dt>
        <dd>
          <time datetime={k.capturedAt}>{shortTime(k.capturedAt)}</time>
          {k.kind === 'warc' ? ' (when the page was fetched)' : ' (when the file was imported)'}
        </dd>
        <dt>From</dt>
        <dd class="url">{view.url}</dd>
        <dt>Kind</dt>
        <dd>
          {k.kind} · {k.mediaType} · {plural(k.size, 'byte')}
          {k.parentSeq !== null ? ' · cut from an imported WARC file' : ''}
        </dd>
        <dt>Processed</dt>
        <dd>
          {k.processedAt ? shortTime(k.processedAt) : 'not yet'}
          {k.errors.length ? ` · ${plural(k.errors.length, 'rejected record')}` : ''}
        </dd>
      </dl>
      <p>
        <a href={`${base}/download${kind}`} download>
          Download {k.kind === 'warc' ? 'its WARC records (.warc.gz)' : 'its bytes'}
        </a>
        {view.html ? (
          <>
            {' · '}
            <a href={`${base}/render${kind}`}>the page as captured, rendered inert</a>
          </>
        ) : (
          ''
        )}
      </p>
      {k.errors.length ? (
        <ul class="errors">
          {k.errors.slice(0, 50).map((e) => (
            <li>{e}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {view.records.map((r) => (
        <details class="warc-record" open={r.type !== 'metadata'}>
          <summary>
            WARC {r.type} record · {plural(r.payloadBytes, 'byte')} of payload
          </summary>
          <pre class="headers">
            {r.warcHeaders.map(([n, v]) => `${n}: ${v}`).join('\n')}
            {r.startLine || r.httpHeaders.length
              ? `\n\n${[r.startLine ?? '', ...r.httpHeaders.map(([n, v]) => `${n}: ${v}`)].join('\n')}`
              : ''}
          </pre>
        </details>
      ))}
      <h2>{k.kind === 'warc' ? 'The response body as text' : 'The bytes as text'}</h2>
      <p class="meta">
        Decoded as {view.charset || 'UTF-8'}
        {view.truncated ? '; cut here — the download holds every byte' : ''}.
      </p>
      <pre class="capture-text">{view.text}</pre>
    </section>
  );
}

function captureOfKind(captures: CaptureRecord[], kind: string | undefined) {
  return captures.find((k) => kind === undefined || k.kind === kind);
}

export async function captureRender(c: Context, store: ArchiveStore) {
  const capture = captureOfKind(await capturesFor(c, store), c.req.query('kind'));
  if (!capture) return missing(c);
  const view = await readCaptureView(store, capture);
  if (!view.html) return c.redirect(captureHref(capture.sha256));
  const links = pageLinks(view.text, view.url).slice(0, MAX_LINKS);
  const copies = new Map<string, string>();
  for (const url of links) {
    const article = await store.findArticleByUrl(url);
    if (article) copies.set(url, articleHref(article.id));
  }
  const page = inertHtml(view.text, view.url, (url) => copies.get(url) ?? null);
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const banner =
    `<div style="font:14px sans-serif;background:#fff3c4;border-bottom:1px solid #c9a400;padding:6px 10px">` +
    `Archived capture of <code>${esc(view.url)}</code>, received ${esc(capture.capturedAt)}, rendered inert: ` +
    `no scripts, forms or images; links lead to the archive's copies where it has them. ` +
    `<a href="${captureHref(capture.sha256)}">Headers and bytes</a></div>`;
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${esc(page.title || view.url)} (archived)</title>` +
    `</head><body>${banner}${page.body}</body></html>`;
  return c.html(html, 200, { 'Content-Security-Policy': INERT_CSP });
}

export async function captureDownload(c: Context, store: ArchiveStore) {
  const capture = captureOfKind(await capturesFor(c, store), c.req.query('kind'));
  if (!capture || !capture.bytesComplete) return missing(c);
  const warc = capture.kind === 'warc' && capture.storedEncoding === 'gzip';
  // A crawled exchange is stored as gzip members, one per WARC record: with its sidecar record
  // first, they are a .warc.gz that `wirewatch import` reads back into this capture.
  const chunks = warc ? warcMembers(store, capture) : captureContent(store, capture);
  const name = `${capture.sha256.slice(0, 16)}${warc ? '.warc.gz' : '.bin'}`;
  return c.body(pullStream(chunks), 200, {
    'content-type': warc ? 'application/gzip' : 'application/octet-stream',
    'content-disposition': `attachment; filename="${name}"`,
  });
}

async function* warcMembers(store: ArchiveStore, capture: CaptureRecord) {
  yield gzipMember(await sidecarRecord(capture));
  yield* store.readCaptureChunks(capture);
}
