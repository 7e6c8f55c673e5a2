// Part 5, a misbehaving model host: the stand-in's faults switched on and off in random order while suggestions are
// asked for. Each request must settle (text or a ModelError) soon after it is cancelled, the host status must tell
// the truth within 5 s of a fault starting and of it ending, and no rejection may go unhandled. Two phases: each
// fault once on the real clock (the 5 s as the writer meets it), then hundreds of each on a clock ten times faster,
// in lanes side by side, where every delay and limit is a tenth. test/soak/workbench runs the same faults while a
// writer types in the real workbench.
import { existsSync } from 'node:fs';
import { modelPath } from '../../harness/paths';
import type { SoakOptions } from '../parts';
import { random, shuffle, Tally, type PartResult } from '../report';
import { faults, FAULTS, type Fault } from './faults';
import { fasterClock, REAL_CLOCK, runLane, type Worst } from './lane';

const FAST_SCALE = 0.1;
/** Lanes on the fast clock, each its own stand-in: mostly waiting, so they share two cores well. */
const LANES = 6;

export async function hostPart(options: SoakOptions): Promise<PartResult> {
  if (!existsSync(modelPath())) {
    const failed = process.env.CI === 'true' ? 1 : 0;
    return { part: 'host', trials: 0, failures: failed, worst: `no test model at ${modelPath()}`, line: `host SKIPPED: no test model at ${modelPath()}`, checks: [{ name: 'host: test model present', failures: failed }] };
  }
  const tally = new Tally();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const rng = random(options.seed + 5);
    for (const f of FAULTS) tally.check(`host: ${f.name}`);
    // Real clock: every fault once (quick: six of them), in random order; the faster clock repeats them by hundreds.
    const realOrder = shuffle([...FAULTS], rng).slice(0, options.quick ? 6 : FAULTS.length);
    const realClock = { ...REAL_CLOCK, outageMs: options.quick ? 2000 : REAL_CLOCK.outageMs };
    const real = await runLane(realClock, realOrder, tally, 'host: ', rng);
    const realCount = tally.trials;

    const fast = fasterClock(FAST_SCALE);
    const fastFaults = faults(FAST_SCALE);
    for (const f of fastFaults) tally.check(`host, faster clock: ${f.name}`);
    const each = options.quick ? 5 : 200;
    const order = shuffle(fastFaults.flatMap((f) => Array<Fault>(each).fill(f)), rng);
    const lanes = Array.from({ length: LANES }, (_, i) => order.filter((_, j) => j % LANES === i));
    const worsts = await Promise.all(lanes.map((lane, i) => runLane(fast, lane, tally, 'host, faster clock: ', random(options.seed + 500 + i))));
    const fastWorst = worsts.reduce(worse);

    for (const reason of unhandled) tally.fail('host: no unhandled rejection', String(reason));
    tally.check('host: no unhandled rejection');
    const said = (w: Worst, limit: number) => `status true within ${w.truth.ms} ms at worst (${w.truth.what}; limit ${limit}), suggestions settled within ${w.settle.ms} ms`;
    return {
      part: 'host',
      trials: tally.trials,
      failures: tally.failures,
      worst: tally.firstFailure() ?? `real clock: ${said(real, realClock.truthMs)}; faster clock: ${said(fastWorst, fast.truthMs)}`,
      line: `host ${tally.trials} faults in random order, ${tally.failures} failures: ${realCount} on the real clock, ${said(real, realClock.truthMs)}; ${tally.trials - realCount} on a clock ${1 / FAST_SCALE}x faster (${each} of each fault, ${LANES} lanes), ${said(fastWorst, fast.truthMs)}; ${unhandled.length} unhandled rejections`,
      checks: tally.list(),
    };
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
}

function worse(a: Worst, b: Worst): Worst {
  return { truth: a.truth.ms >= b.truth.ms ? a.truth : b.truth, settle: a.settle.ms >= b.settle.ms ? a.settle : b.settle };
}
