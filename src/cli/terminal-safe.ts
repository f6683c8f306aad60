/**
 * Text from the archive, made safe to print on a terminal. Titles, URLs, bodies, source labels and
 * file names all come from untrusted pages and folders, and a terminal acts on what it is sent:
 * `ESC ] 0 ; … BEL` retitles the window, `ESC [ 2 J` clears the screen, CR returns to the start of
 * the line to overwrite it, and a bidi override (U+202E) shows `gnp.exe` as `exe.png`.
 *
 * - C0 controls, DEL and C1 controls become visible escapes in the JavaScript style, `\x1b`; bidi
 *   embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) become `\u202e`. An escape
 *   says what was there, where U+FFFD would hide it. (A literal backslash is left alone, so
 *   `\x1b` typed into a title looks the same; `--json` has the exact text.)
 * - `line`, for one-line fields (a title in a list): each run of line breaks and tabs becomes one
 *   space, so a field cannot start a line of its own.
 * - `block`, for text printed as lines (a body): CR LF, CR, U+2028 and U+2029 become LF; tabs stay.
 *
 * Pure, and idempotent: safe text passes unchanged, so a whole output can go through it again.
 */

export type TerminalMode = 'line' | 'block';

const LINE_RUN = /[\t\n\r\u2028\u2029]+/g;
const BREAK = /\r\n?|[\u2028\u2029]/g;
// Tab and LF are the only C0 controls left by the two rules above that may pass.
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function terminalSafe(text: string, mode: TerminalMode = 'line'): string {
  const broken = mode === 'line' ? text.replace(LINE_RUN, ' ') : text.replace(BREAK, '\n');
  return broken.replace(UNSAFE, escape);
}
