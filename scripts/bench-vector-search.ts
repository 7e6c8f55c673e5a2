/**
 * p50 of PassageIndex.searchVectors over N unit vectors of DIM floats,
 * the bytes a vector costs per passage in the index file, and recall@10 against exact float cosine.
 *   npm run bench:vectors -- [N] [DIM]
 */
import { encodeIndex } from '../src/core/index/persistence';
import { PassageIndex } from '../src/core/index/passageIndex';

const N = Number(process.argv[2] ?? 100_000);
const DIM = Number(process.argv[3] ?? 768);
const RUNS = 41;

/** Deterministic xorshift32, so every run searches the same vectors. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296 - 0.5;
  };
}

function unitVector(next: () => number, into: Float32Array, at: number): number[] {
  const v = Array.from({ length: DIM }, () => next() + next() + next()); // roughly normal components
  const norm = Math.hypot(...v);
  for (let i = 0; i < DIM; i++) into[at + i] = v[i] / norm;
  return v;
}

function build(exact: Float32Array): PassageIndex {
  const index = new PassageIndex();
  const next = random(7);
  index.useVectorModel('bench');
  for (let slot = 0; slot < N; slot++) {
    const id = `p${slot}`;
    index.restoreSlot({ id, docId: 'd', headingPath: [], position: slot, line: 0, text: 'x', wordCount: 1, format: 'md', modifiedAt: 0 }, 1);
    index.putVector(id, unitVector(next, exact, slot * DIM));
  }
  return index;
}

/** A stored vector plus noise: a query with a real nearest neighbour among random ones. */
function queryNear(exact: Float32Array, slot: number, next: () => number): number[] {
  return Array.from({ length: DIM }, (_, i) => exact[slot * DIM + i] + 0.03 * next());
}

function exactTop(exact: Float32Array, query: readonly number[], k: number): string[] {
  const scores = new Float64Array(N);
  for (let slot = 0; slot < N; slot++) {
    let s = 0;
    for (let i = 0; i < DIM; i++) s += exact[slot * DIM + i] * query[i];
    scores[slot] = s;
  }
  return [...scores.keys()].sort((a, b) => scores[b] - scores[a]).slice(0, k).map((slot) => `p${slot}`);
}

function main(): void {
  const exact = new Float32Array(N * DIM);
  const index = build(exact);
  const next = random(11);
  const queries = Array.from({ length: RUNS }, (_, r) => queryNear(exact, (r * 2477) % N, next));
  const times: number[] = [];
  let recall = 0;
  let firstRight = 0;
  for (const [r, query] of queries.entries()) {
    const started = process.hrtime.bigint();
    const hits = index.searchVectors(query, 10);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (r >= 5) continue; // exact search is slow: recall on the first five queries only
    const truth = new Set(exactTop(exact, query, 10));
    recall += hits.filter((h) => truth.has(h.passage.id)).length / 10 / 5;
    if (hits[0].passage.id === `p${(r * 2477) % N}`) firstRight++;
  }
  times.sort((a, b) => a - b);
  const withVectors = encodeIndex(index, []).length;
  index.useVectorModel('none');
  const without = encodeIndex(index, []).length;
  console.log(`${N}×${DIM}: searchVectors p50 ${times[RUNS >> 1].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[RUNS - 1].toFixed(1)})`);
  console.log(`file bytes per passage for its vector: ${((withVectors - without) / N).toFixed(1)}`);
  console.log(`recall@10 vs exact float cosine: ${recall.toFixed(3)}; planted neighbour first in ${firstRight}/5`);
}

main();
