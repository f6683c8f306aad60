/**
 * Cuts a cleaned DOM into text blocks: the runs of text between block-level boundaries, each with
 * the element that owns it and how much of it is link text. Scoring and output both work on these.
 */
import type { AnyNode, Element } from 'domhandler';
import { isElement, squash } from './dom.js';

export interface Block {
  text: string;
  /** Characters of `text` that sit inside <a>. */
  linkChars: number;
  /** The innermost block-level element around the run. */
  owner: Element;
  /** Its tag name (`p`, `h2`, `li`, `div`, …). */
  tag: string;
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'body',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'table',
  'tbody',
  'thead',
  'tr',
  'td',
  'th',
  'form',
  'fieldset',
  'address',
  'center',
  'hr',
  'br',
  'figure',
  'header',
  'footer',
  'aside',
  'nav',
  'details',
  'summary',
  'caption',
  'html',
]);

export function collectBlocks(root: Element): Block[] {
  const blocks: Block[] = [];
  let buffer = '';
  let links = 0;
  const flush = (owner: Element) => {
    const text = squash(buffer);
    if (text)
      blocks.push({ text, linkChars: Math.min(text.length, links), owner, tag: owner.name });
    buffer = '';
    links = 0;
  };
  const walk = (node: AnyNode, owner: Element, inLink: boolean) => {
    if (node.type === 'text') {
      const data = (node as { data: string }).data;
      buffer += data;
      if (inLink) links += squash(data).length;
      return;
    }
    if (!isElement(node)) return;
    if (node.name === 'br' || node.name === 'hr') {
      flush(owner);
      return;
    }
    const block = BLOCK_TAGS.has(node.name);
    if (block) flush(owner);
    const next = block ? node : owner;
    const link = inLink || node.name === 'a';
    for (const child of node.children) walk(child, next, link);
    if (block) flush(node);
  };
  walk(root, root, false);
  flush(root);
  return blocks;
}

const TRUNCATED = /(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*(?:read more|more|continue reading)?\W*$/i;

/** Prose: long enough, few links, and sentence punctuation (lists of headlines have none). */
export function isProse(b: Block): boolean {
  const len = b.text.length;
  if (len < 40 || b.linkChars / len > 0.3) return false;
  // A summary cut off with an ellipsis is a teaser of another page; inside a <p> it is more often
  // this page cut short (a paywalled preview), which is still its text.
  if (b.tag !== 'p' && TRUNCATED.test(b.text)) return false;
  // Closing quotes of every convention end sentences too (German “…“, French «…», Japanese 「…」).
  return len >= 120 || /[.!?。！？…”“"'’‘:;)»«›‹」』]\s*$|[.!?]\s+\p{Lu}/u.test(b.text);
}

export function parentElement(el: Element): Element | null {
  return el.parent && el.parent.type !== 'root' ? (el.parent as Element) : null;
}

/** An element's tag and class: sibling wrappers of one story share it. */
export const shapeOf = (el: Element) => `${el.name}.${el.attribs.class ?? ''}`;
