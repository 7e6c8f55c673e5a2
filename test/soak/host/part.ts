// Part 5, a misbehaving model host: the stand-in's faults switched on and off in random order while suggestions are
// asked for. Each request must settle (text or a ModelError) soon after it is cancelled, the host status must tell
// the truth within 5 s of a fault starting and of it ending, and no rejection may go unhandled. test/soak/workbench
// runs the same faults while a writer types in the real workbench.
import { existsSync } from 'node:fs';
import { ModelError } from '../../../src/core/model/errors';
import { HostMonitor } from '../../../src/core/model/hostMonitor';
import { ModelHost } from '../../../src/core/model/modelHost';
import { modelPath } from '../../harness/paths';
import { startStandin, type Standin } from '../../standin/server';
import type { SoakOptions } from '../parts';
import { random, Tally, until, type PartResult } from '../report';

const MODEL = 'stories:260k';
export const TRUTH_MS = 5000;
/** A suggestion is given up after this long (the engine cancels superseded ones sooner). */
const CANCEL_AFTER_MS = 2500;

export interface Fault {
  readonly name: string;
  /** The state the status must show while the fault lasts. */
  readonly expect: 'ready' | 'unreachable' | 'modelMissing';
  on(standin: Standin): Promise<void> | void;
  off(standin: Standin): Promise<void> | void;
}

export const FAULTS: readonly Fault[] = [
  { name: 'refused', expect: 'unreachable', on: (s) => s.stopListening(), off: (s) => s.resumeListening() },
  { name: 'dropped connection (server killed)', expect: 'unreachable', on: (s) => s.stop(), off: (s) => s.start() },
  { name: '500', expect: 'unreachable', on: (s) => s.setFaults({ http500: true }), off: (s) => s.clearFaults() },
  { name: '404 (model missing)', expect: 'modelMissing', on: (s) => s.setFaults({ unknownModel: true }), off: (s) => s.clearFaults() },
  { name: 'slow first token', expect: 'ready', on: (s) => s.setFaults({ slowFirstTokenMs: 4000 }), off: (s) => s.clearFaults() },
  { name: 'stalls mid-stream', expect: 'ready', on: (s) => s.setFaults({ tokenDelayMs: 1500 }), off: (s) => s.clearFaults() },
  { name: 'error line', expect: 'ready', on: (s) => s.setFaults({ errorAfterChunks: 2 }), off: (s) => s.clearFaults() },
  { name: 'dropped mid-stream', expect: 'ready', on: (s) => s.setFaults({ dropAfterChunks: 2 }), off: (s) => s.clearFaults() },
  { name: 'cold load', expect: 'ready', on: (s) => s.setFaults({ coldLoadMs: 3000 }), off: (s) => s.clearFaults() },
  { name: 'garbage bytes', expect: 'ready', on: (s) => s.setFaults({ garbageAfterChunks: 2 }), off: (s) => s.clearFaults() },
  { name: 'never-ending stream', expect: 'ready', on: (s) => s.setFaults({ endlessStream: true }), off: (s) => s.clearFaults() },
  { name: 'answer for another model', expect: 'ready', on: (s) => s.setFaults({ answerForAnotherModel: true }), off: (s) => s.clearFaults() },
];

export async function hostPart(options: SoakOptions): Promise<PartResult> {
  if (!existsSync(modelPath())) {
    const failed = process.env.CI === 'true' ? 1 : 0;
    return { part: 'host', trials: 0, failures: failed, worst: `no test model at ${modelPath()}`, line: `host SKIPPED: no test model at ${modelPath()}`, checks: [{ name: 'host: test model present', failures: failed }] };
  }
  const standin = await startStandin({ modelPath: modelPath() });
  const host = new ModelHost(standin.url);
  const monitor = new HostMonitor(host, MODEL);
  const tally = new Tally();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  let worstTruth = { ms: 0, what: '' };
  let worstSettle = { ms: 0, what: '' };
  try {
    monitor.start();
    await until(() => monitor.status.state === 'ready', 30_000);
    const rng = random(options.seed + 5);
    const trials = options.quick ? 6 : 60;
    for (const f of FAULTS) tally.check(`host: ${f.name}`);
    for (let t = 0; t < trials; t++) {
      const fault = FAULTS[Math.floor(rng() * FAULTS.length)];
      const check = `host: ${fault.name}`;
      tally.trials++;
      await fault.on(standin);
      const settle = suggestion(host);
      const shown = await until(() => monitor.status.state === fault.expect, TRUTH_MS * 3);
      if (shown > TRUTH_MS) tally.fail(check, `the status showed ${fault.expect} after ${shown} ms`);
      // Outages of every length: a long one lets the monitor's backoff grow before the host comes back.
      await new Promise((resolve) => setTimeout(resolve, rng() * (options.quick ? 2000 : 25_000)));
      const settled = await settle;
      if (settled > CANCEL_AFTER_MS + 1000) tally.fail(check, `a cancelled suggestion settled after ${settled} ms`);
      if (settled > worstSettle.ms) worstSettle = { ms: settled, what: fault.name };
      await fault.off(standin);
      const recovered = await until(() => monitor.status.state === 'ready', TRUTH_MS * 4);
      if (recovered > TRUTH_MS) tally.fail(check, `the status showed ready ${recovered} ms after the fault ended`);
      for (const ms of [shown, recovered]) if (ms > worstTruth.ms) worstTruth = { ms, what: fault.name };
    }
    for (const reason of unhandled) tally.fail('host: no unhandled rejection', String(reason));
    tally.check('host: no unhandled rejection');
    return {
      part: 'host',
      trials: tally.trials,
      failures: tally.failures,
      worst: tally.firstFailure() ?? `status true after ${worstTruth.ms} ms at worst (${worstTruth.what}); slowest suggestion settled in ${worstSettle.ms} ms (${worstSettle.what})`,
      line: `host ${tally.trials} faults in random order, ${tally.failures} failures, status true within ${worstTruth.ms} ms at worst (${worstTruth.what}), suggestions settled within ${worstSettle.ms} ms, ${unhandled.length} unhandled rejections`,
      checks: tally.list(),
    };
  } finally {
    process.off('unhandledRejection', onUnhandled);
    monitor.dispose();
    await standin.close();
  }
}

/** One suggestion as the engine asks for it, cancelled after CANCEL_AFTER_MS; resolves with how long it took to end. */
async function suggestion(host: ModelHost): Promise<number> {
  const started = Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CANCEL_AFTER_MS);
  try {
    for await (const piece of host.generate(MODEL, { prompt: 'Once upon a time', options: { num_predict: 12, temperature: 0 } }, controller.signal)) void piece;
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
  } finally {
    clearTimeout(timer);
  }
  return Date.now() - started;
}
