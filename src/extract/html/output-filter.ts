/**
 * Which blocks of the chosen container are article text. Removed: link lists, furniture phrases
 * ("Advertisement", "Read more", share prompts), bylines and timestamps, and the headline itself
 * (it is the title, not body). Short blocks are kept: subheads and one-line paragraphs are text.
 */
import { isProse, type Block } from './blocks.js';
import { isHeading } from './dom.js';

const FURNITURE_LINE =
  /^(?:advertisement|advertisements?|advert|ad|this slideshow requires javascript\.?|sponsored|share(?: this)?(?: article| story)?|share on \w+|tweet|email|print|comments?|read more|continue reading|related(?: articles| stories| coverage)?:?|recommended|follow us.*|sign up.*|subscribe.*|click here.*|photo:.*|image:.*|credit:.*|getty images|reuters|ap photo.*|loading\W*|skip to .*|back to top|see also:?.*|more:?|watch:?|listen:?)$/i;
const BYLINE =
  /^(?:by|von|par|por)\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,4}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’ -]+){0,3}$/u;
const TIMESTAMP =
  /^(?:(?:published|updated|posted|last updated|first published)\b.{0,100}|\p{L}{3,9}\.? \d{1,2},? \d{4}(?:[^.]{0,70})?|\d{1,2} \p{L}{3,9}\.?,? \d{4}(?:[^.]{0,40})?|\d{1,2}:\d{2}\s*(?:am|pm)?[^.]{0,40})$/iu;

/**
 * The article's paragraphs from its container's blocks. A link-heavy line is kept only between
 * two prose blocks: there it is part of the story (a product link, a source credit), while before
 * the first or after the last it is a share bar, tag list or "more stories" link.
 */
// "Related: <headline>", "[Read more: …]": a pointer to another story, wherever it stands.
const POINTER =
  /^\[?\s*(?:related(?: post| content| stories| articles)?|read more|read also|see more|see also|also read|also|more|watch|listen|don['’]t miss|recommended|more on this|further reading)\s*:/i;
// The same pointer in any language: a short label, a colon (or `»`, `|`), then a linked headline
// ("Lea también: …", "Lesen Sie hier: …", "À lire aussi » …").
const LABELLED = /^\s*[[(«"“]?\s*(\p{L}[^:»|.!?/]{1,39}?)\s*(?::\s|»|\|)\s*/u;

function isLabelledLink(b: Block): boolean {
  const m = LABELLED.exec(b.text);
  if (!m || m[1]!.split(/\s+/).length > 4) return false;
  const rest = b.text.slice(m[0].length);
  return rest.split(/\s+/).length >= 4 && b.linkChars >= 0.6 * rest.length;
}

const COOKIES = /\bcookies?\b.*\b(?:consent|accept|agree|experience|privacy|opt-out)\b/i;

const TAIL_PROMO =
  /\b(?:subscribe|subscription|newsletters?|sign up|signup|inbox|follow (?:us|him|her|them)|join our|reached at|can be reached|contact us|send us|copyright|all rights reserved)\b|\bfollow\b.{0,80}\b(?:facebook|twitter|instagram)\b|©/i;

/** An upper-case line that is mostly a link: a promoted headline (`'DWTS' STAR SPEAKS OUT`). */
function isShoutedLink(b: Block): boolean {
  return (
    b.linkChars / b.text.length > 0.5 &&
    b.text.length >= 10 &&
    b.text === b.text.toUpperCase() &&
    /\p{Lu}{3}/u.test(b.text)
  );
}

export function filterBlocks(blocks: Block[], title: string | null): string[] {
  let first = -1;
  let last = -1;
  blocks.forEach((b, i) => {
    if (isProse(b)) {
      if (first < 0) first = i;
      last = i;
    }
  });
  // A standfirst printed above the story stays: it is text the publisher ran with it, and the
  // archive keeps what the page says (it used to go when it equalled the meta description).
  // Outside the prose, a lone `Label: value` line is the page's meta data.
  const kept = blocks.filter((b, i) => {
    const inside = i > first && i < last;
    return keepBlock(b, title, inside) && (inside || !isMetaLine(blocks, i));
  });
  // Promotions close many stories inside the story's own container ("Sign up for our newsletter",
  // "Have a tip? Reach her at …", "© 2019 …"); they go only from the end, so the body is safe.
  // A heading left last introduces nothing: its list ("More on this", "Ähnliche Beiträge") was
  // pruned or removed, so it goes from the end too.
  let end = kept.length;
  while (end > 1 && (isTailPromo(kept[end - 1]!) || isShortHeading(kept[end - 1]!))) end--;
  return kept.slice(0, end).map((b) => b.text);
}

const HEADING_MAX = 120;

function isShortHeading(b: Block): boolean {
  return isHeading(b.tag) && b.text.length < HEADING_MAX;
}

function isTailPromo(b: Block): boolean {
  return b.text.length < 300 && TAIL_PROMO.test(b.text);
}

// `Kategorie: News`, `Crédits photos : Bestimage`: a label of one or two words, a colon, a value
// of a few words that is not a sentence.
const LABEL_LINE = /^\s*(\p{L}[\p{L} ]{1,24}?)\s?:\s*(\S.*)$/u;
const LABEL_LINE_MAX = 60;

function isLabelLine(text: string): boolean {
  const m = LABEL_LINE.exec(text);
  if (!m || m[1]!.split(/\s+/).length > 2) return false;
  const value = m[2]!;
  return !/[.!?;:]\s*$/.test(value) && value.split(/\s+/).length <= 6;
}

/** A lone label line; label lines next to label lines are a fact box or a spec table, and stay. */
function isMetaLine(blocks: Block[], i: number): boolean {
  const text = blocks[i]!.text;
  return (
    text.length < LABEL_LINE_MAX &&
    isLabelLine(text) &&
    !isLabelLine(blocks[i - 1]?.text ?? '') &&
    !isLabelLine(blocks[i + 1]?.text ?? '')
  );
}

function keepBlock(b: Block, title: string | null, inside: boolean): boolean {
  const text = b.text;
  const len = text.length;
  if (!inside && b.linkChars / len > 0.5 && len < 300) return false;
  if (len < 200 && (POINTER.test(text) || isShoutedLink(b) || isLabelledLink(b))) return false;
  if (len < 300 && COOKIES.test(text)) return false;
  if (len < 80 && (FURNITURE_LINE.test(text) || BYLINE.test(text) || TIMESTAMP.test(text)))
    return false;
  if (title && (b.tag === 'h1' || len < 300) && normalise(text) === normalise(title)) return false;
  return true;
}

function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
