/**
 * Removes what is never article text before any scoring: code, media, form controls, hidden
 * elements, page regions (header, nav, aside, footer) unless one holds most of the page, small boxes
 * of a picture and its caption, and containers whose class or id names them as page furniture
 * (comments, share bars, related links, ads, author boxes, captions). A name is judged by its last word, so
 * `post-author` is furniture while `author-content` or `entry-content` is content; and a furniture
 * name on an element holding much of the page's text is ignored, since the article's own wrapper
 * is sometimes named `body_overlay` or `widget Blog`.
 */
import type { AnyNode, Element } from 'domhandler';
import { HEADING_TAGS, isElement, isHeading, removeNode } from './dom.js';

const DROP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'button',
  'select',
  'input',
  'textarea',
  'label',
  'figure',
  'figcaption',
  'picture',
  'img',
  'map',
  'head',
  'link',
  'meta',
  'dialog',
  'menu',
]);

// Page regions by tag. A page that never closes its <header> holds the whole story inside it, so
// one of these holding most of the page's text in paragraphs is kept and judged like any block.
const REGION_TAGS = new Set(['nav', 'aside', 'footer', 'header']);
const REGION_SHARE = 1 / 2;

const FURNITURE =
  /(?:^|[\s_-])(?:comments?|commentlist|disqus|share|sharing|social|sharebar|related|recommend(?:ed|ations)?|newsletter|subscribe|subscription|signup|promo|sponsor(?:ed)?|advert\w*|ads?|adslot|ad-?unit|outbrain|taboola|breadcrumbs?|sidebar|footer|masthead|navbar|nav|menu|toolbar|cookie|consent|gdpr|modal|popup|overlay|paywall|byline|author|authors|timestamp|dateline-meta|tags|tag-list|keywords|caption|credits?|most-?popular|trending|more-stories|read-?more|widget|banner|skip-link|visually-hidden|sr-only|print-only|hidden|hide)(?=$|[\s_-])/i;
const KEEP = /(?:^|[\s_-])(?:article|story|body|content|main|entry|post|text)(?:$|[\s_-])/i;
const FURNITURE_G = new RegExp(FURNITURE.source, 'gi');
const KEEP_G = new RegExp(KEEP.source, 'gi');
const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

// Comments and related stories can outweigh a short article, so they go whatever their size. A
// share bar or newsletter box is short: one holding a story's worth of text is the story's wrapper.
const STRONG = /(?:^|[\s_-])(?:comments?|related|outbrain|taboola)(?=$|[\s_-])/i;
// Furniture holds little text outside links: an element with more than this is kept whatever its
// name (five times more for comments and related stories, which can outweigh a short article).
const PROSE_LIMIT = 1000;
// Captions and credits are furniture even when named `caption-text`, but they are short.
const CAPTION = /caption|credit/i;
const CAPTION_LIMIT = 300;
// An element with a third of the page's text in several paragraphs is the article, whatever its name.
const PAGE_SHARE = 1 / 3;
const MIN_PARAGRAPHS = 3;

/** Characters of text under `el` outside links (whitespace ignored), counting stops past `limit`. */
function textChars(el: AnyNode, limit: number, total = 0): number {
  if (!('children' in el)) return total;
  for (const child of el.children) {
    if (child.type === 'text') total += (child as { data: string }).data.replace(/\s+/g, '').length;
    else if (
      isElement(child) &&
      child.name !== 'a' &&
      child.name !== 'script' &&
      child.name !== 'style'
    )
      total = textChars(child, limit, total);
    if (total > limit) break;
  }
  return total;
}

const isBlockTag = (n: AnyNode) =>
  n.type === 'tag' && (n.name === 'div' || n.name === 'p' || n.name === 'section');

/** Paragraphs under `el`: <p>, <br>, and innermost <div>s with a line of text; stops at `enough`. */
function paragraphMarks(el: Element, enough: number, found = 0): number {
  for (const child of el.children) {
    if (found >= enough) break;
    if (child.type !== 'tag') continue;
    if (child.name === 'p' || child.name === 'br') found++;
    else if (child.name === 'div' && !child.children.some(isBlockTag) && textChars(child, 40) >= 40)
      found++;
    found = paragraphMarks(child, enough, found);
  }
  return found;
}

function lastMatch(re: RegExp, text: string): number {
  let last = -1;
  for (const m of text.matchAll(re)) last = m.index;
  return last;
}

// A token naming a state rather than a part (`no-share`, `has-sidebar`, `with-comments`) says what
// the element lacks or sits beside; it is not the element's own name.
const STATE_PREFIX = /^(?:no|non|not|has|with|without)-/i;

/** A class token in words: camelCase split (`newsCaption` → `news-Caption`). */
function classWords(raw: string): string {
  return raw.replace(/([a-z])([A-Z])/g, '$1-$2');
}

// A heading's id is an anchor made from its own words (`nav_nur_die_folie__1`), not a name.

function tokensOf(el: Element): string[] {
  const out: string[] = [];
  const id = isHeading(el.name) ? '' : (el.attribs.id ?? '');
  for (const raw of `${el.attribs.class ?? ''} ${id}`.split(/\s+/)) {
    if (raw.length < 2) continue;
    const token = classWords(raw);
    if (token.length >= 2 && !STATE_PREFIX.test(token)) out.push(token);
  }
  return out;
}

// The last word of a content name. `post` is left out: `related post` and `widget post` are lists.
const CONTENT_END = /(?:^|[\s_-])(?:article|story|body|content|main|entry|text)$/i;

/** A token that names content and nothing else (`entry`, `entry-content`, `rteContent`). */
function isContentToken(token: string): boolean {
  return CONTENT_END.test(token) && lastMatch(FURNITURE_G, token) < 0;
}

/**
 * Judged per class name (and the id), by its last word: `post-author` and `ArticlePage-authorInfo`
 * are author boxes, `author-content` or `sidebar-content`'s neighbour `entry-content` are content.
 * An element that also carries a content name (`entry themeform share`) is content.
 */
function furnitureKind(el: Element): 'strong' | 'caption' | 'plain' | null {
  let kind: 'strong' | 'caption' | 'plain' | null = null;
  const tokens = tokensOf(el);
  if (tokens.some(isContentToken)) return null;
  for (const token of tokens) {
    const at = lastMatch(FURNITURE_G, token);
    if (at < 0 || (at < lastMatch(KEEP_G, token) && !CAPTION.test(token))) continue;
    if (STRONG.test(token)) return 'strong';
    kind = CAPTION.test(token) ? 'caption' : (kind ?? 'plain');
  }
  return kind;
}

function isFurniture(el: Element, pageChars: number): boolean {
  const kind = furnitureKind(el);
  if (!kind) return false;
  // Comments or related stories may outweigh a short article. Other names holding a third of the
  // page's text in several paragraphs are the article's wrapper, whatever they say (`body_overlay`,
  // `widget Blog`); a footer's one long notice on a short page is not.
  if (kind === 'strong') return textChars(el, PROSE_LIMIT * 5) <= PROSE_LIMIT * 5;
  const limit = kind === 'caption' ? CAPTION_LIMIT : PROSE_LIMIT;
  const chars = textChars(el, Math.max(limit, pageChars * PAGE_SHARE));
  if (
    chars <= limit &&
    !(chars > pageChars * PAGE_SHARE && paragraphMarks(el, MIN_PARAGRAPHS) >= MIN_PARAGRAPHS)
  )
    return true;
  return false;
}

function isStrayRegion(el: Element, pageChars: number): boolean {
  return (
    textChars(el, pageChars * REGION_SHARE) > pageChars * REGION_SHARE &&
    paragraphMarks(el, MIN_PARAGRAPHS) >= MIN_PARAGRAPHS
  );
}

// A picture's caption or credit in a box of its own, whatever its class (`image-annotation`,
// `img_description`, `bildmodul`): a small box holding a picture and a short text. The picture is
// checked before it is dropped (the box is visited before its children). Teaser cards do not
// match (their text is in links), nor does a paragraph with an inline picture (never looked into),
// a box inside a paragraph, or a table or list with icons.
const PICTURE_TAGS = new Set(['img', 'picture', 'figure', 'video']);
const CAPTION_BOX_TAGS = new Set(['div', 'span', 'section']);
const TEXT_TAGS = new Set<string>([
  'p',
  'li',
  'td',
  'th',
  ...HEADING_TAGS,
  'blockquote',
  'dd',
  'dt',
  'a',
]);
const PARAGRAPH_TAGS = new Set<string>(['p', 'li', ...HEADING_TAGS, 'blockquote']);
const LIST_TAGS = new Set(['table', 'ul', 'ol', 'dl']);
const PICTURE_CAPTION_LIMIT = 250;

/** A picture under `el` that is not inside a link or a paragraph. */
function holdsPicture(el: Element): boolean {
  for (const child of el.children) {
    if (!isElement(child)) continue;
    if (PICTURE_TAGS.has(child.name)) return true;
    if (!TEXT_TAGS.has(child.name) && holdsPicture(child)) return true;
  }
  return false;
}

function countTags(el: Element, names: Set<string>, n = 0): number {
  for (const child of el.children) {
    if (!isElement(child)) continue;
    if (names.has(child.name)) n++;
    n = countTags(child, names, n);
  }
  return n;
}

function isPictureCaption(el: Element): boolean {
  if (!CAPTION_BOX_TAGS.has(el.name)) return false;
  // The text first: its count stops past the limit, while the walks below read the whole subtree,
  // which for every wrapper of the page would make the removal quadratic in its depth.
  const chars = textChars(el, PICTURE_CAPTION_LIMIT);
  if (chars === 0 || chars > PICTURE_CAPTION_LIMIT || !holdsPicture(el)) return false;
  for (let up = el.parent; up && isElement(up); up = up.parent) {
    if (TEXT_TAGS.has(up.name)) return false;
  }
  return countTags(el, LIST_TAGS) === 0 && countTags(el, PARAGRAPH_TAGS) <= 1;
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  return (
    'hidden' in a ||
    a['aria-hidden'] === 'true' ||
    (a.style !== undefined && HIDDEN_STYLE.test(a.style))
  );
}

/** Removes furniture in place; `body`, `html` and `main`/`article` elements are never removed by name. */
export function removeFurniture(root: AnyNode): void {
  const pageChars = textChars(root, Number.POSITIVE_INFINITY);
  const visit = (node: AnyNode) => {
    if (!('children' in node)) return;
    // Iterate over a copy: children are removed while walking.
    for (const child of [...node.children]) {
      if (child.type === 'comment' || child.type === 'directive' || child.type === 'cdata') {
        removeNode(child);
        continue;
      }
      if (!isElement(child)) continue;
      const structural =
        child.name === 'body' ||
        child.name === 'html' ||
        child.name === 'main' ||
        child.name === 'article';
      if (
        DROP_TAGS.has(child.name) ||
        (REGION_TAGS.has(child.name) && !isStrayRegion(child, pageChars)) ||
        (!structural &&
          (isHidden(child) || isFurniture(child, pageChars) || isPictureCaption(child)))
      ) {
        removeNode(child);
        continue;
      }
      visit(child);
    }
  };
  visit(root);
}
