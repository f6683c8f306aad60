import { matchDatelineAtStart } from './dateline.js';

/**
 * Body lines → paragraphs. Pages come in three shapes: blank-line separated paragraphs (KCNA Watch),
 * one paragraph per line (kcna.kp scrapes, the seed), and hard-wrapped lines from PDF bulletins
 * whose lines stop mid-sentence. Each blank-line block is judged on its own: only a block where
 * many lines stop without closing punctuation is taken as wrapped and re-joined.
 */

// A line ending in one of these can end a paragraph; anything else (a letter, a comma) continues.
// `》` closes a Korean quotation as `»` closes a French one.
const TERMINAL = /[.!?:;"”’')\]…»》」』]$/u;
const BULLET = /^[-–—•*]\s/u;

function endsTerminal(line: string): boolean {
  return TERMINAL.test(line);
}

function isWrappedBlock(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const open = lines.slice(0, -1).filter((l) => !endsTerminal(l)).length;
  if (lines.length === 2) return open === 1 && /^\p{Ll}/u.test(lines[1]!);
  return open >= 2 && open / (lines.length - 1) >= 0.3;
}

// The joining rules look at the end of the paragraph only; three UTF-16 units hold a letter outside
// the BMP and a hyphen.
const TAIL = 3;

/** `DPRK-` + `Russia` keeps the hyphen, no space. `tail` is the end of the text joined so far. */
function joinsWithoutSpace(tail: string): boolean {
  return /\p{L}-$/u.test(tail) && !tail.endsWith('--');
}

// A Korean word ending in one of these is a particle or an ending that needs a word after it: the
// genitive 의, the object 을/를, the conjunctions 와/과, the modifiers 인/신/는/던 (as in `찾으신`
// before a leader's name the store dropped). A heading or a list item does not end so.
const KOREAN_CONTINUES = /[의을를와과인신는던]$/u;
const HANGUL_END = /\p{Script=Hangul}$/u;

/**
 * Whether a line of a wrapped block goes on in the next. A line ending in Korean stops short for two
 * reasons: the page broke it where other markup began (a name in its own element, a title in
 * 《》), and then it ends in a particle; or it is a heading, a label or a list item of its own, and
 * then it ends in a noun or a whole sentence. Only a line that ran to the block's width is taken as
 * cut by the wrapping whatever its end. Lines in other scripts go on when they do not end a sentence.
 */
function goesOn(line: string, width: number): boolean {
  if (!HANGUL_END.test(line)) return true;
  return KOREAN_CONTINUES.test(line) || line.length * 2 >= width;
}

/**
 * Joins wrapped lines into paragraphs. The paragraph is kept as pieces, and only its last characters
 * are tested, because testing the whole growing string at each line is quadratic in a long block.
 */
function unwrap(lines: readonly string[]): string[] {
  // In UTF-16 units: Hangul is one unit a letter, as Latin is.
  let width = 0;
  for (const line of lines) width = Math.max(width, line.length);
  const out: string[] = [];
  let pieces: string[] | null = null;
  let tail = '';
  let last = '';
  for (const line of lines) {
    const joins = !endsTerminal(tail) && goesOn(last, width);
    last = line;
    if (pieces !== null && joins && !BULLET.test(line)) {
      const separator = joinsWithoutSpace(tail) ? '' : ' ';
      pieces.push(separator, line);
      tail = (tail + separator + line).slice(-TAIL);
      continue;
    }
    if (pieces !== null) out.push(pieces.join(''));
    pieces = [line];
    tail = line.slice(-TAIL);
  }
  if (pieces !== null) out.push(pieces.join(''));
  return out;
}

function tidy(line: string): string {
  return line.replace(/[ \t]+/g, ' ').trim();
}

/**
 * A dateline alone on its line belongs to the paragraph after it (even across a blank line), so the
 * first paragraph always starts with the dateline as the agency wrote it.
 */
function attachLoneDateline(lines: string[]): string[] {
  const first = lines.findIndex((l) => l !== '');
  if (first < 0) return lines;
  const match = matchDatelineAtStart(lines[first]!);
  if (!match || match.end < lines[first]!.length) return lines;
  const next = lines.findIndex((l, i) => i > first && l !== '');
  if (next < 0) return lines;
  const joined = `${lines[first]} ${lines[next]}`;
  return [...lines.slice(0, first), joined, ...lines.slice(next + 1)];
}

/** `lines` are body lines with chrome removed; empty strings mark blank lines. */
export function buildParagraphs(lines: readonly string[]): string[] {
  const tidied = attachLoneDateline(lines.map(tidy));
  const paragraphs: string[] = [];
  let block: string[] = [];
  const flush = () => {
    if (block.length === 0) return;
    paragraphs.push(...(isWrappedBlock(block) ? unwrap(block) : block));
    block = [];
  };
  for (const line of tidied) {
    if (line === '') flush();
    else block.push(line);
  }
  flush();
  return paragraphs;
}
