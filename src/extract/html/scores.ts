/**
 * What every element of the page scores as a story container: the prose it holds (list items at
 * half), less its link text and a third of its other text (labels, captions, menus).
 */
import type { Element } from 'domhandler';
import { isProse, parentElement, type Block } from './blocks.js';

// Link text costs as much as prose gains; other text (labels, captions, menus) a third as much.
const PENALTY_LINK = 1.0;
const PENALTY_OTHER = 0.35;
// List items are prose less often than paragraphs (tickers, teaser lists): they count half.
const LIST_WEIGHT = 0.5;

export interface Stats {
  score: number;
  chars: number;
  linkChars: number;
  blocks: number;
  /** Blocks whose owner is this element itself (text not wrapped in a child block). */
  own: number;
}

// A line of hard-wrapped prose is at least this long; shorter lines are labels, verses, addresses.
const WRAPPED_LINE_MIN = 20;

/**
 * Lines of hard-wrapped prose: runs of consecutive blocks of one element (a <p> cut by <br> into
 * lines that end mid-sentence) that read as prose once joined, every line of a prose line's length.
 */
function wrappedProse(blocks: Block[]): Set<Block> {
  const out = new Set<Block>();
  for (let i = 0; i < blocks.length;) {
    let j = i + 1;
    while (j < blocks.length && blocks[j]!.owner === blocks[i]!.owner) j++;
    const run = blocks.slice(i, j);
    if (run.length >= 2 && run.every((b) => b.text.length >= WRAPPED_LINE_MIN)) {
      const joined: Block = {
        text: run.map((b) => b.text).join(' '),
        linkChars: run.reduce((sum, b) => sum + b.linkChars, 0),
        owner: blocks[i]!.owner,
        tag: blocks[i]!.tag,
      };
      if (isProse(joined)) for (const b of run) out.add(b);
    }
    i = j;
  }
  return out;
}

export function gatherStats(blocks: Block[]): Map<Element, Stats> {
  const stats = new Map<Element, Stats>();
  const wrapped = wrappedProse(blocks);
  for (const b of blocks) {
    const len = b.text.length;
    const gain =
      isProse(b) || wrapped.has(b)
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
