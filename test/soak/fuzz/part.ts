// Part 3, fuzzed input: N generated and mutated inputs through each target, each in a worker thread with a memory
// ceiling and a per-input time limit. A hang or a crash ends that worker; the next one resumes after the input.
import { createReadStream, existsSync } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { SoakOptions } from '../parts';
import { Tally, type PartResult } from '../report';
import { FUZZ_TARGETS } from './targets';
import type { FuzzWorkerData, FuzzWorkerMessage } from './worker';

/** An input may take this long before it counts as a hang (the machine is shared; real inputs take milliseconds). */
const HANG_MS = 20_000;
/** The worker's old generation: an input that needs more than this is a memory failure. */
const MEMORY_CEILING_MB = 768;

export async function fuzzPart(options: SoakOptions): Promise<PartResult> {
  const perTarget = options.quick ? 100 : 10_000;
  const samples = await corpusSamples(options.root, options.quick ? 40 : 200);
  const tally = new Tally();
  let slowest = { target: '', index: 0, ms: 0 };
  let heapPeak = 0;
  let hangs = 0;
  let crashes = 0;
  for (const target of FUZZ_TARGETS) {
    tally.check(target.name);
    let start = 0;
    while (start < perTarget) {
      const outcome = await runWorker({ target: target.name, seed: options.seed, start, end: perTarget, samples, progress: new SharedArrayBuffer(8) }, (index, message) => {
        // Each one printed, not only the first: every failure becomes a bug to fix.
        options.log(`${target.name}: input ${index} failed: ${message.slice(0, 300)}`);
        tally.fail(target.name, `input ${index} (seed ${options.seed}): ${message}`);
      });
      if (outcome.kind === 'done') {
        options.log(`${target.name}: slowest input #${outcome.slowest.index}, ${outcome.slowest.ms.toFixed(0)} ms`);
        heapPeak = Math.max(heapPeak, outcome.heapPeak);
        if (outcome.slowest.ms > slowest.ms) slowest = { target: target.name, ...outcome.slowest };
        break;
      }
      if (outcome.kind === 'hang') hangs++;
      else crashes++;
      tally.fail(target.name, `input ${outcome.index} (seed ${options.seed}): ${outcome.kind === 'hang' ? `no answer within ${HANG_MS / 1000} s` : outcome.message}`);
      start = outcome.index + 1;
    }
    options.log(`${target.name}: ${perTarget} inputs, ${tally.list().find((c) => c.name === target.name)?.failures ?? 0} failures`);
  }
  tally.trials = perTarget * FUZZ_TARGETS.length;
  const worst = tally.firstFailure() ?? `slowest input ${slowest.ms.toFixed(0)} ms (${slowest.target} #${slowest.index}); worker heap peak ${(heapPeak / 1e6).toFixed(0)} MB`;
  return {
    part: 'fuzzed',
    trials: tally.trials,
    failures: tally.failures,
    worst,
    line: `fuzzed ${tally.trials} inputs through ${FUZZ_TARGETS.length} targets, ${tally.failures - hangs - crashes} wrong, ${crashes} crashes, ${hangs} hangs, slowest ${slowest.ms.toFixed(0)} ms, heap peak ${(heapPeak / 1e6).toFixed(0)} MB (ceiling ${MEMORY_CEILING_MB} MB)`,
    checks: tally.list(),
  };
}

type Outcome =
  | { kind: 'done'; heapPeak: number; slowest: { index: number; ms: number } }
  | { kind: 'hang'; index: number }
  | { kind: 'crash'; index: number; message: string };

function runWorker(data: FuzzWorkerData, onFailure: (index: number, message: string) => void): Promise<Outcome> {
  const progress = new Int32Array(data.progress);
  Atomics.store(progress, 0, data.start);
  const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: MEMORY_CEILING_MB } });
  return new Promise<Outcome>((resolve) => {
    let settled: Outcome | undefined;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = outcome;
      clearInterval(watch);
      void worker.terminate().then(() => resolve(outcome));
    };
    let seen = -1;
    let since = Date.now();
    let armed = false; // from the worker's 'ready': loading and warming up are not an input
    const watch = setInterval(() => {
      if (!armed) return;
      const running = Atomics.load(progress, 0) * 1e6 + Atomics.load(progress, 1);
      if (running !== seen) {
        seen = running;
        since = Date.now();
      } else if (Date.now() - since > HANG_MS) settle({ kind: 'hang', index: Atomics.load(progress, 0) });
    }, 100);
    worker.on('message', (m: FuzzWorkerMessage) => {
      if (m.type === 'ready') {
        armed = true;
        since = Date.now();
      } else if (m.type === 'failure') onFailure(m.index, m.message);
      else settle({ kind: 'done', heapPeak: m.heapPeak, slowest: m.slowest });
    });
    worker.on('error', (error) => settle({ kind: 'crash', index: Atomics.load(progress, 0), message: `crashed: ${error.message}` }));
    worker.on('exit', (code) => settle({ kind: 'crash', index: Atomics.load(progress, 0), message: `the worker exited (code ${code}) before finishing` }));
  });
}

/** Real documents to mutate: the first documents of the dev corpora (Markdown, reStructuredText, blog text). */
export async function corpusSamples(root: string, count: number): Promise<string[]> {
  const base = path.resolve(root, '..', 'shared', 'corpora');
  const samples: string[] = [];
  for (const name of ['techwriters-dev.jsonl', 'kernel-docs.jsonl', 'blogs-dev.jsonl']) {
    const file = path.join(base, name);
    if (!existsSync(file)) continue;
    const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    let taken = 0;
    for await (const line of lines) {
      samples.push((JSON.parse(line) as { text: string }).text);
      if (++taken >= count / 2) break;
    }
    lines.close();
  }
  return samples;
}
