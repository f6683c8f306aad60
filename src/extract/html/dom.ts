/**
 * Small helpers over htmlparser2's DOM (domhandler nodes). Hand-written walks rather than
 * css-select: they are the hot loop of extraction and need no selector engine.
 */
import type { AnyNode, ChildNode, Element } from 'domhandler';

export type { AnyNode, ChildNode, Element };

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

/** Whitespace folded to single spaces, trimmed. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

export function removeNode(node: ChildNode): void {
  const parent = node.parent;
  if (!parent) return;
  const i = parent.children.indexOf(node);
  if (i >= 0) parent.children.splice(i, 1);
  node.parent = null;
}
