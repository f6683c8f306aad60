/**
 * Removes what is never article text before any scoring: code, media, forms' controls, navigation,
 * hidden elements, and containers whose class or id names them as page furniture (comments, share
 * bars, related links, ads). Names are matched as whole words inside class/id, so `header-image`
 * goes while `masthead-content`... is judged by its own words, and a name that also says "article",
 * "body", "content", "story", "text" or "main" is kept: the article wrapper is often named like that.
 */
import type { AnyNode, Element } from 'domhandler';
import { isElement, removeNode } from './dom.js';

const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'button', 'select', 'input', 'textarea', 'label', 'nav', 'aside', 'footer', 'header', 'figure', 'figcaption',
  'picture', 'img', 'map', 'head', 'link', 'meta', 'dialog', 'menu',
]);

const FURNITURE = /(?:^|[\s_-])(?:comments?|commentlist|disqus|share|sharing|social|sharebar|related|recommend(?:ed|ations)?|newsletter|subscribe|subscription|signup|promo|sponsor(?:ed)?|advert\w*|ads?|adslot|ad-?unit|outbrain|taboola|breadcrumbs?|sidebar|footer|masthead|navbar|nav|menu|toolbar|cookie|consent|gdpr|modal|popup|overlay|paywall|byline|author|authors|timestamp|dateline-meta|tags|tag-list|keywords|caption|credits?|most-?popular|trending|more-stories|read-?more|widget|banner|skip-link|visually-hidden|sr-only|print-only|hidden|hide)(?=$|[\s_-])/i;
const KEEP = /(?:^|[\s_-])(?:article|story|body|content|main|entry|post|text)(?:$|[\s_-])/i;
const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

const STRONG = /(?:^|[\s_-])(?:comments?|related|share|sharing|social|newsletter|promo|outbrain|taboola)(?=$|[\s_-])/i;
// Furniture holds little text outside links; a wrapper whose class merely mentions `sidebar`
// (`has_sidebar`), `paywall` or `hidden` often holds the whole article, so it is kept.
const PROSE_LIMIT = 1000;
const KEEP_LIMIT = 300;
// Captions and credits are furniture even when named `caption-text`, but they are short.
const CAPTION = /caption|credit/i;

/** Characters of text under `el` outside links (whitespace ignored), counting stops past `limit`. */
function textChars(el: AnyNode, limit: number, total = 0): number {
  if (!('children' in el)) return total;
  for (const child of el.children) {
    if (child.type === 'text') total += (child as { data: string }).data.replace(/\s+/g, '').length;
    else if (isElement(child) && child.name !== 'a' && child.name !== 'script' && child.name !== 'style') total = textChars(child, limit, total);
    if (total > limit) break;
  }
  return total;
}

function isFurniture(el: Element): boolean {
  // camelCase names (`newsCaption`) are split into words first.
  const names = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.replace(/([a-z])([A-Z])/g, '$1 $2');
  if (names.length < 3 || !FURNITURE.test(names)) return false;
  // A name that also says "article"/"content" may be the article's own wrapper: kept.
  if (KEEP.test(names) && !STRONG.test(names) && !CAPTION.test(names)) return false;
  const limit = STRONG.test(names) ? PROSE_LIMIT * 5 : CAPTION.test(names) ? KEEP_LIMIT : PROSE_LIMIT;
  return textChars(el, limit) <= limit;
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  return 'hidden' in a || a['aria-hidden'] === 'true' || (a.style !== undefined && HIDDEN_STYLE.test(a.style));
}

/** Removes furniture in place; `body`, `html` and `main`/`article` elements are never removed by name. */
export function removeFurniture(root: AnyNode): void {
  const visit = (node: AnyNode) => {
    if (!('children' in node)) return;
    // Iterate over a copy: children are removed while walking.
    for (const child of [...node.children]) {
      if (child.type === 'comment' || child.type === 'directive' || child.type === 'cdata') {
        removeNode(child);
        continue;
      }
      if (!isElement(child)) continue;
      const structural = child.name === 'body' || child.name === 'html' || child.name === 'main' || child.name === 'article';
      if (DROP_TAGS.has(child.name) || (!structural && (isHidden(child) || isFurniture(child)))) {
        removeNode(child);
        continue;
      }
      visit(child);
    }
  };
  visit(root);
}
