import { grown } from './arrays';
import { dotRows } from './dot';

/** One vector property's rows as save() gives them. */
export interface SavedVectors {
  readonly dimension: number;
  readonly rows: Int8Array;
  readonly scales: Float32Array;
  readonly present: Uint8Array;
}

/**
 * Unit vectors quantised to int8 by slot (Orama internal id): vector ≈ scales[slot] · row, a quarter of float32's
 * memory and file. The dimension is set by the first vector and forgotten when the last one goes. Searched by brute
 * force; `find` has the shape of Orama's own vector index (`vectorIndexes[prop].node`), so Orama's vector and hybrid
 * search use it as they would their own.
 */
export class VectorRows {
  size = 0;
  private rows: Int8Array = new Int8Array(0);
  private scales: Float32Array = new Float32Array(0);
  private present: Uint8Array = new Uint8Array(0);
  private count = 0;
  private scores = new Float32Array(0);

  get vectors(): number {
    return this.count;
  }

  has(slot: number): boolean {
    return this.present[slot] === 1;
  }

  insert(slot: number, vector: ArrayLike<number>): void {
    if (!this.size) this.size = vector.length;
    if (vector.length !== this.size) throw new Error(`a vector of ${vector.length} dimensions in an index of ${this.size}`);
    const dim = this.size;
    this.rows = grown(this.rows, (slot + 1) * dim, 1024 * dim);
    this.scales = grown(this.scales, slot + 1);
    this.present = grown(this.present, slot + 1);
    this.scales[slot] = quantise(vector, this.rows.subarray(slot * dim, slot * dim + dim));
    if (!this.present[slot]) this.count++;
    this.present[slot] = 1;
  }

  remove(slot: number): boolean {
    if (!this.present[slot]) return false;
    this.present[slot] = 0;
    this.scales[slot] = 0;
    if (--this.count === 0) this.clear();
    return true;
  }

  /** [slot, cosine] of the vectors at least `similarity` alike (among `keep`), best first. */
  find(vector: ArrayLike<number>, similarity: number, keep?: Set<number>): [number, number][] {
    const dim = this.size;
    if (!dim || vector.length !== dim || !this.count) return [];
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += vector[i] * vector[i];
    if (!(norm > 0)) return [];
    const slots = Math.min(this.present.length, this.rows.length / dim);
    if (this.scores.length < slots) this.scores = new Float32Array(Math.ceil(slots * 1.25));
    dotRows(this.rows, dim, slots, vector, 1 / Math.sqrt(norm), this.scales, this.scores);
    return best(this.scores, slots, similarity, (slot) => this.present[slot] === 1 && (!keep || keep.has(slot)));
  }

  save(): SavedVectors {
    let slots = this.present.length;
    while (slots > 0 && !this.present[slots - 1]) slots--;
    const dim = this.size;
    return { dimension: dim, rows: this.rows.slice(0, slots * dim), scales: this.scales.slice(0, slots), present: this.present.slice(0, slots) };
  }

  static load(saved: SavedVectors): VectorRows {
    const v = new VectorRows();
    const slots = saved.present.length;
    if (saved.scales.length !== slots || saved.rows.length !== slots * saved.dimension) throw new Error('vectors and their table disagree');
    v.size = slots ? saved.dimension : 0;
    v.rows = saved.rows;
    v.scales = saved.scales;
    v.present = saved.present;
    for (let slot = 0; slot < slots; slot++) v.count += saved.present[slot];
    if (!v.count) v.clear();
    return v;
  }

  private clear(): void {
    this.size = 0;
    this.rows = new Int8Array(0);
    this.scales = new Float32Array(0);
    this.present = new Uint8Array(0);
    this.count = 0;
  }
}

/**
 * The slots scoring at least `floor`, best first, as Orama's [id, score] pairs. Sorting 100k pairs with a comparator
 * costs more than the dot products; instead each (score, slot) is packed into one float64 and the array sorted natively.
 */
function best(scores: Float32Array, slots: number, floor: number, keep: (slot: number) => boolean): [number, number][] {
  const packed = new Float64Array(slots);
  let n = 0;
  for (let slot = 1; slot < slots; slot++) {
    const s = scores[slot];
    if (s >= floor && keep(slot)) packed[n++] = Math.round((1 - s) * 2 ** 20) * 2 ** 26 + slot; // ascending = best first
  }
  const order = packed.subarray(0, n).sort();
  const out = new Array<[number, number]>(n);
  for (let i = 0; i < n; i++) {
    const slot = order[i] % 2 ** 26;
    out[i] = [slot, scores[slot]];
  }
  return out;
}

/**
 * Quantises `vector` into `row` (q = round(127·v/max|v|)) and returns the scale that makes scale·q a unit vector,
 * so a score stays a true cosine (≤ 1) of what is stored.
 */
function quantise(vector: ArrayLike<number>, row: Int8Array): number {
  let max = 0;
  for (let i = 0; i < row.length; i++) max = Math.max(max, Math.abs(vector[i]));
  if (!(max > 0)) {
    row.fill(0);
    return 0;
  }
  let norm = 0;
  for (let i = 0; i < row.length; i++) {
    row[i] = Math.round((vector[i] * 127) / max);
    norm += row[i] * row[i];
  }
  return 1 / Math.sqrt(norm);
}
