/**
 * Vector search over N unit vectors of DIM dimensions, the product (Orama with Ownvoice's index component: int8 rows)
 * beside the baseline (Orama's own vector index), in one run: p50/p95 per search, recall@10 against exact float
 * cosine, and the bytes a vector costs per passage in the index file.
 *   npm run bench:vectors -- [N] [DIM]
 */
import { create, insertMultiple, search, type AnyOrama } from '@orama/orama';
import { encodeIndex } from '../src/core/index/persistence';
import { PassageIndex } from '../src/core/index/passageIndex';
import type { Passage } from '../src/core/passages/passage';
import type { StyleFeatures } from '../src/core/style/features';

const RUNS = 61;
const FEATURES = { functionWords: [], meanSentenceWords: 0, meanWordLength: 0, commas: 0, semicolonsColons: 0, dashes: 0, questions: 0, exclamations: 0, parentheses: 0, firstPerson: 0, contractions: 0, capitals: 0 } as unknown as StyleFeatures;

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

export interface VectorFigures {
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** CPU time of this thread per search: what the search costs, whatever else the shared machine runs. */
  readonly cpuP50Ms: number;
  readonly cpuP95Ms: number;
  readonly recall: number;
}

/** Both sides, printed and returned: { product, baseline }. */
export async function benchVectorSearch(n = 100_000, dim = 768, withBaseline = true): Promise<{ product: VectorFigures; baseline?: VectorFigures }> {
  const exact = new Float32Array(n * dim);
  const next = random(7);
  for (let slot = 0; slot < n; slot++) {
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += (exact[slot * dim + i] = next() + next() + next()) ** 2; // roughly normal components
    norm = Math.sqrt(norm);
    for (let i = 0; i < dim; i++) exact[slot * dim + i] /= norm;
  }
  const q = random(11);
  const targets = Array.from({ length: RUNS }, (_, r) => (r * 2477) % n);
  // a stored vector plus noise: a query with a real nearest neighbour among random ones
  const queries = targets.map((slot) => Array.from({ length: dim }, (_, i) => exact[slot * dim + i] + 0.03 * q()));
  const truths = queries.slice(0, 5).map((query) => exactTop(exact, n, dim, query, 10));

  let t = performance.now();
  const index = new PassageIndex();
  const BATCH = 1000;
  for (let start = 0; start < n; start += BATCH) {
    const passages: Passage[] = [];
    for (let slot = start; slot < Math.min(n, start + BATCH); slot++) {
      passages.push({ id: `p${slot}`, docId: `d${start}`, headingPath: [], position: slot - start, line: 0, text: `note ${slot}`, wordCount: 2, format: 'plaintext', modifiedAt: 0, features: FEATURES });
    }
    index.putDocument({ docId: `d${start}`, contentHash: '', size: 0, modifiedAt: 0, format: 'plaintext' }, passages);
  }
  index.useVectorModel('bench');
  for (let slot = 0; slot < n; slot++) index.putVector(`p${slot}`, Array.from(exact.subarray(slot * dim, slot * dim + dim)));
  console.log(`  product: ${n} passages with vectors in ${((performance.now() - t) / 1000).toFixed(1)} s (putDocument, then an Orama update per vector)`);
  const product = measure(queries, truths, (query) => index.searchVectors(query, 10).map((h) => h.passage.id));
  const withVectors = encodeIndex(index, []).length;
  index.useVectorModel('none');
  const bytesPerVector = (withVectors - encodeIndex(index, []).length) / n;
  print('product', product, `${bytesPerVector.toFixed(0)} file bytes per vector`);

  let baseline: VectorFigures | undefined;
  if (withBaseline) {
    t = performance.now();
    const db = create({ schema: { text: 'string', v: `vector[${dim}]` } as const }) as AnyOrama;
    for (let start = 0; start < n; start += BATCH) {
      const docs = [];
      for (let slot = start; slot < Math.min(n, start + BATCH); slot++) docs.push({ id: `p${slot}`, text: `note ${slot}`, v: Array.from(exact.subarray(slot * dim, slot * dim + dim)) });
      insertMultiple(db, docs);
    }
    console.log(`  baseline: ${n} documents in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    baseline = measure(queries.slice(0, 21), truths, (query) => // Orama's own index is slow: fewer searches
      (search(db, { mode: 'vector', vector: { value: query, property: 'v' }, similarity: 0.0001, limit: 10 } as never) as { hits: { id: string }[] }).hits.map((h) => h.id),
    );
    print('baseline', baseline, 'float32 in memory');
  }
  return { product, baseline };
}

function measure(queries: number[][], truths: string[][], run: (query: number[]) => string[]): VectorFigures {
  const times: number[] = [];
  const cpu: number[] = [];
  let recall = 0;
  for (const [r, query] of queries.entries()) {
    const started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    const ids = run(query);
    const used = process.cpuUsage(cpuStarted);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    cpu.push((used.user + used.system) / 1000);
    if (r < truths.length) recall += ids.filter((id) => truths[r].includes(id)).length / 10 / truths.length;
  }
  const at = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * values.length)];
  return { p50Ms: at(times, 0.5), p95Ms: at(times, 0.95), cpuP50Ms: at(cpu, 0.5), cpuP95Ms: at(cpu, 0.95), recall };
}

function exactTop(exact: Float32Array, n: number, dim: number, query: readonly number[], k: number): string[] {
  const scores = new Float64Array(n);
  for (let slot = 0; slot < n; slot++) {
    let s = 0;
    for (let i = 0; i < dim; i++) s += exact[slot * dim + i] * query[i];
    scores[slot] = s;
  }
  return [...scores.keys()].sort((a, b) => scores[b] - scores[a]).slice(0, k).map((slot) => `p${slot}`);
}

function print(name: string, f: VectorFigures, note: string): void {
  console.log(
    `vectorSearch ${name.padEnd(8)} p50 ${f.p50Ms.toFixed(1)} ms | p95 ${f.p95Ms.toFixed(1)} ms | cpu p50 ${f.cpuP50Ms.toFixed(1)} p95 ${f.cpuP95Ms.toFixed(1)} ms` +
      ` | recall@10 ${f.recall.toFixed(3)} | ${note}`,
  );
}

if (require.main === module) {
  void benchVectorSearch(Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 768));
}
