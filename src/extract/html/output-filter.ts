/**
 * Which blocks of the chosen container are article text. Removed: link lists, furniture phrases
 * ("Advertisement", "Read more", share prompts), bylines and timestamps, and the headline itself
 * (it is the title, not body). Short blocks are kept: subheads and one-line paragraphs are text.
 */
import type { Block } from './blocks.js';

const FURNITURE_LINE = /^(?:advertisement|advertisements?|ad|sponsored|share(?: this)?(?: article| story)?|share on \w+|tweet|email|print|comments?|read more|continue reading|related(?: articles| stories| coverage)?:?|recommended|follow us.*|sign up.*|subscribe.*|click here.*|photo:.*|image:.*|credit:.*|getty images|reuters|ap photo.*|loading\W*|skip to .*|back to top|see also:?.*|more:?|watch:?|listen:?)$/i;
const BYLINE = /^(?:by|von|par|por)\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,4}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’ -]+){0,3}$/u;
const TIMESTAMP = /^(?:(?:published|updated|posted|last updated|first published)\b[^.]{0,100}|\p{L}{3,9}\.? \d{1,2},? \d{4}(?:[^.]{0,70})?|\d{1,2}:\d{2}\s*(?:am|pm)?[^.]{0,40})$/iu;

export function keepBlock(b: Block, title: string | null): boolean {
  const text = b.text;
  const len = text.length;
  if (b.linkChars / len > 0.5 && len < 300) return false;
  if (len < 80 && (FURNITURE_LINE.test(text) || BYLINE.test(text) || TIMESTAMP.test(text))) return false;
  if (title && (b.tag === 'h1' || len < 300) && normalise(text) === normalise(title)) return false;
  return true;
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
