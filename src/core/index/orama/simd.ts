/**
 * Int8 dot products with WebAssembly SIMD (Node 20's V8 has it): 16 bytes a load, multiplied in 16-bit lanes
 * (i16x8.extmul), the two halves added and widened in pairs to 32 bits: 100k vectors of 768 dimensions take ~14 ms,
 * about what memory can deliver to one core, where V8's scalar code needs ~50. The query is at most ±127 (it is
 * quantised here), so two products of a row byte and a query byte fit a 16-bit lane: 2 · 128 · 127 < 2^15. Written
 * out as bytes because it is one small loop (and npm has no maintained assembler worth a dependency for it); the
 * text format is beside each part.
 *
 *   (func (export "dots") (param $rows i32) (param $dim i32) (param $count i32) (param $query i32) (param $out i32)
 *     for r < count: acc = 0; p = rows + r·dim; end = p + dim; q = query
 *       do: a = load(p); b = load(q)
 *         acc += extadd_pairwise(extmul_low(a, b) + extmul_high(a, b)); p += 16; q += 16
 *       while p < end
 *       out[r] = acc.0 + acc.1 + acc.2 + acc.3)
 * Rows, query and results live in one imported memory; `dim` must be a multiple of 16.
 */
const SIMD = 0xfd;
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const simd = (op: number) => (op < 0x80 ? [SIMD, op] : [SIMD, (op & 0x7f) | 0x80, op >> 7]); // opcode as LEB128
const LOAD = [SIMD, 0x00, 0x00, 0x00]; // v128.load, no alignment promised, offset 0
const lane = (i: number) => [...get(9), SIMD, 0x1b, i]; // local.get $acc, i32x4.extract_lane i
const plus16 = (i: number) => [...get(i), 0x41, 16, 0x6a]; // local + 16
const body = [
  0x02, 0x04, 0x7f, 0x03, 0x7b, // locals: $r $p $end $q i32, $acc $a $b v128
  0x02, 0x40, 0x03, 0x40, // block, loop (rows)
  ...get(5), ...get(2), 0x4f, 0x0d, 1, // r >= count: br_if out
  SIMD, 0x0c, ...new Array(16).fill(0), ...set(9), // acc = 0
  ...get(0), ...get(5), ...get(1), 0x6c, 0x6a, 0x22, 6, // p = rows + r * dim (local.tee)
  ...get(1), 0x6a, ...set(7), // end = p + dim
  ...get(3), ...set(8), // q = query
  0x03, 0x40, // loop (columns)
  ...get(6), ...LOAD, ...set(10), ...get(8), ...LOAD, ...set(11), // a = load(p), b = load(q)
  ...get(9),
  ...get(10), ...get(11), ...simd(0x9c), ...get(10), ...get(11), ...simd(0x9d), // i16x8.extmul_low/high_i8x16_s
  ...simd(0x8e), ...simd(0x7e), ...simd(0xae), ...set(9), // i16x8.add, i32x4.extadd_pairwise_i16x8_s, i32x4.add
  ...plus16(8), ...set(8), ...plus16(6), 0x22, 6, ...get(7), 0x49, 0x0d, 0, // q += 16; p += 16; p < end: again
  0x0b,
  ...get(4), ...get(5), 0x41, 2, 0x74, 0x6a, // &out[r]
  ...lane(0), ...lane(1), 0x6a, ...lane(2), 0x6a, ...lane(3), 0x6a, 0x36, 0x02, 0x00, // i32.store sum of lanes
  ...get(5), 0x41, 1, 0x6a, ...set(5), 0x0c, 0, // r++; again
  0x0b, 0x0b, 0x0b,
];
/**
 * The same with the query widened to int16 once, outside the loop over rows: each 16 bytes of a row are widened in two
 * halves and multiplied and added in pairs straight to 32 bits (i32x4.dot_i16x8_s), two such steps a turn. `dim` must be
 * a multiple of 32 here; the query is 2·dim bytes.
 *   do: a = load(p); acc += dot(extend_low(a), load(q)) + dot(extend_high(a), load(q + 16))
 *       a = load(p + 16); acc += dot(extend_low(a), load(q + 32)) + dot(extend_high(a), load(q + 48)); p += 32; q += 64
 */
const loadAt = (offset: number) => [SIMD, 0x00, 0x00, offset]; // v128.load at a small constant offset
const halves = (p: number, q: number) => [
  ...get(p), ...loadAt(q), ...set(10), // a = the row's 16 bytes
  ...get(10), ...simd(0x87), ...get(8), ...loadAt(q * 2), ...simd(0xba), // dot(extend_low_i8x16_s(a), query)
  ...get(10), ...simd(0x88), ...get(8), ...loadAt(q * 2 + 16), ...simd(0xba), // dot(extend_high_i8x16_s(a), query)
  ...simd(0xae), ...get(9), ...simd(0xae), ...set(9), // acc += both
];
const wideBody = [
  0x02, 0x04, 0x7f, 0x02, 0x7b, // locals: $r $p $end $q i32, $acc $a v128
  0x02, 0x40, 0x03, 0x40,
  ...get(5), ...get(2), 0x4f, 0x0d, 1,
  SIMD, 0x0c, ...new Array(16).fill(0), ...set(9),
  ...get(0), ...get(5), ...get(1), 0x6c, 0x6a, 0x22, 6,
  ...get(1), 0x6a, ...set(7),
  ...get(3), ...set(8),
  0x03, 0x40,
  ...halves(6, 0), ...halves(6, 16),
  ...get(8), 0x41, 0xc0, 0x00, 0x6a, ...set(8), ...get(6), 0x41, 32, 0x6a, 0x22, 6, ...get(7), 0x49, 0x0d, 0, // q += 64; p += 32
  0x0b,
  ...get(4), ...get(5), 0x41, 2, 0x74, 0x6a,
  ...lane(0), ...lane(1), 0x6a, ...lane(2), 0x6a, ...lane(3), 0x6a, 0x36, 0x02, 0x00,
  ...get(5), 0x41, 1, 0x6a, ...set(5), 0x0c, 0,
  0x0b, 0x0b, 0x0b,
];
const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
const text = (s: string) => [s.length, ...Buffer.from(s, 'latin1')];
const code = (bytes: number[]) => [...leb(bytes.length), ...bytes];
const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]), // type (i32 ×5) → ()
  ...section(2, [0x01, ...text('m'), ...text('memory'), 0x02, 0x00, 0x01]), // import memory, at least a page
  ...section(3, [0x02, 0x00, 0x00]), // two functions of that type
  ...section(7, [0x02, ...text('dots'), 0x00, 0x00, ...text('wide'), 0x00, 0x01]),
  ...section(10, [0x02, ...code(body), ...code(wideBody)]),
]);

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

export type Dots = (rows: number, dim: number, count: number, query: number, out: number) => void;

/** The little of WebAssembly's JavaScript API used here (the project's TypeScript libraries do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface Wasm {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
const wasm = (globalThis as unknown as { WebAssembly?: Wasm }).WebAssembly;

/** A WebAssembly memory of `pages` 64 KiB pages, or undefined where there is no WebAssembly. */
export function wasmMemory(pages: number): WasmMemory | undefined {
  return wasm && new wasm.Memory({ initial: pages });
}

export interface Kernels {
  /** Int8 rows of `dim` bytes against an int8 query. */
  readonly dots: Dots;
  /** Int8 rows of `dim` bytes against a query widened to int16; `dim` a multiple of 32. */
  readonly wide: Dots;
}

/** The SIMD kernels over `memory`, or undefined where WebAssembly SIMD is missing (the caller keeps its scalar loop). */
export function simdKernels(memory: WasmMemory): Kernels | undefined {
  try {
    if (!wasm?.validate(MODULE)) return undefined;
    const { exports } = new wasm.Instance(new wasm.Module(MODULE), { m: { memory } });
    return { dots: exports.dots as Dots, wide: exports.wide as Dots };
  } catch {
    return undefined;
  }
}
