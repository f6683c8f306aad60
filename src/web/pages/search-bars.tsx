/**
 * The attention chart as SVG drawn on the server: matches per period stacked by kind (full text, then
 * headline only), and below them each kind's share of its own articles. Bands mark periods whose
 * articles are all headlines, or that have none. Each period links to the search narrowed to it.
 * Colours are presentation attributes, not styles: the CSP allows no inline style.
 */
import type { HistogramBucket } from '../../search/facets.js';
import { countTicks, percent, shareTicks, type Tick } from './chart-scale.js';
import { periodHref, type SearchState } from './search-href.js';

const WIDTH = 720;
const LEFT = 64;
const RIGHT = 40;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const COUNTS = { top: 46, height: 130 };
const SHARES = { top: 208, height: 80 };
const HEIGHT = SHARES.top + SHARES.height + 24;
const PLOT_HEIGHT = SHARES.top + SHARES.height - COUNTS.top;
const SHARE_TITLE = "Share of the period's articles of that kind";
/** A lone period is a bar, not a slab across the whole width. */
const MAX_BAR = 40;
const INK = '#0b5394';
const MUTED = '#595959';
const FONT = { 'font-family': 'system-ui, sans-serif', 'font-size': '11' };
const BAND = { headlines: '#f3e3b8', empty: '#e4e4e4' };
const HATCH = 'attention-hatch';

type BandKind = keyof typeof BAND;

export function bandOf(b: HistogramBucket): BandKind | null {
  if (b.total === 0) return 'empty';
  return b.full.total === 0 ? 'headlines' : null;
}

export function periodName(interval: SearchState['interval'], start: string): string {
  return interval === 'week' ? `week of ${start}` : start;
}

export function SearchBars(props: { buckets: HistogramBucket[]; state: SearchState }) {
  const { buckets, state } = props;
  const counts = countTicks(Math.max(...buckets.map((b) => b.count)));
  const shares = shareTicks(Math.max(...buckets.flatMap((b) => [b.full.share, b.teaser.share])));
  const slot = PLOT_WIDTH / buckets.length;
  const bar = Math.min(MAX_BAR, Math.max(1, slot * 0.8));
  const countY = scale(COUNTS, counts.at(-1)!.value);
  const shareY = scale(SHARES, shares.at(-1)!.value);
  return (
    <svg
      class="attention-bars"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      aria-hidden="true"
      {...FONT}
    >
      <defs>
        <pattern id={HATCH} width="4" height="4" patternUnits="userSpaceOnUse">
          <rect width="4" height="4" fill="#dbe5f0" />
          <path d="M0 4L4 0" stroke={INK} stroke-width="1.2" />
        </pattern>
      </defs>
      <Legend bands={new Set(buckets.map(bandOf))} />
      {buckets.map((b, i) => (
        <PeriodBand band={bandOf(b)} x={LEFT + i * slot} width={slot} />
      ))}
      <Axis of="count" ticks={counts} y={countY} title="Matching articles" top={COUNTS.top} />
      <Axis of="share" ticks={shares} y={shareY} title={SHARE_TITLE} top={SHARES.top} />
      {buckets.map((b, i) => {
        const x = LEFT + i * slot;
        const bx = x + (slot - bar) / 2;
        const marks = (
          <>
            <title>{describe(state.interval, b)}</title>
            <rect
              x={round(x)}
              y={COUNTS.top}
              width={round(slot)}
              height={PLOT_HEIGHT}
              fill-opacity="0"
            />
            <Span class="bar-full" x={bx} width={bar} from={countY(0)} to={countY(b.full.count)} />
            <Span
              class="bar-teaser"
              x={bx}
              width={bar}
              from={countY(b.full.count)}
              to={countY(b.count)}
              hatched
            />
            <Span
              class="share-full"
              x={bx}
              width={bar / 2}
              from={shareY(0)}
              to={shareY(b.full.share)}
            />
            <Span
              class="share-teaser"
              x={bx + bar / 2}
              width={bar / 2}
              from={shareY(0)}
              to={shareY(b.teaser.share)}
              hatched
            />
          </>
        );
        // A period without matches would lead to an empty search.
        return b.count ? (
          <a href={periodHref(state, b.start)} tabindex={-1} data-period={b.start}>
            {marks}
          </a>
        ) : (
          <g data-period={b.start}>{marks}</g>
        );
      })}
      <PeriodLabels starts={buckets.map((b) => b.start)} slot={slot} />
    </svg>
  );
}

function scale(panel: { top: number; height: number }, top: number) {
  return (v: number) => panel.top + panel.height * (1 - v / top);
}

function PeriodBand(props: { band: BandKind | null; x: number; width: number }) {
  if (!props.band) return <></>;
  return (
    <rect
      class={`band-${props.band}`}
      x={round(props.x)}
      y={COUNTS.top}
      width={round(props.width)}
      height={PLOT_HEIGHT}
      fill={BAND[props.band]}
    />
  );
}

/** A bar from one height to another; nothing at all when they are equal. */
function Span(props: {
  class: string;
  x: number;
  width: number;
  from: number;
  to: number;
  hatched?: boolean;
}) {
  const h = props.from - props.to;
  if (h <= 0) return <></>;
  const fill = props.hatched ? `url(#${HATCH})` : INK;
  return (
    <rect
      class={props.class}
      x={round(props.x)}
      y={round(props.to)}
      width={round(props.width)}
      height={round(h)}
      fill={fill}
    />
  );
}

function Axis(props: {
  of: 'count' | 'share';
  ticks: Tick[];
  y: (v: number) => number;
  title: string;
  top: number;
}) {
  return (
    <g class="axis">
      <text x={LEFT} y={props.top - 10} fill={MUTED}>
        {props.title}
      </text>
      {props.ticks.map((t) => (
        <>
          <line
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={round(props.y(t.value))}
            y2={round(props.y(t.value))}
            stroke="#d8d8d2"
          />
          <text
            class={`tick ${props.of}`}
            x={LEFT - 6}
            y={round(props.y(t.value))}
            dy="0.32em"
            text-anchor="end"
            fill={MUTED}
          >
            {t.label}
          </text>
        </>
      ))}
    </g>
  );
}

function Legend(props: { bands: Set<BandKind | null> }) {
  const items: { label: string; fill: string }[] = [
    { label: 'Full text', fill: INK },
    { label: 'Headline only', fill: `url(#${HATCH})` },
  ];
  if (props.bands.has('headlines'))
    items.push({ label: 'Only headlines archived', fill: BAND.headlines });
  if (props.bands.has('empty')) items.push({ label: 'Nothing archived', fill: BAND.empty });
  let x = LEFT;
  return (
    <g class="legend">
      {items.map((item) => {
        const at = x;
        x += 12 + 6 + item.label.length * 6 + 18;
        return (
          <>
            <rect
              x={at}
              y="4"
              width="12"
              height="12"
              fill={item.fill}
              stroke={MUTED}
              stroke-width="0.5"
            />
            <text x={at + 18} y="14" fill={MUTED}>
              {item.label}
            </text>
          </>
        );
      })}
    </g>
  );
}

/** As many period labels as fit without overlapping, first and last always. */
function PeriodLabels(props: { starts: string[]; slot: number }) {
  const n = props.starts.length;
  const fit = Math.max(2, Math.floor(PLOT_WIDTH / (props.starts[0]!.length * 6.5 + 16)));
  const m = Math.min(n, fit);
  const shown = new Set(
    Array.from({ length: m }, (_, k) => (m === 1 ? 0 : Math.round((k * (n - 1)) / (m - 1)))),
  );
  return (
    <g class="periods">
      {[...shown].map((i) => (
        <text
          x={round(LEFT + (i + 0.5) * props.slot)}
          y={HEIGHT - 6}
          text-anchor="middle"
          fill={MUTED}
        >
          {props.starts[i]}
        </text>
      ))}
    </g>
  );
}

function describe(interval: SearchState['interval'], b: HistogramBucket): string {
  const kind = (k: { count: number; total: number }, what: string) =>
    `${k.count.toLocaleString('en')} of ${k.total.toLocaleString('en')} ${what} (${percent(k.count, k.total)})`;
  const parts = [
    `${periodName(interval, b.start)}: ${b.count.toLocaleString('en')} matches`,
    kind(b.full, 'full texts'),
    kind(b.teaser, 'headlines'),
  ];
  return parts.join(' · ') + (b.count ? ' — click to search only this period' : '');
}

function round(v: number): string {
  return String(Math.round(v * 10) / 10);
}
