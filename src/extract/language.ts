import type { ExtractContext } from './types.js';
import { hangulShare } from './korean.js';

/**
 * The edition's language, from what the page says about itself: the aggregator's label
 * (`KCNA.kp (En)`) or KCNA's language folder (`/en/article/…`). Text is not guessed at: a
 * mis-tagged Spanish story is worse than one tagged "unknown".
 */

// KCNA's own codes differ from ISO 639-1 for Chinese, Japanese and Korean.
const KCNA_CODES: Readonly<Record<string, string>> = {
  cn: 'zh',
  ch: 'zh',
  jp: 'ja',
  kr: 'ko',
  kp: 'ko',
};
const KNOWN = new Set(['en', 'es', 'ru', 'zh', 'ja', 'ko', 'fr', 'de', 'ar']);

function toIso(code: string): string | null {
  const lower = code.toLowerCase();
  const iso = KCNA_CODES[lower] ?? lower;
  return KNOWN.has(iso) ? iso : null;
}

/** `(En)` → `en`, from a source label. */
export function languageFromLabel(label: string | null | undefined): string | null {
  const m = /\(([A-Za-z]{2})\)\s*$/.exec(label ?? '');
  return m ? toIso(m[1]!) : null;
}

/** A URL path's first folder when it is two letters (`/en/`, `/kp/`), lower-cased, else null. */
export function editionFolder(url: string | null | undefined): string | null {
  return /^(?:[a-z]+:\/\/)?[^/?#]*\/([a-z]{2})\//i.exec(url ?? '')?.[1]?.toLowerCase() ?? null;
}

/** `/en/` as the first folder of a URL path (kcna.kp, kcna.co.jp's index pages do not use it). */
export function languageFromUrl(url: string | null | undefined): string | null {
  const folder = editionFolder(url);
  return folder ? toIso(folder) : null;
}

/** Korean when most letters of `text` are Hangul, which writes Korean and nothing else; else null. */
export function languageFromScript(text: string): string | null {
  return hangulShare(text) >= 0.5 ? 'ko' : null;
}

/**
 * The language from the page's own label or URL; failing both, Korean when most letters of the text
 * are Hangul. That is no guess: Hangul writes Korean and nothing else, while Latin letters could be
 * any of a dozen editions and stay "unknown".
 */
export function detectLanguage(
  ctx: ExtractContext,
  labels: Array<string | null>,
  url: string | null,
  paragraphs: readonly string[] = [],
): string | null {
  if (typeof ctx.language === 'string' && ctx.language.trim())
    return ctx.language.trim().toLowerCase();
  for (const label of labels) {
    const fromLabel = languageFromLabel(label);
    if (fromLabel) return fromLabel;
  }
  return languageFromUrl(url) ?? languageFromScript(paragraphs.join(' '));
}
