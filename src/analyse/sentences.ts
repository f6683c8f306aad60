/**
 * The text the analysis reads: paragraphs rejoined where the corpus's paragraph repair broke them
 * inside an official's title ("… of the C.C." / "WPK and …"), then cut into sentences with their
 * offsets so every finding can point back at the sentence it came from.
 */

export interface Sentence {
  /** Index of the (rejoined) paragraph, and the sentence's text. */
  paragraph: number;
  text: string;
}

/** A paragraph that ends inside a name of the Central Committee continues in the next one. */
const BROKEN_AT_CC = /\bC\.C\.$/;
const CONTINUES = /^(?:[a-z]|WPK\b|KWP\b|Workers' Party\b|the\b)/;

export function rejoinParagraphs(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of paragraphs) {
    // Runs of spaces ("Jang  Song Thaek") are no part of a name.
    const p = /\s\s|[\t\n\r]/.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw.trim();
    if (!p) continue;
    const last = out.at(-1);
    if (
      last !== undefined &&
      last.endsWith('C.C.') &&
      BROKEN_AT_CC.test(last) &&
      CONTINUES.test(p)
    ) {
      out[out.length - 1] = `${last} ${p}`;
    } else out.push(p);
  }
  return out;
}

/**
 * Abbreviations the wire copy uses mid-sentence: a full stop after them does not end the sentence
 * ("the C.C. of the WPK", "Mr. Ri", "U.S. imperialists", "No. 1").
 */
const ABBREVIATION =
  /(?:\b[A-Z]\.(?:[A-Z]\.)*|\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|Jr|Sr|Lt|Lieut|Col|Gen|Maj|Capt|Adm|Sgt|Cdr|Prof|Co|Ltd|Inc|vs|etc|Phar|Acad)\.)$/;

/** Cuts a paragraph at ". ", "! ", "? " followed by a capital or a quote, except after an abbreviation. */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  const boundary = /[.!?]["'”’)]?\s+(?=["'“‘(]?[A-Z0-9])/g;
  for (let m = boundary.exec(paragraph); m; m = boundary.exec(paragraph)) {
    const end = m.index + m[0].trimEnd().length;
    // An abbreviation is a few characters long: test only the sentence's last ones.
    const head = paragraph.slice(Math.max(start, m.index - 12), m.index + 1);
    if (ABBREVIATION.test(head)) continue;
    out.push(paragraph.slice(start, end).trim());
    start = m.index + m[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

export function sentencesOf(paragraphs: readonly string[]): Sentence[] {
  return rejoinParagraphs(paragraphs).flatMap((p, paragraph) =>
    splitSentences(p).map((text) => ({ paragraph, text })),
  );
}
