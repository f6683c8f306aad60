/**
 * Field caps of `limits.import` (src/config.ts), checked before any extraction runs: a 200 MB title
 * costs nothing to reject, and a great deal to normalise, index and serve. Pure.
 */
import type { ImportLimits } from '../config.js';

export type FieldLimits = Pick<ImportLimits, 'maxTitleChars' | 'maxBodyChars'>;

/** Why an extracted text is too large to keep as an article, or null. */
export function oversizedText(
  title: string | null,
  paragraphs: readonly string[],
  limits: FieldLimits,
): string | null {
  if (title && title.length > limits.maxTitleChars)
    return over('title', title.length, limits.maxTitleChars, 'maxTitleChars');
  let body = 0;
  for (const p of paragraphs) body += p.length;
  if (body > limits.maxBodyChars) return over('body', body, limits.maxBodyChars, 'maxBodyChars');
  return null;
}

/**
 * The same for a parsed JSONL record, either shape: a corpus record (`title`, `body`) or an export
 * record (`title`, `teaser`, and each version's `title` and `paragraphs`).
 */
export function oversizedRecord(value: unknown, limits: FieldLimits): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const texts = (x: unknown) => (Array.isArray(x) ? x.filter((p) => typeof p === 'string') : []);
  const found =
    oversizedText(text(r.title), typeof r.body === 'string' ? [r.body] : [], limits) ??
    oversizedText(null, texts([r.teaser]), limits);
  if (found || !Array.isArray(r.versions)) return found;
  for (const v of r.versions as unknown[]) {
    const version = (typeof v === 'object' && v ? v : {}) as Record<string, unknown>;
    const why = oversizedText(text(version.title), texts(version.paragraphs), limits);
    if (why) return `a version's ${why}`;
  }
  return null;
}

const text = (x: unknown) => (typeof x === 'string' ? x : null);

function over(field: string, size: number, max: number, key: string): string {
  return `${field} of ${size.toLocaleString('en')} characters is over the limit of ${max.toLocaleString('en')} (limits.import.${key}); not imported`;
}
