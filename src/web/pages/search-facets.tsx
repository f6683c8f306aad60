/** Facets as links: each adds its value to the query as a filter. */
import type { Source } from '../../model/types.js';
import type { Facets, FacetValue } from '../../search/facets.js';
import { filterTerm, searchHref, withFilter, type SearchState } from './search-href.js';

type Field = 'source' | 'lang' | 'date' | 'place';

export function SearchFacets(props: {
  facets: Facets;
  state: SearchState;
  sources: Map<string, Source>;
}) {
  const { facets, state } = props;
  const groups: {
    title: string;
    field: Field;
    values: FacetValue[];
    label?: (v: string) => string;
  }[] = [
    {
      title: 'Source',
      field: 'source',
      values: facets.source,
      label: (v) => props.sources.get(v)?.label ?? v,
    },
    { title: 'Language', field: 'lang', values: facets.language.filter((f) => f.value !== 'und') },
    { title: 'Year', field: 'date', values: facets.year },
    { title: 'Month', field: 'date', values: facets.month },
    { title: 'Dateline place', field: 'place', values: facets.place },
  ];
  return (
    <aside class="facets" aria-labelledby="facets-heading">
      <h2 id="facets-heading">Refine</h2>
      {groups
        .filter((g) => g.values.length > 0)
        .map((g) => (
          <section aria-label={g.title}>
            <h3>{g.title}</h3>
            <ul>
              {g.values.map((f) => {
                const term = filterTerm(g.field, f.value);
                return (
                  <li>
                    <a
                      href={searchHref(state, { q: withFilter(state.q, term), page: 1 })}
                      title={`Add ${term} to the query`}
                    >
                      {g.label ? g.label(f.value) : f.value}
                    </a>{' '}
                    <span class="count">{f.count.toLocaleString('en')}</span>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
    </aside>
  );
}
