// Runs one fuzz target's inputs [start, end) in a worker thread; the parent watches `progress` for hangs and the
// worker's exit for crashes and running out of memory, and starts a new worker after the input that did it.
import * as v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { warmUp } from './inputs';
import { FUZZ_TARGETS } from './targets';

export interface FuzzWorkerData {
  readonly target: string;
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly samples: readonly string[];
  /** [index of the input running, inputs finished]. */
  readonly progress: SharedArrayBuffer;
}

export type FuzzWorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failure'; readonly index: number; readonly message: string }
  | { readonly type: 'done'; readonly heapPeak: number; readonly slowest: { readonly index: number; readonly ms: number } };

const data = workerData as FuzzWorkerData;
const progress = new Int32Array(data.progress);
const post = (m: FuzzWorkerMessage) => parentPort!.postMessage(m);
// The ollama client warns about every invalid line it skips, whole; the run's output stays readable.
console.warn = () => undefined;
console.log = () => undefined;
let current = data.start;
process.on('unhandledRejection', (reason) => post({ type: 'failure', index: current, message: `unhandled rejection: ${String(reason)}` }));

async function main(): Promise<void> {
  const target = FUZZ_TARGETS.find((t) => t.name === data.target);
  if (!target) throw new Error(`no fuzz target ${data.target}`);
  const run = await target.prepare(data.seed, data.samples);
  warmUp();
  post({ type: 'ready' });
  let heapPeak = 0;
  let slowest = { index: data.start, ms: 0 };
  for (let i = data.start; i < data.end; i++) {
    current = i;
    Atomics.store(progress, 0, i);
    const started = performance.now();
    try {
      await run(i);
    } catch (error) {
      post({ type: 'failure', index: i, message: error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).join(' | ') : String(error) });
    }
    const ms = performance.now() - started;
    if (ms > slowest.ms) slowest = { index: i, ms };
    Atomics.add(progress, 1, 1);
    if (i % 64 === 0) heapPeak = Math.max(heapPeak, v8.getHeapStatistics().used_heap_size);
  }
  post({ type: 'done', heapPeak, slowest });
}

void main().catch((error: unknown) => post({ type: 'failure', index: current, message: `target failed to start: ${String(error)}` })).finally(() => process.exit(0));
