/**
 * npm run bench:index -- <corpus.jsonl | corpus.jsonl.gz | folder> [--json out.json] [--queries 1000] [--baseline-queries 100] [--no-baseline]
 *
 * Builds, saves, restores and queries Ownvoice's index (in its worker, as the editor runs it) and, in the same run,
 * a baseline of Orama used the default way: one document per passage, the whole query, JSON save/load.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { create, insert, load, save, search } from '@orama/orama';
import { silentLog } from '../src/core/common/log';
import { readCorpusFile } from '../src/core/documents/corpusFile';
import { reduceToProse } from '../src/core/documents/reduce';
import { cutIntoPassages } from '../src/core/passages/chunker';
import { WritingIndex } from '../src/core/index/writingIndex';
import type { WorkerSource } from '../src/core/index/worker/protocol';

interface Figures {
  buildMBps: number;
  heapRatio: number;
  persistedRatio: number;
  restoreMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxStallMs: number;
}

interface Corpus {
  name: string;
  documents: number;
  bytes: number;
  texts: { docId: string; text: string; format: string }[];
}

const WORKER = path.join(__dirname, '../src/core/index/worker/indexWorker.js');
const gc = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const input = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!input) throw new Error('usage: bench:index -- <corpus.jsonl | corpus.jsonl.gz | folder> [--json out.json]');
  const option = (name: string) => args[args.indexOf(name) + 1];
  const queryCount = args.includes('--queries') ? Number(option('--queries')) : 1000;
  const baselineQueries = args.includes('--baseline-queries') ? Number(option('--baseline-queries')) : 100;
  const idle = watchStalls();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  console.log(`main-thread stall with nothing running (machine noise floor): ${idle.stop().toFixed(0)} ms`);
  const corpus = await loadCorpus(input);
  console.log(`corpus ${corpus.name}: ${corpus.documents} documents, ${(corpus.bytes / 1e6).toFixed(1)} MB`);
  const queries = sampleQueries(corpus, queryCount);
  const isFolder = (await fs.stat(input)).isDirectory();
  const source: WorkerSource = isFolder
    ? { kind: 'folders', rules: { folders: [path.resolve(input)] } }
    : { kind: 'corpus', file: path.resolve(input) };
  const ownvoice = await benchOwnvoice(corpus, source, queries);
  print('ownvoice', ownvoice);
  const baseline = args.includes('--no-baseline') ? undefined : await benchBaseline(corpus, queries.slice(0, baselineQueries));
  if (baseline) print('baseline', baseline);
  if (args.includes('--json')) {
    const out = { corpus: { name: corpus.name, documents: corpus.documents, bytes: corpus.bytes }, ownvoice, baseline: baseline ?? null };
    await fs.writeFile(option('--json'), JSON.stringify(out, null, 2));
  }
}

async function benchOwnvoice(corpus: Corpus, source: WorkerSource, queries: string[]): Promise<Figures> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-bench-'));
  const storagePath = path.join(dir, 'index.ovx');
  const stalls = watchStalls();
  try {
    const { index } = await WritingIndex.open(WORKER, { source, storagePath }, silentLog);
    const before = await index.memory();
    let t = performance.now();
    const stats = await index.sync();
    const buildMs = performance.now() - t;
    const after = await index.memory();
    await index.terminate();
    console.log(`  ownvoice: ${stats.documents} documents, ${stats.passages} passages, build ${(buildMs / 1000).toFixed(1)} s (incl. save)`);
    t = performance.now();
    const reopened = await WritingIndex.open(WORKER, { source, storagePath }, silentLog);
    const restoreMs = performance.now() - t;
    const restored = await reopened.index.memory();
    console.log(`  ownvoice worker heap: ${mb(before)} MB empty, ${mb(after)} MB after build, ${mb(restored)} MB after restore (heap + array buffers)`);
    const latencies: number[] = [];
    for (const q of queries) {
      const start = performance.now();
      await reopened.index.lexicalSearch(q, 20);
      latencies.push(performance.now() - start);
    }
    await reopened.index.terminate();
    // Steady state, what the user lives with: the restored index (the build's figure is printed above).
    const heapGrowth = restored.heapUsed + restored.arrayBuffers - before.heapUsed - before.arrayBuffers;
    return {
      buildMBps: corpus.bytes / 1e6 / (buildMs / 1000),
      heapRatio: heapGrowth / corpus.bytes,
      persistedRatio: (await fs.stat(storagePath)).size / corpus.bytes,
      restoreMs,
      ...percentiles(latencies),
      maxStallMs: stalls.stop(),
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function benchBaseline(corpus: Corpus, queries: string[]): Promise<Figures> {
  const passages = corpus.texts.flatMap((d) => cutIntoPassages(reduceToProse(d.text, d.format as never), { docId: d.docId, format: d.format, modifiedAt: 0 }));
  const stalls = watchStalls();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const db = create({ schema: { text: 'string', docId: 'string' } as const });
  for (const p of passages) await insert(db, { id: p.id, text: p.text, docId: p.docId });
  const buildMs = performance.now() - t;
  gc();
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
  const json = JSON.stringify(save(db));
  const persisted = Buffer.byteLength(json);
  t = performance.now();
  const restored = create({ schema: { text: 'string', docId: 'string' } as const });
  load(restored, JSON.parse(json));
  const restoreMs = performance.now() - t;
  const latencies: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    await search(restored, { term: q, limit: 20 });
    latencies.push(performance.now() - start);
  }
  return {
    buildMBps: corpus.bytes / 1e6 / (buildMs / 1000),
    heapRatio: heapGrowth / corpus.bytes,
    persistedRatio: persisted / corpus.bytes,
    restoreMs,
    ...percentiles(latencies),
    maxStallMs: stalls.stop(),
  };
}

async function loadCorpus(input: string): Promise<Corpus> {
  const texts: Corpus['texts'] = [];
  if ((await fs.stat(input)).isDirectory()) {
    for (const file of await fs.readdir(input, { recursive: true })) {
      const full = path.join(input, file);
      if (!(await fs.stat(full)).isFile()) continue;
      const { formatOf } = await import('../src/core/documents/reduce');
      const format = formatOf(full);
      if (format) texts.push({ docId: full, text: await fs.readFile(full, 'utf8'), format });
    }
  } else {
    for await (const doc of readCorpusFile(input)) texts.push({ docId: doc.path, text: doc.text, format: doc.format });
  }
  const bytes = texts.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
  return { name: path.basename(input), documents: texts.length, bytes, texts };
}

/** The text before a random point of a random document: its last paragraph, at most 60 words (seeded). */
function sampleQueries(corpus: Corpus, count: number): string[] {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const queries: string[] = [];
  for (let tries = 0; queries.length < count && tries < count * 20; tries++) {
    const doc = corpus.texts[Math.floor(random() * corpus.texts.length)];
    const before = doc.text.slice(0, Math.floor(random() * doc.text.length));
    const paragraph = before.split(/\n\s*\n/).pop() ?? '';
    const words = paragraph.split(/\s+/).filter(Boolean).slice(-60);
    if (words.length >= 8) queries.push(words.join(' '));
  }
  return queries;
}

/** The main thread's longest event-loop delay, sampled every 5 ms. */
function watchStalls(): { stop(): number } {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 5);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      longest = Math.max(longest, performance.now() - last - 5);
      return longest;
    },
  };
}

function mb(m: { heapUsed: number; arrayBuffers: number }): string {
  return ((m.heapUsed + m.arrayBuffers) / 1e6).toFixed(0);
}

function percentiles(values: number[]): Pick<Figures, 'p50Ms' | 'p95Ms' | 'p99Ms'> {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) };
}

function print(name: string, f: Figures): void {
  console.log(
    `${name.padEnd(9)} build ${f.buildMBps.toFixed(1)} MB/s | heap ${f.heapRatio.toFixed(2)}× text | persisted ${f.persistedRatio.toFixed(2)}× text` +
      ` | restore ${f.restoreMs.toFixed(0)} ms | query p50 ${f.p50Ms.toFixed(2)} p95 ${f.p95Ms.toFixed(2)} p99 ${f.p99Ms.toFixed(2)} ms` +
      ` | max stall ${f.maxStallMs.toFixed(0)} ms`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
