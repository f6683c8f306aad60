/**
 * An article's history on its page: the removal banner while it is gone from the source, and the
 * History section (its versions, classified, and what happened to it: edits, removals, re-appearances).
 * Reasons quote the source's answer and are shown as text (JSX escapes them).
 */
import { classifyVersions } from '../../history/classify.js';
import { changeLabel } from '../../history/changes.js';
import type { Article, Version } from '../../model/types.js';
import type { ArticleEventView } from '../../store/types.js';
import { articleHref } from '../components.js';
import { shortTime } from '../format.js';
import { changeText } from './diff.js';

/** Events shown on an article page at most (a page edited or unlisted more often than this is rare). */
export const EVENTS_SHOWN = 100;

export function RemovedBanner(props: { article: Article; events: ArticleEventView[] }) {
  if (props.article.status !== 'deleted') return '';
  // Events are newest first: the first removal found is the one in force.
  const removal = props.events.find((e) => e.kind === 'deleted');
  const at = props.article.removedAt ?? removal?.at ?? null;
  return (
    <p class="removed-banner" role="note">
      <strong>
        Removed from the source on{' '}
        {at ? <time datetime={at}>{shortTime(at)}</time> : 'an unknown date'}
      </strong>
      {removal?.reason ? <> ({removal.reason})</> : ''}. The archived text is shown below.
    </p>
  );
}

export function History(props: {
  article: Article;
  versions: Version[];
  events: ArticleEventView[];
}) {
  const a = props.article;
  if (props.versions.length <= 1 && props.events.length === 0) return '';
  return (
    <section class="history" aria-labelledby="history-heading">
      <h3 id="history-heading">History</h3>
      {props.versions.length > 1 ? (
        <ol class="versions">
          {classifyVersions(props.versions).map((v) => (
            <li>
              <a href={`${articleHref(a.id)}/versions/${v.seq}`}>Version {v.seq}</a>:{' '}
              <span class={`change change-${v.change.kind}`}>{changeText(v.change)}</span>; seen{' '}
              {shortTime(v.firstSeen)} – {shortTime(v.lastSeen)}, capture{' '}
              <a href={`/captures/${v.captureSha256}`}>
                <code>{v.captureSha256.slice(0, 12)}</code>
              </a>
              {v.change.kind !== 'first' ? (
                <>
                  {' '}
                  ·{' '}
                  <a href={`${articleHref(a.id)}/diff?from=${v.seq - 1}&to=${v.seq}`}>
                    changes from version {v.seq - 1}
                  </a>
                </>
              ) : (
                ''
              )}
            </li>
          ))}
        </ol>
      ) : (
        ''
      )}
      {props.events.length ? (
        <>
          <h4 id="events-heading" class="visually-hidden">
            Events
          </h4>
          <ol class="events" aria-labelledby="events-heading">
            {[...props.events].reverse().map((e) => (
              <li>
                <time datetime={e.at}>{shortTime(e.at)}</time>:{' '}
                <span
                  class={`change change-${e.kind === 'edit' ? (e.change ?? 'unknown') : e.kind}`}
                >
                  {changeLabel(e)}
                </span>
                {e.kind === 'edit' && e.versionSeq !== null ? <> (version {e.versionSeq})</> : ''}
                {e.reason ? <span class="reason"> ({e.reason})</span> : ''}
              </li>
            ))}
          </ol>
        </>
      ) : (
        ''
      )}
    </section>
  );
}
