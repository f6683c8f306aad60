/**
 * MinHash (one-permutation hashing) over word 3-shingles with LSH banding: republished copies (other quote marks, a footer, a
 * changed word) are found among millions of texts by exact band lookups, then confirmed by the
 * estimated Jaccard similarity of their shingle sets.
 *
 * SimHash was tried first: with the ~200 shingles of a wire story, a 3 % edit flipped 4+ of 64 bits
 * as often as not, so copies slipped past a 3-bit threshold.
 */

/** Number of min-hash values in a signature. */
export const SIGNATURE_SIZE = 64;
/** Signature split into BANDS × ROWS: copies at Jaccard 0.9 share a band 99 % of the time, 0.5 only 3 %. */
export const BANDS = 8;
const ROWS = SIGNATURE_SIZE / BANDS;
/**
 * Estimated Jaccard similarity at or above which two texts are the same story. Measured on the
 * 2011–2012 corpus: republished copies score 0.86–0.94 and more, but KCNA's templated items
 * ("Kim Jong Il's Work Published in Bulgaria" / "… in Venezuela", credentials, ambassadors) score
 * 0.75–0.89. 0.9 keeps those apart at the cost of missing copies that were edited more heavily.
 */
export const SAME_STORY_JACCARD = 0.9;
/** Below this many shingles a text is too short to call anything its copy (greetings share templates). */
export const MIN_SHINGLES = 20;

export interface Fingerprint {
  /** SIGNATURE_SIZE unsigned 32-bit minima, or null when the text is too short. */
  signature: Uint32Array | null;
  /** One 32-bit key per band (band index kept apart by the store). */
  bands: number[];
  shingles: number;
  /** 64-bit hash of the exact word sequence plus its length, for exact-duplicate grouping. */
  sequence: string;
}

/** Fingerprint of already-normalised words (see `matchWords`); each word is hashed once. */
export function fingerprintWords(words: readonly string[]): Fingerprint {
  const n = words.length;
  const wordHash = new Uint32Array(n);
  let seqA = 0x12345678;
  let seqB = 0x9abcdef0;
  for (let i = 0; i < n; i++) {
    const h = fnv1a(words[i]!);
    wordHash[i] = h;
    seqA = fmix32((Math.imul(seqA, 0x01000193) ^ h) >>> 0);
    seqB = fmix32((Math.imul(seqB, 0x9e3779b1) + fmix32((h ^ 0x5bd1e995) >>> 0)) >>> 0);
  }
  const shingles = Math.max(0, n - 2);
  const sequence = `${hex8(seqA)}${hex8(seqB)}:${n}`;
  if (shingles < MIN_SHINGLES) return { signature: null, bands: [], shingles, sequence };

  // One-permutation hashing: each shingle is hashed once and lands in one of SIGNATURE_SIZE bins,
  // which keeps its minimum — 64× less work than 64 hash functions, with the same estimator.
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY);
  for (let i = 0; i < shingles; i++) {
    const h = fmix32(
      (Math.imul(wordHash[i]!, 0x9e3779b1) ^
        Math.imul(wordHash[i + 1]!, 0x85ebca77) ^
        wordHash[i + 2]!) >>>
        0,
    );
    const bin = h & (SIGNATURE_SIZE - 1);
    const value = h >>> 6;
    if (value < signature[bin]!) signature[bin] = value;
  }
  densify(signature);
  return { signature, bands: bandKeys(signature), shingles, sequence };
}

/** The LSH band keys of a stored signature (bands are derived data: never stored apart from it). */
export function bandKeysOf(signatureBytes: Uint8Array): number[] {
  return bandKeys(signatureFromBytes(signatureBytes));
}

/** Larger than any 26-bit bin value: marks a bin no shingle fell into. */
const EMPTY = 0xffffffff;

/**
 * Fills each empty bin from the next non-empty one (rotation densification, Shrivastava & Li 2014),
 * offset by the distance, so two texts agree on an empty bin exactly when they agree on its donor.
 */
function densify(signature: Uint32Array): void {
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    if (signature[i] !== EMPTY) continue;
    for (let d = 1; d < SIGNATURE_SIZE; d++) {
      const donor = signature[(i + d) % SIGNATURE_SIZE]!;
      if (donor !== EMPTY && donor < 1 << 26) {
        signature[i] = (1 << 26) + (d * (1 << 26)) / SIGNATURE_SIZE + (donor >>> 6);
        break;
      }
    }
  }
}

function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++)
      h = fmix32((Math.imul(h, 0x01000193) ^ signature[b * ROWS + r]!) >>> 0);
    keys.push(h);
  }
  return keys;
}

/** Share of equal positions: an unbiased estimate of the Jaccard similarity of the shingle sets. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE_SIZE;
}

export function signatureToBytes(signature: Uint32Array): Buffer {
  return Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
}

export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  const copy = new Uint8Array(bytes); // aligned copy: a Buffer slice may start at an odd offset
  return new Uint32Array(copy.buffer, 0, SIGNATURE_SIZE);
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h >>> 0);
}

/** murmur3's final avalanche: FNV alone leaves the high bits of short strings correlated. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
