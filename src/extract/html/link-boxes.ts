/**
 * Sub-containers of the story's container that are pruned: mostly links (related stories, tag
 * clouds, "more from" rails) or a list of teaser cards, unless what remains without their own link
 * lists is the story's text.
 */
import type { Element } from 'domhandler';
import { isProse, type Block } from './blocks.js';
import type { Stats } from './scores.js';

// A sub-container whose text is more than this share links is navigation, not article.
const PRUNE_LINK_DENSITY = 0.35;

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

/**
 * Mostly links (or a teaser list): pruned from the container unless rescued. Quotations (embedded
 * posts included) are part of the story even when mostly links.
 */
export function isLinkBox(el: Element, stats: Map<Element, Stats>): boolean {
  const s = stats.get(el);
  return (
    s !== undefined &&
    el.name !== 'blockquote' &&
    s.blocks >= 2 &&
    (s.linkChars / s.chars > PRUNE_LINK_DENSITY || isTeaserList(el, stats))
  );
}

// Prose blocks a link-heavy box must keep, once its own link lists are gone, to be story.
const RESCUE_PROSE = 2;

/**
 * A box that is link-heavy only because of a list inside it (a table of contents in the story's
 * first column, linked names in a table of prose rows) is judged on what remains without its own
 * link boxes: if that is mostly text with at least two prose blocks, the box stays and only the
 * lists inside it are pruned. Teaser lists are never rescued.
 */
export function rescuer(blocks: Block[], stats: Map<Element, Stats>): (el: Element) => boolean {
  const own = new Map<Element, Block[]>();
  for (const b of blocks) {
    const list = own.get(b.owner);
    if (list) list.push(b);
    else own.set(b.owner, [b]);
  }
  interface Rest {
    chars: number;
    linkChars: number;
    blocks: number;
    prose: number;
  }
  const rests = new Map<Element, Rest>();
  const restOf = (el: Element): Rest => {
    const known = rests.get(el);
    if (known) return known;
    const r: Rest = { chars: 0, linkChars: 0, blocks: 0, prose: 0 };
    for (const b of own.get(el) ?? []) {
      r.chars += b.text.length;
      r.linkChars += b.linkChars;
      r.blocks++;
      if (isProse(b)) r.prose++;
    }
    for (const child of el.children) {
      if (child.type !== 'tag' || !stats.has(child)) continue;
      if (isLinkBox(child, stats) && !rescued(child)) continue;
      const c = restOf(child);
      r.chars += c.chars;
      r.linkChars += c.linkChars;
      r.blocks += c.blocks;
      r.prose += c.prose;
    }
    rests.set(el, r);
    return r;
  };
  const rescued = (el: Element): boolean => {
    if (isTeaserList(el, stats)) return false;
    const r = restOf(el);
    return (
      r.chars > 0 &&
      r.chars < stats.get(el)!.chars &&
      r.blocks >= 2 &&
      r.linkChars / r.chars <= PRUNE_LINK_DENSITY &&
      r.prose >= RESCUE_PROSE
    );
  };
  return rescued;
}
