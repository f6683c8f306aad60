/** Set operations on ascending document-number arrays: linear merges, no hashing. */

export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let i = 0,
    j = 0,
    n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!,
      y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

export function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0,
    j = 0,
    n = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out[n++] = a[i++]!;
    else if (i >= a.length || b[j]! < a[i]!) out[n++] = b[j++]!;
    else {
      out[n++] = a[i++]!;
      j++;
    }
  }
  return out.subarray(0, n);
}

export function subtract(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  let j = 0,
    n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    while (j < b.length && b[j]! < x) j++;
    if (j >= b.length || b[j] !== x) out[n++] = x;
  }
  return out.subarray(0, n);
}

/** FTS engines usually return rowid order, but nothing promises it: sort when needed, keeping scores aligned. */
export function ascending(
  ids: Uint32Array,
  scores: Float64Array | null,
): { ids: Uint32Array; scores: Float64Array | null } {
  let sorted = true;
  for (let i = 1; i < ids.length; i++)
    if (ids[i - 1]! > ids[i]!) {
      sorted = false;
      break;
    }
  if (sorted) return { ids, scores };
  const order = Array.from(ids.keys()).sort((x, y) => ids[x]! - ids[y]!);
  return {
    ids: Uint32Array.from(order, (k) => ids[k]!),
    scores: scores ? Float64Array.from(order, (k) => scores[k]!) : null,
  };
}
