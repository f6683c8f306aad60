/**
 * Which source a JSONL record is filed under. Pure. The record's own `source` comes first, then the
 * import's `--source`, then the site its URL is on; a name that covers several sites (`KCNA`) is
 * narrowed by that URL, so `--source KCNA` files kcna.co.jp pages under KCNA.co.jp, not KCNA.kp.
 */
import { resolveSource, sourceFromUrl, urlHost } from '../model/sources.js';
import type { Source } from '../model/types.js';

export function recordSource(
  label: string | null,
  url: string | null,
  language: string | null,
): Source | { error: string } {
  if (label)
    return (
      resolveSource(label, language, url) ?? {
        error: `cannot make a source of ${JSON.stringify(label)}`,
      }
    );
  if (!url) return { error: 'record names no source and has no URL to tell it by (give --source)' };
  const found = sourceFromUrl(url, language);
  if (found) return found;
  const host = urlHost(url);
  if (sourceFromUrl(url, 'en')) {
    return {
      error: `record names no source, and ${host} has an edition per language: give the record a language (or --language, or --source)`,
    };
  }
  return {
    error: `record names no source, and its URL's host ${JSON.stringify(host)} is no site wirewatch knows (give --source)`,
  };
}
