import * as assert from 'node:assert/strict';
import { simdKernels, wasmMemory } from '../../../src/core/index/orama/simd';
import { VectorRows } from '../../../src/core/index/orama/vectors';
import { PassageIndex } from '../../../src/core/index/passageIndex';
import { cutIntoPassages } from '../../../src/core/passages/chunker';
import { reduceToProse } from '../../../src/core/documents/reduce';

function vectors(n: number, dim: number, seed: number): number[][] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
  return Array.from({ length: n }, () => Array.from({ length: dim }, next));
}
const cosine = (a: number[], b: number[]) => a.reduce((n, x, i) => n + x * b[i], 0) / Math.hypot(...a) / Math.hypot(...b);

describe('index: int8 vectors', () => {
  // 64 dimensions go through the WebAssembly SIMD kernel, 30 through the scalar loop: both must rank as exact cosine does.
  for (const dim of [64, 30]) {
    it(`ranks as exact cosine does, ${dim} dimensions, and keeps at most its candidates`, () => {
      const rows = vectors(300, dim, dim);
      const index = new VectorRows(50);
      rows.forEach((v, i) => index.insert(i + 1, v));
      const query = vectors(1, dim, 99)[0];
      const found = index.find(query, -1);
      assert.equal(found.length, 50);
      const exact = rows.map((v, i) => [i + 1, cosine(v, query)] as const).sort((a, b) => b[1] - a[1]);
      assert.deepEqual(found.slice(0, 5).map(([slot]) => slot), exact.slice(0, 5).map(([slot]) => slot));
      for (const [slot, score] of found) assert.ok(Math.abs(score - exact.find(([s]) => s === slot)![1]) < 0.02, `${slot}: ${score}`);
      index.remove(exact[0][0]);
      assert.notEqual(index.find(query, -1)[0][0], exact[0][0]);
    });
  }

  it('the SIMD kernel gives the exact integer dot product, even at the extremes of int8 (no 16-bit lane overflows)', () => {
    const dim = 64;
    const memory = wasmMemory(4)!;
    const dots = simdKernels(memory)!.dots;
    assert.ok(dots, 'this Node has WebAssembly SIMD');
    const query = new Int8Array(memory.buffer, 0, dim);
    const rows = new Int8Array(memory.buffer, 1024, 3 * dim);
    query.fill(-127);
    rows.subarray(0, dim).fill(-128); // the most a row byte and a query byte can give, in every lane
    rows.subarray(dim, 2 * dim).fill(127);
    for (let i = 0; i < dim; i++) rows[2 * dim + i] = ((i * 37) % 255) - 127;
    dots(1024, dim, 3, 0, 4096);
    const out = new Int32Array(memory.buffer, 4096, 3);
    let mixed = 0;
    for (let i = 0; i < dim; i++) mixed += rows[2 * dim + i] * -127;
    assert.deepEqual([...out], [dim * 128 * 127, -dim * 127 * 127, mixed]);
  });

  it('the kernel with the query widened to int16 gives the same integer dot products as the int8 one', () => {
    const dim = 96; // three turns of its 32 dimensions
    const memory = wasmMemory(4)!;
    const kernels = simdKernels(memory)!;
    const rows = new Int8Array(memory.buffer, 8192, 4 * dim);
    rows.subarray(0, dim).fill(-128);
    rows.subarray(dim, 2 * dim).fill(127);
    for (let i = 2 * dim; i < 4 * dim; i++) rows[i] = ((i * 37) % 255) - 127;
    const narrow = new Int8Array(memory.buffer, 0, dim);
    const wide = new Int16Array(memory.buffer, 1024, dim);
    for (let i = 0; i < dim; i++) wide[i] = narrow[i] = i % 5 === 0 ? -127 : ((i * 53) % 255) - 127;
    kernels.dots(8192, dim, 4, 0, 16384);
    const byInt8 = [...new Int32Array(memory.buffer, 16384, 4)];
    kernels.wide(8192, dim, 4, 1024, 16384);
    assert.deepEqual([...new Int32Array(memory.buffer, 16384, 4)], byInt8);
    const exact = [0, 1, 2, 3].map((r) => rows.subarray(r * dim, r * dim + dim).reduce((n, x, i) => n + x * narrow[i], 0));
    assert.deepEqual(byInt8, exact);
  });

  it('its few nearest are the best of all it holds, in order, within what is kept', () => {
    const dim = 64;
    const rows = vectors(6000, dim, 5);
    const few = new VectorRows(40);
    const all = new VectorRows();
    rows.forEach((v, i) => (few.insert(i + 1, v), all.insert(i + 1, v)));
    for (const [seed, keep] of [[3, undefined], [4, new Set(Array.from({ length: 2000 }, (_, i) => 3 * i + 1))], [6, new Set([5, 900, 4500])]] as const) {
      const query = vectors(1, dim, seed)[0];
      for (const floor of [0.0001, -1]) assert.deepEqual(few.find(query, floor, keep), all.find(query, floor, keep).slice(0, 40), `seed ${seed}, floor ${floor}`);
      assert.equal(few.find(query, -1, keep).length, Math.min(40, keep?.size ?? 40), `seed ${seed}`);
    }
  });

  it('finds a stored vector first when asked for it, though int8 rounding puts its cosine a little above 1', () => {
    for (const dim of [64, 30]) {
      const rows = Array.from({ length: 200 }, (_, r) => Array.from({ length: dim }, (_, i) => Math.sin(r * 12.9898 + i * 78.233 + dim)));
      const index = new VectorRows();
      rows.forEach((v, i) => index.insert(i + 1, v));
      for (const slot of [1, 17, 200]) {
        const found = index.find(rows[slot - 1], 0.0001);
        assert.ok(found.every(([s]) => Number.isInteger(s) && s >= 1 && s <= 200), `${dim} dimensions: slots ${found.slice(0, 3).map(([s]) => s)}`);
        assert.equal(found[0][0], slot);
      }
    }
  });

  it('gives a passage back as it went in, features and all', () => {
    const index = new PassageIndex();
    const passages = cutIntoPassages(reduceToProse('Semicolons; dashes — and (parentheses)! Do I? We’re here, again, and again.\n\nA second paragraph of words.', 'markdown'), { docId: '/a.md', format: 'markdown', modifiedAt: 5 });
    index.putDocument({ docId: '/a.md', contentHash: 'h', size: 1, modifiedAt: 5, format: 'markdown' }, passages);
    for (const p of passages) {
      const back = index.get(p.id)!;
      assert.deepEqual({ ...back, features: { ...back.features, functionWords: [] } }, { ...p, features: { ...p.features, functionWords: [] } });
      back.features.functionWords.forEach((x, i) => assert.ok(Math.abs(x - p.features.functionWords[i]) < 1e-6));
    }
  });
});
