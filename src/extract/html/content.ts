/**
 * Finds the article body among a page's text blocks. Every block is judged on its own (is it
 * prose? is it mostly links?), then every element scores the prose it contains minus the link text
 * and the non-prose text it also contains. The best-scoring element is the smallest one that holds
 * most of the prose and little else: the article container, even when the prose is split across
 * several sibling <div>s by ads. Inside it, sub-containers that are mostly links (related-story
 * lists, tag clouds, "more from" rails) are pruned, since they sit inside the container often.
 */
import type { Element } from 'domhandler';
import { isProse, parentElement, shapeOf, type Block } from './blocks.js';
import { dropEndBoxes } from './end-boxes.js';

// Link text costs as much as prose gains; other text (labels, captions, menus) a third as much.
const PENALTY_LINK = 1.0;
const PENALTY_OTHER = 0.35;
// List items are prose less often than paragraphs (tickers, teaser lists): they count half.
const LIST_WEIGHT = 0.5;
// A sub-container whose text is more than this share links is navigation, not article.
const PRUNE_LINK_DENSITY = 0.35;

interface Stats {
  score: number;
  chars: number;
  linkChars: number;
  blocks: number;
  /** Blocks whose owner is this element itself (text not wrapped in a child block). */
  own: number;
}

function gatherStats(blocks: Block[]): Map<Element, Stats> {
  const stats = new Map<Element, Stats>();
  for (const b of blocks) {
    const len = b.text.length;
    const gain = isProse(b)
      ? (len - b.linkChars) * (b.tag === 'li' ? LIST_WEIGHT : 1)
      : -(b.linkChars * PENALTY_LINK + (len - b.linkChars) * PENALTY_OTHER);
    for (let el: Element | null = b.owner; el; el = parentElement(el)) {
      const s = stats.get(el);
      if (s) {
        s.score += gain;
        s.chars += len;
        s.linkChars += b.linkChars;
        s.blocks++;
        if (el === b.owner) s.own++;
      } else {
        stats.set(el, {
          score: gain,
          chars: len,
          linkChars: b.linkChars,
          blocks: 1,
          own: el === b.owner ? 1 : 0,
        });
      }
    }
  }
  return stats;
}

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
const CARD_TAGS = new Set(['div', 'article', 'section', 'li', 'aside']);
// Three like cards make a list; fewer is as likely a pair of embedded quotes in the article.
const MIN_CARDS = 3;

const CARD_MAX_CHARS = 600;
const CARD_SHARE = 0.7;

function hasAnchor(el: Element): boolean {
  for (const child of el.children) {
    if (child.type === 'tag' && (child.name === 'a' || hasAnchor(child))) return true;
  }
  return false;
}

/** A teaser card: short, with a link somewhere (headline or picture), its text in inner blocks. */
function isCard(el: Element, s: Stats | undefined): boolean {
  if (!s || s.chars > CARD_MAX_CHARS) return false;
  return (s.blocks >= 2 && s.linkChars > 0) || (s.own === 0 && hasAnchor(el));
}

/**
 * A list of story teasers: at least three sibling cards of the same tag and class. Their summaries
 * are prose, so only the repeated shape gives them away (their headlines may already be gone
 * with the <header> elements).
 */
function isTeaserList(el: Element, stats: Map<Element, Stats>): boolean {
  const shapes = new Map<string, { count: number; chars: number }>();
  for (const child of el.children) {
    if (child.type !== 'tag' || !CARD_TAGS.has(child.name)) continue;
    const s = stats.get(child);
    if (!isCard(child, s)) continue;
    const shape = `${child.name}.${child.attribs.class ?? ''}`;
    const seen = shapes.get(shape) ?? { count: 0, chars: 0 };
    seen.count++;
    seen.chars += s!.chars;
    shapes.set(shape, seen);
  }
  // The cards must be most of the element: a story can sit beside its own "latest news" cards.
  const total = stats.get(el)?.chars ?? 0;
  for (const seen of shapes.values()) {
    if (seen.count >= MIN_CARDS && seen.chars >= total * CARD_SHARE) return true;
  }
  return false;
}

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
  const keep = (el: Element): boolean => {
    const known = verdict.get(el);
    if (known !== undefined) return known;
    const parent = parentElement(el);
    let ok = parent !== null && keep(parent);
    if (ok) {
      const s = stats.get(el)!;
      // Quotations (embedded posts included) are part of the story even when mostly links.
      if (
        el.name !== 'blockquote' &&
        s.blocks >= 2 &&
        (s.linkChars / s.chars > PRUNE_LINK_DENSITY || isTeaserList(el, stats))
      )
        ok = false;
    }
    verdict.set(el, ok);
    return ok;
  };
  return dropEndBoxes(
    blocks.filter((b) => keep(b.owner)),
    container,
  );
}
