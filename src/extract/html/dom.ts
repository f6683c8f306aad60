/**
 * Small helpers over htmlparser2's DOM (domhandler nodes). Hand-written walks rather than
 * css-select: they are the hot loop of extraction and need no selector engine.
 */
import type { AnyNode, ChildNode, Element, Text } from 'domhandler';

export type { AnyNode, ChildNode, Element };

export const HEADING_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;
const HEADING_NAME = /^h[1-6]$/;

export function isHeading(name: string): boolean {
  return HEADING_NAME.test(name);
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

/** Every element under `root` in document order (root excluded). */
export function* elements(root: AnyNode): Generator<Element> {
  const stack: ChildNode[] = 'children' in root ? [...root.children].reverse() : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

export function findAll(root: AnyNode, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  for (const el of elements(root)) if (test(el)) out.push(el);
  return out;
}

/** The raw text of a node (script and style contents included: callers pick what they walk). */
export function rawText(node: AnyNode): string {
  if (node.type === 'text') return (node as { data: string }).data;
  if (!('children' in node)) return '';
  let out = '';
  for (const child of node.children) out += rawText(child);
  return out;
}

/** Whitespace folded to single spaces, trimmed, composed (NFC). */
export function squash(text: string): string {
  // NFC: some pages write `ü` as `u` + a combining diaeresis, which search and readers treat apart.
  return text
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim()
    .normalize('NFC');
}

export function removeNode(node: ChildNode): void {
  const parent = node.parent;
  if (!parent) return;
  const i = parent.children.indexOf(node);
  if (i >= 0) parent.children.splice(i, 1);
  node.parent = null;
}

/**
 * Caps the element depth at `maxDepth`: deeper subtrees are replaced by their text. Browsers cap
 * nesting too; htmlparser2 does not, and every recursive walk here would otherwise overflow the
 * stack on a hostile page (`<div>` × 100,000). Iterative, so it cannot overflow itself.
 */
export function capDepth(root: AnyNode, maxDepth: number): void {
  const stack: Array<[AnyNode, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!('children' in node)) continue;
    if (depth >= maxDepth && node.children.length) {
      // One of the subtree's own text nodes is reused to carry all its text (domhandler is only
      // htmlparser2's dependency, so its classes are not constructed here).
      const { text, carrier } = flatten(node);
      node.children = carrier ? [carrier] : [];
      if (carrier) {
        carrier.data = text;
        carrier.parent = node as Element;
        carrier.prev = carrier.next = null;
      }
      continue;
    }
    for (const child of node.children) stack.push([child, depth + 1]);
  }
}

function flatten(node: AnyNode): { text: string; carrier: Text | null } {
  const parts: string[] = [];
  let carrier: Text | null = null;
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      carrier ??= n as Text;
      parts.push((n as Text).data);
    } else if ('children' in n && n.type !== 'script' && n.type !== 'style') {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return { text: parts.join(' '), carrier };
}
