/**
 * The search columns (columns.ts) written down as one compact value, so a new process reads them in one
 * go instead of rebuilding them from every article row: at a million articles the rows take seconds
 * to read, the snapshot a fraction of one (docs/benchmarks.md, "Cold start").
 *
 * Layout: the magic `WWSC`, a format number and the length of a JSON header (uint32 each, little
 * endian), the header (generation, document count, the dictionaries, story ids that are no derived
 * ids), then the typed arrays in a fixed order, each starting on a 4-byte boundary. Decoding checks
 * every length and throws on anything else: a caller then rebuilds from the rows.
 */
import { Buffer } from 'node:buffer';
import { SearchColumns } from './columns.js';
import { StoryCodes } from './story-codes.js';

const MAGIC = 0x43535757; // "WWSC"
/** 2: with each document's length in words (bm25.ts). */
const FORMAT = 2;

interface Header {
  generation: number;
  size: number;
  /** Document numbers below this one are in the arrays. */
  length: number;
  sources: string[];
  languages: string[];
  places: string[];
  placeLabels: string[];
  stories: number;
  otherStories: [number, string][];
}

type Typed = Uint8Array | Uint16Array | Int16Array | Int32Array | Uint32Array;
type Make = {
  new (buffer: ArrayBuffer, offset: number, length: number): Typed;
  BYTES_PER_ELEMENT: number;
};

/** The per-document arrays, in the order they are written. */
const DOCUMENT_ARRAYS: [keyof SearchColumns & string, Make][] = [
  ['present', Uint8Array],
  ['source', Uint16Array],
  ['language', Uint16Array],
  ['year', Int16Array],
  ['month', Uint8Array],
  ['day', Int32Array],
  ['place', Int32Array],
  ['status', Uint8Array],
  ['story', Int32Array],
  ['archived', Uint32Array],
  ['words', Uint32Array],
];

const pad = (n: number) => (4 - (n % 4)) % 4;

export function encodeColumns(columns: SearchColumns): Buffer {
  let length = columns.present.length;
  while (length > 0 && !columns.present[length - 1]) length--;
  const stories = columns.stories.parts();
  const header: Header = {
    generation: columns.generation,
    size: columns.size,
    length,
    sources: columns.sources.values,
    languages: columns.languages.values,
    places: columns.places.values,
    placeLabels: columns.placeLabels,
    stories: stories.high.length,
    otherStories: stories.other,
  };
  const json = Buffer.from(JSON.stringify(header));
  const parts: Buffer[] = [];
  const push = (bytes: Buffer) => {
    parts.push(bytes, Buffer.alloc(pad(bytes.length)));
  };
  const prefix = Buffer.alloc(12);
  prefix.writeUInt32LE(MAGIC, 0);
  prefix.writeUInt32LE(FORMAT, 4);
  prefix.writeUInt32LE(json.length, 8);
  parts.push(prefix);
  push(json);
  const bytesOf = (a: Typed, n: number) =>
    Buffer.from(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT);
  for (const [name] of DOCUMENT_ARRAYS) push(bytesOf(columns[name] as Typed, length));
  push(bytesOf(stories.high, stories.high.length));
  push(bytesOf(stories.low, stories.low.length));
  return Buffer.concat(parts);
}

/** How many first bytes tell whether a value is a snapshot this version reads (`isColumnsSnapshot`). */
export const SNAPSHOT_HEAD_BYTES = 8;

/** Whether `head`, a value's first bytes, starts a snapshot of the format this version writes. */
export function isColumnsSnapshot(head: Uint8Array): boolean {
  if (head.byteLength < SNAPSHOT_HEAD_BYTES) return false;
  const view = new DataView(head.buffer, head.byteOffset, SNAPSHOT_HEAD_BYTES);
  return view.getUint32(0, true) === MAGIC && view.getUint32(4, true) === FORMAT;
}

/** The columns `encodeColumns` wrote; throws when the bytes are not such a snapshot, whole. */
export function decodeColumns(bytes: Uint8Array): SearchColumns {
  // A copy that starts at offset 0, so every array can be a view at a 4-byte boundary.
  const buffer = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  const view = new DataView(buffer);
  const fail = (why: string): never => {
    throw new Error(`not a search columns snapshot: ${why}`);
  };
  if (bytes.byteLength < 12 || view.getUint32(0, true) !== MAGIC) fail('no magic number');
  if (view.getUint32(4, true) !== FORMAT) fail(`format ${view.getUint32(4, true)}`);
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > bytes.byteLength) fail('header cut short');
  const header = JSON.parse(Buffer.from(buffer, 12, jsonLength).toString('utf8')) as Header;
  let offset = 12 + jsonLength + pad(jsonLength);
  const take = <T extends Typed>(make: Make, count: number): T => {
    const size = count * make.BYTES_PER_ELEMENT;
    if (!Number.isInteger(count) || count < 0 || offset + size > buffer.byteLength)
      fail('arrays cut short');
    const array = new make(buffer, offset, count) as T;
    offset += size + pad(size);
    return array;
  };
  const columns = new SearchColumns();
  const arrays = DOCUMENT_ARRAYS.map(([name, make]) => [name, take(make, header.length)] as const);
  const high = take<Uint32Array>(Uint32Array, header.stories);
  const low = take<Uint32Array>(Uint32Array, header.stories);
  if (offset !== buffer.byteLength) fail('bytes left over');
  for (const [name, array] of arrays) (columns as unknown as Record<string, Typed>)[name] = array;
  columns.generation = header.generation;
  columns.size = header.size;
  for (let d = 0; d < header.length; d++)
    if (columns.present[d]) columns.totalWords += columns.words[d]!;
  for (const v of header.sources) columns.sources.code(v);
  for (const v of header.languages) columns.languages.code(v);
  for (const v of header.places) columns.places.code(v);
  columns.placeLabels.push(...header.placeLabels);
  columns.stories = StoryCodes.fromParts({ high, low, other: header.otherStories });
  return columns;
}
