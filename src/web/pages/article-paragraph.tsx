/**
 * One paragraph of an article's body: as text, or — when it is mostly a long run of names (name-list.ts)
 * — its introduction as text, the names as a list in columns, and what follows as text. The words stay
 * the same and in order; the commas between names are kept in the markup, visually hidden, so copying
 * the list gives the source's text back.
 */
import type { Child } from 'hono/jsx';
import { nameList } from '../name-list.js';

export function Paragraph(props: { text: string; mark: (text: string) => Child }) {
  const list = nameList(props.text);
  if (!list) return <p>{props.mark(props.text)}</p>;
  return (
    <>
      {list.intro ? <p class="name-list-intro">{props.mark(list.intro)}</p> : ''}
      <ul class="name-list">
        {list.items.map((item) => (
          <li>
            {props.mark(item.text)}
            {item.sep ? <span class="name-sep">{item.sep}</span> : ''}
          </li>
        ))}
      </ul>
      {list.outro ? <p>{props.mark(list.outro)}</p> : ''}
    </>
  );
}
