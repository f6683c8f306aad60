/**
 * Repairs for the spacing damage that KCNA's leader-name markup causes. kcna.kp wraps every leader
 * name in `<nobr><span class='fSpecCs'>…</span></nobr>`: scrapers that join text nodes without a
 * separator glue the name to its neighbours (`toKim Jong Unthat`), and those that join with a space
 * leave one before the punctuation that follows (`Kim Jong Un , general secretary`).
 *
 * Only text touching one of the leader names is changed, and only by adding or removing one space,
 * so the words themselves (and the meaning) never change.
 */

export const LEADER_NAMES: readonly string[] = [
  'Kim Jong Un',
  'Kim Jong Il',
  'Kim Il Sung',
  'Kim Yo Jong',
  'Kim Ju Ae',
];

const NAMES = LEADER_NAMES.join('|');
// `ComradeKim Jong Un`: any letter right before the name.
const GLUED_BEFORE = new RegExp(`(?<=\\p{L})(?=(?:${NAMES}))`, 'gu');
// `Kim Jong Unsaid`: at least two letters glued after the name. One letter is left alone because
// some names extend a leader's (`Kim Jong Ung`) and no English word is a single glued letter.
const GLUED_AFTER = new RegExp(`(?<=(?:${NAMES}))(?=\\p{L}{2})`, 'gu');
// `Kim Jong Un , general` and `Kim Jong Un 's`: the markup's stray space before punctuation.
const SPACE_BEFORE_PUNCT = new RegExp(`(?<=(?:${NAMES}))[ \\t]+(?=[,.;:!?)]|['’]s\\b)`, 'gu');

export interface Repaired {
  text: string;
  /** Spaces inserted between a leader name and a glued word. */
  glued: number;
  /** Stray spaces removed between a leader name and punctuation. */
  spacing: number;
}

export function repairLeaderNameSpacing(text: string): Repaired {
  let glued = 0;
  let spacing = 0;
  const out = text
    .replace(GLUED_BEFORE, () => {
      glued++;
      return ' ';
    })
    .replace(GLUED_AFTER, () => {
      glued++;
      return ' ';
    })
    .replace(SPACE_BEFORE_PUNCT, () => {
      spacing++;
      return '';
    });
  return { text: out, glued, spacing };
}

/**
 * `(KCNA) --Kim Jong Un`: the same markup glues the first word to the dateline's dash. `end` is the
 * offset just after the dash; a space is added only when a word character follows directly.
 */
export function separateAfterDateline(
  text: string,
  end: number,
): { text: string; changed: boolean } {
  const next = text.slice(end, end + 1);
  if (!/[\p{L}\p{N}"“'‘]/u.test(next)) return { text, changed: false };
  return { text: `${text.slice(0, end)} ${text.slice(end)}`, changed: true };
}
