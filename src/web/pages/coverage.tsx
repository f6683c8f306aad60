/**
 * The coverage monitor on the Sources page: the flags first (a purge or a dead crawler must not hide in
 * a table), then per source the last 30 days' counts, a small bar chart drawn as inline SVG (no script:
 * the CSP allows none inline, and the numbers are in the table beside it for anyone not seeing it).
 */
import type { CoverageFlag } from '../../history/coverage.js';
import { addDays, flagText, type CoverageReport } from '../../history/coverage-report.js';
import type { CoverageDay, SourceSummary, Sweep } from '../../store/types.js';
import { SweepSummary } from './sweeps.js';
import { sourceHref } from '../components.js';

type Counts = Pick<CoverageDay, 'published' | 'archived' | 'edits' | 'deletions' | 'restorations'>;

const ZERO: Counts = { published: 0, archived: 0, edits: 0, deletions: 0, restorations: 0 };

function sum(days: CoverageDay[]): Counts {
  return days.reduce(
    (t, d) => ({
      published: t.published + d.published,
      archived: t.archived + d.archived,
      edits: t.edits + d.edits,
      deletions: t.deletions + d.deletions,
      restorations: t.restorations + d.restorations,
    }),
    ZERO,
  );
}

/** The key of a flag's escalation sweep in `CoverageFlags`' map. */
export const flagKey = (f: Pick<CoverageFlag, 'sourceId' | 'day'>) => `${f.sourceId} ${f.day}`;

export function CoverageFlags(props: {
  flags: CoverageFlag[];
  labels: Map<string, string>;
  /** The sweep a deletion spike set off, by `flagKey`. */
  escalations?: Map<string, Sweep>;
}) {
  if (props.flags.length === 0) return '';
  return (
    <section class="coverage-flags" aria-labelledby="coverage-flags-title">
      <h2 id="coverage-flags-title">⚠ Coverage warnings</h2>
      <ul>
        {props.flags.map((f) => (
          <li class={`flag flag-${f.kind}`}>
            <strong>
              ⚠ <a href={`#coverage-${f.sourceId}`}>{props.labels.get(f.sourceId) ?? f.sourceId}</a>
              : {flagText(f)}
            </strong>
            {f.kind === 'deletion-spike' && props.escalations?.get(flagKey(f)) && (
              <>
                {' '}
                — the whole source is being re-checked:{' '}
                <SweepSummary sweep={props.escalations.get(flagKey(f))!} />
              </>
            )}
          </li>
        ))}
      </ul>
      <p class="meta">
        A deletion spike is many more removals than the source's usual; a volume drop a complete day
        with far fewer articles published than the 28 days before. Also in the{' '}
        <a href="/feeds/coverage">coverage feed</a>.
      </p>
    </section>
  );
}

/** 30 bars of articles published per day, removals in red on top of them. */
function Bars(props: { from: string; byDay: Map<string, CoverageDay>; label: string }) {
  const days = Array.from({ length: 30 }, (_, i) => addDays(props.from, i));
  const max = Math.max(
    1,
    ...days.map((d) => (props.byDay.get(d)?.published ?? 0) + (props.byDay.get(d)?.deletions ?? 0)),
  );
  const H = 24;
  return (
    <svg
      class="bars"
      viewBox={`0 0 ${days.length * 4} ${H}`}
      width={days.length * 4}
      height={H}
      role="img"
      aria-label={`Articles published and removed per day, ${props.label}`}
    >
      {days.map((d, i) => {
        const c = props.byDay.get(d);
        const pub = Math.round(((c?.published ?? 0) / max) * H);
        const del = Math.round(((c?.deletions ?? 0) / max) * H);
        return (
          <g>
            <title>{`${d}: ${c?.published ?? 0} published, ${c?.deletions ?? 0} removed`}</title>
            <rect class="bar" x={i * 4} y={H - pub} width={3} height={pub} />
            {del ? (
              <rect class="bar-removed" x={i * 4} y={H - pub - del} width={3} height={del} />
            ) : (
              ''
            )}
          </g>
        );
      })}
    </svg>
  );
}

export function CoverageTable(props: { report: CoverageReport; sources: SourceSummary[] }) {
  const { report } = props;
  const bySource = new Map<string, CoverageDay[]>();
  for (const d of report.days) bySource.set(d.sourceId, [...(bySource.get(d.sourceId) ?? []), d]);
  return (
    <section class="coverage" aria-labelledby="coverage-title">
      <h2 id="coverage-title">
        Coverage, {report.from} to {report.to}
      </h2>
      <p>
        Per source: articles published (by their date), archived (first seen), edited, removed and
        put back over these 30 days. Each source's days are listed under its name.
      </p>
      <div class="table-scroll" role="region" aria-labelledby="coverage-title" tabindex={0}>
        <table class="coverage">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Published per day</th>
              <th scope="col" class="num">
                Published
              </th>
              <th scope="col" class="num">
                Archived
              </th>
              <th scope="col" class="num">
                Edits
              </th>
              <th scope="col" class="num">
                Removed
              </th>
              <th scope="col" class="num">
                Re-appeared
              </th>
              <th scope="col">Flags</th>
            </tr>
          </thead>
          <tbody>
            {props.sources.map((s) => {
              const days = bySource.get(s.id) ?? [];
              const t = sum(days);
              const flags = report.flags.filter((f) => f.sourceId === s.id);
              return (
                <tr id={`coverage-${s.id}`}>
                  <th scope="row">
                    <a href={sourceHref(s.id)}>{s.label}</a>
                    {days.length ? <DayDetails days={days} /> : ''}
                  </th>
                  <td>
                    <Bars
                      from={report.from}
                      byDay={new Map(days.map((d) => [d.day, d]))}
                      label={s.label}
                    />
                  </td>
                  <td class="num">{t.published.toLocaleString('en')}</td>
                  <td class="num">{t.archived.toLocaleString('en')}</td>
                  <td class="num">{t.edits.toLocaleString('en')}</td>
                  <td class="num">{t.deletions.toLocaleString('en')}</td>
                  <td class="num">{t.restorations.toLocaleString('en')}</td>
                  <td>
                    {flags.length ? (
                      <strong class="flag">
                        ⚠{' '}
                        {flags
                          .map(
                            (f) =>
                              `${f.kind === 'deletion-spike' ? 'deletion spike' : 'volume drop'} ${f.day}`,
                          )
                          .join('; ')}
                      </strong>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DayDetails(props: { days: CoverageDay[] }) {
  return (
    <details class="days">
      <summary>by day</summary>
      <table class="coverage-days">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col" class="num">
              Published
            </th>
            <th scope="col" class="num">
              Archived
            </th>
            <th scope="col" class="num">
              Edits
            </th>
            <th scope="col" class="num">
              Removed
            </th>
            <th scope="col" class="num">
              Re-appeared
            </th>
          </tr>
        </thead>
        <tbody>
          {[...props.days].reverse().map((d) => (
            <tr>
              <th scope="row">{d.day}</th>
              <td class="num">{d.published}</td>
              <td class="num">{d.archived}</td>
              <td class="num">{d.edits}</td>
              <td class="num">{d.deletions}</td>
              <td class="num">{d.restorations}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
