/**
 * Attention over time: matches per month or week beside the articles archived for that period, with
 * full texts and headline-only articles apart, since a headline's few words match far less often and
 * mixing the two would make a period of headlines look like a loss of interest. The SVG is drawn on
 * the server (search-bars.tsx); the table is the same data for screen readers and for copying.
 */
import type { Histogram, HistogramBucket, KindCount } from '../../search/facets.js';
import { plural } from '../format.js';
import { percent } from './chart-scale.js';
import { bandOf, periodName, SearchBars } from './search-bars.js';
import { periodHref, searchHref, type SearchState } from './search-href.js';

export function AttentionChart(props: { histogram: Histogram; state: SearchState }) {
  const h = props.histogram;
  const dated = h.buckets.some((b) => b.count > 0);
  return (
    <section class="attention" aria-labelledby="attention-heading">
      <h2 id="attention-heading">Attention over time</h2>
      <p class="muted">
        Matching articles per {h.interval}, beside the articles archived for that {h.interval}, full
        texts and headline-only articles each counted apart: a headline has few words to match, so
        each share is of its own kind. A {h.interval} with matches leads to the search narrowed to
        it.
        {h.undated
          ? ` Left out: ${plural(h.undated, 'matching article')} without a full date, which no` +
            ' date filter finds either.'
          : ''}{' '}
        By <IntervalLinks histogram={h} state={props.state} />
      </p>
      {dated ? (
        <>
          <Summary histogram={h} state={props.state} />
          <SearchBars buckets={h.buckets} state={props.state} />
          <AttentionTable histogram={h} state={props.state} />
        </>
      ) : (
        <p>No matching article has a full date.</p>
      )}
    </section>
  );
}

function IntervalLinks(props: { histogram: Histogram; state: SearchState }) {
  return (
    <>
      {(['month', 'week'] as const).map((i, n) => (
        <>
          {n ? ' · ' : ''}
          {i === props.histogram.interval ? (
            <strong aria-current="true">{i}</strong>
          ) : (
            <a href={searchHref(props.state, { interval: i })}>{i}</a>
          )}
        </>
      ))}
    </>
  );
}

/** The chart in a sentence; for one period, the sentence is what matters. */
function Summary(props: { histogram: Histogram; state: SearchState }) {
  const { buckets, interval, undated } = props.histogram;
  const name = (b: HistogramBucket) => periodName(interval, b.start);
  const headlineOnly = buckets.filter((b) => bandOf(b) === 'headlines').length;
  if (buckets.length === 1) {
    const b = buckets[0]!;
    return (
      <p class="attention-summary">
        All {b.count.toLocaleString('en')} {undated ? 'dated ' : ''}matches are in{' '}
        <a href={periodHref(props.state, b.start)}>{name(b)}</a>:{' '}
        {kindSentence(b.full, 'full texts')} and {kindSentence(b.teaser, 'headlines')}.
      </p>
    );
  }
  const peak = buckets.reduce((best, b) => (b.count > best.count ? b : best));
  return (
    <p class="attention-summary">
      From {name(buckets[0]!)} to {name(buckets.at(-1)!)}; the most matches,{' '}
      {peak.count.toLocaleString('en')}, in{' '}
      <a href={periodHref(props.state, peak.start)}>{name(peak)}</a>.
      {headlineOnly
        ? ` For ${headlineOnly} of these ${plural(buckets.length, interval)} the archive holds only headlines.`
        : ''}
    </p>
  );
}

function kindSentence(k: KindCount, what: string): string {
  if (!k.total) return `no ${what} archived`;
  return `${k.count.toLocaleString('en')} of ${k.total.toLocaleString('en')} ${what} (${percent(k.count, k.total)})`;
}

function AttentionTable(props: { histogram: Histogram; state: SearchState }) {
  const h = props.histogram;
  const unit = h.interval === 'week' ? 'Week from' : h.interval === 'day' ? 'Day' : 'Month';
  const sub = ['Matches', 'Archived', 'Share'];
  return (
    <div class="table-scroll" role="region" aria-labelledby="attention-caption" tabindex={0}>
      <table class="numbers">
        <caption id="attention-caption">Matches per {h.interval}, by kind of article</caption>
        <thead>
          <tr>
            <th scope="col" rowspan={2}>
              {unit}
            </th>
            <th scope="col" rowspan={2} class="num">
              Matches
            </th>
            <th scope="col" rowspan={2} class="num">
              All articles
            </th>
            <th scope="colgroup" colspan={3}>
              Full text
            </th>
            <th scope="colgroup" colspan={3}>
              Headline only
            </th>
          </tr>
          <tr>
            {[...sub, ...sub].map((s) => (
              <th scope="col" class="num">
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {h.buckets.map((b) => (
            <tr>
              <th scope="row">{b.start}</th>
              <td class="num">
                {b.count ? (
                  <a href={periodHref(props.state, b.start)} title="Search only this period">
                    {b.count.toLocaleString('en')}
                  </a>
                ) : (
                  '0'
                )}
              </td>
              <td class="num">{b.total.toLocaleString('en')}</td>
              <KindCells kind={b.full} />
              <KindCells kind={b.teaser} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function KindCells(props: { kind: KindCount }) {
  const k = props.kind;
  return (
    <>
      <td class="num">{k.count.toLocaleString('en')}</td>
      <td class="num">{k.total.toLocaleString('en')}</td>
      <td class="num" title={k.total ? undefined : 'None of this kind archived'}>
        {percent(k.count, k.total)}
      </td>
    </>
  );
}
