/**
 * How text becomes search tokens, shared by the indexer and the query compiler so both agree.
 *
 * The full-text engine tokenises on letters and digits, lower-cases and folds diacritics (Raúl = Raul).
 * Korean, Chinese and Japanese have no spaces between words, so runs of those scripts are indexed as
 * overlapping character bigrams: `정책을` is indexed as `정책 책을`, and a query for `정책` finds it.
 */

const CJK_RUN =
  /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+/gu;
const HAS_CJK =
  /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;
const NON_ASCII = /[^\x00-\x7f]/;

/** Overlapping pairs of a run; a one-character run stays as it is. */
export function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

// Full-width forms of ASCII (`２０２５`, Rodong's digits): FTS5's tokenizer keeps them apart from
// `2025`, while queries are folded (NFKD) to ASCII, so the index is handed them as ASCII too.
const FULL_WIDTH = /[\uff01-\uff5e]/g;
const HAS_FULL_WIDTH = /[\uff01-\uff5e]/;

function asciiForms(text: string): string {
  if (!HAS_FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Text as handed to the full-text index: full-width ASCII forms as ASCII, CJK runs as bigrams, the
 * rest unchanged.
 */
export function indexText(text: string | null): string {
  if (!text) return '';
  const ascii = asciiForms(text);
  if (!HAS_CJK.test(ascii)) return ascii;
  return ascii.replace(CJK_RUN, (run) => ` ${bigrams(run).join(' ')} `);
}

/**
 * Lower case without diacritics, as the index stores words. Recomposed afterwards: decomposition would
 * otherwise split every Hangul syllable into its letters.
 */
export function fold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase();
}

/** The index tokens a piece of query text stands for, in order (`well-known` → well, known). */
export function searchTokens(text: string): string[] {
  const out: string[] = [];
  for (const word of fold(text).split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    if (!HAS_CJK.test(word)) {
      out.push(word);
      continue;
    }
    // A word mixing scripts (`KCNA통신`) splits where the index splits it.
    let last = 0;
    for (const m of word.matchAll(CJK_RUN)) {
      if (m.index > last) out.push(word.slice(last, m.index));
      out.push(...bigrams(m[0]));
      last = m.index + m[0].length;
    }
    if (last < word.length) out.push(word.slice(last));
  }
  return out;
}

/**
 * The words an index stores for a text, in order: what FTS5's unicode61 tokenizer makes of `indexText`,
 * for an engine that is handed ready tokens (PostgreSQL). Folded first, as queries are (`searchTokens`),
 * then CJK runs become bigrams, then the text splits on anything but letters and digits.
 */
export function indexTokens(text: string | null): string[] {
  if (!text) return [];
  return indexText(fold(text))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function isCjkToken(token: string): boolean {
  return HAS_CJK.test(token);
}
