/**
 * Boxes closing the story inside its container: a call to give, an app or newsletter promotion, a
 * disclaimer, a contact card. They sit after the last paragraph of the story's own paragraph parent,
 * in a box of their own rather than in that parent's paragraphs.
 */
import type { Element } from 'domhandler';
import { isProse, parentElement, shapeOf, type Block } from './blocks.js';

// Only a little text goes, so a story continued in a sibling wrapper stays; a box holding
// paragraphs shaped like the story's own (same tag and class, parent of the same tag and class)
// is that continuation.
const BOX_TAGS = new Set(['div', 'section', 'aside', 'form', 'footer', 'header', 'span']);
const END_BOX_MAX_CHARS = 600;
const END_BOX_SHARE = 0.25;

function contains(outer: Element, el: Element | null): boolean {
  for (let x: Element | null = el; x; x = parentElement(x)) if (x === outer) return true;
  return false;
}

/** The key with the largest count (the first one on a tie). */
function argmax<K>(counts: Map<K, number>): K | null {
  let best: K | null = null;
  let most = 0;
  for (const [key, n] of counts) {
    if (n > most) {
      best = key;
      most = n;
    }
  }
  return best;
}

export function dropEndBoxes(body: Block[], container: Element): Block[] {
  const isStoryParagraph = (b: Block) => b.tag === 'p' && isProse(b);
  const byParent = new Map<Element, number>();
  for (const b of body) {
    const parent = parentElement(b.owner);
    if (parent && isStoryParagraph(b))
      byParent.set(parent, (byParent.get(parent) ?? 0) + b.text.length);
  }
  const story = argmax(byParent);
  if (!story) return body;
  let last = -1;
  body.forEach((b, i) => {
    if (parentElement(b.owner) === story && isProse(b)) last = i;
  });
  if (last < 0 || last === body.length - 1) return body;
  const chars = (bs: Block[]) => bs.reduce((n, b) => n + b.text.length, 0);
  const tailChars = chars(body.slice(last + 1));
  if (tailChars > END_BOX_MAX_CHARS || tailChars > chars(body) * END_BOX_SHARE) return body;
  const shapes = new Map<string, number>();
  for (const b of body) {
    if (parentElement(b.owner) === story && isStoryParagraph(b))
      shapes.set(shapeOf(b.owner), (shapes.get(shapeOf(b.owner)) ?? 0) + 1);
  }
  const paragraphShape = argmax(shapes);
  const storyShape = shapeOf(story);
  const inBox = (b: Block): boolean => {
    // The box: the highest element around the block, below the container, not holding the story.
    let box: Element | null = null;
    for (let x: Element | null = b.owner; x && x !== container && !contains(x, story);) {
      box = x;
      x = parentElement(x);
    }
    if (!box || !BOX_TAGS.has(box.name)) return false;
    return !body.some(
      (c) =>
        isStoryParagraph(c) &&
        shapeOf(c.owner) === paragraphShape &&
        shapeOf(parentElement(c.owner) ?? c.owner) === storyShape &&
        contains(box!, c.owner),
    );
  };
  let end = body.length;
  while (end > last + 1 && inBox(body[end - 1]!)) end--;
  return body.slice(0, end);
}
