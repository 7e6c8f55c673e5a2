// One lane of part 5: a stand-in, the host monitor watching it, and a run of faults switched on and off while
// suggestions are asked for. A clock sets every delay: the real one, or a faster one where the monitor's timing, the
// faults' delays and the limits all shrink by the same factor, so hundreds of each fault fit in minutes.
import { ModelError } from '../../../src/core/model/errors';
import { DEFAULT_TIMING, HostMonitor, type HostStatus, type MonitorTiming } from '../../../src/core/model/hostMonitor';
import { ModelHost } from '../../../src/core/model/modelHost';
import { modelPath } from '../../harness/paths';
import { startStandin } from '../../standin/server';
import { until, type Tally } from '../report';
import type { Fault } from './faults';

const MODEL = 'stories:260k';

export interface Clock {
  readonly timing: MonitorTiming;
  /** The status must tell the truth this soon after a fault starts and after it ends. */
  readonly truthMs: number;
  /** A suggestion is given up after this long (the engine cancels superseded ones sooner)... */
  readonly cancelAfterMs: number;
  /** ...and must have ended this much later. */
  readonly settleSlackMs: number;
  /** The longest outage: long enough for the monitor's backoff to reach its ceiling. */
  readonly outageMs: number;
}

export const REAL_CLOCK: Clock = { timing: DEFAULT_TIMING, truthMs: 5000, cancelAfterMs: 2500, settleSlackMs: 1000, outageMs: 25_000 };

export function fasterClock(scale: number): Clock {
  const ms = (n: number) => Math.round(n * scale);
  const t = DEFAULT_TIMING;
  const timing = { healthyIntervalMs: ms(t.healthyIntervalMs), firstBackoffMs: ms(t.firstBackoffMs), maxBackoffMs: ms(t.maxBackoffMs) };
  return { timing, truthMs: ms(REAL_CLOCK.truthMs), cancelAfterMs: ms(REAL_CLOCK.cancelAfterMs), settleSlackMs: ms(REAL_CLOCK.settleSlackMs), outageMs: 3 * timing.maxBackoffMs };
}

export interface Worst {
  truth: { ms: number; what: string };
  settle: { ms: number; what: string };
}

/** Runs `order` on a stand-in of its own; failures go to `tally` under `${prefix}${fault.name}`. */
export async function runLane(clock: Clock, order: readonly Fault[], tally: Tally, prefix: string, rng: () => number): Promise<Worst> {
  const worst: Worst = { truth: { ms: 0, what: '' }, settle: { ms: 0, what: '' } };
  const standin = await startStandin({ modelPath: modelPath() });
  const host = new ModelHost(standin.url);
  const monitor = new HostMonitor(host, MODEL, clock.timing);
  try {
    monitor.start();
    await until(() => monitor.status.state === 'ready', 30_000);
    for (const fault of order) {
      const check = `${prefix}${fault.name}`;
      tally.trials++;
      await fault.on(standin);
      const settle = suggestion(host, clock.cancelAfterMs);
      const shown = await whenState(monitor, fault.expect, clock.truthMs * 3);
      if (shown > clock.truthMs) tally.fail(check, `the status showed ${fault.expect} after ${shown} ms (limit ${clock.truthMs})`);
      // Outages of every length: a long one lets the monitor's backoff grow before the host comes back.
      await new Promise((resolve) => setTimeout(resolve, rng() * clock.outageMs));
      const settled = await settle;
      if (settled > clock.cancelAfterMs + clock.settleSlackMs) tally.fail(check, `a cancelled suggestion settled after ${settled} ms`);
      if (settled > worst.settle.ms) worst.settle = { ms: settled, what: fault.name };
      await fault.off(standin);
      const recovered = await whenState(monitor, 'ready', clock.truthMs * 4);
      if (recovered > clock.truthMs) tally.fail(check, `the status showed ready ${recovered} ms after the fault ended (limit ${clock.truthMs})`);
      for (const ms of [shown, recovered]) if (ms > worst.truth.ms) worst.truth = { ms, what: fault.name };
    }
    return worst;
  } finally {
    monitor.dispose();
    await standin.close();
  }
}

/** Milliseconds until the monitor's status is `state` (now: 0), to the millisecond; `limitMs` if it never is. */
function whenState(monitor: HostMonitor, state: HostStatus['state'], limitMs: number): Promise<number> {
  if (monitor.status.state === state) return Promise.resolve(0);
  const started = Date.now();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      listener.dispose();
      resolve(Date.now() - started);
    };
    const timer = setTimeout(done, limitMs);
    const listener = monitor.onDidChange((status) => status.state === state && done());
  });
}

/** One suggestion as the engine asks for it, cancelled after `cancelAfterMs`; resolves with how long it took to end. */
async function suggestion(host: ModelHost, cancelAfterMs: number): Promise<number> {
  const started = Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), cancelAfterMs);
  try {
    for await (const piece of host.generate(MODEL, { prompt: 'Once upon a time', options: { num_predict: 12, temperature: 0 } }, controller.signal)) void piece;
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
  } finally {
    clearTimeout(timer);
  }
  return Date.now() - started;
}
