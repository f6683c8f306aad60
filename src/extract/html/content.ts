/**
 * Finds the article body among a page's text blocks. Every block is judged on its own (is it
 * prose? is it mostly links?), then every element scores the prose it contains minus the link text
 * and the short non-prose text it also contains. The best-scoring element is the smallest one that
 * holds most of the prose and little else: the article container, even when the prose is split
 * across several sibling <div>s by ads. Then the container's blocks are filtered one by one.
 */
import type { Element } from 'domhandler';
import type { Block } from './blocks.js';

/** Prose: long enough, few links, and sentence punctuation (lists of headlines have none). */
export function isProse(b: Block): boolean {
  const len = b.text.length;
  if (len < 40 || b.linkChars / len > 0.3) return false;
  return len >= 120 || /[.!?。”"'’:;)]\s*$|[.!?]\s+\p{Lu}/u.test(b.text);
}

const PENALTY_LINK = 1.0;
const PENALTY_OTHER = 0.35;

export interface Container {
  element: Element;
  score: number;
}

/** The element with the best prose-minus-clutter score, or null when the page has no prose. */
export function pickContainer(blocks: Block[]): Container | null {
  const scores = new Map<Element, number>();
  for (const b of blocks) {
    const len = b.text.length;
    const prose = isProse(b);
    const gain = prose ? len - b.linkChars : -(b.linkChars * PENALTY_LINK + (len - b.linkChars) * PENALTY_OTHER);
    for (let el: Element | null = b.owner; el; el = el.parent && el.parent.type !== 'root' ? (el.parent as Element) : null) {
      scores.set(el, (scores.get(el) ?? 0) + gain);
    }
  }
  let best: Container | null = null;
  for (const [element, score] of scores) {
    if (score > 0 && (!best || score > best.score)) best = { element, score };
  }
  return best;
}

/** Whether `el` lies inside `container` (or is it). */
export function within(el: Element, container: Element): boolean {
  for (let n: Element | null = el; n; n = n.parent && n.parent.type !== 'root' ? (n.parent as Element) : null) {
    if (n === container) return true;
  }
  return false;
}
