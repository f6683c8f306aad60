import { hash } from 'node:crypto';

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Text as compared for identity: case, diacritics, typography (curly quotes, dashes) and whitespace
 * folded, so a republished copy with other quote marks matches. Never shown to users.
 */
export function normaliseForMatch(text: string): string {
  // Most wire copy is ASCII; NFKD and the Unicode classes cost more than everything else on import.
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(/\s+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of the normalised text, punctuation dropped. */
export function matchWords(text: string): string[] {
  if (NON_ASCII.test(text))
    return normaliseForMatch(text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  // ASCII fast path (most wire copy): one scan, no regex.
  const lower = text.toLowerCase();
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const wordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (wordChar) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(lower.slice(start, i));
      start = -1;
    }
  }
  return words;
}

export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/**
 * Identity of one version's text. Exact (no folding): a changed comma is a new version, which the
 * revision tracker then classifies as cosmetic rather than losing.
 */
export function contentHash(title: string | null, paragraphs: readonly string[]): string {
  return sha256Hex(`${title ?? ''}\n${paragraphs.join('\n')}`);
}
