/**
 * How to cite one version of an article (pure): plain text, BibTeX and CSL-JSON from the same facts.
 * The citation names the text as the source published it (title, publisher, date as far as it is
 * known and how it is known, original URL) and the archived copy (this version's permalink, when the
 * archive first captured it, the capture's sha-256), so a reader can check the quotation against
 * the exact bytes. Nothing is invented: an unknown year is left out, never guessed.
 */
import { formatArticleDate } from '../model/label.js';
import type { ArticleDate } from '../model/types.js';

export interface CitationFacts {
  articleId: string;
  /** The headline as printed, or null (the label below is then made from the opening words). */
  title: string | null;
  label: string;
  /** The publisher's name (`Korean Central News Agency`) and the edition's label (`KCNA.kp (En)`). */
  publisher: string;
  sourceLabel: string;
  published: ArticleDate;
  /** How the date is known, in words. */
  dateBasis: string;
  url: string | null;
  language: string | null;
  /** The permalink of this version in the archive. */
  permalink: string;
  version: number;
  versions: number;
  /** The time of the capture that gave this version (not an import's clock), and its sha-256. */
  capturedAt: string | null;
  captureSha256: string | null;
}

export function citationText(f: CitationFacts): string {
  const title = f.title ?? `[untitled: ${f.label}]`;
  const date = formatArticleDate(f.published);
  const parts = [
    `“${title}.” ${f.publisher} (${f.sourceLabel}), ${date} (${f.dateBasis}).`,
    f.url ? `Original: ${f.url}.` : '',
    `Archived by wirewatch, version ${f.version} of ${f.versions}` +
      (f.capturedAt ? `, captured ${f.capturedAt}` : '') +
      (f.captureSha256 ? ` (sha-256 ${f.captureSha256})` : '') +
      `: ${f.permalink}`,
  ];
  return parts.filter(Boolean).join(' ');
}

/** BibTeX's special characters escaped, so a hostile title cannot close a field or run a macro. */
function bib(text: string): string {
  return text
    .replace(/[\\{}]/g, (c) => (c === '\\' ? '\\textbackslash{}' : `\\${c}`))
    .replace(/[%&#$_]/g, (c) => `\\${c}`)
    .replace(/\^/g, '\\^{}')
    .replace(/~/g, '\\~{}')
    .replace(/[\r\n]+/g, ' ');
}

/** A URL inside \url{}: only braces and backslashes (and line breaks) would break the field. */
function bibUrl(url: string): string {
  return url.replace(/[\\{}\s]/g, (c) => encodeURIComponent(c));
}

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');

export function citationBibtex(f: CitationFacts): string {
  const key = `wirewatch-${f.articleId}-v${f.version}`.replace(/[^A-Za-z0-9_:-]+/g, '-');
  const d = f.published;
  const note = [
    `${f.sourceLabel}; date ${d.year === null ? `${formatArticleDate(d)}, ` : ''}${f.dateBasis}`,
    `archived by wirewatch, version ${f.version} of ${f.versions}`,
    f.capturedAt ? `captured ${f.capturedAt}` : '',
    f.captureSha256 ? `capture sha-256 ${f.captureSha256}` : '',
  ].filter(Boolean);
  const fields: [string, string][] = [
    ['title', `{${bib(f.title ?? `[untitled: ${f.label}]`)}}`],
    ['author', `{${bib(f.publisher)}}`],
    ['organization', bib(f.publisher)],
    ...(d.year !== null ? ([['year', String(d.year)]] as [string, string][]) : []),
    ...(d.year !== null && d.month !== null
      ? ([['month', MONTHS[d.month - 1]!]] as [string, string][])
      : []),
    ...(d.year !== null && d.month !== null && d.day !== null
      ? ([['day', String(d.day)]] as [string, string][])
      : []),
    ['url', bibUrl(f.url ?? f.permalink)],
    ...(f.capturedAt ? ([['urldate', f.capturedAt.slice(0, 10)]] as [string, string][]) : []),
    ...(f.language ? ([['language', bib(f.language)]] as [string, string][]) : []),
    ['note', `${bib(note.join('; '))}; archived copy \\url{${bibUrl(f.permalink)}}`],
  ];
  const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
  return `@misc{${key},\n${body}\n}`;
}

/** `[2026, 11, 28]` from an ISO 8601 time. */
function dateParts(iso: string): number[] {
  return [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)].map(Number);
}

export function citationCsl(f: CitationFacts): Record<string, unknown> {
  const d = f.published;
  const issued =
    d.year === null
      ? null
      : {
          'date-parts': [
            [
              d.year,
              ...(d.month !== null ? [d.month] : []),
              ...(d.month !== null && d.day !== null ? [d.day] : []),
            ],
          ],
        };
  return {
    id: `wirewatch-${f.articleId}-v${f.version}`,
    type: 'article-newspaper',
    title: f.title ?? `[untitled: ${f.label}]`,
    'container-title': f.sourceLabel,
    publisher: f.publisher,
    author: [{ literal: f.publisher }],
    ...(issued ? { issued } : {}),
    ...(f.language ? { language: f.language } : {}),
    URL: f.url ?? f.permalink,
    archive: 'wirewatch',
    archive_location: f.permalink,
    ...(f.capturedAt ? { accessed: { 'date-parts': [dateParts(f.capturedAt)] } } : {}),
    note: [
      `Date: ${formatArticleDate(d)} (${f.dateBasis})`,
      `version ${f.version} of ${f.versions}`,
      f.captureSha256 ? `capture sha-256 ${f.captureSha256}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  };
}
