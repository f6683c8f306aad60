/**
 * Story ids → small integer codes (the `story` column), without holding a string per story: at a
 * million articles the ids as strings in a Map cost ~90 B each, more than every other column
 * together. An id of 16 hex digits (every id the archive derives) is kept as its two 32-bit halves
 * in an open-addressing table; any other id (an imported record's own) in a Map.
 */
const HEX_ID = /^[0-9a-f]{16}$/;

/** The ids of a table of story codes by code: a derived id's two halves, or another id's text. */
export interface StoryCodeParts {
  high: Uint32Array;
  low: Uint32Array;
  other: [number, string][];
}
const EMPTY = -1;

export class StoryCodes {
  /** Codes given so far: every code is below it. */
  size = 0;
  private high = new Uint32Array(1024);
  private low = new Uint32Array(1024);
  private codes = new Int32Array(1024).fill(EMPTY);
  private hexIds = 0;
  private readonly other = new Map<string, number>();

  code(id: string): number {
    if (HEX_ID.test(id))
      return this.hexCode(parseInt(id.slice(0, 8), 16), parseInt(id.slice(8), 16));
    let code = this.other.get(id);
    if (code === undefined) {
      code = this.size++;
      this.other.set(id, code);
    }
    return code;
  }

  private hexCode(high: number, low: number): number {
    if ((this.hexIds + 1) * 2 > this.codes.length) this.grow();
    const mask = this.codes.length - 1;
    let slot = slotOf(high, low) & mask;
    for (;;) {
      const code = this.codes[slot]!;
      if (code === EMPTY) break;
      if (this.high[slot] === high && this.low[slot] === low) return code;
      slot = (slot + 1) & mask;
    }
    this.high[slot] = high;
    this.low[slot] = low;
    this.codes[slot] = this.size;
    this.hexIds++;
    return this.size++;
  }

  /** Every code's id, in code order (8 bytes a derived id), for a snapshot (columns-snapshot.ts). */
  parts(): StoryCodeParts {
    const high = new Uint32Array(this.size);
    const low = new Uint32Array(this.size);
    for (let slot = 0; slot < this.codes.length; slot++) {
      const code = this.codes[slot]!;
      if (code === EMPTY) continue;
      high[code] = this.high[slot]!;
      low[code] = this.low[slot]!;
    }
    const other: [number, string][] = [...this.other].map(([id, code]) => [code, id]);
    return { high, low, other };
  }

  /** The table `parts` describes: each id placed again in code order, so each gets its code back. */
  static fromParts(parts: StoryCodeParts): StoryCodes {
    const size = parts.high.length;
    if (parts.low.length !== size) throw new Error('story codes: halves of different lengths');
    const others = new Map(parts.other);
    const table = new StoryCodes();
    for (let code = 0; code < size; code++) {
      const id = others.get(code);
      if (id === undefined) table.hexCode(parts.high[code]!, parts.low[code]!);
      else table.other.set(id, table.size++);
    }
    if (table.size !== size || table.other.size !== others.size)
      throw new Error('story codes: an id is listed twice');
    return table;
  }

  /** Twice the table, every id placed again (its code unchanged). */
  private grow(): void {
    const { high, low, codes } = this;
    const capacity = codes.length * 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.codes = new Int32Array(capacity).fill(EMPTY);
    const mask = capacity - 1;
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] === EMPTY) continue;
      let slot = slotOf(high[i]!, low[i]!) & mask;
      while (this.codes[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.high[slot] = high[i]!;
      this.low[slot] = low[i]!;
      this.codes[slot] = codes[i]!;
    }
  }
}

/** Mixes both halves (derived ids are already hashes, but not every id need be). */
function slotOf(high: number, low: number): number {
  return (Math.imul(high ^ (low >>> 15), 0x9e3779b1) ^ low) >>> 0;
}
