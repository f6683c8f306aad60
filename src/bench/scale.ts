/**
 * The 10× corpus: every real story once per round; round r > 0 moves it r years later and varies its
 * words (seeded, deterministic) and appends a round-specific sentence, so each copy is a distinct
 * article, not a near-duplicate of round 0. Written once per run as gzipped JSONL.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { gzLines, type CorpusLine } from './corpus.js';

/** Share of the words (4+ letters) of a round > 0 copy replaced by another corpus word... */
export const REPLACE_RATE = 0.08;
/** ...but at least this many in a body, so short items do not stay near-duplicates of round 0. */
const MIN_BODY_REPLACEMENTS = 4;
const WORD = /\p{L}{4,}/gu;

/** mulberry32: small, fast, good enough to vary text reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `YYYY-MM-DD` moved `years` later; Feb 29 becomes Feb 28 in a common year. */
export function shiftDate(published: string, years: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(.*)$/s.exec(published);
  if (!m) return published;
  const year = Number(m[1]) + years;
  let day = m[3]!;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (m[2] === '02' && day === '29' && !leap) day = '28';
  return `${year}-${m[2]}-${day}${m[4]}`;
}

export interface Vocabulary {
  words: Map<string, string[]>;
}

export function vocabularyOf(records: CorpusLine[]): Vocabulary {
  const sets = new Map<string, Set<string>>();
  for (const r of records) {
    const lang = r.language ?? '';
    let set = sets.get(lang);
    if (!set) sets.set(lang, (set = new Set()));
    for (const w of (r.body ?? '').match(WORD) ?? []) set.add(w.toLowerCase());
  }
  return { words: new Map([...sets].map(([lang, set]) => [lang, [...set].sort()])) };
}

/**
 * Replaces `max(minimum, rate × eligible)` words (4+ letters) at distinct, seeded positions by other
 * corpus words of the same language, keeping capitalisation.
 */
function varyText(text: string, pool: string[], rand: () => number, minimum: number): string {
  const spots = [...text.matchAll(WORD)];
  const k = Math.min(spots.length, Math.max(minimum, Math.round(REPLACE_RATE * spots.length)));
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (spots.length - i));
    [spots[i], spots[j]] = [spots[j]!, spots[i]!];
  }
  const chosen = spots.slice(0, k).sort((a, b) => a.index - b.index);
  let out = '';
  let at = 0;
  for (const m of chosen) {
    const w = m[0];
    const r = pool[Math.floor(rand() * pool.length)] ?? w;
    out +=
      text.slice(at, m.index) +
      (w[0] === w[0]!.toUpperCase() ? r[0]!.toUpperCase() + r.slice(1) : r);
    at = m.index + w.length;
  }
  return out + text.slice(at);
}

/** One record of round `round` (0 = the real record, unchanged). */
export function variant(
  r: CorpusLine,
  round: number,
  index: number,
  vocab: Vocabulary,
): CorpusLine {
  if (round === 0) return r;
  const rand = prng(round * 1_000_003 + index * 7919 + 17);
  const pool = vocab.words.get(r.language ?? '') ?? [];
  const extra = Array.from(
    { length: 8 + Math.floor(rand() * 6) },
    () => pool[Math.floor(rand() * pool.length)],
  ).join(' ');
  const body = r.body
    ? `${varyText(r.body, pool, rand, MIN_BODY_REPLACEMENTS)}\n\nSupplement ${round}-${index}: ${extra}.`
    : r.body;
  const url = r.index_url?.replace(/20\d\d/g, (y) => String(Number(y) + round));
  return {
    ...r,
    published: r.published ? shiftDate(r.published, round) : r.published,
    title: r.title ? varyText(r.title, pool, rand, 0) : r.title,
    body,
    ...(url !== undefined ? { index_url: url } : {}),
  };
}

/** Writes `rounds` rounds of the corpus at `from` to `to` (gzip); returns records and uncompressed bytes. */
export async function writeScaledCorpus(
  from: string,
  to: string,
  rounds: number,
): Promise<{ records: number; bytes: number }> {
  const records: CorpusLine[] = [];
  for await (const line of gzLines(from)) records.push(JSON.parse(line) as CorpusLine);
  const vocab = vocabularyOf(records);
  let bytes = 0;
  let count = 0;
  async function* text(): AsyncGenerator<string> {
    for (let round = 0; round < rounds; round++) {
      let batch = '';
      for (let i = 0; i < records.length; i++) {
        batch += `${JSON.stringify(variant(records[i]!, round, i, vocab))}\n`;
        count++;
        if (batch.length > 1 << 20) {
          bytes += Buffer.byteLength(batch);
          yield batch;
          batch = '';
        }
      }
      bytes += Buffer.byteLength(batch);
      yield batch;
    }
  }
  await pipeline(Readable.from(text()), createGzip({ level: 6 }), createWriteStream(to));
  return { records: count, bytes };
}
