/**
 * The label on the demo's recorded crawl history (issue 15.6): wherever its articles or changes can
 * be seen, a reader is told they come from a staged fixture site, not from a publisher. Shown only
 * when the archive holds the demonstration source.
 */
import { DEMO_SOURCE_ID } from '../model/sources.js';
import type { SourceSummary } from '../store/types.js';

export function demoSource(sources: readonly SourceSummary[]): SourceSummary | null {
  return sources.find((s) => s.id === DEMO_SOURCE_ID) ?? null;
}

/** A banner for pages over the whole archive (home, sources, changes). */
export function DemoNotice(props: { source: SourceSummary | null }) {
  const s = props.source;
  if (!s) return null;
  const id = encodeURIComponent(s.id);
  const coverage = s.lastPublished ? `/sources?to=${s.lastPublished}#coverage-title` : '/sources';
  return (
    <aside class="demo-notice" aria-label="Demonstration recording">
      <p>
        <strong>Demonstration recording.</strong> The source “{s.label}” is a staged fixture site
        crawled once a day
        {s.firstPublished && s.lastPublished
          ? ` from ${s.firstPublished} to ${s.lastPublished}`
          : ''}
        , so the monitor has something to show: edits, a retitle, removals, a restoration and a
        deletion spike. Its texts are written for the demo; no real publisher said them. See{' '}
        <a href={`/sources/${id}`}>its articles</a>,{' '}
        <a href={`/changes?source=${id}`}>its changes</a> and <a href={coverage}>its coverage</a>.
      </p>
    </aside>
  );
}

/** The line on its source page and its articles. */
export function DemoArticleNotice(props: { sourceId: string }) {
  if (props.sourceId !== DEMO_SOURCE_ID) return null;
  return (
    <p class="demo-notice" role="note">
      <strong>Demonstration recording:</strong> a staged fixture site crawled for the demo, not a
      publisher; its texts were written for the demo.
    </p>
  );
}
