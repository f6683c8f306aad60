/**
 * Attention over time: matches per month or week beside all articles of that period and the share.
 * The table is the data; public/site.js draws it with uPlot into the empty chart box when it can.
 */
import type { Histogram } from '../../search/facets.js';
import { searchHref, type SearchState } from './search-href.js';

/** Seconds since the epoch of a bucket's first day (`YYYY-MM` or `YYYY-MM-DD`). */
function epochSeconds(start: string): number {
  return Date.parse(start.length === 7 ? `${start}-01T00:00:00Z` : `${start}T00:00:00Z`) / 1000;
}

export function AttentionChart(props: { histogram: Histogram; state: SearchState }) {
  const h = props.histogram;
  const unit = h.interval === 'week' ? 'Week from' : h.interval === 'day' ? 'Day' : 'Month';
  return (
    <section class="attention" aria-labelledby="attention-heading">
      <h2 id="attention-heading">Attention over time</h2>
      <p class="muted">
        Matching articles per {h.interval}, beside all articles archived for that {h.interval}: the
        share tells a quiet period from a loss of interest.
        {h.undated
          ? ` ${h.undated.toLocaleString('en')} matching articles have no date precise enough and are left out.`
          : ''}{' '}
        By{' '}
        {(['month', 'week'] as const).map((i, n) => (
          <>
            {n ? ' · ' : ''}
            {i === h.interval ? (
              <strong aria-current="true">{i}</strong>
            ) : (
              <a href={searchHref(props.state, { interval: i })}>{i}</a>
            )}
          </>
        ))}
      </p>
      <div
        id="attention-chart"
        class="chart"
        role="img"
        aria-label="Chart of the table below: matches and share per period"
        hidden
      ></div>
      <div class="table-scroll" role="region" aria-labelledby="attention-caption" tabindex={0}>
        <table class="numbers" data-chart="attention-chart">
          <caption id="attention-caption">Matches per {h.interval}</caption>
          <thead>
            <tr>
              <th scope="col">{unit}</th>
              <th scope="col" class="num">
                Matches
              </th>
              <th scope="col" class="num">
                All articles
              </th>
              <th scope="col" class="num">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {h.buckets.map((b) => (
              <tr
                data-t={String(epochSeconds(b.start))}
                data-count={String(b.count)}
                data-share={String(b.share)}
              >
                <th scope="row">{b.start}</th>
                <td class="num">{b.count.toLocaleString('en')}</td>
                <td class="num">{b.total.toLocaleString('en')}</td>
                <td class="num">{(b.share * 100).toFixed(1)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
