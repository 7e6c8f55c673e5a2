import { grown } from './arrays';
import { dotRows } from './dot';
import { simdKernels, wasmMemory, type Kernels, type WasmMemory } from './simd';

/** Where the rows start in WebAssembly memory: the query (quantised to ±127, as int8 or int16) sits below them. */
const ROWS_AT = 65536;
const PAGE = 65536;

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
  /** At most this many nearest are returned by `find` (Infinity: all above the similarity, as Orama's own index). */
  constructor(readonly candidates = Infinity) {}

  private rows: Int8Array = new Int8Array(0);
  /** Rows live in WebAssembly memory when there is SIMD to search them; else in a plain array. */
  private memory: WasmMemory | undefined;
  private kernels: Kernels | undefined;
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
    this.reserve(slot + 1);
    this.scales = grown(this.scales, slot + 1);
    this.present = grown(this.present, slot + 1);
    this.scales[slot] = quantise(vector, this.rows.subarray(slot * dim, slot * dim + dim));
    if (!this.present[slot]) this.count++;
    this.present[slot] = 1;
  }

  /** The vector held for a slot, as stored (scale · row), or undefined. */
  vectorAt(slot: number): number[] | undefined {
    if (!this.present[slot]) return undefined;
    const dim = this.size;
    const scale = this.scales[slot];
    return Array.from(this.rows.subarray(slot * dim, slot * dim + dim), (q) => q * scale);
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
    const accept = (slot: number) => this.present[slot] === 1 && (!keep || keep.has(slot));
    if (this.kernels && this.memory) this.simdScores(vector, slots, norm);
    else dotRows(this.rows, dim, slots, vector, 1 / Math.sqrt(norm), this.scales, this.scores);
    return this.candidates < slots ? nearest(this.scores, highest(this.scores, slots, this.candidates, similarity, accept), this.candidates) : best(this.scores, slots, similarity, accept);
  }

  save(): SavedVectors {
    let slots = this.present.length;
    while (slots > 0 && !this.present[slots - 1]) slots--;
    const dim = this.size;
    return { dimension: dim, rows: this.rows.slice(0, slots * dim), scales: this.scales.slice(0, slots), present: this.present.slice(0, slots) };
  }

  static load(saved: SavedVectors, candidates = Infinity): VectorRows {
    const v = new VectorRows(candidates);
    const slots = saved.present.length;
    if (saved.scales.length !== slots || saved.rows.length !== slots * saved.dimension) throw new Error('vectors and their table disagree');
    v.size = slots ? saved.dimension : 0;
    if (v.size) {
      v.reserve(slots);
      v.rows.set(saved.rows);
    }
    v.scales = saved.scales;
    v.present = saved.present;
    for (let slot = 0; slot < slots; slot++) v.count += saved.present[slot];
    if (!v.count) v.clear();
    return v;
  }

  /**
   * Room for `slots` rows, doubling. With WebAssembly, the rows are a view on its memory (grown in pages, the view
   * made again, as growing detaches the old one), with room after them for the kernel's results.
   */
  private reserve(slots: number): void {
    const dim = this.size;
    if (this.rows.length >= slots * dim) return;
    const capacity = Math.max(slots, 1024, (this.rows.length / dim) * 2);
    if (dim % 16 === 0 && !this.memory) {
      this.memory = wasmMemory(1);
      this.kernels = this.memory && simdKernels(this.memory);
      if (!this.kernels) this.memory = undefined;
    }
    if (!this.memory) {
      this.rows = grown(this.rows, capacity * dim);
      return;
    }
    const bytes = ROWS_AT + capacity * dim + capacity * 4;
    const pages = Math.ceil((bytes - this.memory.buffer.byteLength) / PAGE);
    const kept = this.rows.slice();
    if (pages > 0) this.memory.grow(pages);
    this.rows = new Int8Array(this.memory.buffer, ROWS_AT, capacity * dim);
    this.rows.set(kept);
  }

  /** Scores by the SIMD kernel: one i32 dot product per row, the int16 kernel where the dimension allows (~15% less time). */
  private simdScores(vector: ArrayLike<number>, slots: number, norm: number): void {
    const dim = this.size;
    const queryScale = this.quantisedQuery(vector, norm);
    const outAt = ROWS_AT + this.rows.length;
    (dim % 32 === 0 ? this.kernels!.wide : this.kernels!.dots)(ROWS_AT, dim, slots, 0, outAt);
    const sums = new Int32Array(this.memory!.buffer, outAt, slots);
    const { scales, scores } = this;
    for (let slot = 0; slot < slots; slot++) scores[slot] = scales[slot] === 0 ? -2 : sums[slot] * scales[slot] * queryScale;
  }

  /**
   * The query quantised to ±127 below the rows (widened to int16 where the dimension allows, once rather than in the
   * kernel for every row): returns what turns the kernel's sums into cosines with a row's scale. `norm`: the query's, squared.
   */
  private quantisedQuery(vector: ArrayLike<number>, norm: number): number {
    const dim = this.size;
    let max = 0;
    for (let i = 0; i < dim; i++) max = Math.max(max, Math.abs(vector[i]));
    const query = dim % 32 === 0 ? new Int16Array(this.memory!.buffer, 0, dim) : new Int8Array(this.memory!.buffer, 0, dim);
    for (let i = 0; i < dim; i++) query[i] = Math.round((vector[i] * 127) / max);
    return max / 127 / Math.sqrt(norm);
  }

  private clear(): void {
    this.size = 0;
    this.rows = new Int8Array(0);
    this.memory = undefined;
    this.kernels = undefined;
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
    if (s >= floor && keep(slot)) packed[n++] = Math.round(Math.max(0, 1 - s) * 2 ** 20) * 2 ** 26 + slot; // ascending = best first; a rounding above 1 is 1
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
 * The slots of at least the `count` highest scores at least `floor` (and kept), in no order. A strided sample of the
 * scores gives a cut a little below the count-th (half as many again, to allow for the sample's error); one pass
 * collects what lies above it, and a second from the floor only if that was too few. About 1 ms for 100k scores,
 * where a heap of a thousand costs three.
 */
function highest(scores: Float32Array, slots: number, count: number, floor: number, keep: (slot: number) => boolean): number[] {
  const SAMPLE = 4096;
  const stride = Math.max(1, Math.floor(slots / SAMPLE));
  const sample: number[] = [];
  for (let slot = 1; slot < slots; slot += stride) if (scores[slot] >= floor) sample.push(scores[slot]);
  sample.sort((a, b) => b - a);
  const rank = Math.ceil((1.5 * count) / stride) + 8; // where the count-th would sit among the sampled
  const collect = (cut: number) => {
    const out: number[] = [];
    for (let slot = 1; slot < slots; slot++) if (scores[slot] >= cut && keep(slot)) out.push(slot);
    return out;
  };
  const found = rank < sample.length ? collect(Math.max(floor, sample[rank])) : [];
  return found.length >= count ? found : collect(floor);
}

/** The `k` best of `slots` (all of them scoring at least the floor asked for), best first, as Orama's [id, score] pairs. */
function nearest(scores: Float32Array, slots: number[], k: number): [number, number][] {
  return slots.sort((a, b) => scores[b] - scores[a]).slice(0, k).map((slot) => [slot, scores[slot]]);
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
