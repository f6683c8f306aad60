/**
 * `/articles/:id/diff?from=&to=`: the word diff between two versions of an article, inline (removed
 * words struck through, added words marked) and side by side (old text left, new right). All text is
 * the source's, untrusted: JSX escapes it; the page has no script.
 */
import type { Context } from 'hono';
import { articleLabel } from '../../model/label.js';
import { diffVersions, VersionChoiceError } from '../../history/history.js';
import type { ChangeClass } from '../../history/classify.js';
import { TOO_LARGE_TEXT, type DiffPart } from '../../history/diff.js';
import type { ArchiveStore } from '../../store/types.js';
import { articleHref } from '../components.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';
import { notFoundPage } from './not-found.js';

const KIND_TEXT: Record<ChangeClass['kind'], string> = {
  first: 'first version',
  cosmetic: 'cosmetic (whitespace, punctuation or typography only)',
  headline: 'headline changed',
  body: 'body edited',
};

/** One line saying what kind of change and how big. */
export function changeText(c: ChangeClass): string {
  if (c.kind === 'first') return KIND_TEXT.first;
  const size =
    c.kind === 'cosmetic'
      ? ''
      : `: +${c.wordsAdded} −${c.wordsRemoved} words (${(c.share * 100).toFixed(1)}%)`;
  return `${KIND_TEXT[c.kind]}${c.kind === 'body' && c.titleChanged ? ', headline too' : ''}${size}`;
}

function versionParam(value: string | undefined): number | undefined | null {
  if (value === undefined || value === '') return undefined;
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

/**
 * Paragraph breaks in the body are kept: each part is cut at blank lines into separate blocks.
 * Unmarked, it is just the old or the new text: for a diff too large to be word by word.
 */
function Inline(props: { parts: DiffPart[]; show: 'all' | 'old' | 'new'; marked?: boolean }) {
  const paragraphs: DiffPart[][] = [[]];
  for (const p of props.parts) {
    if (props.show === 'old' && p.op === 'insert') continue;
    if (props.show === 'new' && p.op === 'delete') continue;
    const pieces = p.text.split(/\n\n/);
    pieces.forEach((text, i) => {
      if (i > 0) paragraphs.push([]);
      if (text) paragraphs[paragraphs.length - 1]!.push({ op: p.op, text });
    });
  }
  const mark = (p: DiffPart) =>
    props.marked === false || p.op === 'equal' ? (
      p.text
    ) : p.op === 'delete' ? (
      <del>{p.text}</del>
    ) : (
      <ins>{p.text}</ins>
    );
  return (
    <>
      {paragraphs.map((para) => (
        <p>{para.map(mark)}</p>
      ))}
    </>
  );
}

/** `The body is too large to diff word by word`, naming what was. */
function tooLargeText(t: { title: boolean; body: boolean }): string {
  const what =
    t.title && t.body ? 'The title and the body are' : t.title ? 'The title is' : 'The body is';
  return `${what} ${TOO_LARGE_TEXT}: both versions are shown in full.`;
}

export async function diffPage(c: Context, store: ArchiveStore) {
  const id = c.req.param('id') ?? '';
  const article = await store.getArticle(id);
  const versions = article ? await store.getVersions(id) : [];
  if (!article || !versions.length)
    return notFoundPage(
      c,
      'No such article',
      `The archive has no versions of an article with the id “${id}”.`,
    );
  const from = versionParam(c.req.query('from'));
  const to = versionParam(c.req.query('to'));
  let diff;
  try {
    if (from === null || to === null)
      throw new VersionChoiceError('from and to are version numbers');
    diff = diffVersions(versions, from, to);
  } catch (e) {
    if (!(e instanceof VersionChoiceError)) throw e;
    return notFoundPage(c, 'No such version', `${e.message}.`);
  }
  const label = articleLabel(article);
  const titleChanged = diff.title.some((p) => p.op !== 'equal');
  const titleMarked = !diff.tooLarge?.title;
  const bodyMarked = !diff.tooLarge?.body;
  return sendPage(
    c,
    <Layout title={`Changes: ${label.text}`} wide={true}>
      <h1>
        Changes to <a href={articleHref(article.id)}>{label.text}</a>
      </h1>
      <p class="diff-summary">
        Version {diff.from} → version {diff.to} of {versions.length}:{' '}
        <strong class={`change change-${diff.change.kind}`}>
          {diff.from === diff.to ? 'the same version' : changeText(diff.change)}
        </strong>
      </p>
      {diff.tooLarge ? (
        <p class="diff-too-large" role="note">
          {tooLargeText(diff.tooLarge)}
        </p>
      ) : (
        ''
      )}
      {titleMarked || bodyMarked ? (
        <section class="diff-inline" aria-labelledby="inline-heading">
          <h2 id="inline-heading">Inline</h2>
          {titleChanged && titleMarked ? (
            <h3 class="diff-title">
              <Inline parts={diff.title} show="all" />
            </h3>
          ) : (
            ''
          )}
          {bodyMarked ? (
            <div class="body diff-body">
              <Inline parts={diff.body} show="all" />
            </div>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}
      <section class="diff-sides" aria-labelledby="sides-heading">
        <h2 id="sides-heading">Side by side</h2>
        <div class="diff-columns">
          <div class="diff-old">
            <h3>Version {diff.from}</h3>
            {titleChanged ? (
              <p class="diff-title">
                <Inline parts={diff.title} show="old" marked={titleMarked} />
              </p>
            ) : (
              ''
            )}
            <div class="body diff-body">
              <Inline parts={diff.body} show="old" marked={bodyMarked} />
            </div>
          </div>
          <div class="diff-new">
            <h3>Version {diff.to}</h3>
            {titleChanged ? (
              <p class="diff-title">
                <Inline parts={diff.title} show="new" marked={titleMarked} />
              </p>
            ) : (
              ''
            )}
            <div class="body diff-body">
              <Inline parts={diff.body} show="new" marked={bodyMarked} />
            </div>
          </div>
        </div>
      </section>
    </Layout>,
  );
}
