/**
 * One story across its editions: the "also in" line under an article's headline, the Translations
 * section (what each text has that the other lacks: figures and names, the things analysts compare),
 * and `/articles/:id/translations/:other`, both texts side by side. All text is the sources',
 * untrusted: JSX escapes it.
 */
import type { Context } from 'hono';
import { articleLabel } from '../../model/label.js';
import type { Article } from '../../model/types.js';
import type { TranslationView } from '../../store/translation-types.js';
import type { ArchiveStore } from '../../store/types.js';
import { articleHref } from '../components.js';
import { langOf } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';
import { notFoundPage } from './not-found.js';

/** A language's name in that language (`español`, `한국어`), or its code when unknown. */
export function languageName(code: string | null): string {
  if (!code) return 'unknown language';
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function translationHref(id: string, other: string): string {
  return `${articleHref(id)}/translations/${encodeURIComponent(other)}`;
}

/** `Also in: español · 한국어`, under the headline. */
export function AlsoIn(props: { translations: TranslationView[] }) {
  if (props.translations.length === 0) return '';
  return (
    <nav class="also-in" aria-label="Translations">
      Also in:{' '}
      {props.translations.map((t, i) => (
        <>
          {i > 0 ? ' · ' : ''}
          <a href={articleHref(t.otherId)} hreflang={langOf(t.language)} lang={langOf(t.language)}>
            {languageName(t.language)}
          </a>
        </>
      ))}
    </nav>
  );
}

function Differences(props: { here: string[]; there: string[]; language: string | null }) {
  if (props.here.length === 0 && props.there.length === 0)
    return <p class="muted">The same figures and names in both.</p>;
  return (
    <dl class="translation-differences">
      {props.here.length ? (
        <>
          <dt>Only in this text</dt>
          <dd>{props.here.join(', ')}</dd>
        </>
      ) : (
        ''
      )}
      {props.there.length ? (
        <>
          <dt>Only in the {languageName(props.language)} text</dt>
          <dd>{props.there.join(', ')}</dd>
        </>
      ) : (
        ''
      )}
    </dl>
  );
}

/** The Translations section of an article page. */
export function TranslationsPanel(props: { article: Article; translations: TranslationView[] }) {
  if (props.translations.length === 0) return '';
  return (
    <section id="translations" class="translations" aria-labelledby="translations-heading">
      <h2 id="translations-heading">Translations</h2>
      <p class="muted">
        The same item in another edition, linked by the names and figures both texts carry and their
        dates (match score 0–1). What one text has and the other lacks is listed: a sentence dropped
        in translation shows as its figures and names.
      </p>
      <ul>
        {props.translations.map((t) => (
          <li>
            <a href={articleHref(t.otherId)} lang={langOf(t.language)}>
              {t.title ?? t.otherId}
            </a>{' '}
            <span class="meta">
              ({languageName(t.language)}, {t.date ?? 'date unknown'}, score {t.score.toFixed(2)}) ·{' '}
              <a href={translationHref(props.article.id, t.otherId)}>side by side</a>
            </span>
            <Differences here={t.onlyHere} there={t.onlyThere} language={t.language} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Column(props: { article: Article }) {
  const label = articleLabel(props.article);
  return (
    <div lang={langOf(props.article.language)}>
      <h3>
        <a href={articleHref(props.article.id)}>{label.text}</a>
      </h3>
      <div class="body">
        {props.article.paragraphs.map((p) => (
          <p>{p}</p>
        ))}
      </div>
    </div>
  );
}

/** `/articles/:id/translations/:other`: the two texts side by side, with what differs. */
export async function translationPage(c: Context, store: ArchiveStore) {
  const id = c.req.param('id') ?? '';
  const other = c.req.param('other') ?? '';
  const [article, links] = await Promise.all([store.getArticle(id), store.translations.of(id)]);
  const link = links.find((t) => t.otherId === other);
  const translation = link ? await store.getArticle(other) : null;
  if (!article || !link || !translation)
    return notFoundPage(
      c,
      'No such translation',
      `The archive links no translation “${other}” to the article “${id}”.`,
    );
  return sendPage(
    c,
    <Layout title={`${articleLabel(article).text} · ${languageName(link.language)}`} wide={true}>
      <h1>Translation side by side</h1>
      <p class="meta">
        {languageName(article.language)} and {languageName(link.language)}, match score{' '}
        {link.score.toFixed(2)}.
      </p>
      <Differences here={link.onlyHere} there={link.onlyThere} language={link.language} />
      <div class="diff-columns">
        <Column article={article} />
        <Column article={translation} />
      </div>
    </Layout>,
  );
}
