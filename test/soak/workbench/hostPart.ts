// Part 5 in the real workbench: the stand-in's faults switched on and off in random order while a writer types.
// Each trial: the fault starts, the writer goes on typing, the status bar item must say the truth within 5 s; the
// fault ends, and it must say "ready" again within 5 s without anything done by the writer. At the end every key
// must be in the document, no rejection unhandled in the extension host; key-to-screen latency during faults is
// printed beside the limit nobody should feel (figures, not pass/fail).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { statusLabel } from '../../e2e/workbenchPage';
import { FAULTS, type Fault } from '../host/faults';
import { REAL_CLOCK } from '../host/lane';
import type { SoakOptions } from '../parts';
import { random, shuffle, Tally, type PartResult } from '../report';
import { CONTROL_REJECTION, rejectInExtensionHost } from './inspector';
import { installKeyLatencyProbe, percentile, takeKeyLatencies } from './keyLatency';
import { startWorkbench, workbenchMissing } from './session';
import { MARKER_LENGTH, typeStorm } from './storm';
import { unhandledRejections } from './witness';

const NOTE = '# Faults while typing\n\n';
const LABELS: Record<Fault['expect'], string> = { ready: 'Ownvoice: ready', unreachable: 'Ownvoice: Ollama unreachable', modelMissing: 'Ownvoice: model missing' };

export async function hostTypingPart(options: SoakOptions): Promise<PartResult> {
  const missing = workbenchMissing();
  if (missing) {
    const failed = process.env.CI === 'true' ? 1 : 0;
    return { part: 'hostTyping', trials: 0, failures: failed, worst: missing, line: `hostTyping SKIPPED: ${missing}`, checks: [{ name: 'hostTyping: workbench present', failures: failed }] };
  }
  const tally = new Tally();
  for (const f of FAULTS) tally.check(`hostTyping: ${f.name}`);
  for (const c of ['every key in the document', 'no unhandled rejection']) tally.check(`hostTyping: ${c}`);
  const bench = await startWorkbench({ label: 'host-typing', profile: null, timeScale: 1, note: NOTE });
  const rng = random(options.seed + 50);
  const trials = options.quick ? 3 : FAULTS.length;
  let worst = { ms: 0, what: '' };
  let typed = '';
  let line = 1;
  const pictured = new Set<string>();
  try {
    const { page, standin } = bench;
    await installKeyLatencyProbe(page, MARKER_LENGTH);
    // Quick: three faults a writer meets, in turn; full: every fault once, in random order.
    const order = options.quick ? [FAULTS[0], FAULTS.find((f) => f.name === 'never-ending stream')!, FAULTS.find((f) => f.name === 'garbage bytes')!] : shuffle([...FAULTS], rng);
    for (const fault of order.slice(0, trials)) {
      tally.trials++;
      const check = `hostTyping: ${fault.name}`;
      await fault.on(standin);
      const during = await typeWhileWatching(page, line, options.seed + tally.trials, LABELS[fault.expect], options.quick ? 6000 : 9000);
      ({ line } = during);
      typed += during.typed + '\n';
      if (during.shownMs > REAL_CLOCK.truthMs) tally.fail(check, `the status bar said "${LABELS[fault.expect]}" after ${during.shownMs < Infinity ? `${during.shownMs} ms` : 'never'}; last "${during.last}"`);
      if (!pictured.has(fault.name)) await bench.screenshot(`fault-${fault.name.replace(/\W+/g, '-')}`);
      pictured.add(fault.name);
      await fault.off(standin);
      const after = await typeWhileWatching(page, line, options.seed + 100 + tally.trials, LABELS.ready, 7000);
      ({ line } = after);
      typed += after.typed + '\n';
      if (after.shownMs > REAL_CLOCK.truthMs) tally.fail(check, `"ready" ${after.shownMs < Infinity ? `${after.shownMs} ms` : 'never'} after the fault ended; last "${after.last}"`);
      for (const [ms, what] of [[during.shownMs, fault.name], [after.shownMs, `${fault.name} (ended)`]] as const) if (ms > worst.ms) worst = { ms, what };
    }
    const keys = await takeKeyLatencies(page);
    await page.keyboard.press('Control+S');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const saved = readFileSync(bench.note, 'utf8');
    if (saved !== NOTE + typed) tally.fail('hostTyping: every key in the document', `${saved.length} characters saved, ${NOTE.length + typed.length} typed`);
    if (keys.unseen > 0) tally.fail('hostTyping: every key in the document', `${keys.unseen} keys never seen on screen`);
    await rejectInExtensionHost(bench.inspectorPort);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rejections = unhandledRejections(bench.logs(), bench.console);
    if (!rejections.some((r) => r.includes(CONTROL_REJECTION))) tally.fail('hostTyping: no unhandled rejection', 'the control rejection never showed: the check is blind');
    const real = rejections.filter((r) => !r.includes(CONTROL_REJECTION));
    for (const r of real) tally.fail('hostTyping: no unhandled rejection', r.slice(0, 300));
    const latency = `key to screen p95 ${percentile(keys.measured, 95).toFixed(0)} ms, max ${Math.max(...keys.measured).toFixed(0)} ms (${keys.measured.length} keys)`;
    return {
      part: 'hostTyping',
      trials: tally.trials,
      failures: tally.failures,
      worst: tally.firstFailure() ?? `status true within ${worst.ms} ms at worst (${worst.what})`,
      line: `hostTyping ${tally.trials} faults while typing in the workbench, ${tally.failures} failures, status bar true within ${worst.ms} ms at worst (${worst.what}), every key kept: ${saved === NOTE + typed ? 'yes' : 'NO'}, ${real.length} unhandled rejections, ${latency}; screenshots in ${bench.screenshots}`,
      checks: tally.list(),
    };
  } finally {
    await bench.stop();
  }
}

/** Types for `ms` while polling the status bar item; `shownMs`: when it first read `label` (Infinity: never). */
async function typeWhileWatching(page: Page, line: number, seed: number, label: string, ms: number): Promise<{ typed: string; line: number; shownMs: number; last: string }> {
  const started = Date.now();
  let shownMs = Infinity;
  let last = '';
  let typing = true;
  const watch = (async () => {
    while (typing && shownMs === Infinity) {
      last = await statusLabel(page);
      if (last.startsWith(label)) shownMs = Date.now() - started;
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const storm = await typeStorm(page, { keysPerSecond: 20, durationMs: ms, seed }, line);
  typing = false;
  await watch;
  return { typed: storm.typed, line: storm.nextLine, shownMs, last };
}
