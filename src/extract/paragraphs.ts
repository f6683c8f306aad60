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

/**
 * Joins wrapped lines into paragraphs. The paragraph is kept as pieces, and only its last characters
 * are tested, because testing the whole growing string at each line is quadratic in a long block.
 */
function unwrap(lines: readonly string[]): string[] {
  const out: string[] = [];
  let pieces: string[] | null = null;
  let tail = '';
  for (const line of lines) {
    if (pieces !== null && !endsTerminal(tail) && !BULLET.test(line)) {
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
