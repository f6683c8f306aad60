/** The query language in brief (docs/search.md), shown under the search form. */
const ROWS: [string, string][] = [
  ['nuclear test', 'both words, anywhere; every form of each word (talks finds talk, talked)'],
  ['"Kim Jong Un"', 'these words adjacent, in this order, exactly as written'],
  ['Kim OR Choe', 'either word (OR in capitals); AND is implied between words'],
  ['nuclear -talks', 'the first without the second (also NOT talks)'],
  ['(Kim OR Choe) visit', 'parentheses group'],
  ['econom*', 'words starting so: economy, economic'],
  ['title:Kim', 'only in the headline; title:"party congress"'],
  ['source:kcna-kp-en', 'one source by id (see Sources)'],
  ['lang:en', 'the article’s language'],
  ['place:Pyongyang', 'the dateline’s place; place:"South Hwanghae"'],
  ['date:2021-03', 'published that year, month or day; ranges date:2021-01..2021-06, date:..2020'],
  ['before:2021-03-01', 'strictly before (after: strictly after)'],
  [
    'archived:24h',
    'received by the archive in the last 24 hours (7d, or days: archived:2026-12-01)',
  ],
  ['status:teaser', 'live (full text), teaser (known from a listing only), deleted'],
  [
    'version:any Hwasong',
    'also in older versions: text since edited out, or in a deleted article’s earlier text',
  ],
  [
    'translated:yes',
    'linked to its translation in another edition; lang:es translated:no is Spanish without a twin',
  ],
];

export function SearchHelp(props: { open: boolean }) {
  return (
    <details class="syntax" open={props.open}>
      <summary>Search syntax</summary>
      <table>
        <caption class="visually-hidden">Query syntax examples</caption>
        <thead>
          <tr>
            <th scope="col">You write</th>
            <th scope="col">It finds</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([example, meaning]) => (
            <tr>
              <td>
                <code>{example}</code>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        Operators are upper case only. Articles whose year is unknown never match a date filter, but
        their words are found. Case and accents are ignored.
      </p>
    </details>
  );
}
