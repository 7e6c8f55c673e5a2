/**
 * The worker thread that owns the index: reading, chunking, indexing, searching, saving and restoring all happen
 * here, off the extension host's event loop. Bundled by esbuild as its own entry (dist/indexWorker.js).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Log } from '../../common/log';
import { readCorpusFile } from '../../documents/corpusFile';
import { NodeFileSource } from '../../documents/nodeFileSource';
import type { ReadResult } from '../../documents/reader';
import type { FileSource } from '../../documents/source';
import { type Calibrated, calibrate } from '../../exemplars/calibrate';
import { DEFAULT_WEIGHTS, type ScorerWeights } from '../../exemplars/scorer';
import { selectExemplars } from '../../exemplars/select';
import { ModelHost } from '../../model/modelHost';
import { measureVoiceInTurn } from '../../voice/measure';
import { WorkerCutter, type PassageCutter } from '../cutting';
import { PassageEmbedder } from '../embedding';
import { Indexer, type IndexProgress, type RunOptions } from '../indexer';
import type { IndexStats } from '../indexer';
import { scopedStore, type Scope } from '../scopedStore';
import type { WireStats, WorkerMessage, WorkerOptions, WorkerRequest, WorkerResults } from './protocol';

const port = parentPort;
if (!port) throw new Error('indexWorker must run in a worker thread');

const post = (message: WorkerMessage) => port.postMessage(message);
const log: Log = {
  trace: (message) => post({ type: 'log', level: 'trace', message }),
  info: (message) => post({ type: 'log', level: 'info', message }),
  warn: (message) => post({ type: 'log', level: 'warn', message }),
  error: (message) => post({ type: 'log', level: 'error', message: String(message instanceof Error ? message.stack : message) }),
};

let indexer: Indexer | undefined;
let cutter: PassageCutter | undefined;
let options: WorkerOptions | undefined;
/** The scorer in use: the shipped defaults until the writer calibrates. */
let weights: ScorerWeights = DEFAULT_WEIGHTS;
/** How the writer's reactions moved each passage (bounded; core/memory), added to its predicted benefit. */
let passagePriors: Readonly<Record<string, number>> = {};
const running = new Map<number, AbortController>();
/** Gives passages vectors when the user chose an embedding model. */
let embedder: PassageEmbedder | undefined;
/** The embedding pass under way; `again` asks for another once it ends (the index changed meanwhile). */
let embedding: { done: Promise<void>; controller: AbortController; again: boolean } | undefined;
/** How long selection waits for the vector of the text being written before it settles for word matching. */
const QUERY_EMBED_TIMEOUT_MS = 1500;
/** Long operations (sync, rebuild, changes) run one after another; searches interleave between their batches. */
let queue: Promise<unknown> = Promise.resolve();

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'cancel') {
    running.get(request.target)?.abort();
    return post({ type: 'result', id: request.id, value: running.has(request.target) });
  }
  const answer = handle(request);
  answer.then(
    (value) => post({ type: 'result', id: request.id, value: wireResult(request.type, value) }),
    (err: unknown) =>
      post({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err), cancelled: isAbort(err) }),
  );
});

/** The answer to a request; statistics are made wire-ready as they are posted (see wire). */
async function handle(request: Exclude<WorkerRequest, { type: 'cancel' }>): Promise<unknown> {
  switch (request.type) {
    case 'open':
      return open(request.id, request.options);
    case 'search':
      return opened().index.search(request.query, request.limit, request.exclude ? new Set(request.exclude) : undefined);
    case 'vectorSearch':
      return opened().index.searchVectors(request.vector, request.limit, request.exclude ? new Set(request.exclude) : undefined);
    case 'embed':
      return embedNow(request.id);
    case 'get':
      return request.ids.map((id) => opened().index.get(id) ?? null);
    case 'stats':
      return opened().stats();
    case 'documents':
      return [...opened().index.docs.values()].map((d) => ({ path: d.docId, passages: d.passages, bytes: d.size }));
    case 'memory':
      return measureMemory();
    case 'sync':
      return exclusive(request.id, (run) => (options?.source.kind === 'corpus' ? loadCorpus(options.source.file, run) : opened().sync(run)));
    case 'rebuild':
      return exclusive(request.id, (run) => (options?.source.kind === 'corpus' ? loadCorpus(options.source.file, run) : opened().rebuild(run)));
    case 'applyChanges':
      return exclusive(request.id, (run) => opened().applyChanges(request.changes, run));
    case 'select':
      return selectExemplars(scopedStore(opened().index, scopeOf(request.context.before, request.options)), request.context, {
        ...request.options,
        excludeDocIds: request.options.excludeDocIds && new Set(request.options.excludeDocIds),
        preferDocIds: request.options.preferDocIds && new Set(request.options.preferDocIds),
        weights,
        passagePriors,
        embedQuery: queryEmbedding(),
      });
    case 'calibrate':
      return calibrateToWriting(request.id, request.maxCuts);
    case 'setWeights':
      weights = request.weights ?? DEFAULT_WEIGHTS;
      return true;
    case 'setPriors':
      passagePriors = request.priors;
      return true;
    case 'measureVoice':
      return measureVoiceNow(request.id);
  }
}

function scopeOf(writing: string, options: { excludeDocIds?: readonly string[]; preferDocIds?: readonly string[] }): Scope {
  return { writing, excludeDocIds: options.excludeDocIds && new Set(options.excludeDocIds), preferDocIds: options.preferDocIds && new Set(options.preferDocIds) };
}

async function open(id: number, opts: WorkerOptions): Promise<{ restored: boolean; stats: IndexStats }> {
  options = opts;
  const source: FileSource = opts.source.kind === 'folders' ? new NodeFileSource(opts.source.rules) : emptySource;
  embedder = opts.embedding && embedderFor(opts.embedding.host, opts.embedding.model);
  cutter?.dispose();
  cutter = cutterBeside();
  indexer = new Indexer(source, { storagePath: opts.storagePath, maxFileBytes: opts.maxFileBytes, log, embedder, cutter });
  const restored = await indexer.restore({ onProgress: progressOf(id) });
  return { restored, stats: indexer.stats() };
}

/** The thread that cuts passages beside this one: bundled next to this file, and only where a second core exists. */
function cutterBeside(): PassageCutter | undefined {
  const script = path.join(__dirname, 'passageCutter.js');
  return availableParallelism() > 1 && existsSync(script) ? new WorkerCutter(script, log) : undefined;
}

function embedderFor(host: string, model: string): PassageEmbedder {
  const modelHost = new ModelHost(host);
  return new PassageEmbedder(model, (inputs, signal) => modelHost.embed(model, inputs, signal), log);
}

/** Starts an embedding pass unless one is under way (which then goes round once more); resolves when it ends. */
function embedInBackground(): Promise<void> {
  if (!embedder) return Promise.resolve();
  if (embedding) {
    embedding.again = true;
    return embedding.done;
  }
  const state = { controller: new AbortController(), again: true, done: Promise.resolve() };
  state.done = (async () => {
    while (state.again && !state.controller.signal.aborted) {
      state.again = false;
      await opened().embed({ signal: state.controller.signal, onCheckpoint: saveInTurn });
      await saveInTurn();
    }
  })()
    .catch((err: unknown) => log.error(err instanceof Error ? err : String(err)))
    .finally(() => (embedding = undefined));
  embedding = state;
  return state.done;
}

/** The 'embed' request: joins or starts the pass, which a cancel of this request stops. */
async function embedNow(id: number): Promise<IndexStats> {
  const pass = embedInBackground();
  if (embedding) running.set(id, embedding.controller);
  try {
    await pass;
  } finally {
    running.delete(id);
  }
  return opened().stats();
}

/** Saves between queued changes, never in the middle of one, and tells the host. */
function saveInTurn(): Promise<void> {
  const saved = queue.then(async () => {
    await opened().save();
    post({ type: 'changed', stats: wire(opened().stats()) });
  });
  queue = saved.catch(() => undefined);
  return saved;
}

/** The query embedder for selection, when the index holds vectors of the chosen model. */
function queryEmbedding(): ((text: string) => Promise<number[] | undefined>) | undefined {
  const index = opened().index;
  if (!embedder || index.vectorModel !== embedder.model || !index.embeddedCount) return undefined;
  const current = embedder;
  return (text) => current.embedQuery(text, index.dimension, QUERY_EMBED_TIMEOUT_MS);
}

/** Progress between two posts this far apart is not told: a message per batch cost a build a tenth of a second. */
const PROGRESS_EVERY_MS = 100;

/** Tells the host how request `id` is going: every phase's start and end, and between them every PROGRESS_EVERY_MS. */
function progressOf(id: number): (progress: IndexProgress) => void {
  let told: { phase: string; at: number } | undefined;
  return (progress) => {
    const now = performance.now();
    const news = !told || told.phase !== progress.phase || progress.done === progress.total || now - told.at >= PROGRESS_EVERY_MS;
    if (!news) return;
    told = { phase: progress.phase, at: now };
    post({ type: 'progress', id, progress });
  };
}

/** Runs a change to the index alone, then saves it and tells the host; cancellation keeps what was done so far. */
function exclusive(id: number, work: (run: RunOptions) => Promise<void>): Promise<IndexStats> {
  const controller = new AbortController();
  running.set(id, controller);
  const run: RunOptions = { signal: controller.signal, onProgress: progressOf(id) };
  const result = queue.then(async () => {
    try {
      await work(run);
    } finally {
      running.delete(id);
      await opened().save({ onProgress: run.onProgress });
      post({ type: 'changed', stats: wire(opened().stats()) });
    }
    return opened().stats();
  });
  queue = result.catch(() => undefined);
  const startEmbedding = () => void embedInBackground(); // vectors follow the words, in the background
  void result.then(startEmbedding, startEmbedding);
  return result;
}

/** Fits the scorer to the writer's own documents, in this thread, and starts using the result. */
async function calibrateToWriting(id: number, maxCuts?: number): Promise<Calibrated> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const index = opened().index;
    const result = await calibrate(index.all(), {
      store: index,
      prior: DEFAULT_WEIGHTS,
      maxCuts,
      signal: controller.signal,
      onProgress: (p) => post({ type: 'progress', id, progress: { phase: 'calibrating', done: p.done, total: p.total } }),
    });
    if (!result.shortfall && !result.kept) weights = result; // too little writing, or no clear gain, keeps what is in use
    return result;
  } finally {
    running.delete(id);
  }
}

/** Passages sent to the writer's model when they ask for a description of their voice. */
const VOICE_SAMPLE = 6;

/** Measures the voice profile in every passage, yielding between batches so searches go on meanwhile. */
async function measureVoiceNow(id: number) {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const passages = opened().index.all();
    const profile = await measureVoiceInTurn(passages.map((p) => ({ text: p.text, headings: p.headingPath })), controller.signal);
    const long = passages.filter((p) => p.wordCount >= 40);
    const stride = Math.max(1, Math.floor(long.length / VOICE_SAMPLE));
    return { profile, sample: long.filter((_, i) => i % stride === 0).slice(0, VOICE_SAMPLE).map((p) => p.text) };
  } finally {
    running.delete(id);
  }
}

async function loadCorpus(file: string, run: RunOptions): Promise<void> {
  await opened().indexAll(corpusInBatches(file), run);
}

async function* corpusInBatches(file: string): AsyncGenerator<ReadResult[]> {
  let batch: ReadResult[] = [];
  for await (const document of readCorpusFile(file)) {
    batch.push({ ok: true, document });
    if (batch.length < 16) continue;
    yield batch;
    batch = [];
  }
  if (batch.length) yield batch;
}

/** The skipped-files revision the host last received; -1 before any. */
let sentSkippedRevision = -1;

/** Statistics for the wire, made as they are posted: the skipped list only when the host's copy is out of date. */
function wire(stats: IndexStats | WireStats): WireStats {
  if ('skippedRevision' in stats) return stats;
  const { skipped, ...rest } = stats;
  const skippedRevision = opened().skippedRevision;
  if (skippedRevision === sentSkippedRevision) return { ...rest, skippedRevision };
  sentSkippedRevision = skippedRevision;
  return { ...rest, skippedRevision, skipped: { paths: skipped.map((s) => s.path), reasons: skipped.map((s) => s.reason) } };
}

function wireResult(type: WorkerRequest['type'], value: unknown): unknown {
  switch (type) {
    case 'open': {
      const result = value as { restored: boolean; stats: IndexStats };
      return { restored: result.restored, stats: wire(result.stats) };
    }
    case 'sync':
    case 'rebuild':
    case 'applyChanges':
    case 'stats':
    case 'embed':
      return wire(value as IndexStats);
    default:
      return value;
  }
}

function opened(): Indexer {
  if (!indexer) throw new Error('the index worker was not opened');
  return indexer;
}

function measureMemory(): WorkerResults['memory'] {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return { heapUsed: v8.getHeapStatistics().used_heap_size, arrayBuffers: process.memoryUsage().arrayBuffers };
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

const emptySource: FileSource = {
  async *list() {},
  stat: () => Promise.reject(new Error('no files in a corpus source')),
  readFile: () => Promise.reject(new Error('no files in a corpus source')),
};
