/**
 * Mentions per month as an SVG bar chart drawn on the server (no script needed), with the table
 * beside it as the data. Integer axis: the top label is the largest month's count.
 */
export interface MonthCount {
  month: string;
  mentions: number;
  articles: number;
}

const WIDTH = 640;
const HEIGHT = 120;

/** Every month from the first to the last, a month with no article as zero (a gap is a finding). */
export function everyMonth(counts: MonthCount[]): MonthCount[] {
  const known = counts.filter((m) => /^\d{4}-\d{2}$/.test(m.month));
  if (!known.length) return [];
  const by = new Map(known.map((m) => [m.month, m]));
  const out: MonthCount[] = [];
  let [y, mo] = known[0]!.month.split('-').map(Number) as [number, number];
  const last = known.at(-1)!.month;
  for (let guard = 0; guard < 2400; guard++) {
    const month = `${y}-${String(mo).padStart(2, '0')}`;
    out.push(by.get(month) ?? { month, mentions: 0, articles: 0 });
    if (month >= last) break;
    [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
  }
  return out;
}

export function MonthBars(props: { months: MonthCount[] }) {
  const months = everyMonth(props.months);
  if (!months.length) return <></>;
  const max = Math.max(...months.map((m) => m.articles));
  const step = WIDTH / months.length;
  return (
    <section aria-labelledby="months-heading">
      <h2 id="months-heading">Articles naming this person, per month</h2>
      <svg
        class="bars"
        viewBox={`0 0 ${WIDTH + 40} ${HEIGHT + 20}`}
        role="img"
        aria-label={`Articles per month, ${months[0]!.month} to ${months.at(-1)!.month}, at most ${max}`}
      >
        <text x="0" y="10" class="axis">
          {max}
        </text>
        <text x="0" y={HEIGHT} class="axis">
          0
        </text>
        {months.map((m, i) => {
          const h = max ? (m.articles / max) * (HEIGHT - 10) : 0;
          return (
            <rect x={40 + i * step} y={HEIGHT - h} width={Math.max(1, step - 1)} height={h}>
              <title>{`${m.month}: ${m.articles} articles, ${m.mentions} mentions`}</title>
            </rect>
          );
        })}
        <text x="40" y={HEIGHT + 16} class="axis">
          {months[0]!.month}
        </text>
        <text x={WIDTH + 40} y={HEIGHT + 16} class="axis" text-anchor="end">
          {months.at(-1)!.month}
        </text>
      </svg>
      <details>
        <summary>The figures</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" class="num">
                Articles
              </th>
              <th scope="col" class="num">
                Mentions
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr>
                <td>{m.month}</td>
                <td class="num">{m.articles}</td>
                <td class="num">{m.mentions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
