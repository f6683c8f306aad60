/**
 * The people of an article's current version: names in the body linked to their person pages, and
 * a panel with everyone named (titles as printed) and the leader's activity with its companions in
 * order. Text stays text: names are matched in it and every piece is escaped by hono/jsx.
 */
import type { Child } from 'hono/jsx';
import type { ActivityView, StoredMention } from '../../store/types.js';
import { personHref } from './people.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Marks each printed name in a paragraph as a link (whole words only; the longest name first). The
 * pattern is made once per article, not once per paragraph.
 */
export function personMarker(byPrinted: Map<string, string>): (text: string) => Child[] {
  if (!byPrinted.size) return (text) => [text];
  const names = [...byPrinted.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(?<![\\p{L}])(?:${names.join('|')})(?![\\p{L}])`, 'gu');
  return (text) => {
    const out: Child[] = [];
    let last = 0;
    for (const m of text.matchAll(pattern)) {
      if (m.index > last) out.push(text.slice(last, m.index));
      out.push(
        <a class="person" href={personHref(byPrinted.get(m[0])!)}>
          {m[0]}
        </a>,
      );
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push(text.slice(last));
    return out;
  };
}

export function PeoplePanel(props: { mentions: StoredMention[]; activities: ActivityView[] }) {
  if (!props.mentions.length) return <></>;
  return (
    <section class="people-panel" aria-labelledby="people-heading">
      <h2 id="people-heading">People in this text</h2>
      {props.activities.map((a) => (
        <p>
          <strong>{a.leader}</strong> · {a.kind}
          {a.flash ? ' (flash)' : ''}
          {a.companions.length ? (
            <>
              {' '}
              · accompanied by{' '}
              {a.companions.map((p, i) => (
                <>
                  {i ? ', ' : ''}
                  <a href={personHref(p.personId)}>{p.name}</a>
                </>
              ))}
            </>
          ) : (
            ''
          )}
          {a.greeters.length ? ` · greeted by ${a.greeters.map((p) => p.name).join(', ')}` : ''}
          {a.met.length ? ` · met ${a.met.map((p) => p.name).join(', ')}` : ''}
        </p>
      ))}
      <ul class="people-named">
        {props.mentions.map((m) => (
          <li>
            <a href={personHref(m.personId)}>{m.name}</a>
            {m.count > 1 ? ` (${m.count}×)` : ''}
            {m.titles.length ? <span class="muted">{` — ${m.titles.join('; ')}`}</span> : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
