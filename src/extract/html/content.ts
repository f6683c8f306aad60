/**
 * Finds the article body among a page's text blocks. Every block is judged on its own (is it
 * prose? is it mostly links?), then every element scores the prose it contains minus the link text
 * and the non-prose text it also contains. The best-scoring element is the smallest one that holds
 * most of the prose and little else: the article container, even when the prose is split across
 * several sibling <div>s by ads. Inside it, sub-containers that are mostly links (related-story
 * lists, tag clouds, "more from" rails) are pruned, since they sit inside the container often.
 */
import type { Element } from 'domhandler';
import { parentElement, shapeOf, type Block } from './blocks.js';
import { dropEndBoxes } from './end-boxes.js';
import { isLinkBox, rescuer } from './link-boxes.js';
import { gatherStats, type Stats } from './scores.js';

const PARAGRAPH_LEVEL = new Set([
  'p',
  'span',
  'a',
  'strong',
  'b',
  'em',
  'i',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'blockquote',
  'pre',
  'td',
  'th',
  'dd',
  'dt',
]);
// A child holding this share of its parent's score is the story; the rest is what follows it.
const DESCEND_SHARE = 0.8;

/** A later sibling of the same tag and class with prose: the story goes on after an ad. */
function continuedAfter(el: Element, stats: Map<Element, Stats>): boolean {
  const shape = shapeOf(el);
  for (let next = el.next; next; next = next.next) {
    if (next.type === 'tag' && shapeOf(next) === shape && (stats.get(next)?.score ?? 0) > 0)
      return true;
  }
  return false;
}

/**
 * The story's own element inside the container. A wrapper wins over the story when boxes after
 * it add a little prose of their own (an author's bio, a call to give, a teaser): the container
 * moves down to the child holding nearly all of its score, as long as nothing before that child
 * scores, so a lead or standfirst is never cut off.
 */
function narrowed(container: Element, stats: Map<Element, Stats>): Element {
  for (;;) {
    const whole = stats.get(container)!.score;
    let top: Element | null = null;
    let topScore = Number.NEGATIVE_INFINITY;
    let before = 0;
    let beforeTop = 0;
    for (const child of container.children) {
      if (child.type !== 'tag') continue;
      const score = stats.get(child)?.score;
      if (score === undefined) continue;
      if (score > topScore) {
        top = child;
        topScore = score;
        beforeTop = before;
      }
      before += Math.max(0, score);
    }
    if (!top || PARAGRAPH_LEVEL.has(top.name) || topScore < whole * DESCEND_SHARE) return container;
    if (beforeTop > 0 || continuedAfter(top, stats)) return container;
    container = top;
  }
}

/**
 * The blocks of the article body, in document order (before line-level filtering), or null when
 * the page has no prose at all.
 */
export function articleBlocks(blocks: Block[]): Block[] | null {
  const stats = gatherStats(blocks);
  let best: Element | null = null;
  let bestScore = 0;
  for (const [element, s] of stats) {
    if (s.score > bestScore) {
      best = element;
      bestScore = s.score;
    }
  }
  if (!best) return null;
  // A lone paragraph can outscore its article when the others are short (a two-line wire story):
  // the container is at least the element that holds paragraphs.
  let container: Element = best;
  while (PARAGRAPH_LEVEL.has(container.name) && parentElement(container))
    container = parentElement(container)!;
  container = narrowed(container, stats);
  // Memoised verdict per element: inside the container and not under a pruned sub-container.
  const verdict = new Map<Element, boolean>([[container, true]]);
  const rescued = rescuer(blocks, stats);
  const keep = (el: Element): boolean => {
    const known = verdict.get(el);
    if (known !== undefined) return known;
    const parent = parentElement(el);
    let ok = parent !== null && keep(parent);
    if (ok) {
      if (isLinkBox(el, stats) && !rescued(el)) ok = false;
    }
    verdict.set(el, ok);
    return ok;
  };
  return dropEndBoxes(
    blocks.filter((b) => keep(b.owner)),
    container,
  );
}
