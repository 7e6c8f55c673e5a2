/**
 * out[slot] = (row[slot] · query) · scales[slot] · queryScale for every slot below `slots`: int8 rows against a
 * float query. Four lanes at once over 32-bit words (one bounds-checked load per four values), as V8 will not
 * vectorise; little-endian, as every platform VS Code runs on.
 */
export function dotRows(
  rows: Int8Array, dim: number, slots: number, vector: ArrayLike<number>, queryScale: number, scales: Float32Array, out: Float32Array,
): void {
  const query = Float64Array.from({ length: dim }, (_, i) => vector[i]);
  const aligned = dim % 4 === 0 && rows.byteOffset % 4 === 0;
  const words = aligned ? new Int32Array(rows.buffer, rows.byteOffset, (slots * dim) >> 2) : undefined;
  for (let slot = 0; slot < slots; slot++) {
    const scale = scales[slot];
    if (scale === 0) {
      out[slot] = -2;
      continue;
    }
    const sum = words ? dotWords(words, (slot * dim) >> 2, query) : dot(rows, slot * dim, query);
    out[slot] = sum * scale * queryScale;
  }
}

function dotWords(words: Int32Array, base4: number, query: Float64Array): number {
  const n = query.length >> 2;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let k = 0, i = 0; k < n; k++, i += 4) {
    const x = words[base4 + k];
    a += ((x << 24) >> 24) * query[i];
    b += ((x << 16) >> 24) * query[i + 1];
    c += ((x << 8) >> 24) * query[i + 2];
    d += (x >> 24) * query[i + 3];
  }
  return a + b + c + d;
}

function dot(rows: Int8Array, base: number, query: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < query.length; i++) sum += rows[base + i] * query[i];
  return sum;
}
