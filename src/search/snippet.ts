/**
 * Highlighted snippets, computed only for the page of hits shown (never inside the index query, where
 * it would run for every match). Returns segments, not markup: each interface escapes them its own way.
 */
import type { Highlight } from './plan.js';
import { fold, isCjkToken } from './text.js';

export interface Segment {
  text: string;
  hit: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Words shown around the densest cluster of matches. */
const WINDOW = 36;

interface Span {
  start: number;
  end: number;
}

/** Character spans of `text` the query matched. */
export function matchSpans(text: string, h: Highlight): Span[] {
  const words = [...text.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    folded: fold(m[0]),
  }));
  const spans: Span[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (h.tokens.has(w.folded) || h.prefixes.some((p) => w.folded.startsWith(p))) spans.push(w);
  }
  for (const phrase of h.phrases) {
    if (phrase.some(isCjkToken)) continue;
    for (let i = 0; i + phrase.length <= words.length; i++) {
      if (phrase.every((t, k) => words[i + k]!.folded === t))
        spans.push({ start: words[i]!.start, end: words[i + phrase.length - 1]!.end });
    }
  }
  // CJK is indexed as bigrams: find the query's runs as plain substrings.
  const cjk = [...h.tokens]
    .filter(isCjkToken)
    .concat(h.phrases.filter((p) => p.some(isCjkToken)).map(joinBigrams));
  for (const needle of cjk) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length))
      spans.push({ start: at, end: at + needle.length });
  }
  return merge(spans);
}

/** `정책 책을` → `정책을`; mixed phrases keep their words apart. */
function joinBigrams(tokens: string[]): string {
  let out = '';
  for (const t of tokens) {
    if (out && isCjkToken(t) && isCjkToken(out.slice(-1)) && t.length === 2 && out.endsWith(t[0]!))
      out += t.slice(1);
    else out += (out ? ' ' : '') + t;
  }
  return out;
}

function merge(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export function segments(text: string, spans: Span[], from = 0, to = text.length): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    if (s.start > at) out.push({ text: text.slice(at, s.start), hit: false });
    out.push({ text: text.slice(Math.max(s.start, from), Math.min(s.end, to)), hit: true });
    at = Math.min(s.end, to);
  }
  if (at < to) out.push({ text: text.slice(at, to), hit: false });
  return out;
}

/** The ~36 words around the densest run of matches (the opening words when nothing in the body matched). */
export function snippet(text: string, h: Highlight): Segment[] {
  const spans = matchSpans(text, h);
  const words = [...text.matchAll(WORD)];
  if (words.length <= WINDOW) return segments(text, spans);
  let bestStart = 0;
  if (spans.length > 0) {
    // Slide a window over word indexes; count spans starting inside it.
    const wordIndexOf = (pos: number) => {
      let lo = 0,
        hi = words.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (words[mid]!.index <= pos) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const starts = spans.map((s) => wordIndexOf(s.start));
    let best = -1;
    for (let i = 0, j = 0; i < starts.length; i++) {
      while (starts[j]! < starts[i]! - WINDOW + 1) j++;
      if (i - j + 1 > best) {
        best = i - j + 1;
        bestStart = Math.max(0, starts[j]! - 6);
      }
    }
  }
  const endWord = Math.min(words.length - 1, bestStart + WINDOW - 1);
  const from = bestStart === 0 ? 0 : words[bestStart]!.index;
  const to =
    endWord === words.length - 1 ? text.length : words[endWord]!.index + words[endWord]![0].length;
  const out = segments(text, spans, from, to);
  if (from > 0) out.unshift({ text: '… ', hit: false });
  if (to < text.length) out.push({ text: ' …', hit: false });
  return out;
}
