/**
 * Atom 1.0 (RFC 4287) by hand: the format is small, and writing it here keeps every value escaped in
 * one place. Entry ids are stable URNs derived from article ids, so feed readers never see duplicates.
 */

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary: string;
  published?: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  selfLink: string;
  alternateLink: string;
  updated: string;
  entries: AtomEntry[];
}

/** Escapes text for XML and drops characters XML 1.0 forbids (article text is untrusted). */
export function xmlText(text: string): string {
  return text
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function renderAtom(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title>${xmlText(feed.title)}</title>`,
    `  <updated>${xmlText(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.selfLink)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.alternateLink)}"/>`,
    '  <author><name>wirewatch</name></author>',
    '  <generator>wirewatch</generator>',
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${xmlText(e.id)}</id>`,
      `    <title type="text">${xmlText(e.title)}</title>`,
      `    <updated>${xmlText(e.updated)}</updated>`,
    );
    if (e.published) lines.push(`    <published>${xmlText(e.published)}</published>`);
    lines.push(`    <link rel="alternate" type="text/html" href="${xmlText(e.link)}"/>`);
    for (const c of e.categories ?? []) lines.push(`    <category term="${xmlText(c)}"/>`);
    lines.push(`    <summary type="text">${xmlText(e.summary)}</summary>`, '  </entry>');
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
